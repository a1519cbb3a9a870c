package dev.junction.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Publication;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A broker for hub tests: delivers on the publishing thread, records what is published,
 * and refuses subscriptions while {@link #failing}.
 */
final class FakeBroker implements Broker {

	final List<Publication> published = new CopyOnWriteArrayList<>();

	volatile boolean failing;

	/** When set, subscriptions answer only when the test completes this sink. */
	volatile Sinks.@Nullable One<Boolean> answer;

	int subscribeCalls;

	private final Map<String, List<Consumer<Publication>>> handlers = new ConcurrentHashMap<>();

	@Override
	public void publish(String channel, Publication publication) {
		this.published.add(publication);
		this.handlers.getOrDefault(channel, List.of()).forEach((handler) -> handler.accept(publication));
	}

	@Override
	public Mono<Disposable> subscribe(String channel, Consumer<Publication> handler) {
		this.subscribeCalls++;
		Sinks.One<Boolean> pending = this.answer;
		if (pending != null) {
			return pending.asMono()
				.flatMap((ok) -> ok ? register(channel, handler)
						: Mono.error(new IllegalStateException("backplane down")));
		}
		if (this.failing) {
			return Mono.error(new IllegalStateException("backplane down"));
		}
		return register(channel, handler);
	}

	private Mono<Disposable> register(String channel, Consumer<Publication> handler) {
		this.handlers.computeIfAbsent(channel, (key) -> new CopyOnWriteArrayList<>()).add(handler);
		return Mono.just(() -> this.handlers.get(channel).remove(handler));
	}

	int subscriptions(String channel) {
		return this.handlers.getOrDefault(channel, List.of()).size();
	}

}
