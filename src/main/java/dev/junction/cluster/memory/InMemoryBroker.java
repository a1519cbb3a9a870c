package dev.junction.cluster.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Publication;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A {@link Broker} for a single node: delivers on the publishing thread to this node's
 * subscribers, so one origin's order is the order of its calls.
 */
public final class InMemoryBroker implements Broker {

	private final Map<String, List<Consumer<Publication>>> channels = new ConcurrentHashMap<>();

	@Override
	public void publish(String channel, Publication publication) {
		List<Consumer<Publication>> handlers = this.channels.get(channel);
		if (handlers != null) {
			for (Consumer<Publication> handler : handlers) {
				handler.accept(publication);
			}
		}
	}

	@Override
	public Mono<Disposable> subscribe(String channel, Consumer<Publication> handler) {
		return Mono.fromSupplier(() -> add(channel, handler));
	}

	private Disposable add(String channel, Consumer<Publication> handler) {
		// A wrapper per call, so that the same handler subscribed twice is two
		// subscriptions.
		Consumer<Publication> subscription = handler::accept;
		this.channels.computeIfAbsent(channel, (key) -> new CopyOnWriteArrayList<>()).add(subscription);
		return () -> this.channels.computeIfPresent(channel, (key, handlers) -> {
			handlers.remove(subscription);
			return handlers.isEmpty() ? null : handlers;
		});
	}

	/**
	 * How many channels have subscribers.
	 * @return the channel count
	 */
	public int channelCount() {
		return this.channels.size();
	}

}
