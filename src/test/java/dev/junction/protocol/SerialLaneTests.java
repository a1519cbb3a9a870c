package dev.junction.protocol;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of a {@link SerialLane} run one at a time, in order, whenever they answer.
 */
class SerialLaneTests {

	private final SerialLane lane = new SerialLane();

	@Test
	void nextStepShouldWaitUntilTheOneBeforeHasAnswered() {
		List<String> log = new CopyOnWriteArrayList<>();
		Sinks.One<String> first = Sinks.one();
		Mono<String> one = this.lane.run(() -> {
			log.add("first started");
			return first.asMono();
		});
		Mono<String> two = this.lane.run(() -> {
			log.add("second started");
			return Mono.just("second");
		});
		List<String> answers = new CopyOnWriteArrayList<>();
		one.subscribe(answers::add);
		two.subscribe(answers::add);
		assertThat(log).containsExactly("first started");
		first.tryEmitValue("first");
		assertThat(log).containsExactly("first started", "second started");
		assertThat(answers).containsExactly("first", "second");
	}

	@Test
	void failedOrEmptyStepShouldNotHoldUpTheNext() {
		StepVerifier.create(this.lane.run(() -> Mono.error(new IllegalStateException("down"))))
			.expectErrorMessage("down")
			.verify(Duration.ofSeconds(10));
		StepVerifier.create(this.lane.run(() -> {
			throw new IllegalStateException("thrown");
		})).expectErrorMessage("thrown").verify(Duration.ofSeconds(10));
		StepVerifier.create(this.lane.run(Mono::empty)).expectComplete().verify(Duration.ofSeconds(10));
		StepVerifier.create(this.lane.run(() -> Mono.just(1)))
			.expectNext(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

}
