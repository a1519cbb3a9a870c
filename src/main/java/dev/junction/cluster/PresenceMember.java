package dev.junction.cluster;

import java.util.Map;

import dev.junction.core.NodeId;

/**
 * One member of a group as presence reports it.
 *
 * @param id the member's id, unique in the cluster (a connection id, or a protocol's own
 * peer id where the protocol makes that unique)
 * @param node the node that holds the member's connection; the entry goes when that node
 * goes
 * @param info what the protocol shows about the member, in its wire order; values are
 * never {@code null} (an absent value is an absent key)
 */
public record PresenceMember(String id, NodeId node, Map<String, String> info) {

}
