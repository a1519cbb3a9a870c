package dev.junction.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Counts events per client address against a token bucket (Bucket4j): a fixed number per
 * period, refilled gradually. Used where guessing must be slow, such as failed room
 * joins. Buckets that have refilled completely are forgotten by {@link #evictIdle()}.
 */
public final class AddressLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final long capacity;

	private final Duration period;

	public AddressLimiter(long capacity, Duration period) {
		this.capacity = capacity;
		this.period = period;
	}

	/**
	 * Whether the address has used up its allowance.
	 * @param address the client address
	 * @return true while over the limit
	 */
	public boolean isExhausted(String address) {
		Bucket bucket = this.buckets.get(address);
		return bucket != null && bucket.getAvailableTokens() <= 0;
	}

	/**
	 * Count one event for the address.
	 * @param address the client address
	 */
	public void record(String address) {
		this.buckets.computeIfAbsent(address, (key) -> newBucket()).tryConsume(1);
	}

	/**
	 * Count one event if the address's allowance permits it.
	 * @param address the client address
	 * @return false when the address is over the limit
	 */
	public boolean tryAcquire(String address) {
		return this.buckets.computeIfAbsent(address, (key) -> newBucket()).tryConsume(1);
	}

	/**
	 * Count one event if the address's allowance permits it, else say how long until it
	 * would.
	 * @param address the client address (or any key, such as a subject)
	 * @return zero when counted, else the wait in nanoseconds
	 */
	public long tryAcquireOrWait(String address) {
		var probe = this.buckets.computeIfAbsent(address, (key) -> newBucket()).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
	}

	/**
	 * Forget addresses whose allowance is whole again, so the map holds only recent ones.
	 */
	public void evictIdle() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.capacity);
	}

	public int trackedAddresses() {
		return this.buckets.size();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(this.capacity).refillGreedy(this.capacity, this.period).build())
			.build();
	}

}
