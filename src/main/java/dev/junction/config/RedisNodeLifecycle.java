package dev.junction.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.cluster.redis.RedisHeartbeat;
import dev.junction.cluster.redis.RedisLink;
import dev.junction.cluster.redis.RedisReaping;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the heartbeat, the reaping and the link probe, and at shutdown ends them and
 * takes the node out of the cluster. It stops in a phase after {@link NodeLifecycle}'s
 * (whose stop returns once the drain has closed every connection), so that the node's own
 * reaping clears only what the drain left; the Redis client closes later still, with the
 * beans.
 */
class RedisNodeLifecycle implements SmartLifecycle {

	/** Stops after {@link NodeLifecycle} (the default phase), before the web server. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(RedisNodeLifecycle.class);

	private final RedisHeartbeat heartbeat;

	private final RedisReaping reaping;

	private final RedisLink link;

	private final Duration leaveTimeout;

	private final List<Disposable> tasks = new ArrayList<>();

	private volatile boolean running;

	RedisNodeLifecycle(RedisHeartbeat heartbeat, RedisReaping reaping, RedisLink link, Duration leaveTimeout) {
		this.heartbeat = heartbeat;
		this.reaping = reaping;
		this.link = link;
		this.leaveTimeout = leaveTimeout;
	}

	@Override
	public void start() {
		this.tasks.add(this.heartbeat.start());
		this.tasks.add(this.reaping.start());
		this.tasks.add(this.link.start());
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.tasks.forEach(Disposable::dispose);
		this.tasks.clear();
		try {
			this.heartbeat.leave().block(this.leaveTimeout);
		}
		catch (RuntimeException ex) {
			// The others reap this node once its heartbeat lapses.
			logger.warn("Could not leave the cluster at shutdown (" + ex.getClass().getSimpleName()
					+ "): the other nodes reap this one when its heartbeat lapses");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
