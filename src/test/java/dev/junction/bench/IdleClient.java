package dev.junction.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * A child process of scenario S4 ({@link IdleConnections}): holds idle room members on
 * {@code /ws}, as many as its coordinator asks for, and answers the server's pings (the
 * Netty client protocol handler does that by itself).
 *
 * <p>
 * Arguments, all {@code --key=value}: {@code url} (the rooms endpoint,
 * ws://127.0.0.1:8080/ws), {@code sources} (comma-separated local addresses to bind to,
 * round robin; empty for none), {@code room-size}, {@code parallel} (rooms being joined
 * at once), {@code name} (prefix of user ids). Commands, one per line on stdin:
 * {@code open <n>} (open n more connections in rooms of room-size, then answer
 * {@code ready}), {@code status} (answer {@code status}), {@code close} (close every
 * connection with 1000, answer {@code closed} and exit; so does the end of stdin). Every
 * answer, and a {@code progress} line each second while opening, carries
 * {@code opened=.. joined=.. failed=.. closed=..}: handshakes completed, members that got
 * room_created or room_joined, connections that could not be opened or joined, and
 * connections that are closed now.
 */
public final class IdleClient {

	private static final Pattern ROOM_CODE = Pattern.compile("\"room_code\":\"([A-Za-z0-9]+)\"");

	private final EventLoopGroup group = BenchSocket.group(1);

	private final URI uri;

	private final List<String> sources;

	private final int roomSize;

	private final String name;

	private final ExecutorService openers;

	private final List<BenchSocket> sockets = new ArrayList<>();

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger joined = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger members = new AtomicInteger();

	private volatile boolean reportedFailure;

	private IdleClient(URI uri, List<String> sources, int roomSize, int parallel, String name) {
		this.uri = uri;
		this.sources = sources;
		this.roomSize = roomSize;
		this.name = name;
		this.openers = Executors.newFixedThreadPool(parallel);
	}

	public static void main(String[] args) throws Exception {
		// Netty's debug logging would go to stdout, which carries the answers.
		InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
		Map<String, String> options = IdleConnections.options(args);
		String sources = options.getOrDefault("sources", "");
		IdleClient client = new IdleClient(URI.create(options.getOrDefault("url", "ws://127.0.0.1:8080/ws")),
				sources.isEmpty() ? List.of() : Arrays.asList(sources.split(",")),
				Integer.parseInt(options.getOrDefault("room-size", "10")),
				Integer.parseInt(options.getOrDefault("parallel", "4")), options.getOrDefault("name", "idle"));
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = commands.readLine()) != null && !"close".equals(command.trim())) {
			if (command.startsWith("open ")) {
				client.open(Integer.parseInt(command.substring(5).trim()));
				answer("ready " + client.counts());
			}
			else if ("status".equals(command.trim())) {
				answer("status " + client.counts());
			}
		}
		client.closeAll();
		answer("closed " + client.counts());
		System.exit(0);
	}

	/**
	 * Writes one line to the coordinator, which reads this process's stdout.
	 */
	private static void answer(String line) {
		System.out.println(line);
		System.out.flush();
	}

	/**
	 * Opens the connections, {@code parallel} rooms at a time, and reports progress each
	 * second until all are done.
	 */
	private void open(int count) throws InterruptedException {
		int rooms = (count + this.roomSize - 1) / this.roomSize;
		CountDownLatch done = new CountDownLatch(rooms);
		for (int left = count; left > 0; left -= this.roomSize) {
			int size = Math.min(left, this.roomSize);
			this.openers.execute(() -> {
				try {
					openRoom(size);
				}
				finally {
					done.countDown();
				}
			});
		}
		while (!done.await(1, TimeUnit.SECONDS)) {
			answer("progress " + counts());
		}
	}

	/**
	 * Opens one room: the first member creates it, the others join with its code, one
	 * after the other. A member that fails fails the rest of its room too.
	 */
	private void openRoom(int size) {
		String code = null;
		for (int i = 0; i < size; i++) {
			int member = this.members.getAndIncrement();
			String source = this.sources.isEmpty() ? null : this.sources.get(member % this.sources.size());
			CompletableFuture<String> reply = new CompletableFuture<>();
			try {
				BenchSocket socket = BenchSocket.connect(this.group, this.uri, source, (binary) -> {
				}, (text) -> {
					if (text.contains("room_created") || text.contains("room_joined")) {
						reply.complete(text);
					}
					else if (text.contains("\"error\"")) {
						reply.completeExceptionally(new IllegalStateException(text));
					}
				});
				synchronized (this.sockets) {
					this.sockets.add(socket);
				}
				this.opened.incrementAndGet();
				String user = this.name + "-" + member;
				socket
					.sendText((code != null)
							? "{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\""
									+ user + "\"}}"
							: "{\"type\":\"create_room\",\"payload\":{\"user_id\":\"" + user + "\"}}");
				String answer = reply.get(30, TimeUnit.SECONDS);
				if (code == null) {
					Matcher matcher = ROOM_CODE.matcher(answer);
					if (!matcher.find()) {
						throw new IllegalStateException("no room code in " + answer);
					}
					code = matcher.group(1);
				}
				this.joined.incrementAndGet();
			}
			catch (Exception ex) {
				this.failed.addAndGet(size - i);
				if (!this.reportedFailure) {
					this.reportedFailure = true;
					// Diagnostics for the coordinator, which forwards this process's
					// output that is not an answer to its own stderr.
					System.out.println("first failure: " + ex);
				}
				return;
			}
		}
	}

	private String counts() {
		int closed = 0;
		synchronized (this.sockets) {
			for (BenchSocket socket : this.sockets) {
				if (socket.closed()) {
					closed++;
				}
			}
		}
		return "opened=" + this.opened.get() + " joined=" + this.joined.get() + " failed=" + this.failed.get()
				+ " closed=" + closed;
	}

	/**
	 * Closes every connection with a close frame (1000) and waits up to ten seconds for
	 * the server's answers before dropping what is left.
	 */
	private void closeAll() {
		this.openers.shutdownNow();
		List<BenchSocket> open;
		synchronized (this.sockets) {
			open = new ArrayList<>(this.sockets);
		}
		for (BenchSocket socket : open) {
			socket.channel()
				.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
				.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		for (BenchSocket socket : open) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !socket.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
				socket.channel().close();
			}
		}
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
	}

}
