package dev.junction.cluster;

import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * One item a {@link Broker} carries: an encoded frame with where it comes from and whom
 * it is for. The frame owns its bytes (never a network buffer), so a networked broker can
 * send them as they are and every receiver on a node shares one copy.
 *
 * @param origin the node that published it
 * @param senderId the sending connection's id, unique in the cluster, or {@code null} for
 * a message from the server
 * @param sequence the origin's publication counter: it grows with every publication the
 * node hands out, so one sender's publications to a channel carry growing numbers (with
 * gaps), which lets a receiver spot a lost or repeated one
 * @param audience the member tag that receives it, or {@code null} for every member
 * @param frame the encoded frame
 */
public record Publication(NodeId origin, @Nullable String senderId, long sequence, @Nullable String audience,
		Frame frame) {

	public Publication {
		if (frame.buffer() != null) {
			throw new IllegalArgumentException("A published frame owns its bytes");
		}
	}

}
