package dev.junction.protocol.topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.core.NodeCounters;
import dev.junction.protocol.topics.TopicsMessage.Reason;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topics protocol on the wire (PROTOCOLS.md section 5), with a real client against a
 * real server. "Exactly one" and "dropped" are proven without waiting: the client's next
 * message must be a later marker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TopicsWireTests {

	private static final AtomicInteger names = new AtomicInteger();

	private final List<TestWebSocket> clients = new ArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	TopicsWebSocketHandler handler;

	@Autowired
	NodeCounters counters;

	@AfterEach
	void closeClientsAndExpectAnEmptyNode() {
		this.clients.forEach(TestWebSocket::abort);
		await().until(() -> this.counters.peers().get() == 0 && this.counters.topics().get() == 0);
	}

	@Test
	void joinShouldAnnounceTheJoinerToOthersAndOnlyTheLongestPresentPeerToTheJoiner() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		assertThat(alice.nextText()).isEqualTo(peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice", topic));
		TestWebSocket carol = join(topic, "carol");
		assertThat(alice.nextText()).isEqualTo(peerJoined("carol", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("carol", topic));
		assertThat(carol.nextText()).isEqualTo(peerJoined("alice", topic));
		// Exactly one: Carol's next message is Bob's data, not a peer-joined about Bob.
		bob.send("{\"type\":\"data\",\"data\":\"after\"}");
		assertThat(carol.nextText()).isEqualTo(data("bob", "\"after\""));
		assertThat(alice.nextText()).isEqualTo(data("bob", "\"after\""));
	}

	@Test
	void firstPeerShouldHearNothingAboutItself() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		assertThat(alice.nextText()).isEqualTo(peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice", topic));
	}

	@Test
	void longestPresentPeerShouldBeTheOldestStillThere() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		bob.nextText();
		alice.close(1000);
		assertThat(bob.nextText()).isEqualTo(peerLeft("alice", topic));
		TestWebSocket carol = join(topic, "carol");
		assertThat(carol.nextText()).isEqualTo(peerJoined("bob", topic));
	}

	@Test
	void joinWithoutPeerIdShouldGenerateOne() {
		String topic = newTopic();
		long before = System.currentTimeMillis();
		TestWebSocket anonymous = connect();
		anonymous.send("{\"type\":\"join\",\"topic\":\"" + topic + "\"}");
		awaitMembers(topic, 1);
		TestWebSocket bob = join(topic, "bob");
		String announced = bob.nextText();
		long after = System.currentTimeMillis();
		Matcher matcher = Pattern
			.compile(
					"\\{\"type\":\"peer-joined\",\"peerId\":\"(peer-(\\d+)-[0-9a-z]{9})\",\"topic\":\"" + topic + "\"}")
			.matcher(announced);
		assertThat(matcher.matches()).as(announced).isTrue();
		String peerId = matcher.group(1);
		assertThat(Long.parseLong(matcher.group(2))).isBetween(before, after);
		assertThat(anonymous.nextText()).isEqualTo(peerJoined("bob", topic));
		anonymous.send("{\"type\":\"data\",\"data\":1}");
		assertThat(bob.nextText()).isEqualTo(data(peerId, "1"));
	}

	@Test
	void dataShouldReachEveryOtherPeerWithoutEcho() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		TestWebSocket carol = join(topic, "carol");
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
		assertThat(alice.nextText()).isEqualTo(data("bob", "\"b\""));
	}

	@Test
	void dataValueShouldBeForwardedExactlyAsReceived() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		bob.nextText();
		String[] values = { "\"SGVsbG8=\"", "\"\\u00e9\\\"\\/\u4e2d\ud83d\ude00\"", "1.0", "1e2", "-0.5",
				"12345678901234567890123456789", "0.1000000000000000055511151231257827", "true", "[]", "{}",
				"{\"b\":1,\"a\":[null,2.50,\"x\"],\"type\":\"nested\"}", "\"0\"" };
		for (String value : values) {
			alice.send("{\"type\":\"data\",\"topic\":\"ignored\",\"peerId\":\"forged\",\"data\":" + value + "}");
			assertThat(bob.nextText()).isEqualTo(data("alice", value));
		}
		byte[] large = new byte[4 * 1024 * 1024];
		java.util.Arrays.fill(large, (byte) 'A');
		String base64 = "\"" + new String(large, StandardCharsets.US_ASCII) + "\"";
		alice.send("{\"data\":" + base64 + ",\"type\":\"data\"}");
		assertThat(bob.nextText()).isEqualTo(data("alice", base64));
	}

	@Test
	void binaryFramesShouldBeReadAsJsonAndAnsweredInText() {
		String topic = newTopic();
		TestWebSocket alice = connect();
		alice.sendBinary(utf8("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"alice\"}"));
		awaitMembers(topic, 1);
		TestWebSocket bob = connect();
		bob.sendBinary(utf8("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"b\u00f6b\"}"));
		assertThat(alice.nextText()).isEqualTo(peerJoined("b\u00f6b", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice", topic));
		bob.sendBinary(utf8("{\"type\":\"data\",\"data\":{\"k\":\"v\u00e9\"}}"));
		assertThat(alice.nextText()).isEqualTo(data("b\u00f6b", "{\"k\":\"v\u00e9\"}"));
		bob.sendBinary(utf8("{\"type\":\"join\"}"));
		assertThat(bob.nextText()).isEqualTo(topicRequired());
	}

	@Test
	void invalidJsonAndUnknownTypesShouldBeDroppedWithoutReply() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
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
		assertThat(bob.nextText()).isEqualTo(data("alice", "\"marker\""));
		alice.send("{\"type\":\"join\",\"topic\":\"\"}");
		assertThat(alice.nextText()).isEqualTo(topicRequired());
		assertThat(this.handler.droppedFrames(Reason.INVALID_JSON) - invalid).isEqualTo(invalidFrames.length + 1);
		assertThat(this.handler.droppedFrames(Reason.UNKNOWN_TYPE) - unknown).isEqualTo(unknownFrames.length);
		alice.assertOpen();
	}

	@Test
	void joinWithoutTopicShouldReplyErrorAndKeepTheSocket() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		bob.nextText();
		for (String join : new String[] { "{\"type\":\"join\"}", "{\"type\":\"join\",\"topic\":\"\"}",
				"{\"type\":\"join\",\"topic\":null,\"peerId\":\"p\"}", "{\"type\":\"join\",\"topic\":42}" }) {
			bob.send(join);
			assertThat(bob.nextText()).as(join).isEqualTo(topicRequired());
		}
		bob.assertOpen();
		// A failed join leaves the socket where it was.
		bob.send("{\"type\":\"data\",\"data\":\"still here\"}");
		assertThat(alice.nextText()).isEqualTo(data("bob", "\"still here\""));
	}

	@Test
	void dataBeforeJoinShouldBeDropped() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = connect();
		bob.send("{\"type\":\"data\",\"data\":\"early\"}");
		bob.send("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"bob\"}");
		assertThat(alice.nextText()).isEqualTo(peerJoined("bob", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice", topic));
		bob.send("{\"type\":\"data\",\"data\":\"late\"}");
		assertThat(alice.nextText()).isEqualTo(data("bob", "\"late\""));
	}

	@Test
	void falsyDataShouldBeDropped() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		for (String value : new String[] { ",\"data\":null", ",\"data\":false", ",\"data\":0", ",\"data\":0.0",
				",\"data\":\"\"", "" }) {
			alice.send("{\"type\":\"data\"" + value + "}");
		}
		alice.send("{\"type\":\"data\",\"data\":\"marker\"}");
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice", topic));
		assertThat(bob.nextText()).isEqualTo(data("alice", "\"marker\""));
	}

	@Test
	void cleanCloseShouldSendPeerLeftExactlyOnce() {
		peerLeftShouldBeSentOnce((client) -> client.close(1000));
	}

	@Test
	void abortShouldSendPeerLeftExactlyOnce() {
		peerLeftShouldBeSentOnce((client) -> client.abort());
	}

	private void peerLeftShouldBeSentOnce(java.util.function.Consumer<TestWebSocket> leave) {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		TestWebSocket carol = join(topic, "carol");
		alice.nextText();
		alice.nextText();
		bob.nextText();
		bob.nextText();
		carol.nextText();
		leave.accept(bob);
		assertThat(alice.nextText()).isEqualTo(peerLeft("bob", topic));
		assertThat(carol.nextText()).isEqualTo(peerLeft("bob", topic));
		carol.send("{\"type\":\"data\",\"data\":\"next\"}");
		assertThat(alice.nextText()).isEqualTo(data("carol", "\"next\""));
		await().until(() -> this.handler.memberCount(topic) == 2);
	}

	@Test
	void lastPeerLeavingShouldDeleteTheTopicWithoutPeerLeft() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		await().until(() -> this.handler.hasTopic(topic));
		alice.close(1000);
		await().until(() -> !this.handler.hasTopic(topic));
		TestWebSocket bob = join(topic, "bob");
		TestWebSocket carol = join(topic, "carol");
		// Bob hears of Carol, not of Alice: the topic was empty when he joined.
		assertThat(bob.nextText()).isEqualTo(peerJoined("carol", topic));
		assertThat(carol.nextText()).isEqualTo(peerJoined("bob", topic));
	}

	@Test
	void joiningAgainShouldMoveTheSocket() {
		String first = newTopic();
		String second = newTopic();
		TestWebSocket alice = join(first, "alice");
		TestWebSocket bob = join(first, "bob");
		alice.nextText();
		bob.nextText();
		TestWebSocket carol = join(second, "carol");
		alice.send("{\"type\":\"join\",\"topic\":\"" + second + "\",\"peerId\":\"alice2\"}");
		assertThat(bob.nextText()).isEqualTo(peerLeft("alice", first));
		assertThat(carol.nextText()).isEqualTo(peerJoined("alice2", second));
		assertThat(alice.nextText()).isEqualTo(peerJoined("carol", second));
		// Alice is in the second topic only.
		bob.send("{\"type\":\"data\",\"data\":\"first\"}");
		carol.send("{\"type\":\"data\",\"data\":\"second\"}");
		assertThat(alice.nextText()).isEqualTo(data("carol", "\"second\""));
		alice.send("{\"type\":\"data\",\"data\":\"moved\"}");
		assertThat(carol.nextText()).isEqualTo(data("alice2", "\"moved\""));
		assertThat(this.handler.memberCount(first)).isOne();
		assertThat(this.handler.memberCount(second)).isEqualTo(2);
	}

	@Test
	void joiningTheSameTopicAgainShouldLeaveAndJoinIt() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		bob.nextText();
		alice.send("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"alice-again\"}");
		assertThat(bob.nextText()).isEqualTo(peerLeft("alice", topic));
		assertThat(bob.nextText()).isEqualTo(peerJoined("alice-again", topic));
		assertThat(alice.nextText()).isEqualTo(peerJoined("bob", topic));
		assertThat(this.handler.memberCount(topic)).isEqualTo(2);
	}

	@Test
	void badInputFromOneClientShouldNotDisturbAnother() {
		String topic = newTopic();
		TestWebSocket alice = join(topic, "alice");
		TestWebSocket bob = join(topic, "bob");
		alice.nextText();
		bob.nextText();
		TestWebSocket mallory = join(newTopic(), "mallory");
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
			assertThat(bob.nextText()).isEqualTo(data("alice", Integer.toString(i)));
		}
		for (int i = 0; i < 250; i++) {
			assertThat(mallory.nextText()).isEqualTo(topicRequired());
		}
		mallory.assertOpen();
	}

	private static String newTopic() {
		return "topic-" + names.incrementAndGet() + "-" + System.nanoTime();
	}

	private TestWebSocket connect() {
		TestWebSocket client = TestWebSocket.connect(this.port, "/topics");
		this.clients.add(client);
		return client;
	}

	/**
	 * Connect and join, and wait until the server has the new member, so that the order
	 * of arrival is the order of the calls.
	 */
	private TestWebSocket join(String topic, String peerId) {
		TestWebSocket client = connect();
		int before = this.handler.memberCount(topic);
		client.send("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"" + peerId + "\"}");
		awaitMembers(topic, before + 1);
		return client;
	}

	private void awaitMembers(String topic, int count) {
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.handler.memberCount(topic) == count);
	}

	static String peerJoined(String peerId, String topic) {
		return "{\"type\":\"peer-joined\",\"peerId\":\"" + peerId + "\",\"topic\":\"" + topic + "\"}";
	}

	static String peerLeft(String peerId, String topic) {
		return "{\"type\":\"peer-left\",\"peerId\":\"" + peerId + "\",\"topic\":\"" + topic + "\"}";
	}

	static String data(String peerId, String value) {
		return "{\"type\":\"data\",\"peerId\":\"" + peerId + "\",\"data\":" + value + "}";
	}

	static String topicRequired() {
		return "{\"type\":\"error\",\"payload\":\"Topic is required for join\"}";
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
