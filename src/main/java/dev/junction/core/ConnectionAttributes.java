package dev.junction.core;

/**
 * Names of the request attributes, set before an upgrade, that the connection inherits.
 */
public final class ConnectionAttributes {

	/** The client's address, after trusted-proxy resolution. */
	public static final String CLIENT_ADDRESS = "junction.clientAddress";

	/** The verified token's subject, when there is one. */
	public static final String SUBJECT = "junction.subject";

	private ConnectionAttributes() {
	}

}
