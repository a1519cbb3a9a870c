package dev.junction.protocol.pairs;

import dev.junction.core.ReplyError;

/**
 * The pairs protocol's reply errors: sent as {@code error} messages while the connection
 * stays open.
 */
final class PairsErrors {

	/** A desktop-side message found no mobile to receive it. */
	static final ReplyError MOBILE_NOT_CONNECTED = new ReplyError("Mobile device not connected", null, null);

	/** A mobile message found no desktop-side socket to receive it. */
	static final ReplyError DESKTOP_NOT_CONNECTED = new ReplyError("Desktop not connected", null, null);

	private PairsErrors() {
	}

	/**
	 * A frame over the protocol's message limit, dropped.
	 * @param size the frame's size in bytes
	 * @param max the limit in bytes
	 * @return the error
	 */
	static ReplyError messageTooLarge(long size, long max) {
		return new ReplyError("Message too large (" + size + " bytes, max " + max + ")", null, null);
	}

}
