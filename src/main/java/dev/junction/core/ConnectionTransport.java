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
	 * The writer took a frame from the connection's queue; the transport counts its bytes
	 * in {@link #pendingBytes()} until they are written to the kernel.
	 * @param bytes the frame's payload size
	 */
	default void taken(long bytes) {
	}

	/**
	 * Bytes taken from the queue and not yet written to the kernel: frames on their way
	 * to the channel and the channel's own outbound buffer.
	 * @return the byte count, 0 when the transport buffers nothing of its own
	 */
	default long pendingBytes() {
		return 0;
	}

	/**
	 * The connection has authenticated (in band, after the upgrade): the transport may
	 * accept frames up to the endpoint's full limit from now on.
	 */
	default void authenticated() {
	}

	/**
	 * Stop or resume reading the client's frames, for a protocol whose receiver elsewhere
	 * has not caught up (back-pressure reaches the client through TCP). Reading is
	 * resumed only when every reason to pause has gone, a byte-rate pause included.
	 * @param paused whether to stop reading
	 */
	default void readingPaused(boolean paused) {
	}

}
