package dev.junction.web;

import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bare-host endpoint {@code /}: the first text frame picks the protocol, frames that
 * pick none are dropped within a limit, and the chosen protocol's policy applies.
 */
class RootWireTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.root.max-frames=5", "junction.root.timeout=1s" })
	class WithoutTokens {

		@LocalServerPort
		int port;

		@Test
		void joinAsFirstFrameShouldSpeakTopics() {
			TestWebSocket a = TestWebSocket.connect(this.port, "/");
			a.send("{\"type\":\"join\",\"topic\":\"root-topic\",\"peerId\":\"a\"}");
			TestWebSocket b = TestWebSocket.connect(this.port, "/topics");
			b.send("{\"type\":\"join\",\"topic\":\"root-topic\",\"peerId\":\"b\"}");
			assertThat(a.nextText()).isEqualTo("{\"type\":\"peer-joined\",\"peerId\":\"b\",\"topic\":\"root-topic\"}");
			assertThat(b.nextText()).isEqualTo("{\"type\":\"peer-joined\",\"peerId\":\"a\",\"topic\":\"root-topic\"}");
			a.send("{\"type\":\"data\",\"data\":\"SGVsbG8=\"}");
			assertThat(b.nextText()).isEqualTo("{\"type\":\"data\",\"peerId\":\"a\",\"data\":\"SGVsbG8=\"}");
		}

		@Test
		void framesBeforeTheChoiceShouldBeDropped() {
			TestWebSocket a = TestWebSocket.connect(this.port, "/");
			a.send("not json");
			a.send("{\"type\":\"hello\"}");
			a.sendBinary(new byte[] { 1, 2 });
			a.send("{\"type\":\"join\",\"topic\":\"late-choice\",\"peerId\":\"a\"}");
			TestWebSocket b = TestWebSocket.connect(this.port, "/topics");
			b.send("{\"type\":\"join\",\"topic\":\"late-choice\",\"peerId\":\"b\"}");
			assertThat(a.nextText()).contains("\"peerId\":\"b\"");
		}

		@Test
		void tooManyFramesWithoutAChoiceShouldClose1008() {
			TestWebSocket a = TestWebSocket.connect(this.port, "/");
			for (int i = 0; i < 5; i++) {
				a.send("{\"type\":\"noise\"}");
			}
			assertThat(a.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "no protocol chosen"));
		}

		@Test
		void noChoiceInTimeShouldClose1008() {
			TestWebSocket a = TestWebSocket.connect(this.port, "/");
			assertThat(a.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "no protocol chosen"));
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
			"junction.auth.hmac-secret=" + TestTokens.SECRET, "junction.protocols.topics.auth=required" })
	class TopicsRequiringTokens {

		@LocalServerPort
		int port;

		@Test
		void joinWithoutAHandshakeTokenShouldClose1008() {
			TestWebSocket anonymous = TestWebSocket.connect(this.port, "/");
			anonymous.send("{\"type\":\"join\",\"topic\":\"secret\"}");
			assertThat(anonymous.awaitClose()).isEqualTo(new TestWebSocket.Closed(1008, "authentication required"));
		}

		@Test
		void joinWithAHandshakeTokenShouldSpeakTopics() {
			TestWebSocket a = TestWebSocket.connect(this.port, "/?token=" + TestTokens.token("a"));
			a.send("{\"type\":\"join\",\"topic\":\"secret\",\"peerId\":\"a\"}");
			TestWebSocket b = TestWebSocket.connect(this.port, "/?token=" + TestTokens.token("b"));
			b.send("{\"type\":\"join\",\"topic\":\"secret\",\"peerId\":\"b\"}");
			assertThat(a.nextText()).contains("\"peerId\":\"b\"");
		}

	}

}
