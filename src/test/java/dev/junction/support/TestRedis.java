package dev.junction.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;

/**
 * A Redis for tests, at {@code -Djunction.test.redis} (default
 * {@code redis://127.0.0.1:6379}), with a fresh key prefix whose keys {@link #close}
 * deletes. When nothing answers there, the test is skipped, or fails under
 * {@code -Djunction.require-redis=true} (which {@code .ci/run} passes).
 */
public final class TestRedis implements AutoCloseable {

	/** The system property with the Redis URI. */
	public static final String URI = "junction.test.redis";

	/** The system property that makes a missing Redis fail the tests. */
	public static final String REQUIRED = "junction.require-redis";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final String prefix = "junction-test:" + UUID.randomUUID() + ":";

	private final String uri;

	private TestRedis(String uri, RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.uri = uri;
		this.client = client;
		this.connection = connection;
	}

	/**
	 * Connect to the test Redis, or skip (or fail) the test when it does not answer.
	 * @return the test Redis
	 */
	public static TestRedis connect() {
		return connect(System.getProperty(URI, "redis://127.0.0.1:6379"));
	}

	/**
	 * Connect to a Redis, or skip (or fail) the test when it does not answer.
	 * @param uri the Redis URI
	 * @return the test Redis
	 */
	public static TestRedis connect(String uri) {
		RedisURI redisUri = RedisURI.create(uri);
		redisUri.setTimeout(Duration.ofSeconds(10));
		RedisClient client = RedisClient.create(redisUri);
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		try {
			StatefulRedisConnection<String, String> connection = client.connect();
			connection.sync().ping();
			return new TestRedis(uri, client, connection);
		}
		catch (RuntimeException ex) {
			client.shutdown();
			if (Boolean.getBoolean(REQUIRED)) {
				throw new IllegalStateException("No Redis answers at " + uri, ex);
			}
			Assumptions.abort("No Redis answers at " + uri + " (-D" + URI + " names another)");
			throw ex;
		}
	}

	/**
	 * Where the test Redis answers.
	 * @return its URI
	 */
	public String uri() {
		return this.uri;
	}

	public RedisClient client() {
		return this.client;
	}

	/**
	 * A key prefix of this test alone.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	public StatefulRedisConnection<String, String> connection() {
		return this.connection;
	}

	/**
	 * Every key under this test's prefix (the whole keyspace scanned, not one page).
	 * @return the keys
	 */
	public List<String> keys() {
		RedisCommands<String, String> commands = this.connection.sync();
		List<String> found = new ArrayList<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> keys = commands.scan(cursor, ScanArgs.Builder.matches(this.prefix + "*").limit(500));
			found.addAll(keys.getKeys());
			cursor = keys;
		}
		while (!cursor.isFinished());
		return found;
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
		try {
			List<String> left = keys();
			if (!left.isEmpty()) {
				this.connection.sync().del(left.toArray(String[]::new));
			}
		}
		finally {
			this.connection.close();
			this.client.shutdown();
		}
	}

}
