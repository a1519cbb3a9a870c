package dev.junction.core;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open connection of this node, for keepalive, shutdown and the counters.
 */
public final class ConnectionRegistry {

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicLong opened = new AtomicLong();

	private final AtomicLong ids = new AtomicLong();

	public String nextId() {
		return Long.toString(this.ids.incrementAndGet(), 36);
	}

	public void add(Connection connection) {
		this.connections.add(connection);
		this.opened.incrementAndGet();
	}

	public void remove(Connection connection) {
		this.connections.remove(connection);
	}

	public Collection<Connection> all() {
		return Collections.unmodifiableSet(this.connections);
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
		for (Connection connection : this.connections) {
			connection.close(reason);
		}
	}

}
