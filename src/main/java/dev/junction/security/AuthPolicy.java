package dev.junction.security;

/**
 * Whether a protocol needs a token: {@code junction.protocols.
 *
<p>
 * .auth}.
 */
public enum AuthPolicy {

	/** A valid token is needed. */
	REQUIRED,

	/** A token is not needed, but one that is sent must be valid. */
	OPTIONAL,

	/** Tokens are not looked at. */
	NONE

}
