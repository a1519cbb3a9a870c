package dev.junction.protocol;

import java.time.Clock;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Presence;
import dev.junction.core.RelayEvents;
import dev.junction.security.AuthFailures;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtVerifier;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.unit.DataSize;

/**
 * What the node lends every protocol: the cluster seams, token verification, the event
 * sink of the meters, time, and the node-wide settings a protocol reads.
 *
 * @param hub the node's channels: join, leave, publish, members
 * @param directory claims that are unique in the cluster (room codes, session ids, peer
 * ids)
 * @param presence the member lists of groups
 * @param store small records that live for a fixed time
 * @param verifier verifies tokens that arrive in frames
 * @param claimScope which protocols a token opens
 * @param authFailures counts failed in-band authentications against the client address
 * @param events what operators count
 * @param scheduler the node's scheduler for timers and periodic work
 * @param clock the node's clock
 * @param maxFrameSize {@code junction.limits.max-frame-size}, the frame limit of
 * protocols that have none of their own
 * @param requireSessionClaim {@code junction.security.require-session-claim}: tokens of
 * session protocols must name their session
 */
public record RelayServices(ChannelHub hub, Directory directory, Presence presence, ExpiringStore store,
		JwtVerifier verifier, ClaimScope claimScope, AuthFailures authFailures, RelayEvents events, Scheduler scheduler,
		Clock clock, DataSize maxFrameSize, boolean requireSessionClaim) {

}
