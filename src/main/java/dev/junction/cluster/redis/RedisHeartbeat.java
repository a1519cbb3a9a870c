package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.junction.core.NodeId;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * This node's heartbeat: a key that lives for the heartbeat TTL, written again every
 * third of it, and the node's name in the set of nodes, where {@link RedisReaping} looks
 * for nodes whose heartbeat has lapsed.
 *
 * <p>
 * When no heartbeat has reached Redis for longer than the TTL, the other nodes may have
 * reaped this one: its members are out of presence and their leave told. The node then
 * counts itself as lost and tells its {@code lost} action (which closes its connections
 * so that their clients reconnect to a node that works) on every beat until it is back.
 * To come back it takes the reaping claim on itself and reaps itself first, so that
 * whatever it left in Redis goes and nobody reaps it again after it has returned; when
 * another node holds the claim, it waits until that node has finished (taken it out of
 * the set of nodes). Only then does it write a heartbeat again.
 */
public final class RedisHeartbeat {

	private static final Log logger = LogFactory.getLog(RedisHeartbeat.class);

	private final RedisAsyncCommands<String, String> redis;

	private final RedisKeys keys;

	private final NodeId node;

	private final Duration ttl;

	private final Function<NodeId, Mono<?>> reap;

	private final Runnable lost;

	private final Scheduler scheduler;

	private volatile long lastBeat;

	private volatile boolean gone;

	/** Whether the node has been in the set of nodes since it started. */
	private volatile boolean joined;

	/**
	 * A heartbeat of a node.
	 * @param redis the commands, on a connection that refuses commands while disconnected
	 * @param keyPrefix the prefix of every key
	 * @param node this node
	 * @param ttl how long a heartbeat lives
	 * @param reap removes a node's entries from the cluster's state
	 * @param lost told on every beat while this node counts as lost
	 * @param scheduler where the beats run and are timed
	 */
	public RedisHeartbeat(RedisAsyncCommands<String, String> redis, String keyPrefix, NodeId node, Duration ttl,
			Function<NodeId, Mono<?>> reap, Runnable lost, Scheduler scheduler) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.node = node;
		this.ttl = ttl;
		this.reap = reap;
		this.lost = lost;
		this.scheduler = scheduler;
	}

	/**
	 * Beat at once and then every third of the TTL.
	 * @return stops the beats
	 */
	public Disposable start() {
		this.lastBeat = now();
		return Flux.interval(Duration.ZERO, interval(), this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> beat(), 1)
			.subscribe();
	}

	/**
	 * Write the heartbeat once (or try to come back, while lost).
	 * @return completes when done, whatever the outcome
	 */
	Mono<Void> beat() {
		return Mono.defer(() -> {
			long sent = now();
			// A node that was in the set of nodes and finds it had to be added again has
			// lost its state in Redis: not registered.
			Mono<Boolean> step = this.gone ? rejoin() : register().map((added) -> !added || !this.joined);
			return step.timeout(interval(), this.scheduler).publishOn(this.scheduler).doOnNext((registered) -> {
				if (!registered && !this.gone) {
					vanished();
				}
				else if (registered) {
					this.joined = true;
					this.lastBeat = sent;
					if (this.gone) {
						this.gone = false;
						logger.info("Node " + this.node + " is back in the cluster with a new heartbeat");
					}
				}
			}).onErrorResume((ex) -> {
				missed(ex);
				return Mono.empty();
			}).then();
		});
	}

	/**
	 * Whether this node counts itself as gone from the cluster.
	 * @return {@code true} from when no heartbeat has reached Redis for the TTL until the
	 * node is back
	 */
	public boolean lost() {
		return this.gone;
	}

	/**
	 * Leave the cluster at the end of shutdown: reap this node (so that what its drained
	 * connections left, if anything, goes) and remove its heartbeat.
	 * @return completes when done
	 */
	public Mono<Void> leave() {
		String me = this.node.value();
		return this.reap.apply(this.node)
			.then(Mono.defer(() -> Mono.fromCompletionStage(this.redis.del(this.keys.heartbeat(me)))
				.then(Mono.fromCompletionStage(this.redis.srem(this.keys.nodes(), me)))))
			.then();
	}

	/**
	 * Write the heartbeat and put the node in the set of nodes.
	 * @return whether the node was not in the set before
	 */
	private Mono<Boolean> register() {
		return Mono.defer(() -> {
			String me = this.node.value();
			// Sent together on one connection, in this order: the node is never in the
			// set
			// without a heartbeat that a reaper could find missing.
			var heartbeat = this.redis.set(this.keys.heartbeat(me), me, SetArgs.Builder.px(this.ttl));
			var member = this.redis.sadd(this.keys.nodes(), me);
			return Mono.fromCompletionStage(heartbeat)
				.then(Mono.fromCompletionStage(member))
				.map((added) -> added > 0)
				.defaultIfEmpty(false);
		});
	}

	private Mono<Boolean> rejoin() {
		this.lost.run();
		String me = this.node.value();
		return Mono
			.fromCompletionStage(() -> this.redis.set(this.keys.reaping(me), me, SetArgs.Builder.nx().px(this.ttl)))
			.map("OK"::equals)
			.defaultIfEmpty(false)
			.publishOn(this.scheduler)
			.flatMap((claimed) -> {
				if (claimed) {
					return this.reap.apply(this.node).then(register()).thenReturn(true);
				}
				// Another node is reaping this one; it is done when the node is out of
				// the set.
				return Mono.fromCompletionStage(() -> this.redis.sismember(this.keys.nodes(), me))
					.flatMap((member) -> member ? Mono.just(false) : register().thenReturn(true));
			});
	}

	/**
	 * The node is no longer in the cluster's set of nodes although it kept beating: Redis
	 * restarted without its data, or another node reaped this one after a pause longer
	 * than the TTL. Whatever the node's connections had in Redis is gone, so they are
	 * closed for their clients to reconnect and rebuild it.
	 */
	private void vanished() {
		this.gone = true;
		logger.warn("Node " + this.node + " was missing from the cluster's set of nodes (Redis lost its data, "
				+ "or another node reaped this one after a pause): its connections are closed with 1012");
		this.lost.run();
	}

	private void missed(Throwable ex) {
		if (this.gone || now() - this.lastBeat <= this.ttl.toMillis()) {
			return;
		}
		this.gone = true;
		logger.warn("Node " + this.node + " has not reached Redis for more than " + this.ttl.toMillis() + " ms ("
				+ ex.getClass().getSimpleName()
				+ "): the other nodes may have reaped it, so its connections are closed with 1012");
		this.lost.run();
	}

	private Duration interval() {
		return this.ttl.dividedBy(3);
	}

	private long now() {
		return this.scheduler.now(TimeUnit.MILLISECONDS);
	}

}
