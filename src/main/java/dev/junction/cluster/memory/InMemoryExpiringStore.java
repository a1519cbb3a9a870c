package dev.junction.cluster.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.cluster.ExpiringStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An {@link ExpiringStore} for a single node. Records past their time are dropped when
 * read, and all of them at most once a minute when a record is stored, so the map never
 * grows with records nobody reads again.
 */
public final class InMemoryExpiringStore implements ExpiringStore {

	private static final long SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep = new AtomicLong();

	private final Clock clock;

	public InMemoryExpiringStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> putIfAbsent(String key, Map<String, String> value, Duration ttl) {
		return Mono.fromSupplier(() -> put(key, value, ttl));
	}

	@Override
	public Mono<Map<String, String>> get(String key) {
		return Mono.fromSupplier(() -> read(key));
	}

	private boolean put(String key, Map<String, String> value, Duration ttl) {
		long now = this.clock.millis();
		sweep(now);
		Entry entry = new Entry(Map.copyOf(value), now + ttl.toMillis());
		Entry current = this.entries.compute(key,
				(name, existing) -> (existing == null || existing.expiresAt() <= now) ? entry : existing);
		return current == entry;
	}

	private @Nullable Map<String, String> read(String key) {
		Entry entry = this.entries.get(key);
		if (entry == null) {
			return null;
		}
		if (entry.expiresAt() <= this.clock.millis()) {
			this.entries.remove(key, entry);
			return null;
		}
		return entry.value();
	}

	private void sweep(long now) {
		long last = this.lastSweep.get();
		if (now - last >= SWEEP_INTERVAL_MILLIS && this.lastSweep.compareAndSet(last, now)) {
			this.entries.values().removeIf((entry) -> entry.expiresAt() <= now);
		}
	}

	private record Entry(Map<String, String> value, long expiresAt) {
	}

}
