package dev.junction.cluster;

import java.util.function.Consumer;

import dev.junction.core.Envelope;
import reactor.core.Disposable;

/**
 * Carries envelopes between the nodes that hold members of the same group. The in-memory
 * broker delivers on this node only; a cluster broker also delivers what other nodes
 * publish. Protocols publish every group delivery through the broker, so adding a node
 * never changes a protocol.
 *
 * <p>
 * Implementations never block the caller (publishing happens on event loops) and keep the
 * order of envelopes published to one channel from one thread.
 */
public interface Broker {

	/**
	 * Publish an envelope to every subscriber of a channel, on every node.
	 * @param channel the channel, such as {@code rooms:K7QX2M}
	 * @param envelope the envelope
	 */
	void publish(String channel, Envelope envelope);

	/**
	 * Receive what is published to a channel.
	 * @param channel the channel
	 * @param handler called for each envelope, in publication order
	 * @return the subscription; dispose it to stop receiving
	 */
	Disposable subscribe(String channel, Consumer<Envelope> handler);

}
