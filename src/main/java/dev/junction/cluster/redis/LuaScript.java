package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import reactor.core.publisher.Mono;

/**
 * A Lua script run by its SHA-1, sent in full only when Redis does not know it yet (after
 * a restart or a {@code SCRIPT FLUSH}).
 *
 * @param source the script
 * @param sha1 its SHA-1 in hex
 */
record LuaScript(String source, String sha1) {

	static LuaScript of(String source) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
			return new LuaScript(source, HexFormat.of().formatHex(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run the script when the returned {@code Mono} is subscribed.
	 * @param <T> the result type
	 * @param commands the connection's commands
	 * @param type the result's shape
	 * @param keys the keys
	 * @param args the arguments
	 * @return the result, empty for a Lua {@code nil}
	 */
	<T> Mono<T> run(RedisAsyncCommands<String, String> commands, ScriptOutputType type, String[] keys, String... args) {
		return Mono.<T>fromCompletionStage(() -> commands.evalsha(this.sha1, type, keys, args))
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> Mono.fromCompletionStage(() -> commands.eval(this.source, type, keys, args)));
	}

}
