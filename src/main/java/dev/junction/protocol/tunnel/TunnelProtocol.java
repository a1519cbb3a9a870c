package dev.junction.protocol.tunnel;

import dev.junction.security.AuthFailures;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtVerifier;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

/**
 * What every tunnel connection of a node shares.
 */
record TunnelProtocol(TunnelRegistry registry, JwtVerifier verifier, ObjectMapper mapper, Scheduler scheduler,
		TunnelOptions options, AuthFailures authFailures, ClaimScope claimScope) {
}
