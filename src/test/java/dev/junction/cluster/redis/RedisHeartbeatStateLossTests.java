package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link RedisHeartbeat} whose beats keep reaching Redis while its state there goes: a
 * Redis restarted without its data, or a reaping by another node after a long pause.
 */
class RedisHeartbeatStateLossTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<NodeId> reaped = new CopyOnWriteArrayList<>();

	private final AtomicInteger lost = new AtomicInteger();

	private TestRedis redis;

	private RedisCommands<String, String> commands;

	private RedisHeartbeat heartbeat;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
		this.commands = this.redis.connection().sync();
		this.heartbeat = new RedisHeartbeat(this.redis.connection().async(), this.redis.prefix(), new NodeId("n1"),
				Duration.ofSeconds(3), (gone) -> Mono.fromRunnable(() -> this.reaped.add(gone)).thenReturn(0L),
				this.lost::incrementAndGet, this.time);
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void beatsOfANodeWhoseStateStaysShouldNeverCountItLost() {
		for (int beat = 0; beat < 3; beat++) {
			this.heartbeat.beat().block(TIMEOUT);
			this.time.advanceTimeBy(Duration.ofSeconds(1));
		}
		assertThat(this.heartbeat.lost()).isFalse();
		assertThat(this.lost.get()).isZero();
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("n1");
	}

	@Test
	void nodeMissingFromTheSetOfNodesShouldCountItselfLostThenReapItselfAndComeBack() {
		this.heartbeat.beat().block(TIMEOUT);
		// Redis restarts with nothing: no set of nodes, no heartbeat, no member.
		this.commands.del(key("nodes"), key("heartbeat:n1"));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		this.heartbeat.beat().block(TIMEOUT);
		assertThat(this.heartbeat.lost()).isTrue();
		assertThat(this.lost.get()).isOne();
		assertThat(this.reaped).isEmpty();
		// Back on a following beat, once it has reaped itself.
		await().atMost(TIMEOUT).until(() -> {
			this.time.advanceTimeBy(Duration.ofSeconds(1));
			this.heartbeat.beat().block(TIMEOUT);
			return !this.heartbeat.lost();
		});
		assertThat(this.reaped).contains(new NodeId("n1"));
		assertThat(this.commands.smembers(key("nodes"))).containsExactly("n1");
		assertThat(this.commands.exists(key("heartbeat:n1"))).isOne();
	}

	private String key(String name) {
		return this.redis.prefix() + name;
	}

}
