package dev.junction.cluster;

import java.time.Duration;
import java.util.Map;

import dev.junction.support.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * What every {@link ExpiringStore} must do; each implementation runs it.
 */
public abstract class ExpiringStoreContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected final MutableClock clock = new MutableClock();

	protected abstract ExpiringStore store();

	@Test
	void recordShouldLiveForItsTimeOnly() {
		ExpiringStore store = store();
		put(store, "a", Map.of("token", "t"), Duration.ofMinutes(2), true);
		StepVerifier.create(store.get("a")).expectNext(Map.of("token", "t")).expectComplete().verify(TIMEOUT);
		this.clock.advance(Duration.ofMinutes(2));
		StepVerifier.create(store.get("a")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(store.get("missing")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void takenKeyShouldBeRefusedUntilItsRecordExpires() {
		ExpiringStore store = store();
		put(store, "a", Map.of("v", "1"), Duration.ofMinutes(1), true);
		put(store, "a", Map.of("v", "2"), Duration.ofMinutes(1), false);
		StepVerifier.create(store.get("a")).expectNext(Map.of("v", "1")).expectComplete().verify(TIMEOUT);
		this.clock.advance(Duration.ofMinutes(1));
		put(store, "a", Map.of("v", "3"), Duration.ofMinutes(1), true);
		StepVerifier.create(store.get("a")).expectNext(Map.of("v", "3")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void nothingShouldBeStoredUntilTheCallIsSubscribed() {
		ExpiringStore store = store();
		store.putIfAbsent("a", Map.of("v", "1"), Duration.ofMinutes(1));
		StepVerifier.create(store.get("a")).expectComplete().verify(TIMEOUT);
	}

	private static void put(ExpiringStore store, String key, Map<String, String> value, Duration ttl, boolean stored) {
		StepVerifier.create(store.putIfAbsent(key, value, ttl)).expectNext(stored).expectComplete().verify(TIMEOUT);
	}

}
