package dev.junction.core;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * One connection's allowance of inbound messages and bytes per second (Bucket4j token
 * buckets). The two limits are enforced differently: a message flood is refused (the
 * connection is closed), while bytes over the rate are taken on credit and the caller
 * stops reading until the debt is paid back, so TCP slows the sender down. The byte
 * bucket holds at least one largest frame, so a single big frame never waits for its size
 * alone.
 */
public final class InboundLimiter {

	/**
	 * The highest byte rate a token bucket can refill (one token a nanosecond); a
	 * configured rate at or above it means no byte limit.
	 */
	public static final long UNLIMITED_BYTES_PER_SECOND = 1_000_000_000L;

	private final Bucket messages;

	private final @Nullable Bucket bytes;

	private final long bytesPerSecond;

	public InboundLimiter(long messagesPerSecond, long bytesPerSecond, long maxFrameSize) {
		this.messages = Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(messagesPerSecond)
				.refillGreedy(messagesPerSecond, Duration.ofSeconds(1))
				.build())
			.build();
		this.bytesPerSecond = bytesPerSecond;
		this.bytes = (bytesPerSecond >= UNLIMITED_BYTES_PER_SECOND) ? null
				: Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(Math.max(bytesPerSecond, maxFrameSize))
						.refillGreedy(bytesPerSecond, Duration.ofSeconds(1))
						.build())
					.build();
	}

	/**
	 * Take one message from the message allowance.
	 * @return false when over the message rate
	 */
	public boolean tryAcquireMessage() {
		return this.messages.tryConsume(1);
	}

	/**
	 * Take a message's bytes from the byte allowance, on credit if need be.
	 * @param size the message's size in bytes
	 * @return how long, in nanoseconds, reading should pause before the allowance is back
	 * in credit; 0 to go on reading at once
	 */
	public long consumeBytes(int size) {
		if (size == 0 || this.bytes == null) {
			return 0;
		}
		return this.bytes.consumeIgnoringRateLimits(size);
	}

	/**
	 * How long reading must still pause for bytes taken on credit.
	 * @return nanoseconds until the byte allowance is back in credit; 0 if it is
	 */
	public long nanosUntilCredit() {
		if (this.bytes == null) {
			return 0;
		}
		long owed = -this.bytes.getAvailableTokens();
		return (owed <= 0) ? 0 : Math.max(1, (long) (owed * 1e9 / this.bytesPerSecond));
	}

}
