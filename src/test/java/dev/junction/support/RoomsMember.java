package dev.junction.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A rooms member that behaves as the deployed client does, for tests with traffic and
 * restarts: after any close but 1000 and 1001 it reconnects (to the port its supplier
 * names) and joins its room again by code. It records every message, every close code,
 * and what it finds wrong: error replies, a {@code room_joined} that does not list it, a
 * member listed twice, a message from a member whose last news was {@code user_left} (its
 * leave overtook its rejoining). Under concurrent joins and leaves on several nodes the
 * {@code users} lists may arrive out of order, so the list it holds last is not checked
 * here.
 */
public final class RoomsMember implements WebSocket.Listener {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String userId;

	private final @Nullable IntSupplier reconnectPort;

	private final Executor reconnecting;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<Integer> closes = new CopyOnWriteArrayList<>();

	private final List<String> problems = new CopyOnWriteArrayList<>();

	private final List<String> story = new CopyOnWriteArrayList<>();

	private volatile List<String> users = List.of();

	/**
	 * Who the last word about was {@code user_left}; touched on the reading thread only.
	 */
	private final Set<String> gone = new HashSet<>();

	private volatile @Nullable String code;

	private volatile boolean inRoom;

	private volatile int port;

	private volatile @Nullable WebSocket socket;

	private StringBuilder text = new StringBuilder();

	private int sequence;

	/**
	 * A member not connected yet.
	 * @param userId its user id, also its display name
	 * @param reconnectPort where it reconnects after an unclean close, or null to stay
	 * closed
	 * @param reconnecting where reconnections run (never a client's callback thread)
	 */
	public RoomsMember(String userId, @Nullable IntSupplier reconnectPort, Executor reconnecting) {
		this.userId = userId;
		this.reconnectPort = reconnectPort;
		this.reconnecting = reconnecting;
	}

	/**
	 * Connect and create a room.
	 * @param port the node's port
	 * @return the room's code
	 */
	public String create(int port) {
		connect(port);
		send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"" + this.userId + "\",\"display_name\":\""
				+ this.userId + "\"}}");
		await().atMost(TIMEOUT).until(() -> this.code != null);
		return this.code;
	}

	/**
	 * Connect and join a room, waiting for {@code room_joined}.
	 * @param port the node's port
	 * @param code the room's code
	 */
	public void join(int port, String code) {
		this.code = code;
		synchronized (this) {
			connect(port);
			sendJoin();
		}
		await().atMost(TIMEOUT).until(() -> this.inRoom);
	}

	private void connect(int port) {
		this.story.add("connect " + port);
		this.port = port;
		this.inRoom = false;
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	private void sendJoin() {
		send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + this.code + "\",\"user_id\":\"" + this.userId
				+ "\",\"display_name\":\"" + this.userId + "\"}}");
	}

	/**
	 * Send a text frame on the current connection.
	 * @param message the text
	 */
	public synchronized void send(String message) {
		this.socket.sendText(message, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Send the next {@code chat} message when in the room; a send that fails because the
	 * connection has just closed is dropped, as the member reconnects.
	 */
	public synchronized void talk() {
		if (this.inRoom) {
			try {
				send("{\"type\":\"chat\",\"n\":" + this.sequence++ + "}");
			}
			catch (RuntimeException ex) {
				// Closed meanwhile.
			}
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			handle(this.text.toString());
			this.text = new StringBuilder();
		}
		webSocket.request(1);
		return null;
	}

	private void handle(String message) {
		this.received.add(message);
		if (!message.contains("\"type\":\"chat\"")) {
			this.story.add(this.closes.size() + " " + message);
		}
		JsonNode tree = json.readTree(message);
		JsonNode payload = tree.path("payload");
		switch (tree.path("type").asString()) {
			case "room_created" -> {
				this.code = payload.path("room_code").asString();
				this.users = List.of(this.userId);
				this.inRoom = true;
			}
			case "room_joined" -> {
				this.users = ids(payload.path("users"));
				this.gone.clear();
				if (!this.users.contains(this.userId)) {
					this.problems.add("not listed: " + message);
				}
				this.inRoom = true;
			}
			case "user_joined" -> {
				this.users = ids(payload.path("users"));
				this.gone.remove(payload.path("user_id").asString());
			}
			case "user_left" -> {
				this.users = ids(payload.path("users"));
				this.gone.add(payload.path("user_id").asString());
			}
			case "chat" -> {
				if (this.gone.contains(tree.path("sender_id").asString()) && this.problems.size() < 3) {
					this.problems.add("told as left, still talking: " + message + " after " + this.story);
				}
			}
			case "error" -> this.problems.add(message);
			default -> {
			}
		}
	}

	private List<String> ids(JsonNode users) {
		List<String> ids = new ArrayList<>();
		users.forEach((user) -> ids.add(user.path("user_id").asString()));
		if (new TreeSet<>(ids).size() != ids.size()) {
			this.problems.add("listed twice: " + users);
		}
		return ids;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		closed(webSocket, statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		closed(webSocket, 1006);
	}

	private void closed(WebSocket webSocket, int code) {
		if (webSocket != this.socket) {
			return;
		}
		this.inRoom = false;
		this.closes.add(code);
		this.story.add("closed " + code);
		if (this.reconnectPort != null && code != 1000 && code != 1001) {
			this.reconnecting.execute(this::rejoin);
		}
	}

	private synchronized void rejoin() {
		connect(this.reconnectPort.getAsInt());
		sendJoin();
	}

	/**
	 * The code of its room, once it has one.
	 */
	public @Nullable String code() {
		return this.code;
	}

	public String userId() {
		return this.userId;
	}

	/**
	 * The port of the node it is connected to, or was last.
	 */
	public int port() {
		return this.port;
	}

	public boolean isInRoom() {
		return this.inRoom;
	}

	/**
	 * The room's members as the last message about them listed them.
	 */
	public List<String> users() {
		return this.users;
	}

	public List<Integer> closes() {
		return this.closes;
	}

	/**
	 * Error replies and inconsistencies in what it was told.
	 */
	public List<String> problems() {
		return this.problems;
	}

	/**
	 * How many messages received so far contain every part.
	 * @param parts the parts
	 * @return the count
	 */
	public long count(String... parts) {
		return this.received.stream().filter((message) -> {
			for (String part : parts) {
				if (!message.contains(part)) {
					return false;
				}
			}
			return true;
		}).count();
	}

}
