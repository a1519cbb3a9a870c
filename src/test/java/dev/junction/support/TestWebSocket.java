package dev.junction.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real WebSocket client (the JDK's) for wire tests: collects whole messages in order
 * and records how the connection closed.
 */
public final class TestWebSocket implements WebSocket.Listener {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final AtomicInteger pings = new AtomicInteger();

	private volatile long closedAtNanos;

	private volatile boolean reading;

	private StringBuilder text = new StringBuilder();

	private ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private WebSocket webSocket;

	private TestWebSocket(boolean reading) {
		this.reading = reading;
	}

	public static TestWebSocket connect(int port, String path) {
		return connect(URI.create("ws://127.0.0.1:" + port + path), true);
	}

	/**
	 * A client that never reads after the handshake, so the server's writes back up.
	 */
	public static TestWebSocket connectNotReading(int port, String path) {
		return connect(URI.create("ws://127.0.0.1:" + port + path), false);
	}

	private static TestWebSocket connect(URI uri, boolean reading) {
		TestWebSocket listener = new TestWebSocket(reading);
		// A client of its own per socket: the JDK shares one selector thread per client.
		listener.webSocket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri, listener)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		return listener;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		if (this.reading) {
			webSocket.request(1);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.messages.add(new Message(this.text.toString(), null));
			this.text = new StringBuilder();
		}
		requestMore(webSocket);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] chunk = new byte[data.remaining()];
		data.get(chunk);
		this.binary.writeBytes(chunk);
		if (last) {
			this.messages.add(new Message(null, this.binary.toByteArray()));
			this.binary = new ByteArrayOutputStream();
		}
		requestMore(webSocket);
		return null;
	}

	@Override
	public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		this.pings.incrementAndGet();
		requestMore(webSocket);
		return null;
	}

	private void requestMore(WebSocket webSocket) {
		if (this.reading) {
			webSocket.request(1);
		}
	}

	/**
	 * Stop reading from the socket, so that the server's writes back up.
	 */
	public void stopReading() {
		this.reading = false;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closedAtNanos = System.nanoTime();
		this.closed.complete(new Closed(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
	}

	public void send(String text) {
		this.webSocket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
	}

	public void sendBinary(byte[] bytes) {
		this.webSocket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(60, TimeUnit.SECONDS).join();
	}

	/**
	 * Send a frame the server is expected to refuse by closing the connection, which may
	 * fail the send itself.
	 */
	public void sendBinaryExpectingClose(byte[] bytes) {
		try {
			sendBinary(bytes);
		}
		catch (java.util.concurrent.CompletionException ex) {
			// The server closed while the frame was being written.
		}
	}

	/**
	 * The next whole message, which must be text.
	 */
	public String nextText() {
		Message message = next();
		if (message.text() == null) {
			fail("Expected a text message but got " + message.binary().length + " binary bytes");
		}
		return message.text();
	}

	/**
	 * The next whole message, which must be binary.
	 */
	public byte[] nextBinary() {
		Message message = next();
		if (message.binary() == null) {
			fail("Expected a binary message but got text " + abbreviate(message.text()));
		}
		return message.binary();
	}

	public Message next() {
		try {
			Message message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				fail("No message within " + TIMEOUT + (this.closed.isDone() ? "; closed " + this.closed.join() : ""));
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the server to close the connection.
	 */
	public Closed awaitClose() {
		return this.closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	/**
	 * When the close arrived, by {@link System#nanoTime()}.
	 */
	public long closedAtNanos() {
		return this.closedAtNanos;
	}

	public int pings() {
		return this.pings.get();
	}

	public int pending() {
		return this.messages.size();
	}

	/**
	 * Close cleanly with a code, and wait for the server's answer.
	 */
	public Closed close(int code) {
		this.webSocket.sendClose(code, "").orTimeout(10, TimeUnit.SECONDS).join();
		return awaitClose();
	}

	/**
	 * Drop the TCP connection without a close frame.
	 */
	public void abort() {
		this.webSocket.abort();
	}

	public void assertOpen() {
		assertThat(this.closed).as("connection closed").isNotDone();
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	public static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * A whole message: text or binary.
	 *
	 * @param text the text, or null
	 * @param binary the bytes, or null
	 */
	public record Message(String text, byte[] binary) {
	}

	/**
	 * How the connection closed.
	 *
	 * @param code the close code
	 * @param reason the reason
	 */
	public record Closed(int code, String reason) {
	}

}
