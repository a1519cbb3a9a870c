package dev.junction.core;

/**
 * A protocol's logic for one connection: it is given every frame the client sends, in
 * order, and told once when the connection has ended.
 */
public interface ConnectionHandler {

	/** A handler for a connection refused after the upgrade: it ignores everything. */
	ConnectionHandler IGNORING = new ConnectionHandler() {

		@Override
		public void onFrame(Frame frame) {
		}

		@Override
		public void onClose(int code) {
		}

	};

	/**
	 * Whether binary frames should reach {@link #onFrame} as {@link Frame#external}
	 * frames around the network buffer instead of heap copies. A handler that says yes
	 * takes ownership: it sends each such frame on (to one receiver) or releases it.
	 * @return true to forward binary payloads without copying them
	 */
	default boolean forwardsBinaryAsIs() {
		return false;
	}

	/**
	 * Handle one whole text or binary message from the client. Runs on the connection's
	 * event loop, so it must not block.
	 * @param frame the message
	 */
	void onFrame(Frame frame);

	/**
	 * The connection has ended; called exactly once.
	 * @param code the close code: Junction's when it closed first, else the client's
	 * ({@link CloseReason#ABNORMAL_CLOSURE} when the connection dropped)
	 */
	void onClose(int code);

}
