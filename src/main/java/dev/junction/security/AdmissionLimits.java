package dev.junction.security;

/**
 * How many upgrades and connections a node admits.
 *
 * @param maxConnections connections per node (503 with Retry-After above)
 * @param maxConnectionsPerAddress connections per client address (429 above)
 * @param maxConnectionsPerSubject connections per token subject (429 above)
 * @param upgradesPerSecondPerAddress upgrade attempts per second per client address (429
 * above)
 * @param failedAuthPerMinutePerAddress failed authentications per minute per client
 * address (429 above, until the allowance refills)
 */
public record AdmissionLimits(int maxConnections, int maxConnectionsPerAddress, int maxConnectionsPerSubject,
		long upgradesPerSecondPerAddress, long failedAuthPerMinutePerAddress) {

}
