package dev.junction.protocol.topics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.junction.protocol.topics.TopicsMessage.Reason;

/**
 * Counts the frames the protocol drops without reply, by reason.
 */
final class DroppedFrames {

	private final Map<Reason, Long> counts = new ConcurrentHashMap<>();

	void record(Reason reason) {
		this.counts.merge(reason, 1L, Long::sum);
	}

	long count(Reason reason) {
		return this.counts.getOrDefault(reason, 0L);
	}

}
