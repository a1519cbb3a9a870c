package dev.junction.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every TCP connection of this node from accept to close, by peer address: upgraded
 * WebSocket connections, plain HTTP requests, and connections whose request head has not
 * arrived yet. The connection caps count these, so that a client cannot hold sockets
 * outside them by never finishing a handshake.
 */
public final class OpenSockets {

	private final AtomicInteger total = new AtomicInteger();

	private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

	/**
	 * Count a connection just accepted.
	 * @param address the peer address
	 */
	public void opened(String address) {
		this.total.incrementAndGet();
		this.byAddress.merge(address, 1, Integer::sum);
	}

	/**
	 * Forget a connection that has closed.
	 * @param address the peer address it was counted under
	 */
	public void closed(String address) {
		this.total.decrementAndGet();
		this.byAddress.computeIfPresent(address, OpenSockets::decrement);
	}

	public int size() {
		return this.total.get();
	}

	public int countByAddress(String address) {
		return this.byAddress.getOrDefault(address, 0);
	}

	@SuppressWarnings("NullAway") // null unmaps the key
	private static Integer decrement(String key, Integer count) {
		return (count > 1) ? count - 1 : null;
	}

}
