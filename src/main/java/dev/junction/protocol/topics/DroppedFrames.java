package dev.junction.protocol.topics;

import java.util.concurrent.atomic.AtomicLongArray;

import dev.junction.protocol.topics.TopicsMessage.Reason;

/**
 * Counts the frames the protocol drops without reply, by reason.
 */
final class DroppedFrames {

	private final AtomicLongArray counts = new AtomicLongArray(Reason.values().length);

	void record(Reason reason) {
		this.counts.incrementAndGet(reason.ordinal());
	}

	long count(Reason reason) {
		return this.counts.get(reason.ordinal());
	}

}
