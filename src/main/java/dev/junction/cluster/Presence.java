package dev.junction.cluster;

import java.util.List;

import dev.junction.core.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is in which group, in the order they arrived: the member lists that protocols
 * report to clients (a room's {@code users}, say). The in-memory presence knows this
 * node; a cluster presence shares the lists between nodes. Every entry belongs to the
 * node named in it and goes with that node ({@link #removeNode}).
 *
 * <p>
 * Every call answers with a {@code Mono} (or a {@code Flux}) and never blocks; the
 * in-memory presence answers with completed ones. Calls of one caller on one group take
 * effect in the order made.
 */
public interface Presence {

	/**
	 * Add a member at the end of a group's list, or replace its info in place.
	 * @param group the group key, such as {@code rooms:K7QX2M}
	 * @param member the member
	 * @return completes when the member is listed
	 */
	Mono<Void> add(String group, PresenceMember member);

	/**
	 * Remove a member.
	 * @param group the group key
	 * @param memberId the member's id
	 * @return whether it was present
	 */
	Mono<Boolean> remove(String group, String memberId);

	/**
	 * The members of a group in arrival order.
	 * @param group the group key
	 * @return a snapshot; empty for an unknown group
	 */
	Mono<List<PresenceMember>> members(String group);

	/**
	 * Remove every entry of a node, in every group: the node has gone (or is going). Each
	 * entry is reported once in the cluster: when several nodes remove the same node at
	 * once, each entry goes to exactly one of them.
	 * @param node the node
	 * @return the entries this call removed, in no particular order
	 */
	Flux<Departure> removeNode(NodeId node);

}
