package dev.junction.cluster;

import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.junction.core.NodeId;
import dev.junction.support.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Directory} must do; each implementation runs this suite.
 */
public abstract class DirectoryContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected final MutableClock clock = new MutableClock();

	protected abstract Directory directory();

	@Test
	void claimShouldBeRefusedWhileAnotherOwnerHoldsTheKey() {
		Directory directory = directory();
		expect(directory.claim("rooms:ABC", "one", null), true);
		expect(directory.claim("rooms:ABC", "two", null), false);
		expect(directory.claim("rooms:ABC", "one", null), true);
		expect(directory.owner("rooms:ABC"), "one");
		StepVerifier.create(directory.owner("rooms:XYZ")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void releaseShouldFreeTheKeyForItsOwnerOnly() {
		Directory directory = directory();
		expect(directory.claim("pairs:s", "one.1", null), true);
		expect(directory.release("pairs:s", "two.1"), false);
		expect(directory.owner("pairs:s"), "one.1");
		expect(directory.release("pairs:s", "one.1"), true);
		expect(directory.release("pairs:s", "one.1"), false);
		expect(directory.claim("pairs:s", "two.1", null), true);
	}

	@Test
	void claimShouldLapseAfterItsTimeToLive() {
		Directory directory = directory();
		expect(directory.claim("tunnel:s", "one.1", Duration.ofSeconds(30)), true);
		this.clock.advance(Duration.ofSeconds(30));
		StepVerifier.create(directory.owner("tunnel:s")).expectComplete().verify(TIMEOUT);
		expect(directory.claim("tunnel:s", "two.1", Duration.ofSeconds(30)), true);
	}

	@Test
	void replaceShouldTakeTheKeyAndNameThePreviousOwner() {
		Directory directory = directory();
		StepVerifier.create(directory.replace("peer:p", "one.1", null)).expectComplete().verify(TIMEOUT);
		expect(directory.replace("peer:p", "two.1", null), "one.1");
		expect(directory.owner("peer:p"), "two.1");
	}

	@Test
	void releaseNodeShouldDropThatNodesClaimsOnly() {
		Directory directory = directory();
		expect(directory.claim("a", "one.1", null), true);
		expect(directory.claim("b", "one", null), true);
		expect(directory.claim("c", "two.1", null), true);
		expect(directory.releaseNode(new NodeId("one")), 2);
		StepVerifier.create(directory.owner("a")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(directory.owner("b")).expectComplete().verify(TIMEOUT);
		expect(directory.owner("c"), "two.1");
	}

	@Test
	void ofRacingClaimsExactlyOneShouldWin() throws Exception {
		Directory directory = directory();
		int racers = 8;
		ExecutorService executor = Executors.newFixedThreadPool(racers);
		try {
			List<Callable<Boolean>> claims = new ArrayList<>();
			for (int i = 0; i < racers; i++) {
				String owner = "n" + i;
				claims.add(() -> directory.claim("rooms:RACE", owner, null).block(TIMEOUT));
			}
			long won = 0;
			for (Future<Boolean> result : executor.invokeAll(claims)) {
				if (Boolean.TRUE.equals(result.get())) {
					won++;
				}
			}
			assertThat(won).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void nothingShouldChangeUntilACallIsSubscribed() {
		Directory directory = directory();
		directory.claim("a", "one.1", null);
		directory.replace("b", "one.1", null);
		StepVerifier.create(directory.owner("a")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(directory.owner("b")).expectComplete().verify(TIMEOUT);
		expect(directory.claim("a", "one.1", null), true);
		directory.release("a", "one.1");
		directory.releaseNode(new NodeId("one"));
		expect(directory.owner("a"), "one.1");
	}

	private static <T> void expect(Mono<T> mono, T value) {
		StepVerifier.create(mono).expectNext(value).expectComplete().verify(TIMEOUT);
	}

}
