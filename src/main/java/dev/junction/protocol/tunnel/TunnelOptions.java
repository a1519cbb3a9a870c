package dev.junction.protocol.tunnel;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The tunnel protocol's settings.
 *
 * @param bufferSize bytes a first party may send before its peer arrives
 * @param waitTimeout how long a first party waits for its peer
 * @param authTimeout how long a connection without a handshake token has to send its
 * {@code auth} frame
 * @param idleTimeout a paired session with no frame for this long is ended, or
 * {@code null} for never
 * @param requireSessionClaim whether every token must carry a {@code sid} claim naming
 * the session
 */
public record TunnelOptions(long bufferSize, Duration waitTimeout, Duration authTimeout, @Nullable Duration idleTimeout,
		boolean requireSessionClaim) {

}
