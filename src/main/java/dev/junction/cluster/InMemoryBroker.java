package dev.junction.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.junction.core.Envelope;
import reactor.core.Disposable;

/**
 * A {@link Broker} for a single node: delivers synchronously to this node's subscribers.
 */
public final class InMemoryBroker implements Broker {

	private final Map<String, List<Consumer<Envelope>>> channels = new ConcurrentHashMap<>();

	@Override
	public void publish(String channel, Envelope envelope) {
		List<Consumer<Envelope>> handlers = this.channels.get(channel);
		if (handlers != null) {
			for (Consumer<Envelope> handler : handlers) {
				handler.accept(envelope);
			}
		}
	}

	@Override
	public Disposable subscribe(String channel, Consumer<Envelope> handler) {
		this.channels.computeIfAbsent(channel, (key) -> new CopyOnWriteArrayList<>()).add(handler);
		return () -> this.channels.computeIfPresent(channel, (key, handlers) -> {
			handlers.remove(handler);
			return handlers.isEmpty() ? null : handlers;
		});
	}

}
