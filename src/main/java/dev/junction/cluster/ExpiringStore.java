package dev.junction.cluster;

import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Small records that live for a fixed time, shared by every node: the signaling rooms
 * made by {@code POST /create-room}, say. The in-memory store knows this node; a cluster
 * store keeps them in the backplane.
 *
 * <p>
 * Calls answer with a {@code Mono} and never block; the in-memory store answers with
 * completed ones.
 */
public interface ExpiringStore {

	/**
	 * Store a record unless the key is taken by a live record.
	 * @param key the key, such as {@code signaling-room:1a2b3c4d}
	 * @param value the record; values are never {@code null}
	 * @param ttl how long the record lives
	 * @return whether it was stored
	 */
	Mono<Boolean> putIfAbsent(String key, Map<String, String> value, Duration ttl);

	/**
	 * A live record.
	 * @param key the key
	 * @return the record, or an empty {@code Mono} when absent or past its time
	 */
	Mono<Map<String, String>> get(String key);

}
