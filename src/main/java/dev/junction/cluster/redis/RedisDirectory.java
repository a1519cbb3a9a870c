package dev.junction.cluster.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.junction.cluster.Directory;
import dev.junction.core.NodeId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A {@link Directory} in Redis: a hash per claim (owner and deadline) and per node a
 * sorted set of the keys its owners claimed, scored by deadline, so that
 * {@link #releaseNode} needs no scan. Each call is one Lua script. A claim's deadline is
 * judged by the caller's clock, so nodes need synchronized clocks; Redis's own expiry
 * removes the claim at its deadline.
 */
public final class RedisDirectory implements Directory {

	private static final int BATCH = 500;

	private final RedisAsyncCommands<String, String> commands;

	private final RedisKeys keys;

	private final Clock clock;

	/**
	 * A directory on a connection.
	 * @param commands the connection's commands (UTF-8 strings)
	 * @param keyPrefix the prefix of every key
	 * @param clock judges times to live
	 */
	public RedisDirectory(RedisAsyncCommands<String, String> commands, String keyPrefix, Clock clock) {
		this.commands = commands;
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> claim(String key, String owner, @Nullable Duration ttl) {
		return Mono
			.defer(() -> RedisScripts.DIRECTORY_CLAIM.<Long>run(this.commands, ScriptOutputType.INTEGER,
					claimKeys(key, owner), owner, now(), millis(ttl), key, this.keys.prefix()))
			.map((held) -> held == 1);
	}

	@Override
	public Mono<String> replace(String key, String owner, @Nullable Duration ttl) {
		return Mono.defer(() -> RedisScripts.DIRECTORY_REPLACE.run(this.commands, ScriptOutputType.VALUE,
				claimKeys(key, owner), owner, now(), millis(ttl), key, this.keys.prefix()));
	}

	@Override
	public Mono<Boolean> release(String key, String owner) {
		return Mono
			.defer(() -> RedisScripts.DIRECTORY_RELEASE.<Long>run(this.commands, ScriptOutputType.INTEGER,
					claimKeys(key, owner), owner, now(), key))
			.map((held) -> held == 1);
	}

	@Override
	public Mono<String> owner(String key) {
		return Mono.defer(() -> RedisScripts.DIRECTORY_OWNER.run(this.commands, ScriptOutputType.VALUE,
				new String[] { this.keys.directory(key) }, now()));
	}

	@Override
	public Mono<Integer> releaseNode(NodeId node) {
		return releaseBatch(node).expand((batch) -> (batch.get(0) > 0) ? releaseBatch(node) : Mono.empty())
			.map((batch) -> batch.get(1).intValue())
			.reduce(0, Integer::sum);
	}

	private Mono<List<Long>> releaseBatch(NodeId node) {
		return Mono.defer(() -> RedisScripts.DIRECTORY_RELEASE_NODE.run(this.commands, ScriptOutputType.MULTI,
				new String[] { this.keys.directoryNode(node.value()) }, this.keys.prefix(), node.value(), now(),
				Integer.toString(BATCH)));
	}

	private String[] claimKeys(String key, String owner) {
		return new String[] { this.keys.directory(key), this.keys.directoryNode(NodeId.of(owner)) };
	}

	private String now() {
		return Long.toString(this.clock.millis());
	}

	private static String millis(@Nullable Duration ttl) {
		return (ttl != null) ? Long.toString(Math.max(1, ttl.toMillis())) : "0";
	}

}
