package dev.junction.protocol.pairs;

import java.time.Duration;

/**
 * The pairs protocol's settings.
 *
 * @param maxMessageSize the largest message relayed; larger ones get an error reply
 * @param inactivityTimeout a session that received nothing for this long is closed
 * @param sweepInterval how often sessions are checked for inactivity
 * @param maxSessions sessions per node; a connection that would open one more is closed
 * 1013
 */
public record PairsOptions(long maxMessageSize, Duration inactivityTimeout, Duration sweepInterval, int maxSessions) {

}
