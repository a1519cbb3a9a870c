package dev.junction.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.Keepalive;
import dev.junction.core.NodeCounters;
import dev.junction.protocol.RelayProtocol;
import dev.junction.security.AdmissionControl;
import dev.junction.security.JwtVerifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the node's periodic work (keepalive, each protocol's own, limiter eviction) and
 * ends it at shutdown: readiness goes down, new upgrades are refused, and every
 * connection is closed with 1012 before the web server stops. WebFlux would otherwise
 * drop open WebSockets with 1005 after its own shutdown phase.
 */
@Component
public class NodeLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(NodeLifecycle.class);

	private final ConnectionRegistry connections;

	private final NodeCounters counters;

	private final Scheduler scheduler;

	private final JunctionProperties properties;

	private final ApplicationEventPublisher events;

	private final List<RelayProtocol> protocols;

	private final JwtVerifier jwtVerifier;

	private final AdmissionControl admission;

	private final List<Disposable> tasks = new ArrayList<>();

	private volatile boolean running;

	public NodeLifecycle(ConnectionRegistry connections, NodeCounters counters, Scheduler junctionScheduler,
			JunctionProperties properties, ApplicationEventPublisher events, List<RelayProtocol> protocols,
			JwtVerifier jwtVerifier, AdmissionControl admission) {
		this.jwtVerifier = jwtVerifier;
		this.admission = admission;
		this.connections = connections;
		this.counters = counters;
		this.scheduler = junctionScheduler;
		this.properties = properties;
		this.events = events;
		this.protocols = protocols;
	}

	@Override
	public void start() {
		// A context may be stopped and started again (Spring pauses idle test contexts):
		// it takes traffic again, which Spring Boot announces only once, at start-up.
		if (this.counters.draining().getAndSet(false)) {
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
		KeepaliveProperties keepalive = this.properties.getKeepalive();
		this.tasks.add(new Keepalive(this.connections, keepalive.getInterval(), keepalive.getTimeout(), this.scheduler)
			.start());
		this.protocols.forEach((protocol) -> this.tasks.addAll(protocol.start(this.scheduler)));
		this.tasks
			.add(this.jwtVerifier.refreshEvery(this.properties.getAuth().getJwksRefreshInterval(), this.scheduler));
		this.tasks
			.add(Flux.interval(Duration.ofMinutes(1), this.scheduler).subscribe((tick) -> this.admission.evictIdle()));
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.counters.draining().set(true);
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		this.tasks.forEach(Disposable::dispose);
		this.tasks.clear();
		drain();
	}

	/**
	 * Close every connection with 1012, each at its own random moment of the drain spread
	 * so that clients do not all reconnect at once, then wait for the close handshakes up
	 * to the drain timeout and drop whatever is left.
	 */
	private void drain() {
		List<Connection> open = new ArrayList<>(this.connections.all());
		if (open.isEmpty()) {
			return;
		}
		ShutdownProperties shutdown = this.properties.getShutdown();
		long spread = Math.min(shutdown.getDrainSpread().toMillis(), shutdown.getDrainTimeout().toMillis());
		logger.info("Draining " + open.size() + " connections with 1012 over " + spread + " ms");
		for (Connection connection : open) {
			long delay = (spread > 0) ? ThreadLocalRandom.current().nextLong(spread + 1) : 0;
			this.scheduler.schedule(() -> connection.closeForRestart(CloseReason.SERVER_RESTART), delay,
					TimeUnit.MILLISECONDS);
		}
		long deadline = System.nanoTime() + shutdown.getDrainTimeout().toNanos();
		while (this.connections.size() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		int left = this.connections.size();
		if (left > 0) {
			logger.warn("Drain timeout: dropping " + left + " connections that did not close in time");
			this.connections.all().forEach((connection) -> connection.abort(CloseReason.SERVER_RESTART));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
