package dev.junction.protocol.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client helpers shared by the signaling wire tests: rooms over HTTP, sockets and
 * registrations.
 */
final class SignalingWire {

	static final String SECRET_PROPERTY = "junction.auth.hmac-secret=" + TestTokens.SECRET;

	static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger ids = new AtomicInteger();

	private final int port;

	private final HttpClient http = HttpClient.newHttpClient();

	SignalingWire(int port) {
		this.port = port;
	}

	static String newPeerId(String prefix) {
		return prefix + "-" + ids.incrementAndGet();
	}

	/**
	 * A fresh room from {@code POST /create-room}.
	 */
	Room createRoom() {
		HttpResponse<String> response = post("/create-room", "Bearer " + TestTokens.token("creator"), "");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode room = json.readTree(response.body());
		return new Room(room.get("room_id").stringValue(), room.get("token").stringValue());
	}

	HttpResponse<String> post(String path, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	TestWebSocket connect() {
		return TestWebSocket.connect(this.port, "/signaling");
	}

	/**
	 * A register message; {@code id_token} is a token for the peer id.
	 */
	static ObjectNode register(String peerId, Room room) {
		ObjectNode register = json.createObjectNode();
		register.put("type", "register");
		register.put("peer_id", peerId);
		register.put("room_id", room.id());
		register.put("token", room.token());
		register.put("id_token", TestTokens.token(peerId));
		return register;
	}

	/**
	 * Connect and register, and return the client after its {@code registered_auth}.
	 */
	TestWebSocket registered(ObjectNode register) {
		TestWebSocket client = connect();
		client.send(register.toString());
		JsonNode reply = read(client);
		assertThat(reply.get("type").stringValue()).as(reply.toString()).isEqualTo("registered_auth");
		return client;
	}

	TestWebSocket registered(String peerId, Room room, String role, String metadata) {
		ObjectNode register = register(peerId, room);
		register.put("role", role);
		register.set("metadata", json.readTree(metadata));
		return registered(register);
	}

	static JsonNode read(TestWebSocket client) {
		return json.readTree(client.nextText());
	}

	/**
	 * A room as created.
	 *
	 * @param id the room id
	 * @param token the room token
	 */
	record Room(String id, String token) {
	}

}
