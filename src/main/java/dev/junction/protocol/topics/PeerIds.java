package dev.junction.protocol.topics;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Peer ids for clients that join without one, in the original relay's shape:
 * {@code peer-<epoch ms>-<9 base-36 characters>}, the characters from a secure random
 * source.
 */
final class PeerIds {

	private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

	private static final int SUFFIX_LENGTH = 9;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	PeerIds(Clock clock) {
		this.clock = clock;
	}

	String next() {
		char[] suffix = new char[SUFFIX_LENGTH];
		for (int i = 0; i < SUFFIX_LENGTH; i++) {
			suffix[i] = DIGITS[this.random.nextInt(DIGITS.length)];
		}
		return "peer-" + this.clock.millis() + "-" + new String(suffix);
	}

}
