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
 * @param sequence a counter that lets a receiver spot a lost or repeated publication. The
 * broker owns it: a networked broker replaces what the publisher passed with its own
 * count per origin and channel (1, 2, 3, … while the origin subscribes the channel, 0 =
 * unchecked otherwise), and that number is the one on the wire and the one its receivers
 * see; the in-memory broker, which loses nothing, passes the publisher's value through.
 * The channel layer passes 0 and leaves the numbering to the broker
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
