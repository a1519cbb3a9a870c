package dev.junction.protocol.topics;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.protocol.topics.TopicsMessage.Reason;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topics protocol's messages on the wire (docs/topics.md), with a real client against
 * a real server. "Exactly one" and "dropped" are proven without waiting: the client's
 * next message must be a later marker. Deployed topics clients send no token, and neither
 * do these tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "junction.protocols.topics.auth=none")
class TopicsWireTests {

	@LocalServerPort
	int port;

	@Autowired
	TopicsRelayProtocol handler;

	private TopicsWire wire;

	@BeforeEach
	void wire() {
		this.wire = new TopicsWire(this.port, this.handler);
	}

	@AfterEach
	void closeClientsAndExpectAnEmptyNode() {
		this.wire.abortAll();
		await().until(() -> this.handler.livePeers() == 0 && this.handler.liveTopics() == 0);
	}

	@Test
	void joinShouldAnnounceTheJoinerToOthersAndOnlyTheLongestPresentPeerToTheJoiner() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		TestWebSocket carol = this.wire.join(topic, "carol");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("carol", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("carol", topic));
		assertThat(carol.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		// Exactly one: Carol's next message is Bob's data, not a peer-joined about Bob.
		bob.send("{\"type\":\"data\",\"data\":\"after\"}");
		assertThat(carol.nextText()).isEqualTo(TopicsWire.data("bob", "\"after\""));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("bob", "\"after\""));
	}

	@Test
	void firstPeerShouldHearNothingAboutItself() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
	}

	@Test
	void joinWithoutPeerIdShouldGenerateOne() {
		String topic = TopicsWire.newTopic();
		long before = System.currentTimeMillis();
		TestWebSocket anonymous = this.wire.connect();
		anonymous.send("{\"type\":\"join\",\"topic\":\"" + topic + "\"}");
		this.wire.awaitMembers(topic, 1);
		TestWebSocket bob = this.wire.join(topic, "bob");
		String announced = bob.nextText();
		long after = System.currentTimeMillis();
		Matcher matcher = Pattern
			.compile(
					"\\{\"type\":\"peer-joined\",\"peerId\":\"(peer-(\\d+)-[0-9a-z]{9})\",\"topic\":\"" + topic + "\"}")
			.matcher(announced);
		assertThat(matcher.matches()).as(announced).isTrue();
		String peerId = matcher.group(1);
		assertThat(Long.parseLong(matcher.group(2))).isBetween(before, after);
		assertThat(anonymous.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		anonymous.send("{\"type\":\"data\",\"data\":1}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.data(peerId, "1"));
	}

	@Test
	void dataShouldReachEveryOtherPeerWithoutEcho() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		TestWebSocket carol = this.wire.join(topic, "carol");
		alice.nextText();
		alice.nextText();
		bob.nextText();
		bob.nextText();
		carol.nextText();
		alice.send("{\"type\":\"data\",\"data\":\"SGVsbG8=\"}");
		assertThat(bob.nextText()).isEqualTo("{\"type\":\"data\",\"peerId\":\"alice\",\"data\":\"SGVsbG8=\"}");
		assertThat(carol.nextText()).isEqualTo("{\"type\":\"data\",\"peerId\":\"alice\",\"data\":\"SGVsbG8=\"}");
		// No echo: Alice's next message is Bob's.
		bob.send("{\"type\":\"data\",\"data\":\"b\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("bob", "\"b\""));
	}

	@Test
	void dataValueShouldBeForwardedExactlyAsReceived() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		String[] values = { "\"SGVsbG8=\"", "\"\\u00e9\\\"\\/\u4e2d\ud83d\ude00\"", "1.0", "1e2", "-0.5",
				"12345678901234567890123456789", "0.1000000000000000055511151231257827", "true", "[]", "{}",
				"{\"b\":1,\"a\":[null,2.50,\"x\"],\"type\":\"nested\"}", "\"0\"" };
		for (String value : values) {
			alice.send("{\"type\":\"data\",\"topic\":\"ignored\",\"peerId\":\"forged\",\"data\":" + value + "}");
			assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", value));
		}
		byte[] large = new byte[4 * 1024 * 1024];
		java.util.Arrays.fill(large, (byte) 'A');
		String base64 = "\"" + new String(large, StandardCharsets.US_ASCII) + "\"";
		alice.send("{\"data\":" + base64 + ",\"type\":\"data\"}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", base64));
	}

	@Test
	void binaryFramesShouldBeReadAsJsonAndAnsweredInText() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.connect();
		alice.sendBinary(utf8("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"alice\"}"));
		this.wire.awaitMembers(topic, 1);
		TestWebSocket bob = this.wire.connect();
		bob.sendBinary(utf8("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"b\u00f6b\"}"));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("b\u00f6b", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		bob.sendBinary(utf8("{\"type\":\"data\",\"data\":{\"k\":\"v\u00e9\"}}"));
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("b\u00f6b", "{\"k\":\"v\u00e9\"}"));
		bob.sendBinary(utf8("{\"type\":\"join\"}"));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.topicRequired());
	}

	@Test
	void invalidJsonAndUnknownTypesShouldBeDroppedWithoutReply() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		long invalid = this.handler.droppedFrames(Reason.INVALID_JSON);
		long unknown = this.handler.droppedFrames(Reason.UNKNOWN_TYPE);
		String[] invalidFrames = { "not json", "{\"type\":", "{\"type\":\"data\",\"data\":\"x\"} trailing", "" };
		String[] unknownFrames = { "null", "42", "[1,2]", "{}", "{\"type\":\"ping\"}", "{\"type\":\"leave\"}",
				"{\"type\":\"peer-joined\",\"peerId\":\"x\",\"topic\":\"t\"}" };
		for (String frame : invalidFrames) {
			alice.send(frame);
		}
		for (String frame : unknownFrames) {
			alice.send(frame);
		}
		alice.sendBinary(new byte[] { (byte) 0xFF, 0, 1 });
		alice.send("{\"type\":\"data\",\"data\":\"marker\"}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", "\"marker\""));
		alice.send("{\"type\":\"join\",\"topic\":\"\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.topicRequired());
		assertThat(this.handler.droppedFrames(Reason.INVALID_JSON) - invalid).isEqualTo(invalidFrames.length + 1);
		assertThat(this.handler.droppedFrames(Reason.UNKNOWN_TYPE) - unknown).isEqualTo(unknownFrames.length);
		alice.assertOpen();
	}

	@Test
	void joinWithoutTopicShouldReplyErrorAndKeepTheSocket() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		for (String join : new String[] { "{\"type\":\"join\"}", "{\"type\":\"join\",\"topic\":\"\"}",
				"{\"type\":\"join\",\"topic\":null,\"peerId\":\"p\"}", "{\"type\":\"join\",\"topic\":42}" }) {
			bob.send(join);
			assertThat(bob.nextText()).as(join).isEqualTo(TopicsWire.topicRequired());
		}
		bob.assertOpen();
		// A failed join leaves the socket where it was.
		bob.send("{\"type\":\"data\",\"data\":\"still here\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("bob", "\"still here\""));
	}

	@Test
	void dataBeforeJoinShouldBeDropped() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.connect();
		bob.send("{\"type\":\"data\",\"data\":\"early\"}");
		bob.send("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"bob\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		bob.send("{\"type\":\"data\",\"data\":\"late\"}");
		assertThat(alice.nextText()).isEqualTo(TopicsWire.data("bob", "\"late\""));
	}

	@Test
	void falsyDataShouldBeDropped() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		for (String value : new String[] { ",\"data\":null", ",\"data\":false", ",\"data\":0", ",\"data\":0.0",
				",\"data\":\"\"", "" }) {
			alice.send("{\"type\":\"data\"" + value + "}");
		}
		alice.send("{\"type\":\"data\",\"data\":\"marker\"}");
		assertThat(bob.nextText()).isEqualTo(TopicsWire.peerJoined("alice", topic));
		assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", "\"marker\""));
	}

	@Test
	void badInputFromOneClientShouldNotDisturbAnother() {
		String topic = TopicsWire.newTopic();
		TestWebSocket alice = this.wire.join(topic, "alice");
		TestWebSocket bob = this.wire.join(topic, "bob");
		alice.nextText();
		bob.nextText();
		TestWebSocket mallory = this.wire.join(TopicsWire.newTopic(), "mallory");
		for (int i = 0; i < 1000; i++) {
			mallory.send(switch (i % 4) {
				case 0 -> "{\"type\":";
				case 1 -> "{\"type\":\"spam\",\"i\":" + i + "}";
				case 2 -> "{\"type\":\"join\"}";
				default -> "{\"type\":\"data\",\"data\":" + i + "}";
			});
		}
		for (int i = 1; i <= 50; i++) {
			alice.send("{\"type\":\"data\",\"data\":" + i + "}");
		}
		for (int i = 1; i <= 50; i++) {
			assertThat(bob.nextText()).isEqualTo(TopicsWire.data("alice", Integer.toString(i)));
		}
		for (int i = 0; i < 250; i++) {
			assertThat(mallory.nextText()).isEqualTo(TopicsWire.topicRequired());
		}
		mallory.assertOpen();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
