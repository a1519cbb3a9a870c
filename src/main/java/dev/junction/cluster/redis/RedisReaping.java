package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.List;
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
 * Finds the nodes whose heartbeat ({@link RedisHeartbeat}) has lapsed and reaps each once
 * for the whole cluster: of the nodes that find it, the one that takes the reaping claim
 * (a key set only if absent, living for the heartbeat TTL) reaps it and then takes it out
 * of the set of nodes; the others leave it alone.
 */
public final class RedisReaping {

	private static final Log logger = LogFactory.getLog(RedisReaping.class);

	private final RedisAsyncCommands<String, String> redis;

	private final RedisKeys keys;

	private final NodeId node;

	private final Duration ttl;

	private final Function<NodeId, Mono<?>> reap;

	private final Scheduler scheduler;

	/**
	 * Reaping by a node.
	 * @param redis the commands
	 * @param keyPrefix the prefix of every key
	 * @param node this node, which never reaps itself here
	 * @param ttl how long a heartbeat lives
	 * @param reap removes a node's entries from the cluster's state
	 * @param scheduler where the sweeps run and the reaping starts
	 */
	public RedisReaping(RedisAsyncCommands<String, String> redis, String keyPrefix, NodeId node, Duration ttl,
			Function<NodeId, Mono<?>> reap, Scheduler scheduler) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.node = node;
		this.ttl = ttl;
		this.reap = reap;
		this.scheduler = scheduler;
	}

	/**
	 * Sweep every half of the heartbeat TTL.
	 * @return stops the sweeps
	 */
	public Disposable start() {
		Duration interval = this.ttl.dividedBy(2);
		return Flux.interval(interval, interval, this.scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> sweep().timeout(this.ttl, this.scheduler).onErrorResume((ex) -> {
				// The link's own state tells an outage; a sweep that failed is tried
				// again.
				logger.debug("Sweep for gone nodes failed", ex);
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	/**
	 * Reap every registered node whose heartbeat has lapsed and whose claim this node
	 * takes.
	 * @return the nodes this node reaped
	 */
	public Mono<List<NodeId>> sweep() {
		return Mono.fromCompletionStage(() -> this.redis.smembers(this.keys.nodes()))
			.flatMapIterable((members) -> members)
			.filter((member) -> !member.equals(this.node.value()))
			.concatMap((member) -> lapsed(member).filter(Boolean::booleanValue)
				.flatMap((yes) -> claim(member))
				.filter(Boolean::booleanValue)
				.flatMap((yes) -> reap(new NodeId(member))))
			.collectList();
	}

	private Mono<Boolean> lapsed(String member) {
		return Mono.fromCompletionStage(() -> this.redis.exists(this.keys.heartbeat(member)))
			.map((count) -> count == 0);
	}

	private Mono<Boolean> claim(String member) {
		return Mono.fromCompletionStage(
				() -> this.redis.set(this.keys.reaping(member), this.node.value(), SetArgs.Builder.nx().px(this.ttl)))
			.map("OK"::equals)
			.defaultIfEmpty(false);
	}

	private Mono<NodeId> reap(NodeId gone) {
		// Off Lettuce's event loop: the protocols tell the leaves from here.
		return Mono.just(gone)
			.publishOn(this.scheduler)
			.flatMap(this.reap::apply)
			.then(Mono.defer(() -> Mono.fromCompletionStage(this.redis.srem(this.keys.nodes(), gone.value()))))
			.thenReturn(gone);
	}

}
