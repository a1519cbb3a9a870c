package dev.junction.protocol.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.redis.RedisPipes;
import dev.junction.core.CloseReason;
import dev.junction.core.Frame;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes' tunnel registries whose pipes are on a real Redis (see {@link TestRedis}):
 * pairing, the window's back-pressure with batched acknowledgements, stats once, and no
 * keys left once the nodes stop.
 */
@ExtendWith(OutputCaptureExtension.class)
class TunnelCrossNodeRedisTests {

	private static final long WINDOW = 1000;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestRedis redis = TestRedis.connect();

	private final Scheduler scheduler = Schedulers.newParallel("tunnel-cross-node-redis-tests", 2);

	private final InMemoryDirectory directory = new InMemoryDirectory(Clock.systemUTC());

	private final RedisPipes pipesA = new RedisPipes(this.redis.client(), this.redis.prefix(), WINDOW,
			Duration.ofSeconds(3));

	private final RedisPipes pipesB = new RedisPipes(this.redis.client(), this.redis.prefix(), WINDOW,
			Duration.ofSeconds(3));

	private final TunnelRegistry nodeA = registry(this.pipesA, "nodea");

	private final TunnelRegistry nodeB = registry(this.pipesB, "nodeb");

	@AfterEach
	void stop() {
		this.nodeA.stop();
		this.nodeB.stop();
		this.pipesA.dispose();
		this.pipesB.dispose();
		this.scheduler.dispose();
		this.redis.close();
	}

	@Test
	void slowReaderOnOneNodeShouldPauseItsWriterOnTheOtherAndStatsShouldBeWrittenOnce(CapturedOutput output) {
		TunnelCrossNodeTests.Party first = TunnelCrossNodeTests.party("nodea.1");
		TunnelSession atA = TunnelCrossNodeTests.join(this.nodeA, "redis-s", first,
				TunnelCrossNodeTests.token("alice", Map.of()));
		TunnelCrossNodeTests.Party second = TunnelCrossNodeTests.party("nodeb.1");
		TunnelSession atB = TunnelCrossNodeTests.join(this.nodeB, "redis-s", second,
				TunnelCrossNodeTests.token("alice", Map.of()));
		first.read();
		for (int i = 0; i < 4; i++) {
			this.nodeA.forward(atA, first.connection(), Frame.binary(new byte[300]));
		}
		assertThat(first.transport().paused).containsExactly(true);
		await().atMost(TIMEOUT).until(() -> second.connection().queuedBytes() == 1200);
		second.read();
		await().atMost(TIMEOUT).until(() -> first.transport().paused.size() == 2);
		assertThat(first.transport().paused).containsExactly(true, false);
		this.nodeB.forward(atB, second.connection(), Frame.binary(new byte[7]));
		await().atMost(TIMEOUT).until(() -> first.received().size() == 1);
		this.nodeA.closed(atA, first.connection());
		await().atMost(TIMEOUT).until(() -> !second.connection().isOpen());
		assertThat(second.transport().afterQueue).containsExactly(CloseReason.NORMAL);
		this.nodeB.closed(atB, second.connection());
		await().atMost(TIMEOUT).until(() -> output.getOut().contains("\"session_id\":\"redis-s\""));
		assertThat(output.getOut().split("\"session_id\":\"redis-s\"", -1)).hasSize(2);
		assertThat(output.getOut()).contains("\"bytes_client_to_server\":1200,\"bytes_server_to_client\":7");
		assertThat(this.pipesA.openEnds()).isZero();
		await().atMost(TIMEOUT).until(() -> this.pipesB.openEnds() == 0);
		this.pipesA.dispose();
		this.pipesB.dispose();
		assertThat(this.redis.keys()).isEmpty();
	}

	private TunnelRegistry registry(RedisPipes pipes, String node) {
		return new TunnelRegistry(this.directory, pipes, node,
				new TunnelOptions(1 << 20, Duration.ofMinutes(5), Duration.ofSeconds(10), null, false),
				new TunnelStats(JsonMapper.builder().build()), this.scheduler, Clock.systemUTC(), (delta) -> {
				});
	}

}
