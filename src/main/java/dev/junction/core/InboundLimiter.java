package dev.junction.core;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * One connection's allowance of inbound messages and bytes per second (Bucket4j token
 * buckets). The byte bucket holds at least one largest frame, so a single big frame is
 * never refused for its size alone.
 */
public final class InboundLimiter {

	private final Bucket messages;

	/**
	 * The highest byte rate a token bucket can refill (one token a nanosecond); a
	 * configured rate at or above it means no byte limit.
	 */
	public static final long UNLIMITED_BYTES_PER_SECOND = 1_000_000_000L;

	private final @Nullable Bucket bytes;

	public InboundLimiter(long messagesPerSecond, long bytesPerSecond, long maxFrameSize) {
		this.messages = Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(messagesPerSecond)
				.refillGreedy(messagesPerSecond, Duration.ofSeconds(1))
				.build())
			.build();
		this.bytes = (bytesPerSecond >= UNLIMITED_BYTES_PER_SECOND) ? null
				: Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(Math.max(bytesPerSecond, maxFrameSize))
						.refillGreedy(bytesPerSecond, Duration.ofSeconds(1))
						.build())
					.build();
	}

	/**
	 * Take one message of a size from the allowance.
	 * @param size the message's size in bytes
	 * @return false when over either limit
	 */
	public boolean tryAcquire(int size) {
		return this.messages.tryConsume(1) && (size == 0 || this.bytes == null || this.bytes.tryConsume(size));
	}

}
