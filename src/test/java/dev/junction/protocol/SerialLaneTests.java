package dev.junction.protocol;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.core.Frame;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of a {@link SerialLane} run one at a time, in order, whenever they answer; frames
 * offered to a busy lane wait, within their bound.
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

	@Test
	void frameOnAnIdleLaneShouldBeHandledAtOnce() {
		List<String> handled = new CopyOnWriteArrayList<>();
		assertThat(this.lane.offer(Frame.text("a"), (frame) -> handled.add(frame.asText()))).isTrue();
		assertThat(handled).containsExactly("a");
	}

	@Test
	void framesShouldWaitForAnAwaitedOperationAndThenRunInOrder() {
		List<String> handled = new CopyOnWriteArrayList<>();
		Sinks.Empty<Void> join = Sinks.empty();
		this.lane.offer(Frame.text("join"), (frame) -> {
			handled.add(frame.asText());
			this.lane.await(join.asMono());
		});
		this.lane.offer(Frame.text("one"), (frame) -> handled.add(frame.asText()));
		Mono<String> step = this.lane.run(() -> Mono.just("close"));
		step.subscribe(handled::add);
		this.lane.offer(Frame.text("two"), (frame) -> handled.add(frame.asText()));
		assertThat(handled).containsExactly("join");
		join.tryEmitEmpty();
		assertThat(handled).containsExactly("join", "one", "close", "two");
		this.lane.offer(Frame.text("three"), (frame) -> handled.add(frame.asText()));
		assertThat(handled).endsWith("three");
	}

	@Test
	void operationThatAnswersAtOnceShouldNotHoldTheLane() {
		List<String> handled = new CopyOnWriteArrayList<>();
		this.lane.offer(Frame.text("join"), (frame) -> this.lane.await(Mono.error(new IllegalStateException("down"))));
		this.lane.offer(Frame.text("next"), (frame) -> handled.add(frame.asText()));
		assertThat(handled).containsExactly("next");
	}

	@Test
	void framesOverTheBoundShouldBeRefusedAndTheHeldOnesDropped() {
		SerialLane bounded = new SerialLane(2, 10, (ex) -> {
		});
		List<String> handled = new CopyOnWriteArrayList<>();
		Sinks.Empty<Void> join = Sinks.empty();
		bounded.offer(Frame.text("join"), (frame) -> bounded.await(join.asMono()));
		assertThat(bounded.offer(Frame.text("12345678901234"), (frame) -> handled.add(frame.asText()))).isTrue();
		assertThat(bounded.offer(Frame.text("1"), (frame) -> handled.add(frame.asText()))).isFalse();
		join.tryEmitEmpty();
		assertThat(handled).isEmpty();
		bounded.offer(Frame.text("join"), (frame) -> bounded.await(Sinks.empty().asMono()));
		assertThat(bounded.offer(Frame.text("a"), (frame) -> handled.add(frame.asText()))).isTrue();
		assertThat(bounded.offer(Frame.text("b"), (frame) -> handled.add(frame.asText()))).isTrue();
		assertThat(bounded.offer(Frame.text("c"), (frame) -> handled.add(frame.asText()))).isFalse();
	}

	@Test
	void failingFrameShouldNotStrandTheOnesBehindIt() {
		List<String> handled = new CopyOnWriteArrayList<>();
		List<RuntimeException> failures = new CopyOnWriteArrayList<>();
		SerialLane failing = new SerialLane(10, 1000, failures::add);
		Sinks.Empty<Void> join = Sinks.empty();
		failing.offer(Frame.text("join"), (frame) -> failing.await(join.asMono()));
		failing.offer(Frame.text("bad"), (frame) -> {
			throw new IllegalStateException("bad frame");
		});
		failing.offer(Frame.text("good"), (frame) -> handled.add(frame.asText()));
		join.tryEmitEmpty();
		assertThat(failures).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("bad frame"));
		assertThat(handled).containsExactly("good");
		failing.offer(Frame.text("after"), (frame) -> handled.add(frame.asText()));
		assertThat(handled).containsExactly("good", "after");
	}

}
