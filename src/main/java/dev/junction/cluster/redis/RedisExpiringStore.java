package dev.junction.cluster.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.cluster.ExpiringStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import reactor.core.publisher.Mono;

/**
 * An {@link ExpiringStore} in Redis: a hash per record, its fields prefixed {@code f:}
 * beside an {@code until} deadline judged by the caller's clock, and Redis's own expiry
 * at the same time. Storing is one Lua script, so of two racing puts one wins.
 */
public final class RedisExpiringStore implements ExpiringStore {

	private static final String FIELD = "f:";

	private static final String UNTIL = "until";

	private final RedisAsyncCommands<String, String> commands;

	private final RedisKeys keys;

	private final Clock clock;

	/**
	 * A store on a connection.
	 * @param commands the connection's commands (UTF-8 strings)
	 * @param keyPrefix the prefix of every key
	 * @param clock judges times to live
	 */
	public RedisExpiringStore(RedisAsyncCommands<String, String> commands, String keyPrefix, Clock clock) {
		this.commands = commands;
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> putIfAbsent(String key, Map<String, String> value, Duration ttl) {
		return Mono.defer(() -> {
			List<String> args = new ArrayList<>();
			args.add(Long.toString(this.clock.millis()));
			args.add(Long.toString(Math.max(1, ttl.toMillis())));
			value.forEach((name, text) -> {
				args.add(FIELD + name);
				args.add(text);
			});
			return RedisScripts.STORE_PUT.<Long>run(this.commands, ScriptOutputType.INTEGER,
					new String[] { this.keys.store(key) }, args.toArray(String[]::new));
		}).map((stored) -> stored == 1);
	}

	@Override
	public Mono<Map<String, String>> get(String key) {
		return Mono.fromCompletionStage(() -> this.commands.hgetall(this.keys.store(key))).flatMap((hash) -> {
			String until = hash.get(UNTIL);
			if (until == null || Long.parseLong(until) <= this.clock.millis()) {
				return Mono.empty();
			}
			Map<String, String> value = new LinkedHashMap<>();
			hash.forEach((name, text) -> {
				if (name.startsWith(FIELD)) {
					value.put(name.substring(FIELD.length()), text);
				}
			});
			return Mono.just(value);
		});
	}

}
