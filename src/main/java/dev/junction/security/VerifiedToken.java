package dev.junction.security;

import java.security.Principal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A token that passed verification: its subject and claims. Protocol handlers read it
 * from the WebSocket session's attributes under {@link #ATTRIBUTE}.
 *
 * @param subject the {@code sub} claim, or {@code null} when the token has none
 * @param claims every claim of the token
 */
public record VerifiedToken(@Nullable String subject, Map<String, Object> claims) implements Principal {

	/** The exchange and session attribute that holds the verified token. */
	public static final String ATTRIBUTE = VerifiedToken.class.getName();

	/**
	 * The verified token among a connection's attributes.
	 * @param attributes the session or exchange attributes
	 * @return the token, or {@code null} when the connection was opened without one
	 */
	public static @Nullable VerifiedToken from(Map<String, Object> attributes) {
		return (attributes.get(ATTRIBUTE) instanceof VerifiedToken token) ? token : null;
	}

	@Override
	public String getName() {
		return (this.subject != null) ? this.subject : "";
	}

	/**
	 * A string claim.
	 * @param name the claim name
	 * @return its value, or {@code null} when absent or not a string
	 */
	public @Nullable String claim(String name) {
		Object value = this.claims.get(name);
		return (value instanceof String text) ? text : null;
	}

	/**
	 * Whether a binding claim allows a value: an absent claim allows anything.
	 * @param name the claim ({@code sid}, {@code room}, {@code topic})
	 * @param value the value the request asks for
	 * @return true when allowed
	 */
	public boolean allows(String name, String value) {
		Object bound = this.claims.get(name);
		if (bound == null) {
			return true;
		}
		if (bound instanceof Iterable<?> values) {
			for (Object candidate : values) {
				if (value.equals(candidate)) {
					return true;
				}
			}
			return false;
		}
		return value.equals(bound);
	}

	@Override
	public String toString() {
		// Claims may carry personal data; the subject is enough to identify a token.
		return "VerifiedToken[sub=" + this.subject + "]";
	}

}
