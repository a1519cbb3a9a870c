package dev.junction.core;

import java.security.SecureRandom;

/**
 * The identity of one Junction node in a cluster: eight base-36 characters drawn once at
 * start-up. Connection ids are made of it, a separator and a counter of this node, so
 * they are unique across the cluster, which is what suppressing a sender's own echo and
 * keeping presence entries apart rely on. Neither ever reaches a client: the peer ids a
 * protocol shows are its own.
 *
 * @param value the id, lower-case letters and digits, never containing {@link #SEPARATOR}
 */
public record NodeId(String value) {

	/** Between the node id and the counter in a connection id. */
	public static final char SEPARATOR = '.';

	private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

	private static final int LENGTH = 8;

	private static final SecureRandom random = new SecureRandom();

	public NodeId {
		if (value.isEmpty() || value.indexOf(SEPARATOR) >= 0) {
			throw new IllegalArgumentException("A node id is not empty and has no '" + SEPARATOR + "'");
		}
	}

	/**
	 * A fresh random node id.
	 * @return the node id
	 */
	public static NodeId random() {
		char[] chars = new char[LENGTH];
		for (int i = 0; i < LENGTH; i++) {
			chars[i] = DIGITS.charAt(random.nextInt(DIGITS.length()));
		}
		return new NodeId(new String(chars));
	}

	/**
	 * The node part of a connection id made by {@link ConnectionRegistry#nextId()}.
	 * @param connectionId the connection id
	 * @return the node id, or the whole id when it has no node part
	 */
	public static String of(String connectionId) {
		int at = connectionId.indexOf(SEPARATOR);
		return (at < 0) ? connectionId : connectionId.substring(0, at);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
