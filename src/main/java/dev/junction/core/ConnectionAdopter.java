package dev.junction.core;

import java.util.Map;

/**
 * A protocol that can take over a connection already open, for the bare-host endpoint
 * whose first frame picks the protocol.
 */
@FunctionalInterface
public interface ConnectionAdopter {

	/**
	 * Become the protocol of an open connection. The caller then hands the returned
	 * handler every frame, starting with the one that chose the protocol.
	 * @param connection the connection
	 * @param attributes what was resolved before the upgrade (client address, verified
	 * token)
	 * @return the protocol's handler for the connection
	 */
	ConnectionHandler adopt(Connection connection, Map<String, Object> attributes);

	/**
	 * Whether the protocol authenticates the connection itself, with a token in one of
	 * its frames; otherwise choosing it completes the connection's authentication.
	 * @return true for in-band authentication
	 */
	default boolean authenticatesInBand() {
		return false;
	}

}
