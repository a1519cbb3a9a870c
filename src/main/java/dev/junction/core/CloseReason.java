package dev.junction.core;

/**
 * Why Junction ends a connection: a WebSocket close code (RFC 6455 section 7.4) and a
 * short reason. Every close code Junction uses is defined here, with its meaning; a
 * {@link ReplyError} is the other outcome, one that keeps the connection open.
 *
 * @param code the close code sent in the close frame
 * @param reason the close reason, at most 123 bytes of UTF-8
 */
public record CloseReason(int code, String reason) {

	/** 1000: the client asked for it, or the protocol ends the session normally. */
	public static final CloseReason NORMAL = new CloseReason(1000, "");

	/** 1000: a pairs session saw no message for the inactivity timeout. */
	public static final CloseReason SESSION_TIMEOUT = new CloseReason(1000, "Session timeout");

	/** 1008: the client broke a rule of the protocol or of its token. */
	public static final CloseReason POLICY_VIOLATION = new CloseReason(1008, "policy violation");

	/** 1008: the client sent more messages or bytes per second than its limit. */
	public static final CloseReason RATE_LIMITED = new CloseReason(1008, "rate limit exceeded");

	/** 1008: the connection's token does not allow what it asked for. */
	public static final CloseReason NOT_AUTHORIZED = new CloseReason(1008, "not authorized");

	/** 1008: a tunnel session already has its two parties. */
	public static final CloseReason SESSION_FULL = new CloseReason(1008, "session full");

	/** 1008: an in-band token was missing, invalid or not for this session. */
	public static final CloseReason AUTHENTICATION_FAILED = new CloseReason(1008, "authentication failed");

	/** 1008: no in-band token arrived in time. */
	public static final CloseReason AUTHENTICATION_TIMEOUT = new CloseReason(1008, "authentication timeout");

	/** 1013: a tunnel party sent more than the pre-pairing buffer holds. */
	public static final CloseReason BUFFER_FULL = new CloseReason(1013, "buffer full");

	/** 1009: a message over the configured frame limit, as one frame or as fragments. */
	public static final CloseReason TOO_BIG = new CloseReason(1009, "message too big");

	/**
	 * 1002: RFC 6455 broken: RSV bits without an extension, a reserved opcode, an
	 * unmasked client frame, or a close frame with a code that may not be sent.
	 */
	public static final CloseReason PROTOCOL_ERROR = new CloseReason(1002, "protocol error");

	/** 1007: a text message (or a close reason) that is not valid UTF-8. */
	public static final CloseReason INVALID_PAYLOAD = new CloseReason(1007, "invalid payload data");

	/** 1011: the connection did not answer pings within the keepalive timeout. */
	public static final CloseReason KEEPALIVE_TIMEOUT = new CloseReason(1011, "keepalive timeout");

	/** 1011: an unexpected server-side failure on this connection. */
	public static final CloseReason INTERNAL_ERROR = new CloseReason(1011, "internal error");

	/** 1012: the node is shutting down; the client should reconnect elsewhere. */
	public static final CloseReason SERVER_RESTART = new CloseReason(1012, "server restarting");

	/** 1013: the connection's outbound queue overflowed (a slow consumer). */
	public static final CloseReason SLOW_CONSUMER = new CloseReason(1013, "slow consumer");

	/** 1013: the node sheds load; try again later. */
	public static final CloseReason TRY_AGAIN_LATER = new CloseReason(1013, "try again later");

	/**
	 * 4409: signaling: another connection registered the same {@code peer_id} and took it
	 * over.
	 */
	public static final CloseReason REPLACED_BY_NEWER_REGISTRATION = new CloseReason(4409,
			"replaced by a newer registration");

	/** 1006 is never sent; it names a connection that dropped without a close frame. */
	public static final int ABNORMAL_CLOSURE = 1006;

	/** 1005 is never sent; it names a close frame that carried no code. */
	public static final int NO_STATUS = 1005;

	public static CloseReason replaced(String what) {
		return new CloseReason(1000, "New " + what + " connection");
	}

	/**
	 * Whether a close code a client sent means it left on purpose (1000, 1001 or a close
	 * frame without a code), as opposed to a dropped or failed connection.
	 * @param code the close code received from the client
	 * @return true for a deliberate close
	 */
	public static boolean isClean(int code) {
		return code == 1000 || code == 1001 || code == NO_STATUS;
	}

}
