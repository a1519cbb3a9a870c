package dev.junction.core;

import java.nio.charset.StandardCharsets;

/**
 * One WebSocket message as the core moves it: encoded once, then shared by every
 * receiver. The byte array is never modified after construction, so fan-out hands the
 * same instance to every member instead of copying or re-encoding it.
 *
 * @param kind text, binary or ping
 * @param bytes the payload (UTF-8 for text); owned by this frame and never mutated
 */
public record Frame(Kind kind, byte[] bytes) {

	private static final byte[] EMPTY = new byte[0];

	/** A keepalive ping with an empty payload. */
	public static final Frame PING = new Frame(Kind.PING, EMPTY);

	public static Frame text(String text) {
		return new Frame(Kind.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	public static Frame text(byte[] utf8) {
		return new Frame(Kind.TEXT, utf8);
	}

	public static Frame binary(byte[] bytes) {
		return new Frame(Kind.BINARY, bytes);
	}

	public int size() {
		return this.bytes.length;
	}

	public boolean isText() {
		return this.kind == Kind.TEXT;
	}

	public String asText() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		// Never the payload: frames may reach a log line.
		return "Frame[" + this.kind + ", " + this.bytes.length + " bytes]";
	}

	/**
	 * What a frame carries on the wire.
	 */
	public enum Kind {

		TEXT, BINARY, PING

	}

}
