package dev.junction.core;

/**
 * What the core needs from the network side of a connection beyond its outbound queue.
 */
public interface ConnectionTransport {

	/**
	 * The connection will close once its queued frames are written; the transport bounds
	 * how long that may take when the peer no longer reads.
	 * @param reason the close code and reason
	 */
	void closeAfterQueue(CloseReason reason);

	/**
	 * Send a close frame now, ahead of anything still queued, and make sure the socket
	 * goes away even when the peer no longer reads.
	 * @param reason the close code and reason
	 */
	void closeNow(CloseReason reason);

	/**
	 * The connection has authenticated (in band, after the upgrade): the transport may
	 * accept frames up to the endpoint's full limit from now on.
	 */
	default void authenticated() {
	}

}
