package dev.junction.security;

/**
 * A token that Junction refuses, with the short reason it may tell the client (the
 * {@code error_description} of the 401). The reason never contains the token.
 */
public class TokenRejectedException extends RuntimeException {

	private final String reason;

	public TokenRejectedException(String reason) {
		super(reason, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
