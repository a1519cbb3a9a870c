package dev.junction.cluster;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Small records that live for a fixed time, shared by every node: the signaling rooms
 * made by {@code POST /create-room}, say. The in-memory store knows this node; a cluster
 * store keeps them in the backplane.
 *
 * <p>
 * Calls never block.
 */
public interface ExpiringStore {

	/**
	 * Store a record unless the key is taken.
	 * @param key the key, such as {@code signaling-room:1a2b3c4d}
	 * @param value the record; values are never {@code null}
	 * @param ttl how long the record lives
	 * @return whether it was stored
	 */
	boolean putIfAbsent(String key, Map<String, String> value, Duration ttl);

	/**
	 * A live record.
	 * @param key the key
	 * @return the record, or {@code null} when absent or past its time
	 */
	@Nullable Map<String, String> get(String key);

}
