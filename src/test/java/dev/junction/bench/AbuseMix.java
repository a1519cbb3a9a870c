package dev.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * The abuse of {@link AbuseSoak}: each case loops on its own thread until the mix stops.
 * Cases: malformed JSON and binary junk on rooms, topics and signaling; rooms frames just
 * under the frame limit (text, which the relay parses and re-serializes, and binary);
 * slow consumers that stop reading while a member sends large frames; message floods
 * (closed 1008); half-closed, abruptly dropped and half-sent sockets; path junk and bad
 * upgrades; connection churn. It counts what each case did; the server's memory is
 * measured by the caller.
 */
final class AbuseMix implements AutoCloseable {

	private static final Pattern ROOM_CODE = Pattern.compile("\"room_code\":\"([A-Z0-9]+)\"");

	private static final String CREATE_ROOM = "{\"type\":\"create_room\",\"payload\":{\"user_id\":\"abuser\"}}";

	private final EventLoopGroup group;

	private final Settings settings;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private AbuseMix(EventLoopGroup group, Settings settings) {
		this.group = group;
		this.settings = settings;
	}

	/**
	 * Starts every case on its own thread.
	 */
	static AbuseMix start(EventLoopGroup group, Settings settings) {
		AbuseMix mix = new AbuseMix(group, settings);
		mix.loop("malformed", mix::malformed);
		mix.loop("large-text", () -> mix.largeFrames(true));
		mix.loop("large-binary", () -> mix.largeFrames(false));
		mix.loop("flood", mix::flood);
		mix.loop("dropped", mix::droppedSockets);
		mix.loop("path-junk", mix::pathJunk);
		mix.loop("churn", mix::churn);
		return mix;
	}

	/** The names of the cases. */
	static final List<String> CASES = List.of("malformed", "large-text", "large-binary", "flood", "dropped",
			"path-junk", "churn");

	/** What each case did so far: operations and errors by name. */
	Map<String, Long> counts() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((name, count) -> snapshot.put(name, count.get()));
		return snapshot;
	}

	/** Stops every case and waits for the threads. */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
	}

	private void loop(String name, Case body) {
		Thread thread = new Thread(() -> {
			while (this.running) {
				try {
					body.run();
					count(name);
				}
				catch (Exception ex) {
					// Refused or closed by the server: part of the abuse.
					count(name + ".error");
				}
			}
		}, "abuse-" + name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
	}

	private void count(String name) {
		this.counts.computeIfAbsent(name, (key) -> new AtomicLong()).incrementAndGet();
	}

	private URI uri(String path) {
		return URI.create(this.settings.url() + path);
	}

	private BenchSocket connect(URI uri, Consumer<String> onText) throws Exception {
		return BenchSocket.connect(this.group, uri, null, ByteBuf::touch, onText);
	}

	private String createRoom(BenchSocket socket, CompletableFuture<String> created) throws Exception {
		socket.sendText(CREATE_ROOM);
		Matcher code = ROOM_CODE.matcher(created.get(10, TimeUnit.SECONDS));
		if (!code.find()) {
			throw new IllegalStateException("no room code");
		}
		return code.group(1);
	}

	/** Bad JSON, wrong shapes and binary junk on rooms, topics and signaling. */
	private void malformed() throws Exception {
		Random random = new Random();
		String[] texts = { "{not json", "[1,2,", "\"just a string\"", "{\"type\":", "{\"type\":\"join_room\"}",
				"{\"type\":\"create_room\",\"payload\":7}", "{\"type\":\"join\",\"topic\":{}}",
				"{\"type\":\"register\",\"peer_id\":[]}", "\uD800", "{}".repeat(50_000), "[".repeat(100_000) };
		for (URI uri : List.of(uri("/ws"), Bystanders.topicsUri(this.settings.url(), this.settings.secret(), "abuser"),
				uri("/signaling"))) {
			BenchSocket socket = connect(uri, (text) -> {
			});
			try {
				for (String text : texts) {
					socket.sendText(text);
				}
				byte[] junk = new byte[1 + random.nextInt(64 * 1024)];
				random.nextBytes(junk);
				socket.sendBinary(Unpooled.wrappedBuffer(junk), true);
				socket.sendBinary(Unpooled.wrappedBuffer(new byte[] { (byte) 0xC3, 0x28 }), true);
			}
			finally {
				socket.closeNormally().awaitUninterruptibly(5, TimeUnit.SECONDS);
				socket.close();
			}
		}
	}

	/**
	 * A room of a sender, a reading member and a member that never reads (a raw socket);
	 * the sender sends frames between half and all of the configured size until the slow
	 * member is closed (its queue over the outbound bound) or a dozen frames are sent.
	 */
	private void largeFrames(boolean text) throws Exception {
		CompletableFuture<String> created = new CompletableFuture<>();
		AtomicLong receivedBytes = new AtomicLong();
		BenchSocket sender = connect(uri("/ws"), created::complete);
		BenchSocket reader = null;
		Socket slow = null;
		try {
			String code = createRoom(sender, created);
			CompletableFuture<String> joined = new CompletableFuture<>();
			reader = BenchSocket.connect(this.group, uri("/ws"), null, (buffer) -> {
				receivedBytes.addAndGet(buffer.readableBytes());
			}, (message) -> {
				joined.complete(message);
				receivedBytes.addAndGet(message.length());
			});
			reader.sendText(join(code));
			joined.get(10, TimeUnit.SECONDS);
			slow = RawSocket.upgrade(this.settings.url(), "/ws");
			slow.setReceiveBufferSize(16 * 1024);
			RawSocket.sendText(slow, join(code));
			Random random = new Random();
			for (int i = 0; i < 12 && this.running && !sender.closed(); i++) {
				int size = this.settings.largeFrameBytes() / 2 + random.nextInt(this.settings.largeFrameBytes() / 2);
				ByteBuf payload = text ? largeJson(size) : Unpooled.wrappedBuffer(new byte[size]);
				boolean written = sender.channel()
					.writeAndFlush(text ? new TextWebSocketFrame(payload) : new BinaryWebSocketFrame(payload))
					.awaitUninterruptibly(60, TimeUnit.SECONDS);
				if (!written) {
					break;
				}
				count(text ? "large-text.frames" : "large-binary.frames");
			}
		}
		finally {
			if (slow != null) {
				slow.close();
			}
			if (reader != null) {
				reader.close();
			}
			sender.close();
		}
	}

	private static ByteBuf largeJson(int size) {
		byte[] bytes = new byte[size];
		byte[] head = "{\"type\":\"blob\",\"d\":\"".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(head, 0, bytes, 0, head.length);
		Arrays.fill(bytes, head.length, size - 2, (byte) 'x');
		bytes[size - 2] = '"';
		bytes[size - 1] = '}';
		return Unpooled.wrappedBuffer(bytes);
	}

	private static String join(String code) {
		return "{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"abuser\"}}";
	}

	/** More messages in a second than the inbound rate allows: closed 1008. */
	private void flood() throws Exception {
		CompletableFuture<String> created = new CompletableFuture<>();
		BenchSocket socket = connect(uri("/ws"), created::complete);
		try {
			createRoom(socket, created);
			for (int i = 0; i < this.settings.floodMessages() && !socket.closed(); i++) {
				socket.channel()
					.write(new TextWebSocketFrame("{\"type\":\"flood\",\"n\":" + i + "}"),
							socket.channel().voidPromise());
			}
			socket.channel().flush();
			socket.channel().closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
		}
		finally {
			socket.close();
		}
	}

	/**
	 * Sockets that go away without a closing handshake: half-closed after joining a room,
	 * reset, and reset in the middle of a large frame.
	 */
	private void droppedSockets() throws Exception {
		CompletableFuture<String> created = new CompletableFuture<>();
		BenchSocket owner = connect(uri("/ws"), created::complete);
		try {
			String code = createRoom(owner, created);
			try (Socket halfClosed = RawSocket.upgrade(this.settings.url(), "/ws")) {
				RawSocket.sendText(halfClosed, join(code));
				halfClosed.shutdownOutput();
				// Half-closed: the server sees the end of input; read whatever it sends.
				halfClosed.setSoTimeout(2000);
				drain(halfClosed.getInputStream());
			}
			Socket reset = RawSocket.upgrade(this.settings.url(), "/ws");
			RawSocket.sendText(reset, join(code));
			reset.setSoLinger(true, 0);
			reset.close();
			Socket halfSent = RawSocket.upgrade(this.settings.url(), "/ws");
			RawSocket.sendText(halfSent, join(code));
			RawSocket.sendBinaryStart(halfSent, this.settings.largeFrameBytes(), this.settings.largeFrameBytes() / 2);
			halfSent.setSoLinger(true, 0);
			halfSent.close();
		}
		finally {
			owner.close();
		}
	}

	private static void drain(InputStream in) {
		byte[] buffer = new byte[8192];
		try {
			while (in.read(buffer) >= 0) {
				// Discarded.
			}
		}
		catch (IOException ex) {
			// Timed out or reset: done.
		}
	}

	/** Requests that are not upgrades Junction takes. */
	private void pathJunk() throws Exception {
		String[] requests = { "GET /%zz%00 HTTP/1.1", "GET /ws/../../etc/passwd HTTP/1.1",
				"GET /room/" + "a".repeat(4000) + " HTTP/1.1", "GET /nowhere HTTP/1.1", "POST /ws HTTP/1.1",
				"GET /ws HTTP/9.9", "\u0000\u0001\u0002 garbage", "GET /actuator/../actuator/env HTTP/1.1" };
		for (String line : requests) {
			rawRequest(line + "\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
		}
		rawRequest(String.join("\r\n", "GET /ws HTTP/1.1", "Host: x", "Upgrade: websocket", "Connection: Upgrade",
				"Sec-WebSocket-Version: 8", "", ""));
		rawRequest("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Junk: "
				+ "j".repeat(20_000) + "\r\n\r\n");
	}

	private void rawRequest(String request) throws IOException {
		URI base = URI.create(this.settings.url());
		try (Socket socket = new Socket(base.getHost(), base.getPort())) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			try {
				socket.getInputStream().read(new byte[4096]);
			}
			catch (IOException ex) {
				// No answer, or a reset: either is fine for junk.
			}
		}
	}

	/** Connects, creates a room, closes normally. */
	private void churn() throws Exception {
		CompletableFuture<String> created = new CompletableFuture<>();
		BenchSocket socket = connect(uri("/ws"), created::complete);
		try {
			createRoom(socket, created);
		}
		finally {
			socket.closeNormally().awaitUninterruptibly(5, TimeUnit.SECONDS);
			socket.close();
		}
	}

	@FunctionalInterface
	private interface Case {

		void run() throws Exception;

	}

	/**
	 * What to send.
	 *
	 * @param url the server's {@code ws://host:port}
	 * @param secret the HMAC secret of topics tokens, empty when topics need none
	 * @param largeFrameBytes the largest large frame (each is between half and all of it)
	 * @param floodMessages messages a flood sends at once
	 */
	record Settings(String url, String secret, int largeFrameBytes, int floodMessages) {

	}

	/**
	 * WebSocket over a blocking socket, for the clients that misbehave at the byte level.
	 */
	static final class RawSocket {

		private RawSocket() {
		}

		static Socket upgrade(String url, String path) throws IOException {
			URI base = URI.create(url);
			Socket socket = new Socket(base.getHost(), base.getPort());
			socket.setSoTimeout(10_000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			// The response head ends with an empty line.
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				if (b < 0) {
					socket.close();
					throw new IOException("closed during the upgrade");
				}
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			return socket;
		}

		static void sendText(Socket socket, String text) throws IOException {
			byte[] payload = text.getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(head(0x81, payload.length));
			out.write(payload);
			out.flush();
		}

		/**
		 * The head of a binary frame of {@code length} bytes and {@code sent} of them.
		 */
		static void sendBinaryStart(Socket socket, int length, int sent) throws IOException {
			OutputStream out = socket.getOutputStream();
			out.write(head(0x82, length));
			byte[] chunk = new byte[64 * 1024];
			for (int written = 0; written < sent; written += chunk.length) {
				out.write(chunk, 0, Math.min(chunk.length, sent - written));
			}
			out.flush();
		}

		private static byte[] head(int first, int length) {
			// Masked with a zero key, so the payload goes as is.
			if (length < 126) {
				return new byte[] { (byte) first, (byte) (0x80 | length), 0, 0, 0, 0 };
			}
			if (length < 65536) {
				return new byte[] { (byte) first, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length, 0, 0, 0,
						0 };
			}
			return new byte[] { (byte) first, (byte) (0x80 | 127), 0, 0, 0, 0, (byte) (length >> 24),
					(byte) (length >> 16), (byte) (length >> 8), (byte) length, 0, 0, 0, 0 };
		}

	}

}
