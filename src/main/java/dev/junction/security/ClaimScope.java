package dev.junction.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Which protocols a token opens. Each protocol names the claims that bind a token to its
 * groups ({@code sid}: pairs and tunnel; {@code room}: rooms; {@code topic}: topics;
 * {@code role}: signaling). A token without any binding claim opens every protocol; a
 * token with binding claims opens only the protocols those claims govern, so a token with
 * {@code room} and {@code topic} opens rooms and topics and nothing else. Tokens from
 * anonymous sign-in carry {@link #ANONYMOUS_CLAIM}, which only signaling claims.
 */
public final class ClaimScope {

	/** The claim that marks a token minted by anonymous sign-in. */
	public static final String ANONYMOUS_CLAIM = "junction_anonymous";

	/** The refusal reason of a token used on a protocol it does not open. */
	public static final String REFUSAL = "token not valid for this protocol";

	private final Supplier<Map<String, Set<String>>> bindingClaims;

	private volatile @Nullable Map<String, Set<String>> resolved;

	/**
	 * Create the scope of the served protocols.
	 * @param bindingClaims each protocol's binding claims by protocol name, asked for
	 * once when the first token is checked (the protocols exist by then)
	 */
	public ClaimScope(Supplier<Map<String, Set<String>>> bindingClaims) {
		this.bindingClaims = bindingClaims;
	}

	/**
	 * Whether a token opens a protocol.
	 * @param token the verified token
	 * @param protocol the protocol's name
	 * @return true when it does
	 */
	public boolean opens(VerifiedToken token, String protocol) {
		Map<String, Set<String>> claims = claims();
		boolean bound = false;
		for (Map.Entry<String, Set<String>> entry : claims.entrySet()) {
			for (String claim : entry.getValue()) {
				if (token.claims().get(claim) != null) {
					if (entry.getKey().equals(protocol)) {
						return true;
					}
					bound = true;
				}
			}
		}
		return !bound;
	}

	/**
	 * The protocols this scope knows.
	 * @return their names
	 */
	public Set<String> protocols() {
		return claims().keySet();
	}

	private Map<String, Set<String>> claims() {
		Map<String, Set<String>> claims = this.resolved;
		if (claims == null) {
			claims = Collections.unmodifiableMap(new LinkedHashMap<>(this.bindingClaims.get()));
			this.resolved = claims;
		}
		return claims;
	}

}
