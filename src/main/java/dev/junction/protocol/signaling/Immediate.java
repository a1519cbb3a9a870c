package dev.junction.protocol.signaling;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The answer of a cluster call that has already answered. Signaling's peer registry still
 * reads and writes room member lists under one lock, in one step, which only a presence
 * that answers at once (the in-memory one) allows; a networked presence fails loudly here
 * instead of being waited for, since waiting would block an event loop. Making
 * {@link PeerRegistry} asynchronous removes this class.
 */
final class Immediate {

	private Immediate() {
	}

	/**
	 * The value of a {@code Mono} that completes as it is subscribed.
	 * @param mono the answer
	 * @return its value, or {@code null} when it completed empty
	 * @throws IllegalStateException when it has not answered yet
	 */
	static <T> @Nullable T value(Mono<T> mono) {
		AtomicReference<@Nullable T> value = new AtomicReference<>();
		AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
		boolean[] done = new boolean[1];
		mono.subscribe(value::set, error::set, () -> done[0] = true);
		Throwable failure = error.get();
		if (failure != null) {
			throw new IllegalStateException("A cluster call failed", failure);
		}
		if (!done[0]) {
			throw new IllegalStateException("Signaling needs cluster seams that answer at once");
		}
		return value.get();
	}

	static <T> T required(Mono<T> mono) {
		T value = value(mono);
		if (value == null) {
			throw new IllegalStateException("A cluster call answered nothing");
		}
		return value;
	}

}
