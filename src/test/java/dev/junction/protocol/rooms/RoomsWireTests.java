package dev.junction.protocol.rooms;

import java.util.Random;

import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rooms protocol on the wire (docs/rooms.md), with a real client against a real
 * server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.rooms.grace-period=60s", "junction.protocols.rooms.failed-join-limit=1000" })
class RoomsWireTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	RoomsRelayProtocol rooms;

	@Test
	void createRoomShouldReplyRoomCreatedWithCodeFromTheAlphabet() {
		TestWebSocket alice = connect();
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"k3j9x0a1b2c3\",\"display_name\":\"Alice\"}}");
		String reply = alice.nextText();
		assertThat(reply).matches("\\{\"type\":\"room_created\",\"payload\":\\{\"room_code\":\"[A-HJ-NP-Z2-9]{6}\"}}");
	}

	@Test
	void joinShouldSendRoomJoinedToJoinerThenUserJoinedToOthers() {
		TestWebSocket alice = connect();
		String code = create(alice, "k3j9x0a1b2c3", "Alice");
		TestWebSocket bob = connect();
		bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code.toLowerCase(java.util.Locale.ROOT)
				+ "\",\"user_id\":\"q8w7e6r5t4y3\",\"display_name\":\"Bob\"}}");
		String users = "[{\"user_id\":\"k3j9x0a1b2c3\",\"display_name\":\"Alice\"},"
				+ "{\"user_id\":\"q8w7e6r5t4y3\",\"display_name\":\"Bob\"}]";
		assertThat(bob.nextText()).isEqualTo(
				"{\"type\":\"room_joined\",\"payload\":{\"room_code\":\"" + code + "\",\"users\":" + users + "}}");
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"user_joined\",\"payload\":{\"user_id\":\"q8w7e6r5t4y3\","
				+ "\"display_name\":\"Bob\",\"users\":" + users + "}}");
		// The joiner never hears about itself: its next message is Alice's.
		alice.send("{\"type\":\"chat\",\"text\":\"hi\"}");
		assertThat(bob.nextText())
			.isEqualTo("{\"type\":\"chat\",\"text\":\"hi\",\"sender_id\":\"k3j9x0a1b2c3\",\"sender_name\":\"Alice\"}");
	}

	@Test
	void joinWhenRoomUnknownShouldReplyRoomNotFound() {
		TestWebSocket bob = connect();
		bob.send(
				"{\"type\":\"join_room\",\"payload\":{\"room_code\":\"ZZZZZ1\",\"user_id\":\"b\",\"display_name\":\"B\"}}");
		assertThat(bob.nextText())
			.isEqualTo("{\"type\":\"error\",\"payload\":{\"error\":\"Room not found\",\"code\":\"ROOM_NOT_FOUND\"}}");
		bob.assertOpen();
	}

	@Test
	void relayShouldAddSenderKeysAndLeaveAbsentValuesAbsent() {
		TestWebSocket anonymous = connect();
		anonymous.send("{\"type\":\"create_room\",\"payload\":{}}");
		String code = json.readTree(anonymous.nextText()).at("/payload/room_code").stringValue();
		TestWebSocket bob = connect();
		join(bob, code, "b1", "Bob");
		anonymous.nextText();
		anonymous.send("{\"type\":\"weights_push\",\"sender_name\":\"forged\",\"payload\":{\"n\":1.5}}");
		assertThat(bob.nextText()).isEqualTo("{\"type\":\"weights_push\",\"payload\":{\"n\":1.5}}");
		bob.send("{\"sender_id\":\"forged\",\"x\":[1,2]}");
		assertThat(anonymous.nextText()).isEqualTo("{\"sender_id\":\"b1\",\"x\":[1,2],\"sender_name\":\"Bob\"}");
	}

	@Test
	void binaryFramesOf16MiBShouldBeRelayedByteExactToEveryMember() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
		alice.nextText();
		TestWebSocket carol = connect();
		join(carol, code, "c", "Carol");
		alice.nextText();
		bob.nextText();
		byte[] weights = new byte[16 * 1024 * 1024];
		new Random(42).nextBytes(weights);
		alice.sendBinary(weights);
		assertThat(bob.nextBinary()).isEqualTo(weights);
		assertThat(carol.nextBinary()).isEqualTo(weights);
	}

	@Test
	void headerAndItsBinaryFramesShouldArriveInSendOrder() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
		alice.nextText();
		for (int chunk = 0; chunk < 20; chunk++) {
			alice.send("{\"type\":\"weights_header\",\"chunk\":" + chunk + "}");
			alice.sendBinary(new byte[] { (byte) chunk, 1, 2, 3 });
		}
		for (int chunk = 0; chunk < 20; chunk++) {
			assertThat(json.readTree(bob.nextText()).get("chunk").intValue()).isEqualTo(chunk);
			assertThat(bob.nextBinary()).containsExactly(chunk, 1, 2, 3);
		}
	}

	@Test
	void leaveRoomShouldTellOthersAndKeepTheSocketOpenAndRoomless() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
		alice.nextText();
		bob.send("{\"type\":\"leave_room\",\"payload\":{}}");
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b\","
				+ "\"display_name\":\"Bob\",\"users\":[{\"user_id\":\"a\",\"display_name\":\"Alice\"}]}}");
		// Bob is roomless: his frames go nowhere, and his next reply is to his next
		// command.
		bob.send("{\"type\":\"chat\"}");
		bob.sendBinary(new byte[] { 1 });
		alice.send("{\"type\":\"chat\",\"from\":\"alice\"}");
		bob.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"b\"}}");
		assertThat(bob.nextText()).startsWith("{\"type\":\"room_created\"");
		bob.assertOpen();
	}

	@Test
	void joiningAnotherRoomShouldLeaveTheFirst() {
		TestWebSocket alice = connect();
		String first = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, first, "b", "Bob");
		alice.nextText();
		TestWebSocket carol = connect();
		String second = create(carol, "c", "Carol");
		join(bob, second, "b", "Bob");
		assertThat(alice.nextText()).startsWith("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b\"");
		assertThat(carol.nextText()).startsWith("{\"type\":\"user_joined\"");
		bob.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"b\"}}");
		assertThat(carol.nextText()).startsWith("{\"type\":\"user_left\"");
		assertThat(bob.nextText()).startsWith("{\"type\":\"room_created\"");
	}

	@Test
	void rejoiningTheSameRoomAloneShouldKeepIt() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		join(alice, code, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
	}

	@Test
	void cleanCloseOfLastMemberShouldDeleteTheRoomAtOnce() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		assertThat(alice.close(1000).code()).isEqualTo(1000);
		await().until(() -> !this.rooms.hasRoom(code));
		TestWebSocket bob = connect();
		bob.send(joinMessage(code, "b", "Bob"));
		assertThat(bob.nextText()).contains("ROOM_NOT_FOUND");
	}

	@Test
	void disconnectShouldTellOthersUserLeft() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
		alice.nextText();
		bob.abort();
		assertThat(alice.nextText()).startsWith("{\"type\":\"user_left\",\"payload\":{\"user_id\":\"b\"");
	}

	@Test
	void roomEmptiedByAbnormalCloseShouldBeKeptForRejoins() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		alice.abort();
		await().until(() -> this.rooms.memberCount(code) == 0);
		assertThat(this.rooms.hasRoom(code)).isTrue();
		TestWebSocket again = connect();
		join(again, code, "a", "Alice");
		again.close(1000);
		await().until(() -> !this.rooms.hasRoom(code));
	}

	@Test
	void invalidFramesShouldGetInvalidMessageFormatAndKeepTheSocket() {
		TestWebSocket alice = connect();
		String[] bad = { "not json", "null", "[1,2]", "42", "\"text\"", "{\"type\":\"create_room\"}",
				"{\"type\":\"create_room\",\"payload\":[]}", "{\"type\":\"join_room\",\"payload\":{}}",
				"{\"type\":\"join_room\",\"payload\":{\"room_code\":7}}",
				"{\"type\":\"create_room\",\"payload\":{\"user_id\":5}}",
				"{\"type\":\"create_room\",\"payload\":{\"display_name\":{}}}", "{\"type\":" };
		for (String frame : bad) {
			alice.send(frame);
			JsonNode reply = json.readTree(alice.nextText());
			assertThat(reply.get("type").stringValue()).isEqualTo("error");
			assertThat(reply.at("/payload/error").stringValue()).as(frame).isEqualTo("Invalid message format");
			assertThat(reply.at("/payload/details").isString()).isTrue();
			assertThat(reply.at("/payload").size()).isEqualTo(2);
		}
		create(alice, "a", "Alice");
		alice.assertOpen();
	}

	@Test
	void badInputAndFloodsFromOneClientShouldNotDisturbAnotherRoom() {
		TestWebSocket alice = connect();
		String code = create(alice, "a", "Alice");
		TestWebSocket bob = connect();
		join(bob, code, "b", "Bob");
		alice.nextText();
		TestWebSocket mallory = connect();
		create(mallory, "m", "Mallory");
		// A burst below the inbound rate limit (see InboundRateLimitWireTests for above).
		for (int i = 0; i < 800; i++) {
			mallory.send((i % 2 == 0) ? "{\"type\":" : "{\"type\":\"spam\",\"i\":" + i + "}");
		}
		for (int i = 0; i < 50; i++) {
			alice.send("{\"type\":\"seq\",\"i\":" + i + "}");
		}
		for (int i = 0; i < 50; i++) {
			assertThat(json.readTree(bob.nextText()).get("i").intValue()).isEqualTo(i);
		}
		for (int i = 0; i < 400; i++) {
			assertThat(mallory.nextText()).contains("Invalid message format");
		}
	}

	private TestWebSocket connect() {
		return TestWebSocket.connect(this.port, "/ws");
	}

	static String create(TestWebSocket client, String userId, String name) {
		client.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"" + userId + "\",\"display_name\":\"" + name
				+ "\"}}");
		JsonNode reply = json.readTree(client.nextText());
		assertThat(reply.get("type").stringValue()).isEqualTo("room_created");
		return reply.at("/payload/room_code").stringValue();
	}

	static void join(TestWebSocket client, String code, String userId, String name) {
		client.send(joinMessage(code, userId, name));
		String reply = client.nextText();
		assertThat(reply).startsWith("{\"type\":\"room_joined\",\"payload\":{\"room_code\":\"" + code + "\"");
	}

	static String joinMessage(String code, String userId, String name) {
		return "{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code + "\",\"user_id\":\"" + userId
				+ "\",\"display_name\":\"" + name + "\"}}";
	}

}
