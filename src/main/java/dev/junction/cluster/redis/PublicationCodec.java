package dev.junction.cluster.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.junction.cluster.Publication;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * A publication as the bytes of one pub/sub message: version, flags (text frame, sender
 * present, audience present), the sequence at a fixed place, then origin, sender and
 * audience as length-prefixed UTF-8, then the payload as is. The sequence sits at a fixed
 * offset so that the broker can stamp it after encoding, under its per-channel lock.
 */
class PublicationCodec {

	static final byte VERSION = 1;

	static final int SEQUENCE_OFFSET = 2;

	private static final int TEXT = 1;

	private static final int SENDER = 2;

	private static final int AUDIENCE = 4;

	/**
	 * Encode a publication with a sequence of zero.
	 * @param publication the publication
	 * @return the envelope
	 */
	byte[] encode(Publication publication) {
		byte[] origin = utf8(publication.origin().value());
		byte[] sender = utf8(publication.senderId());
		byte[] audience = utf8(publication.audience());
		byte[] payload = publication.frame().bytes();
		int flags = (publication.frame().isText() ? TEXT : 0) | ((sender != null) ? SENDER : 0)
				| ((audience != null) ? AUDIENCE : 0);
		ByteBuffer out = ByteBuffer
			.allocate(2 + Long.BYTES + length(origin) + length(sender) + length(audience) + payload.length);
		out.put(VERSION).put((byte) flags).putLong(0);
		put(out, origin);
		put(out, sender);
		put(out, audience);
		out.put(payload);
		return out.array();
	}

	static void stamp(byte[] envelope, long sequence) {
		ByteBuffer.wrap(envelope).putLong(SEQUENCE_OFFSET, sequence);
	}

	/**
	 * Decode an envelope; the frame it holds is made once, for every receiver.
	 * @param envelope the envelope
	 * @return the publication, or {@code null} for an unknown version
	 */
	static @Nullable Publication decode(byte[] envelope) {
		ByteBuffer in = ByteBuffer.wrap(envelope);
		if (in.get() != VERSION) {
			return null;
		}
		int flags = in.get();
		long sequence = in.getLong();
		String origin = text(in);
		String sender = ((flags & SENDER) != 0) ? text(in) : null;
		String audience = ((flags & AUDIENCE) != 0) ? text(in) : null;
		byte[] payload = new byte[in.remaining()];
		in.get(payload);
		Frame frame = ((flags & TEXT) != 0) ? Frame.text(payload) : Frame.binary(payload);
		return new Publication(new NodeId(origin), sender, sequence, audience, frame);
	}

	private static byte @Nullable [] utf8(@Nullable String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

	private static int length(byte @Nullable [] bytes) {
		return (bytes != null) ? Integer.BYTES + bytes.length : 0;
	}

	private static void put(ByteBuffer out, byte @Nullable [] bytes) {
		if (bytes != null) {
			out.putInt(bytes.length).put(bytes);
		}
	}

	private static String text(ByteBuffer in) {
		byte[] bytes = new byte[in.getInt()];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
