package dev.junction.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link Pipes} contract, run against every implementation: rendezvous, order both
 * ways, the window and its acknowledgement, ending, a node's death, and nothing left
 * behind. Node {@code a} opens towards node {@code b}; the window is {@link #WINDOW}.
 */
public abstract class PipesContractTests {

	protected static final long WINDOW = 1000;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The pipes as node {@code a} sees them.
	 * @return the pipes
	 */
	protected abstract Pipes nodeA();

	/**
	 * The pipes as node {@code b} sees them (may be the same object as {@link #nodeA()}).
	 * @return the pipes
	 */
	protected abstract Pipes nodeB();

	/**
	 * Make node {@code b} die without a word: it neither closes its ends nor tidies up.
	 */
	protected abstract void crashNodeB();

	/**
	 * Stop both nodes as a shutdown would.
	 */
	protected abstract void stopNodes();

	/**
	 * What the pipes keep: open ends, keys in a store.
	 * @return a description of each thing kept, empty when nothing is
	 */
	protected abstract List<String> leftovers();

	@Test
	void openWhenAcceptedShouldCarryFramesInOrderBothWays() {
		Pair pair = pair("p1");
		IntStream.range(0, 50).forEach((i) -> pair.a().send(frame("a" + i)));
		IntStream.range(0, 50).forEach((i) -> pair.b().send(frame("b" + i)));
		await().atMost(TIMEOUT).until(() -> pair.atB().frames.size() == 50 && pair.atA().frames.size() == 50);
		assertThat(pair.atB().texts())
			.containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "a" + i).toList());
		assertThat(pair.atA().texts())
			.containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "b" + i).toList());
		pair.a().close(null);
	}

	@Test
	void openWhenRefusedShouldAnswerTheReasonAndKeepNothing() {
		Disposable listening = nodeB().listen("b", (request) -> request.refuse("full"));
		try {
			StepVerifier.create(nodeA().open("p2", "a", "b", "hello", new Recorder()))
				.expectNext(new Pipes.Opening(null, "full"))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(leftovers()).isEmpty();
		}
		finally {
			listening.dispose();
		}
	}

	@Test
	void openShouldGiveTheAcceptorTheGreetingAndTheOpenersNode() {
		AtomicReference<String> seen = new AtomicReference<>();
		Disposable listening = nodeB().listen("b", (request) -> {
			seen.set(request.fromNode() + " " + request.pipeId() + " " + request.greeting());
			request.refuse("no");
		});
		try {
			StepVerifier.create(nodeA().open("p3", "a", "b", "1:alice", new Recorder()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(seen).hasValue("a p3 1:alice");
		}
		finally {
			listening.dispose();
		}
	}

	@Test
	void sendWhenWindowIsFullShouldAskToStopUntilAcknowledged() {
		Pair pair = pair("p4");
		assertThat(pair.a().send(frame(400))).isTrue();
		assertThat(pair.a().send(frame(400))).isTrue();
		assertThat(pair.a().send(frame(400))).isFalse();
		await().atMost(TIMEOUT).until(() -> pair.atB().frames.size() == 3);
		assertThat(pair.atA().writable).hasValue(0);
		// What the reader has not handed on keeps the writer stopped.
		pair.b().acknowledge(100);
		assertThat(pair.atA().writable).hasValue(0);
		pair.b().acknowledge(1100);
		await().atMost(TIMEOUT).until(() -> pair.atA().writable.get() == 1);
		assertThat(pair.a().send(frame(10))).isTrue();
		pair.a().close(null);
	}

	@Test
	void closeShouldEndTheOtherEndAfterItsFramesWithItsReasonAndLastAcknowledgement() {
		Pair pair = pair("p5");
		pair.b().send(frame("last"));
		await().atMost(TIMEOUT).until(() -> pair.atA().frames.size() == 1);
		pair.a().acknowledge(4);
		pair.a().send(frame("x"));
		pair.a().close("bye");
		await().atMost(TIMEOUT).until(() -> pair.atB().ended.get() != null);
		assertThat(pair.atB().texts()).containsExactly("x");
		assertThat(pair.atB().ended).hasValue("bye");
		assertThat(pair.b().acknowledged()).isEqualTo(4);
		assertThat(pair.atA().ended).hasNullValue();
		await().atMost(TIMEOUT).until(() -> leftovers().isEmpty());
	}

	@Test
	void closeWithoutReasonShouldEndTheOtherEndNormally() {
		Pair pair = pair("p6");
		pair.b().close(null);
		await().atMost(TIMEOUT).until(() -> pair.atA().endedCount.get() == 1);
		assertThat(pair.atA().ended).hasValue(Recorder.NORMAL);
		pair.a().close(null);
		pair.a().send(frame("dropped"));
		assertThat(pair.atB().frames).isEmpty();
	}

	@Test
	void nodeDeathShouldEndTheOtherEndAsGone() {
		Pair pair = pair("p7");
		crashNodeB();
		await().atMost(TIMEOUT).until(() -> pair.atA().endedCount.get() == 1);
		assertThat(pair.atA().ended).hasValue(Pipes.GONE);
	}

	@Test
	void openTowardsANodeThatIsNotThereShouldAnswerGone() {
		StepVerifier.create(nodeA().open("p8", "a", "nobody", "", new Recorder()))
			.expectNext(new Pipes.Opening(null, Pipes.GONE))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void stoppedNodesShouldLeaveNothingBehind() {
		Pair pair = pair("p9");
		pair.a().send(frame("x"));
		await().atMost(TIMEOUT).until(() -> pair.atB().frames.size() == 1);
		stopNodes();
		await().atMost(TIMEOUT).until(() -> leftovers().isEmpty());
	}

	private Pair pair(String pipeId) {
		Recorder atB = new Recorder();
		AtomicReference<@Nullable PipeEnd> accepted = new AtomicReference<>();
		nodeB().listen("b", (request) -> accepted.set(request.accept(atB)));
		nodeA().listen("a", (request) -> request.refuse("unexpected"));
		Recorder atA = new Recorder();
		Pipes.Opening opening = nodeA().open(pipeId, "a", "b", "", atA).block(TIMEOUT);
		assertThat(opening).isNotNull();
		PipeEnd a = opening.end();
		assertThat(a).isNotNull();
		PipeEnd b = accepted.get();
		assertThat(b).isNotNull();
		return new Pair(a, b, atA, atB);
	}

	private static Frame frame(String text) {
		return Frame.binary(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Frame frame(int size) {
		return Frame.binary(new byte[size]);
	}

	private record Pair(PipeEnd a, PipeEnd b, Recorder atA, Recorder atB) {
	}

	/**
	 * A receiver that records what it is told.
	 */
	static final class Recorder implements PipeEnd.Receiver {

		static final String NORMAL = "(normal)";

		final Queue<Frame> frames = new ConcurrentLinkedQueue<>();

		final AtomicInteger writable = new AtomicInteger();

		final AtomicReference<@Nullable String> ended = new AtomicReference<>();

		final AtomicInteger endedCount = new AtomicInteger();

		@Override
		public void received(Frame frame) {
			this.frames.add(frame);
		}

		@Override
		public void writable() {
			this.writable.incrementAndGet();
		}

		@Override
		public void ended(@Nullable String reason) {
			this.ended.set((reason != null) ? reason : NORMAL);
			this.endedCount.incrementAndGet();
		}

		List<String> texts() {
			return this.frames.stream().map((frame) -> new String(frame.bytes(), StandardCharsets.UTF_8)).toList();
		}

	}

}
