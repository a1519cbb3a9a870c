package dev.junction.protocol;

import org.jspecify.annotations.Nullable;

import dev.junction.security.VerifiedToken;

/**
 * What a protocol learns of an upgrade: where it went, who made it, and the token
 * verified at the handshake.
 *
 * @param path the raw request path
 * @param clientAddress the client's address (after trusted proxies)
 * @param token the verified handshake token, or {@code null} without one
 */
public record UpgradeRequest(String path, String clientAddress, @Nullable VerifiedToken token) {

}
