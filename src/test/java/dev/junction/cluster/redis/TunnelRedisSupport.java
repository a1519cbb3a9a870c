package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis that tests of the Redis seams run against: {@code -Djunction.test.redis}
 * (default {@code redis://127.0.0.1:6379}). When it does not answer the test is skipped,
 * or fails with {@code -Djunction.require-redis=true}. Each test gets a fresh key prefix
 * and can list and delete its keys.
 */
public final class TunnelRedisSupport implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final String prefix = "junction-test:" + UUID.randomUUID() + ":";

	private TunnelRedisSupport(RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.client = client;
		this.connection = connection;
	}

	/**
	 * Connect, or skip (or fail) the test when Redis does not answer.
	 * @return the support, to close after the test
	 */
	public static TunnelRedisSupport connect() {
		String url = System.getProperty("junction.test.redis", "redis://127.0.0.1:6379");
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(Duration.ofSeconds(2));
		RedisClient client = RedisClient.create(uri);
		try {
			StatefulRedisConnection<String, String> connection = client.connect();
			connection.sync().ping();
			return new TunnelRedisSupport(client, connection);
		}
		catch (RuntimeException ex) {
			client.shutdown();
			if (Boolean.getBoolean("junction.require-redis")) {
				throw new IllegalStateException("Redis at " + url + " does not answer", ex);
			}
			Assumptions.abort("Redis at " + url + " does not answer: " + ex.getMessage());
			throw ex;
		}
	}

	public RedisClient client() {
		return this.client;
	}

	/**
	 * The key prefix of this test.
	 * @return the prefix, ending in {@code :}
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The keys under this test's prefix.
	 * @return the keys
	 */
	public List<String> keys() {
		RedisCommands<String, String> commands = this.connection.sync();
		return commands.scan(ScanArgs.Builder.matches(this.prefix + "*").limit(1000)).getKeys();
	}

	/**
	 * Delete a key, as its expiry would.
	 * @param key the key
	 */
	public void delete(String key) {
		this.connection.sync().del(key);
	}

	@Override
	public void close() {
		List<String> left = keys();
		if (!left.isEmpty()) {
			this.connection.sync().del(left.toArray(String[]::new));
		}
		this.connection.close();
		this.client.shutdown();
	}

}
