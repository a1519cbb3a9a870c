package dev.junction.web;

import java.io.ByteArrayOutputStream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PreAuthFrameLimit} follows frame headers across reads of any size, passes the
 * stream through untouched, refuses a frame or a fragmented message over the limit with
 * 1009, and stops checking once lifted.
 */
class PreAuthFrameLimitTests {

	@Test
	void framesWithinTheLimitShouldPassUnchangedEvenOneByteAtATime() {
		EmbeddedChannel channel = new EmbeddedChannel(new PreAuthFrameLimit(1024));
		byte[] stream = concat(frame(0x81, 1000), frame(0x82, 125), frame(0x89, 4), frame(0x81, 1024));
		for (byte b : stream) {
			channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { b }));
		}
		assertThat(readAll(channel)).isEqualTo(stream);
		assertThat(channel.<Object>readOutbound()).isNull();
	}

	@Test
	void frameOverTheLimitShouldCloseWith1009BeforeItsPayload() {
		EmbeddedChannel channel = new EmbeddedChannel(new PreAuthFrameLimit(1024));
		byte[] header = java.util.Arrays.copyOf(frame(0x82, 70_000), 14);
		channel.writeInbound(Unpooled.wrappedBuffer(header, 0, 3));
		channel.writeInbound(Unpooled.wrappedBuffer(header, 3, 11));
		CloseWebSocketFrame close = channel.readOutbound();
		assertThat(close.statusCode()).isEqualTo(1009);
		close.release();
		assertThat(channel.<Object>readInbound()).isNotNull().satisfies((first) -> ((ByteBuf) first).release());
		assertThat(channel.<Object>readInbound()).as("nothing after the refusal is passed on").isNull();
		channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
		assertThat(channel.<Object>readInbound()).isNull();
	}

	@Test
	void fragmentedMessageOverTheLimitShouldCloseWith1009() {
		EmbeddedChannel channel = new EmbeddedChannel(new PreAuthFrameLimit(1024));
		channel.writeInbound(Unpooled.wrappedBuffer(concat(frame(0x01, 600), frame(0x89, 2))));
		assertThat(channel.<Object>readOutbound()).isNull();
		channel.writeInbound(Unpooled.wrappedBuffer(frame(0x80, 600)));
		CloseWebSocketFrame close = channel.readOutbound();
		assertThat(close.statusCode()).isEqualTo(1009);
		close.release();
	}

	@Test
	void liftedLimitShouldLetLargeFramesThrough() {
		PreAuthFrameLimit limit = new PreAuthFrameLimit(1024);
		EmbeddedChannel channel = new EmbeddedChannel(limit);
		limit.lift();
		channel.runPendingTasks();
		byte[] big = frame(0x82, 100_000);
		channel.writeInbound(Unpooled.wrappedBuffer(big));
		assertThat(readAll(channel)).isEqualTo(big);
		assertThat(channel.<Object>readOutbound()).isNull();
		assertThat(channel.pipeline().get(PreAuthFrameLimit.class)).as("left the pipeline").isNull();
	}

	/**
	 * A masked client frame with a payload of the given length.
	 */
	private static byte[] frame(int first, int length) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(first);
		if (length < 126) {
			out.write(0x80 | length);
		}
		else if (length < 65536) {
			out.write(0x80 | 126);
			out.write(length >> 8);
			out.write(length & 0xFF);
		}
		else {
			out.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) ((long) length >> shift) & 0xFF);
			}
		}
		out.writeBytes(new byte[] { 1, 2, 3, 4 });
		out.writeBytes(new byte[length]);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] readAll(EmbeddedChannel channel) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (ByteBuf buffer = channel.readInbound(); buffer != null; buffer = channel.readInbound()) {
			byte[] bytes = new byte[buffer.readableBytes()];
			buffer.readBytes(bytes);
			buffer.release();
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}

}
