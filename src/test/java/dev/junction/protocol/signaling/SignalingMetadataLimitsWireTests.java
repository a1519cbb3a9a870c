package dev.junction.protocol.signaling;

import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One peer's metadata is capped, with the default caps (256 tags, 64 KiB of JSON), at
 * {@code register} and on every {@code update_metadata}: a frame that once held an event
 * loop for seconds is now refused with a reply error, the connection stays open and the
 * stored metadata is unchanged. The frame limit before authentication (64 KiB by default,
 * which would close an oversized {@code register} with 1009 first) is raised here: the
 * caps themselves are under test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.limits.unauthenticated-frame-size=1MB" })
class SignalingMetadataLimitsWireTests {

	private static final String UPDATE_ERROR = "{\"type\":\"error\",\"code\":\"METADATA_TOO_LARGE\","
			+ "\"message\":\"Metadata too large: at most 256 tags and 65536 bytes\"}";

	private static final String REGISTER_ERROR = "{\"type\":\"error\","
			+ "\"reason\":\"Metadata too large: at most 256 tags and 65536 bytes\"}";

	@LocalServerPort
	int port;

	private SignalingWire wire;

	private Room room;

	@BeforeEach
	void createRoom() {
		this.wire = new SignalingWire(this.port);
		this.room = this.wire.createRoom();
	}

	@Test
	void halfAMegabyteOfTagsInOneUpdateShouldBeRefusedWithTheDocumentedError() {
		String peer = SignalingWire.newPeerId("Tags");
		TestWebSocket client = this.wire.registered(peer, this.room, "worker", "{\"tags\":[\"keep\"]}");
		ObjectNode update = update(peer);
		ArrayNode tags = ((ObjectNode) update.get("metadata")).putArray("tags");
		for (int i = 0; i < 60_000; i++) {
			tags.add("t" + i);
		}
		assertThat(update.toString().length()).isGreaterThan(500_000);
		client.send(update.toString());
		assertThat(client.nextText()).isEqualTo(UPDATE_ERROR);
		assertStoredTags(peer, "[\"keep\"]");
	}

	@Test
	void updateThatWouldMakeMoreThan256TagsShouldBeRefusedAndOneThatMakes256Accepted() {
		String peer = SignalingWire.newPeerId("Count");
		TestWebSocket client = this.wire.registered(peer, this.room, "worker", "{\"tags\":[\"a\",\"b\"]}");
		ObjectNode fits = update(peer);
		ArrayNode tags = ((ObjectNode) fits.get("metadata")).putArray("tags");
		tags.add("a");
		for (int i = 0; i < 254; i++) {
			tags.add("n" + i);
		}
		client.send(fits.toString());
		JsonNode updated = SignalingWire.read(client);
		assertThat(updated.get("type").stringValue()).isEqualTo("metadata_updated");
		assertThat(updated.get("metadata").get("tags").size()).isEqualTo(256);
		ObjectNode over = update(peer);
		((ObjectNode) over.get("metadata")).putArray("tags").add("one-more");
		client.send(over.toString());
		assertThat(client.nextText()).isEqualTo(UPDATE_ERROR);
	}

	@Test
	void updateOverTheMetadataSizeShouldBeRefused() {
		String peer = SignalingWire.newPeerId("Size");
		TestWebSocket client = this.wire.registered(peer, this.room, "worker", "{\"tags\":[\"keep\"]}");
		ObjectNode update = update(peer);
		((ObjectNode) update.get("metadata")).putObject("properties").put("blob", "x".repeat(64 * 1024));
		client.send(update.toString());
		assertThat(client.nextText()).isEqualTo(UPDATE_ERROR);
		assertStoredTags(peer, "[\"keep\"]");
	}

	@Test
	void registerOverTheCapsShouldBeRefusedAndChangeNothing() {
		String peer = SignalingWire.newPeerId("Register");
		ObjectNode register = SignalingWire.register(peer, this.room);
		ArrayNode tags = register.putObject("metadata").putArray("tags");
		for (int i = 0; i < 257; i++) {
			tags.add("t" + i);
		}
		TestWebSocket client = this.wire.connect();
		client.send(register.toString());
		assertThat(client.nextText()).isEqualTo(REGISTER_ERROR);
		ObjectNode large = SignalingWire.register(peer, this.room);
		large.putObject("metadata").put("blob", "x".repeat(64 * 1024));
		client.send(large.toString());
		assertThat(client.nextText()).isEqualTo(REGISTER_ERROR);
		// Not registered: the connection stays open and may register within the caps.
		client.send(update(peer).toString());
		assertThat(client.nextText()).contains("\"code\":\"NOT_IN_ROOM\"");
		ObjectNode fits = SignalingWire.register(peer, this.room);
		fits.putObject("metadata").putArray("tags").add("ok");
		client.send(fits.toString());
		assertThat(SignalingWire.read(client).get("type").stringValue()).isEqualTo("registered_auth");
	}

	private void assertStoredTags(String peer, String tags) {
		String other = SignalingWire.newPeerId("Look");
		TestWebSocket looker = this.wire.registered(other, this.room, "client", "{}");
		looker.send("{\"type\":\"discover_peers\",\"from_peer_id\":\"" + other + "\",\"filters\":{}}");
		JsonNode list = SignalingWire.read(looker);
		JsonNode found = null;
		for (JsonNode entry : list.get("peers")) {
			if (entry.get("peer_id").stringValue().equals(peer)) {
				found = entry;
			}
		}
		assertThat(found).isNotNull();
		assertThat(found.get("metadata").get("tags").toString()).isEqualTo(tags);
		looker.close(1000);
	}

	private static ObjectNode update(String peer) {
		ObjectNode update = SignalingWire.json.createObjectNode();
		update.put("type", "update_metadata");
		update.put("peer_id", peer);
		update.putObject("metadata").put("x", 1);
		return update;
	}

}
