package dev.junction.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.junction.core.CloseReason;
import dev.junction.core.ConnectionAdopter;
import dev.junction.core.ConnectionHandler;

/**
 * Which protocols a token opens. A token without binding claims opens every protocol; a
 * token with binding claims opens only the protocols those claims govern ({@code sid}:
 * pairs and tunnel; {@code room}: rooms; {@code topic}: topics; {@code role}: signaling),
 * so a token with {@code room} and {@code topic} opens rooms and topics and nothing else.
 * Tokens from anonymous sign-in carry {@link #ANONYMOUS_CLAIM} and open signaling only.
 */
public final class ClaimScope {

	/** The claim that marks a token minted by anonymous sign-in. */
	public static final String ANONYMOUS_CLAIM = "junction_anonymous";

	/** The refusal reason of a token used on a protocol it does not open. */
	public static final String REFUSAL = "token not valid for this protocol";

	private static final Map<String, List<String>> GOVERNED = Map.of("sid", List.of("pairs", "tunnel"), "room",
			List.of("rooms"), "topic", List.of("topics"), "role", List.of("signaling"), ANONYMOUS_CLAIM,
			List.of("signaling"));

	private ClaimScope() {
	}

	/**
	 * Whether a token opens a protocol.
	 * @param token the verified token
	 * @param protocol the protocol's name ({@code rooms}, {@code pairs},
	 * {@code signaling}, {@code tunnel}, {@code topics})
	 * @return true when it does
	 */
	public static boolean opens(VerifiedToken token, String protocol) {
		Set<String> scope = new LinkedHashSet<>();
		GOVERNED.forEach((claim, protocols) -> {
			if (token.claims().get(claim) != null) {
				scope.addAll(protocols);
			}
		});
		return scope.isEmpty() || scope.contains(protocol);
	}

	/**
	 * A protocol of the bare-host endpoint that closes a connection with 1008
	 * {@code not authorized} when its handshake token does not open that protocol.
	 * @param protocol the protocol's name
	 * @param adopter the protocol
	 * @return the guarded protocol
	 */
	public static ConnectionAdopter guard(String protocol, ConnectionAdopter adopter) {
		return (connection, attributes) -> {
			VerifiedToken token = VerifiedToken.from(attributes);
			if (token != null && !opens(token, protocol)) {
				connection.close(CloseReason.NOT_AUTHORIZED);
				return ConnectionHandler.IGNORING;
			}
			return adopter.adopt(connection, attributes);
		};
	}

}
