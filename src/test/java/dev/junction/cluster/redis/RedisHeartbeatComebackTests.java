package dev.junction.cluster.redis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link RedisHeartbeat} that cannot reach Redis for longer than its TTL (its commands
 * go to a closed connection, in virtual time) and then can again.
 */
class RedisHeartbeatComebackTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration TTL = Duration.ofSeconds(3);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<NodeId> reaped = new CopyOnWriteArrayList<>();

	private final AtomicInteger lost = new AtomicInteger();

	private final AtomicReference<RedisAsyncCommands<String, String>> target = new AtomicReference<>();

	private TestRedis redis;

	private RedisCommands<String, String> commands;

	private RedisAsyncCommands<String, String> broken;

	private RedisHeartbeat heartbeat;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void connect() {
		this.redis = TestRedis.connect();
		this.commands = this.redis.connection().sync();
		StatefulRedisConnection<String, String> closed = this.redis.client().connect();
		closed.close();
		this.broken = closed.async();
		this.target.set(this.redis.connection().async());
		RedisAsyncCommands<String, String> switching = (RedisAsyncCommands<String, String>) Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { RedisAsyncCommands.class }, (proxy, method, args) -> {
					try {
						return method.invoke(this.target.get(), args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		this.heartbeat = new RedisHeartbeat(switching, this.redis.prefix(), new NodeId("lost"), TTL,
				(gone) -> Mono.fromRunnable(() -> this.reaped.add(gone)).thenReturn(0L), this.lost::incrementAndGet,
				this.time);
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.commands.exists(key("heartbeat:lost"))).isOne();
		this.target.set(this.broken);
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.heartbeat.lost()).isFalse();
		assertThat(this.lost.get()).isZero();
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.heartbeat.lost()).isTrue();
		assertThat(this.lost.get()).isPositive();
		// Meanwhile its heartbeat key ran out.
		this.commands.del(key("heartbeat:lost"));
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void nodeThatComesBackShouldReapItselfBeforeWritingANewHeartbeat() {
		this.target.set(this.redis.connection().async());
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.heartbeat.lost()).isFalse();
		assertThat(this.reaped).containsExactly(new NodeId("lost"));
		assertThat(this.commands.exists(key("heartbeat:lost"))).isOne();
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("lost");
	}

	@Test
	void nodeThatComesBackWhileAnotherReapsItShouldWaitUntilThatOneIsDone() {
		this.commands.set(key("reaping:lost"), "other");
		this.target.set(this.redis.connection().async());
		int before = this.lost.get();
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.lost.get()).isGreaterThan(before);
		assertThat(this.heartbeat.lost()).isTrue();
		assertThat(this.commands.exists(key("heartbeat:lost"))).isZero();
		// The other node has reaped it and taken it out of the set.
		this.commands.srem(key("nodes"), "lost");
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.heartbeat.lost()).isFalse();
		assertThat(this.reaped).isEmpty();
		assertThat(this.commands.exists(key("heartbeat:lost"))).isOne();
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("lost");
	}

	private String key(String name) {
		return this.redis.prefix() + name;
	}

}
