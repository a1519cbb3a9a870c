package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.junction.cluster.Pipes;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The liveness of the nodes' pipes: this node's inbox and {@code alive} key live for the
 * liveness time and are refreshed by each beat, and each beat checks the {@code alive}
 * keys of the nodes at the other side of this node's ends, whose ends are told
 * {@link Pipes#GONE} when a key has gone.
 */
final class RedisPipeLiveness {

	// Logged under RedisPipes, where operators look for the pipes' warnings.
	private static final Log logger = LogFactory.getLog(RedisPipes.class);

	private final StatefulRedisConnection<String, byte[]> writer;

	private final RedisPipeInboxes inboxes;

	private final RedisPipeEnds ends;

	private final Duration liveness;

	RedisPipeLiveness(StatefulRedisConnection<String, byte[]> writer, RedisPipeInboxes inboxes, RedisPipeEnds ends,
			Duration liveness) {
		this.writer = writer;
		this.inboxes = inboxes;
		this.ends = ends;
		this.liveness = liveness;
	}

	/**
	 * Create this node's inbox and {@code alive} key. The inbox exists from the start, so
	 * that appends to a node that went fail.
	 */
	Mono<Void> begin(String node) {
		String inbox = this.inboxes.inbox(node);
		RedisReactiveCommands<String, byte[]> commands = this.writer.reactive();
		return commands.xadd(inbox, Map.of("t", RedisPipeInboxes.utf8("nop")))
			.then(commands.pexpire(inbox, this.liveness))
			.then(commands.set(this.inboxes.alive(node), RedisPipeInboxes.utf8("1"), SetArgs.Builder.px(this.liveness)))
			.then();
	}

	/**
	 * Refresh this node's keys and check the other nodes'.
	 */
	Mono<Void> beat(String node) {
		RedisReactiveCommands<String, byte[]> commands = this.writer.reactive();
		Set<String> others = this.ends.otherNodes();
		Mono<Void> refresh = commands
			.set(this.inboxes.alive(node), RedisPipeInboxes.utf8("1"), SetArgs.Builder.px(this.liveness))
			.then(commands.pexpire(this.inboxes.inbox(node), this.liveness))
			.then();
		Flux<Void> checks = Flux.fromIterable(others)
			.concatMap((other) -> commands.exists(this.inboxes.alive(other)).doOnNext((count) -> {
				if (count == 0) {
					this.ends.nodeGone(other);
				}
			}))
			.thenMany(Flux.empty());
		return refresh.thenMany(checks).then().onErrorResume((ex) -> {
			logger.warn("Pipe heartbeat failed: " + ex.getMessage());
			this.ends.endAll();
			return Mono.empty();
		});
	}

	/**
	 * Delete this node's keys, so that a stopped node leaves nothing behind.
	 */
	Mono<Void> end(String node) {
		return this.writer.reactive().del(this.inboxes.inbox(node), this.inboxes.alive(node)).then();
	}

}
