package dev.junction.cluster;

import java.util.function.Consumer;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Carries publications between the nodes that hold members of the same channel. The
 * in-memory broker delivers on this node only; a cluster broker also delivers what other
 * nodes publish, its own publications included (the channel layer drops a sender's echo,
 * not the broker).
 *
 * <p>
 * Ordering: publications that one origin makes to one channel one after another (a
 * {@code publish} returning before the next begins, as one connection's frames are) reach
 * every subscriber of the channel in that order, whatever else is published meanwhile.
 * Publications made concurrently, from different origins or to different channels may
 * arrive in any order. Delivery is at most once: a subscriber that is not yet (or no
 * longer) subscribed misses what is published meanwhile.
 *
 * <p>
 * Publishing happens on event loops, so {@link #publish} never blocks: a networked broker
 * queues and sends in the background. Subscribing may have to reach the backplane, so it
 * answers later and may fail.
 */
public interface Broker {

	/**
	 * Publish to every subscriber of a channel, on every node. Never blocks and never
	 * throws for a backplane problem (a networked broker counts and logs what it drops).
	 * @param channel the channel, such as {@code rooms:K7QX2M}
	 * @param publication the publication; its origin is this node (a cluster broker tells
	 * its own publications coming back from the backplane by it)
	 */
	void publish(String channel, Publication publication);

	/**
	 * Receive what is published to a channel from the moment the returned {@code Mono}
	 * completes.
	 * @param channel the channel
	 * @param handler called for each publication, in the order above; it may be called
	 * from several threads at once (for concurrent publications) and must not block
	 * @return completes with the subscription (dispose it to stop receiving), or with an
	 * error when the backplane cannot subscribe; nothing is received then
	 */
	Mono<Disposable> subscribe(String channel, Consumer<Publication> handler);

}
