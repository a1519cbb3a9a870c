package dev.junction.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Every open connection of this node, for keepalive, shutdown and the counters, and the
 * source of connection ids that are unique in the cluster.
 */
public final class ConnectionRegistry {

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private final AtomicLong opened = new AtomicLong();

	private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

	private final Map<String, Integer> bySubject = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final NodeId node;

	public ConnectionRegistry() {
		this(NodeId.random());
	}

	public ConnectionRegistry(NodeId node) {
		this.node = node;
	}

	public NodeId node() {
		return this.node;
	}

	/**
	 * A connection id unique in the cluster: this node's id, {@link NodeId#SEPARATOR} and
	 * a counter. Only the server sees it; it never goes on the wire.
	 * @return the id
	 */
	public String nextId() {
		return this.node.value() + NodeId.SEPARATOR + Long.toString(this.ids.incrementAndGet(), 36);
	}

	public void add(Connection connection) {
		if (this.connections.putIfAbsent(connection.id(), connection) == null) {
			this.opened.incrementAndGet();
			this.byAddress.merge(connection.remoteAddress(), 1, Integer::sum);
			if (connection.subject() != null) {
				this.bySubject.merge(connection.subject(), 1, Integer::sum);
			}
		}
	}

	public void remove(Connection connection) {
		if (this.connections.remove(connection.id(), connection)) {
			this.byAddress.computeIfPresent(connection.remoteAddress(), ConnectionRegistry::decrement);
			if (connection.subject() != null) {
				this.bySubject.computeIfPresent(connection.subject(), ConnectionRegistry::decrement);
			}
		}
	}

	public int countByAddress(String address) {
		return this.byAddress.getOrDefault(address, 0);
	}

	public int countBySubject(String subject) {
		return this.bySubject.getOrDefault(subject, 0);
	}

	@SuppressWarnings("NullAway") // null unmaps the key
	private static Integer decrement(String key, Integer count) {
		return (count > 1) ? count - 1 : null;
	}

	public Collection<Connection> all() {
		return Collections.unmodifiableCollection(this.connections.values());
	}

	/**
	 * A connection of this node by its id.
	 * @param id the connection id
	 * @return the connection, or {@code null} when it is not (or no longer) open here
	 */
	public @Nullable Connection find(String id) {
		return this.connections.get(id);
	}

	public int size() {
		return this.connections.size();
	}

	public long totalOpened() {
		return this.opened.get();
	}

	/**
	 * Close every connection, each after its queued frames.
	 * @param reason the close reason
	 */
	public void closeAll(CloseReason reason) {
		for (Connection connection : this.connections.values()) {
			connection.close(reason);
		}
	}

}
