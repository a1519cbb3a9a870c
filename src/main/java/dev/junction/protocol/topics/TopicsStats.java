package dev.junction.protocol.topics;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The periodic statistics line of the original relay: the number of topics and peers of
 * this node, at INFO, on the logger {@code dev.junction.protocol.topics}. No topic names:
 * they are shared secrets between peers.
 */
final class TopicsStats {

	private static final Log logger = LogFactory.getLog("dev.junction.protocol.topics");

	private final LongSupplier topics;

	private final LongSupplier peers;

	private final Duration interval;

	TopicsStats(LongSupplier topics, LongSupplier peers, Duration interval) {
		this.topics = topics;
		this.peers = peers;
		this.interval = interval;
	}

	Disposable start(Scheduler scheduler) {
		return Flux.interval(this.interval, scheduler).subscribe((tick) -> log());
	}

	void log() {
		if (logger.isInfoEnabled()) {
			logger.info("Stats: " + this.topics.getAsLong() + " topics, " + this.peers.getAsLong() + " peers");
		}
	}

}
