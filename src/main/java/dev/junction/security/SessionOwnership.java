package dev.junction.security;

import org.jspecify.annotations.Nullable;

/**
 * Who may join a pairs or tunnel session. A session belongs to the subject of its first
 * party; a later party is let in when its token has that subject, or when its token's
 * {@code sid} claim names the session. A session whose first party had no subject (no
 * token, or a token without {@code sub}) has no owner and is open to every party the
 * protocol's policy lets through.
 */
public final class SessionOwnership {

	/** The claim that binds a token to pairs and tunnel sessions. */
	public static final String SESSION_CLAIM = "sid";

	private SessionOwnership() {
	}

	/**
	 * The owner a session gets when this token's holder opens it.
	 * @param token the first party's token, or {@code null}
	 * @return its subject, or {@code null} for a session without an owner
	 */
	public static @Nullable String ownerOf(@Nullable VerifiedToken token) {
		return (token != null) ? token.subject() : null;
	}

	/**
	 * Whether a party may join a session.
	 * @param owner the session's owner, or {@code null} when it has none (or does not
	 * exist)
	 * @param token the party's token, or {@code null}
	 * @param sessionId the session id
	 * @return true when the party may join
	 */
	public static boolean admits(@Nullable String owner, @Nullable VerifiedToken token, String sessionId) {
		if (owner == null) {
			return true;
		}
		if (token == null) {
			return false;
		}
		return owner.equals(token.subject()) || namesSession(token, sessionId);
	}

	/**
	 * Whether a token carries a {@code sid} claim that names this session.
	 * @param token the token
	 * @param sessionId the session id
	 * @return true when the claim is present and names the session
	 */
	public static boolean namesSession(VerifiedToken token, String sessionId) {
		return token.claims().get(SESSION_CLAIM) != null && token.allows(SESSION_CLAIM, sessionId);
	}

	/**
	 * Check a session protocol's token against the session it asks for: its {@code sid}
	 * must name the session when present, and be present when the setting requires it.
	 * The answer is the same whether or not the session is live.
	 * @param token the verified token
	 * @param sessionId the session of the upgrade
	 * @param requireSessionClaim {@code junction.security.require-session-claim}
	 * @return the refusal reason, or {@code null} when the token may open the session
	 */
	public static @Nullable String refuseBinding(VerifiedToken token, String sessionId, boolean requireSessionClaim) {
		boolean allowed = requireSessionClaim ? namesSession(token, sessionId) : token.allows(SESSION_CLAIM, sessionId);
		return allowed ? null : "token not valid for this session";
	}

}
