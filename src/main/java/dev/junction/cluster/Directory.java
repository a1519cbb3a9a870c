package dev.junction.cluster;

import java.time.Duration;

import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Who holds a name in the cluster: one claim operation behind every rendezvous. Rooms
 * reserve their codes with {@link #claim}; tunnel sessions find the node that holds a
 * session by its {@link #owner}; signaling takes a peer id over from whoever held it with
 * {@link #replace}, and tells the previous owner to let go, as a pairs socket does with
 * its session's slot for its client type.
 *
 * <p>
 * An owner is a connection id or a {@link NodeId}, so it names its node
 * ({@link NodeId#of}); a node's claims go with it ({@link #releaseNode}). An owner that
 * names no node (a room's, a pairs session owner's digest) outlives every node and is
 * released by the protocol. A claim lives until it is released, or for its time to live
 * when it has one.
 *
 * <p>
 * Every call answers with a {@code Mono} and never blocks; the in-memory directory
 * answers with completed ones. Claims on one key are atomic: of two racing claims exactly
 * one wins.
 */
public interface Directory {

	/**
	 * Claim a key unless someone else holds it. Claiming again as its owner keeps it (and
	 * restarts its time to live).
	 * @param key the key, such as {@code rooms:K7QX2M}
	 * @param owner who claims it
	 * @param ttl how long the claim lives, or {@code null} until released
	 * @return whether the owner now holds the key
	 */
	Mono<Boolean> claim(String key, String owner, @Nullable Duration ttl);

	/**
	 * Take a key whoever holds it.
	 * @param key the key
	 * @param owner the new owner
	 * @param ttl how long the claim lives, or {@code null} until released
	 * @return the previous owner, or an empty {@code Mono} when the key was free
	 */
	Mono<String> replace(String key, String owner, @Nullable Duration ttl);

	/**
	 * Let go of a key, if the owner still holds it.
	 * @param key the key
	 * @param owner the owner letting go
	 * @return whether the owner held it
	 */
	Mono<Boolean> release(String key, String owner);

	/**
	 * Who holds a key.
	 * @param key the key
	 * @return the owner, or an empty {@code Mono} when the key is free
	 */
	Mono<String> owner(String key);

	/**
	 * Release every claim whose owner is on a node: the node has gone (or is going).
	 * @param node the node
	 * @return how many claims went
	 */
	Mono<Integer> releaseNode(NodeId node);

}
