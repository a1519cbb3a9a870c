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
		assertThat(limiter.tryAcquireMessage()).isTrue();
		assertThat(limiter.tryAcquireMessage()).isTrue();
		assertThat(limiter.tryAcquireMessage()).isTrue();
		assertThat(limiter.tryAcquireMessage()).isFalse();
	}

	@Test
	void bytesOverTheRateShouldPauseReadingButOneLargestFrameAlwaysFits() {
		InboundLimiter limiter = new InboundLimiter(1000, 100, 5_000);
		assertThat(limiter.consumeBytes(5_000)).as("one frame at the frame limit").isZero();
		assertThat(limiter.nanosUntilCredit()).isZero();
		// 5,000 bytes on credit at 100 bytes a second: about 50 s of pause.
		long pause = limiter.consumeBytes(5_000);
		assertThat(pause).isGreaterThan(49_000_000_000L).isLessThanOrEqualTo(50_000_000_000L);
		assertThat(limiter.nanosUntilCredit()).isPositive().isLessThanOrEqualTo(50_000_000_000L);
	}

	@Test
	void byteRatesBeyondWhatABucketCanRefillShouldMeanNoByteLimit() {
		InboundLimiter limiter = new InboundLimiter(1000, 64L * 1024 * 1024 * 1024, 1_000);
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.consumeBytes(100_000_000)).isZero();
		}
		assertThat(limiter.nanosUntilCredit()).isZero();
	}

}
