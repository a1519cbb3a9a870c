package dev.junction.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's inbound allowance in messages and bytes.
 */
class InboundLimiterTests {

	@Test
	void messagesOverTheRateShouldBeRefused() {
		InboundLimiter limiter = new InboundLimiter(3, 1_000_000, 1_000);
		assertThat(limiter.tryAcquire(10)).isTrue();
		assertThat(limiter.tryAcquire(10)).isTrue();
		assertThat(limiter.tryAcquire(10)).isTrue();
		assertThat(limiter.tryAcquire(10)).isFalse();
	}

	@Test
	void bytesOverTheRateShouldBeRefusedButOneLargestFrameAlwaysFits() {
		InboundLimiter limiter = new InboundLimiter(1000, 100, 5_000);
		assertThat(limiter.tryAcquire(5_000)).as("one frame at the frame limit").isTrue();
		assertThat(limiter.tryAcquire(5_000)).isFalse();
	}

	@Test
	void byteRatesBeyondWhatABucketCanRefillShouldMeanNoByteLimit() {
		InboundLimiter limiter = new InboundLimiter(1000, 64L * 1024 * 1024 * 1024, 1_000);
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.tryAcquire(100_000_000)).isTrue();
		}
	}

}
