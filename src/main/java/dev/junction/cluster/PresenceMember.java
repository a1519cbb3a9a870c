package dev.junction.cluster;

import java.util.Map;

/**
 * One member of a group as presence reports it.
 *
 * @param id the member's connection id, unique in the cluster
 * @param info what the protocol shows about the member, in its wire order; values are
 * never {@code null} (an absent value is an absent key)
 */
public record PresenceMember(String id, Map<String, String> info) {

}
