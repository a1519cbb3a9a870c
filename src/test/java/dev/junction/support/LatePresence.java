package dev.junction.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.junction.cluster.Departure;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Member lists that answer late, as a remote backplane does: once {@link #hold} is
 * called, every answer waits until the test calls {@link #answer}, which lets them go on
 * a thread of its own. In between it behaves as the in-memory presence.
 */
public final class LatePresence implements Presence {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final InMemoryPresence delegate = new InMemoryPresence();

	private volatile Sinks.@Nullable Empty<Void> gate;

	/**
	 * From now on, answers wait for {@link #answer}.
	 */
	public void hold() {
		this.gate = Sinks.empty();
	}

	/**
	 * Let every waiting answer go, on another thread, and return once whatever ran on
	 * that thread (their subscribers included) is done; later calls answer at once.
	 */
	public void answer() {
		Sinks.Empty<Void> held = this.gate;
		this.gate = null;
		if (held == null) {
			return;
		}
		try {
			CompletableFuture.runAsync(held::tryEmitEmpty).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public Mono<Void> add(String group, PresenceMember member) {
		return late(this.delegate.add(group, member));
	}

	@Override
	public Mono<Boolean> remove(String group, String memberId) {
		return late(this.delegate.remove(group, memberId));
	}

	@Override
	public Mono<List<PresenceMember>> members(String group) {
		return late(this.delegate.members(group));
	}

	@Override
	public Flux<Departure> removeNode(NodeId node) {
		return late(this.delegate.removeNode(node).collectList()).flatMapMany(Flux::fromIterable);
	}

	private <T> Mono<T> late(Mono<T> answer) {
		return Mono.defer(() -> {
			Sinks.Empty<Void> held = this.gate;
			return (held != null) ? held.asMono().then(answer) : answer;
		});
	}

}
