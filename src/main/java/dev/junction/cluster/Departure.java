package dev.junction.cluster;

/**
 * One presence entry taken out because its node went: what {@link Presence#removeNode}
 * reports, so that the groups' other members can be told.
 *
 * @param group the group the member was in
 * @param member the member as it was listed
 */
public record Departure(String group, PresenceMember member) {

}
