package dev.junction.cluster;

import java.time.Duration;
import java.util.Map;

import dev.junction.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ExpiringStore} must do; each implementation runs it.
 */
abstract class ExpiringStoreContractTests {

	protected final MutableClock clock = new MutableClock();

	protected abstract ExpiringStore store();

	@Test
	void recordShouldLiveForItsTimeOnly() {
		ExpiringStore store = store();
		assertThat(store.putIfAbsent("a", Map.of("token", "t"), Duration.ofMinutes(2))).isTrue();
		assertThat(store.get("a")).containsEntry("token", "t");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(store.get("a")).isNull();
		assertThat(store.get("missing")).isNull();
	}

	@Test
	void takenKeyShouldBeRefusedUntilItsRecordExpires() {
		ExpiringStore store = store();
		assertThat(store.putIfAbsent("a", Map.of("v", "1"), Duration.ofMinutes(1))).isTrue();
		assertThat(store.putIfAbsent("a", Map.of("v", "2"), Duration.ofMinutes(1))).isFalse();
		assertThat(store.get("a")).containsEntry("v", "1");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(store.putIfAbsent("a", Map.of("v", "3"), Duration.ofMinutes(1))).isTrue();
		assertThat(store.get("a")).containsEntry("v", "3");
	}

}
