package dev.junction.cluster;

/**
 * A member that left a group because its node went: what {@link Presence#removeNode} took
 * out, so that the protocol can tell the group's other members.
 *
 * @param group the group key, such as {@code rooms:K7QX2M}
 * @param member the member as presence listed it
 */
public record Departure(String group, PresenceMember member) {

}
