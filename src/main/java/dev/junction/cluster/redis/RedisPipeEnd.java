package dev.junction.cluster.redis;

import java.nio.ByteBuffer;
import java.util.Map;

import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.PipeWindow;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;

/**
 * One end of a {@link RedisPipes} pipe: its window towards the other end, the
 * acknowledgements it owes, and its receiver.
 */
final class RedisPipeEnd implements PipeEnd {

	private final RedisPipeInboxes inboxes;

	private final RedisPipeEnds ends;

	private final String pipeId;

	private final String otherNode;

	private final Receiver receiver;

	private final PipeWindow window;

	private final long ackBatch;

	private long owed;

	private boolean closed;

	private boolean ended;

	RedisPipeEnd(RedisPipeInboxes inboxes, RedisPipeEnds ends, String pipeId, String otherNode, Receiver receiver,
			long window) {
		this.inboxes = inboxes;
		this.ends = ends;
		this.pipeId = pipeId;
		this.otherNode = otherNode;
		this.receiver = receiver;
		this.window = new PipeWindow(window);
		this.ackBatch = Math.max(1, window / 4);
	}

	String otherNode() {
		return this.otherNode;
	}

	String key() {
		return this.otherNode + "/" + this.pipeId;
	}

	@Override
	public boolean send(Frame frame) {
		byte[] bytes = frame.bytes();
		synchronized (this) {
			if (this.closed || this.ended) {
				return true;
			}
		}
		boolean room = this.window.sent(bytes.length);
		sendControl("data", Map.of("d", bytes));
		return room;
	}

	@Override
	public void acknowledge(long bytes) {
		long due = 0;
		synchronized (this) {
			if (this.closed || this.ended) {
				return;
			}
			this.owed += bytes;
			if (this.owed >= this.ackBatch) {
				due = this.owed;
				this.owed = 0;
			}
		}
		if (due > 0) {
			sendControl("ack", Map.of("n", number(due)));
		}
	}

	@Override
	public long acknowledged() {
		return this.window.acknowledged();
	}

	@Override
	public void close(@Nullable String reason) {
		long due;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			due = this.owed;
			this.owed = 0;
		}
		this.ends.removed(this);
		sendControl("end", Map.of("n", number(due), "r", RedisPipeInboxes.utf8((reason != null) ? reason : "")));
	}

	void sendControl(String type, Map<String, byte[]> fields) {
		this.inboxes.append(this.otherNode, this.pipeId, type, fields).subscribe((appended) -> {
			if (!appended) {
				ended(dev.junction.cluster.Pipes.GONE);
			}
		});
	}

	/**
	 * An entry from the other end, on the inbox reader's thread, in order.
	 */
	void handle(String type, Map<String, byte[]> body) {
		switch (type) {
			case "data" -> {
				byte[] bytes = body.get("d");
				if (bytes != null && isOpen()) {
					this.receiver.received(Frame.binary(bytes));
				}
			}
			case "ack" -> {
				if (this.window.acknowledged(longOf(body.get("n"))) && isOpen()) {
					this.receiver.writable();
				}
			}
			case "end" -> {
				this.window.acknowledged(longOf(body.get("n")));
				String reason = RedisPipeInboxes.text(body.get("r"));
				this.ends.removed(this);
				ended(reason.isEmpty() ? null : reason);
			}
			default -> {
			}
		}
	}

	void ended(@Nullable String reason) {
		synchronized (this) {
			if (this.ended || this.closed) {
				return;
			}
			this.ended = true;
		}
		this.ends.removed(this);
		this.receiver.ended(reason);
	}

	private synchronized boolean isOpen() {
		return !this.closed && !this.ended;
	}

	private static byte[] number(long value) {
		return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
	}

	private static long longOf(byte @Nullable [] bytes) {
		return (bytes != null && bytes.length == Long.BYTES) ? ByteBuffer.wrap(bytes).getLong() : 0;
	}

}
