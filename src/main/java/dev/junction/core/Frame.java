package dev.junction.core;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One WebSocket message as the core moves it: encoded once, then shared by every
 * receiver. A frame either owns an immutable byte array, which fan-out hands to every
 * member instead of copying or re-encoding it, or carries the network layer's own buffer
 * ({@link #external}), which is passed on to exactly one receiver without ever being
 * copied to the heap; whoever drops such a frame calls {@link #release()}.
 */
public final class Frame {

	private static final byte[] EMPTY = new byte[0];

	/** A keepalive ping with an empty payload. */
	public static final Frame PING = new Frame(Kind.PING, EMPTY, null, EMPTY.length, null);

	private final Kind kind;

	private final byte[] bytes;

	private final @Nullable Object buffer;

	private final int size;

	private final @Nullable Runnable release;

	private final long createdNanos = System.nanoTime();

	private Frame(Kind kind, byte[] bytes, @Nullable Object buffer, int size, @Nullable Runnable release) {
		this.kind = kind;
		this.bytes = bytes;
		this.buffer = buffer;
		this.size = size;
		this.release = release;
	}

	public static Frame text(String text) {
		return text(text.getBytes(StandardCharsets.UTF_8));
	}

	public static Frame text(byte[] utf8) {
		return new Frame(Kind.TEXT, utf8, null, utf8.length, null);
	}

	public static Frame binary(byte[] bytes) {
		return new Frame(Kind.BINARY, bytes, null, bytes.length, null);
	}

	/**
	 * A frame around a buffer of the network layer, forwarded to one receiver as is.
	 * @param kind text or binary
	 * @param buffer the transport's buffer, retained for this frame
	 * @param size the payload size in bytes
	 * @param release gives the retained buffer back; called at most once
	 * @return the frame
	 */
	public static Frame external(Kind kind, Object buffer, int size, Runnable release) {
		return new Frame(kind, EMPTY, buffer, size, release);
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * The payload bytes of a frame that owns them.
	 * @return the bytes, never to be modified
	 * @throws IllegalStateException for an {@link #external} frame, whose payload stays
	 * in the network layer
	 */
	public byte[] bytes() {
		if (this.buffer != null) {
			throw new IllegalStateException("An external frame's payload is not on the heap");
		}
		return this.bytes;
	}

	/**
	 * The network layer's buffer of an {@link #external} frame.
	 * @return the buffer, or {@code null} for a frame that owns its bytes
	 */
	public @Nullable Object buffer() {
		return this.buffer;
	}

	public int size() {
		return this.size;
	}

	/**
	 * When this frame was made, by {@link System#nanoTime()}: the start of its delivery.
	 * @return the creation time in nanoseconds
	 */
	public long createdNanos() {
		return this.createdNanos;
	}

	/**
	 * The same frame, made now: for a frame held back until its receiver existed, whose
	 * delivery starts when it is handed on. Ownership of the payload passes to the new
	 * frame; this one must not be used or released again.
	 * @return the frame with a fresh creation time
	 */
	public Frame restamped() {
		return new Frame(this.kind, this.bytes, this.buffer, this.size, this.release);
	}

	public boolean isText() {
		return this.kind == Kind.TEXT;
	}

	public String asText() {
		return new String(bytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Give an external frame's buffer back because the frame will not be written. Nothing
	 * for frames that own their bytes.
	 */
	public void release() {
		if (this.release != null) {
			this.release.run();
		}
	}

	@Override
	public String toString() {
		// Never the payload: frames may reach a log line.
		return "Frame[" + this.kind + ", " + this.size + " bytes]";
	}

	/**
	 * What a frame carries on the wire.
	 */
	public enum Kind {

		TEXT, BINARY, PING

	}

}
