package dev.junction.cluster;

import java.util.List;

/**
 * Who is in which group, in the order they arrived: the member lists that protocols
 * report to clients (a room's {@code users}, say). The in-memory presence knows this
 * node; a cluster presence shares the lists between nodes.
 *
 * <p>
 * Calls never block: a cluster implementation answers from a local replica that it keeps
 * current from the backplane.
 */
public interface Presence {

	/**
	 * Add a member at the end of a group's list, or replace its info in place.
	 * @param group the group key, such as {@code rooms:K7QX2M}
	 * @param member the member
	 */
	void add(String group, PresenceMember member);

	/**
	 * Remove a member.
	 * @param group the group key
	 * @param memberId the member's id
	 * @return whether it was present
	 */
	boolean remove(String group, String memberId);

	/**
	 * The members of a group in arrival order.
	 * @param group the group key
	 * @return a snapshot; empty for an unknown group
	 */
	List<PresenceMember> members(String group);

}
