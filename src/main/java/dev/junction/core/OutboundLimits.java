package dev.junction.core;

/**
 * The bound on one connection's outbound queue. A connection whose queue would grow past
 * either cap is a slow consumer and is closed with {@link CloseReason#SLOW_CONSUMER}, so
 * that it never slows down or costs memory for the others.
 *
 * @param maxMessages most frames waiting to be written
 * @param maxBytes most payload bytes waiting to be written
 */
public record OutboundLimits(int maxMessages, long maxBytes) {

	public OutboundLimits {
		if (maxMessages < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("Outbound limits must be positive");
		}
	}

}
