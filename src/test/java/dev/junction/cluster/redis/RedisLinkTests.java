package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisLink} in virtual time, with a probe the test decides.
 */
class RedisLinkTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final AtomicReference<Mono<Void>> probe = new AtomicReference<>(Mono.empty());

	private final List<Duration> roundTrips = new CopyOnWriteArrayList<>();

	private final RedisLink link = new RedisLink(this.probe::get, Duration.ofSeconds(1), Duration.ofMillis(500),
			this.time, this.roundTrips::add);

	@Test
	void linkShouldBeDownUntilAProbeHasComeBack() {
		assertThat(this.link.up()).isFalse();
		assertThat(this.link.reason()).isEqualTo("no probe has come back yet");
		StepVerifier.create(this.link.probeOnce()).expectComplete().verify(TIMEOUT);
		assertThat(this.link.up()).isTrue();
		assertThat(this.link.reason()).isNull();
		assertThat(this.roundTrips).hasSize(1);
	}

	@Test
	void probeThatDoesNotComeBackInTimeShouldTakeTheLinkDownAndOneThatDoesUpAgain() {
		StepVerifier.create(this.link.probeOnce()).expectComplete().verify(TIMEOUT);
		this.probe.set(Mono.never());
		var outcome = this.link.probeOnce().toFuture();
		this.time.advanceTimeBy(Duration.ofMillis(499));
		assertThat(outcome).isNotDone();
		assertThat(this.link.up()).isTrue();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(outcome).isDone();
		assertThat(this.link.up()).isFalse();
		assertThat(this.link.reason()).isEqualTo("no probe came back through Redis within 500 ms");
		this.probe.set(Mono.delay(Duration.ofMillis(200), this.time).then());
		outcome = this.link.probeOnce().toFuture();
		this.time.advanceTimeBy(Duration.ofMillis(200));
		assertThat(outcome).isDone();
		assertThat(this.link.up()).isTrue();
		assertThat(this.roundTrips).last().isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void probeThatRedisRefusesShouldTakeTheLinkDownWithItsReason() {
		this.probe.set(Mono.error(new IllegalStateException("the probe channel has no subscriber")));
		StepVerifier.create(this.link.probeOnce()).expectComplete().verify(TIMEOUT);
		assertThat(this.link.up()).isFalse();
		assertThat(this.link.reason()).isEqualTo("IllegalStateException: the probe channel has no subscriber");
	}

	@Test
	void linkShouldProbeEveryInterval() {
		List<Integer> probes = new CopyOnWriteArrayList<>();
		this.probe.set(Mono.fromRunnable(() -> probes.add(probes.size())));
		var running = this.link.start();
		try {
			this.time.advanceTimeBy(Duration.ZERO);
			assertThat(probes).hasSize(1);
			this.time.advanceTimeBy(Duration.ofSeconds(3));
			assertThat(probes).hasSize(4);
		}
		finally {
			running.dispose();
		}
	}

}
