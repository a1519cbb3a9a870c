package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisHeartbeat} and {@link RedisReaping} against a real Redis.
 */
class RedisNodesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration TTL = Duration.ofSeconds(30);

	private final List<NodeId> reaped = new CopyOnWriteArrayList<>();

	private TestRedis redis;

	private RedisCommands<String, String> commands;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
		this.commands = this.redis.connection().sync();
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void heartbeatShouldLiveForTheTtlAndRegisterTheNode() {
		RedisHeartbeat heartbeat = heartbeat("one");
		heartbeat.beat().block(TIMEOUT);
		assertThat(this.commands.get(key("heartbeat:one"))).isEqualTo("one");
		assertThat(this.commands.pttl(key("heartbeat:one"))).isBetween(1L, TTL.toMillis());
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("one");
		this.commands.pexpire(key("heartbeat:one"), 100);
		heartbeat.beat().block(TIMEOUT);
		assertThat(this.commands.pttl(key("heartbeat:one"))).isGreaterThan(100);
	}

	@Test
	void heartbeatShouldBeWrittenAgainWhileItRuns() {
		// Beats every 200 ms; the test only waits for the next one.
		RedisHeartbeat heartbeat = new RedisHeartbeat(this.redis.connection().async(), this.redis.prefix(),
				new NodeId("one"), Duration.ofMillis(600), this::reap, () -> {
				}, Schedulers.parallel());
		Disposable beats = heartbeat.start();
		try {
			await().atMost(TIMEOUT).until(() -> this.commands.exists(key("heartbeat:one")) == 1);
			this.commands.del(key("heartbeat:one"));
			await().atMost(TIMEOUT).until(() -> this.commands.exists(key("heartbeat:one")) == 1);
		}
		finally {
			beats.dispose();
		}
	}

	@Test
	void nodeWhoseHeartbeatLapsedShouldBeReapedOnceWhenTwoSurvivorsRace() {
		heartbeat("gone").beat().block(TIMEOUT);
		heartbeat("alive").beat().block(TIMEOUT);
		this.commands.del(key("heartbeat:gone"));
		List<NodeId> first = new CopyOnWriteArrayList<>();
		List<NodeId> second = new CopyOnWriteArrayList<>();
		RedisReaping one = reaping("one", first);
		RedisReaping two = reaping("two", second);
		var sweeps = Mono
			.zip(one.sweep().subscribeOn(Schedulers.parallel()), two.sweep().subscribeOn(Schedulers.parallel()))
			.block(TIMEOUT);
		assertThat(sweeps.getT1().size() + sweeps.getT2().size()).isOne();
		assertThat(first.size() + second.size()).isOne();
		assertThat(first.isEmpty() ? second : first).containsExactly(new NodeId("gone"));
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("alive");
		assertThat(one.sweep().block(TIMEOUT)).isEmpty();
		assertThat(two.sweep().block(TIMEOUT)).isEmpty();
		assertThat(first.size() + second.size()).isOne();
	}

	@Test
	void nodeShouldNeverReapItself() {
		heartbeat("one").beat().block(TIMEOUT);
		this.commands.del(key("heartbeat:one"));
		assertThat(reaping("one", this.reaped).sweep().block(TIMEOUT)).isEmpty();
		assertThat(this.reaped).isEmpty();
	}

	@Test
	void leavingShouldReapTheNodeAndRemoveItsHeartbeat() {
		RedisHeartbeat heartbeat = heartbeat("one");
		heartbeat.beat().block(TIMEOUT);
		heartbeat.leave().block(TIMEOUT);
		assertThat(this.reaped).containsExactly(new NodeId("one"));
		assertThat(this.commands.exists(key("heartbeat:one"))).isZero();
		assertThat(this.commands.smembers(key("nodes"))).isEmpty();
	}

	private RedisHeartbeat heartbeat(String node) {
		return new RedisHeartbeat(this.redis.connection().async(), this.redis.prefix(), new NodeId(node), TTL,
				this::reap, () -> {
				}, Schedulers.parallel());
	}

	private RedisReaping reaping(String node, List<NodeId> into) {
		return new RedisReaping(this.redis.connection().async(), this.redis.prefix(), new NodeId(node), TTL,
				(gone) -> Mono.fromRunnable(() -> into.add(gone)).thenReturn(0L), Schedulers.parallel());
	}

	private Mono<Long> reap(NodeId gone) {
		return Mono.fromRunnable(() -> this.reaped.add(gone)).thenReturn(0L);
	}

	private String key(String name) {
		return this.redis.prefix() + name;
	}

}
