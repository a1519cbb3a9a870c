package dev.junction.protocol.signaling;

import java.util.HashSet;
import java.util.Set;

import dev.junction.JunctionApplication;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.protocol.signaling.SignalingWire.Room;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The close codes every connection shares, seen from signaling clients: 1013 for a peer
 * that stops reading, 1011 for one that stops answering pings, 1012 at shutdown.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { SignalingWire.SECRET_PROPERTY, "junction.limits.outbound-queue-messages=256",
				"junction.limits.outbound-queue-bytes=4MB", "junction.shutdown.close-timeout=500ms",
				"junction.keepalive.interval=500ms", "junction.keepalive.timeout=5s" })
class SignalingCloseCodesWireTests {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry connections;

	@Test
	void peerThatStopsReadingShouldBeClosed1013AndSpareItsSender() {
		SignalingWire wire = new SignalingWire(this.port);
		Room room = wire.createRoom();
		Set<Connection> before = new HashSet<>(this.connections.all());
		TestWebSocket slow = wire.registered(SignalingWire.register("Slow-1", room));
		Connection slowOnServer = this.connections.all()
			.stream()
			.filter((connection) -> !before.contains(connection))
			.findFirst()
			.orElseThrow();
		TestWebSocket sender = wire.registered(SignalingWire.register("Fast-1", room));
		slow.stopReading();
		String message = "{\"type\":\"peer_message\",\"from_peer_id\":\"Fast-1\",\"to_peer_id\":\"Slow-1\","
				+ "\"payload\":{\"chunk\":\"" + "x".repeat(64 * 1024) + "\"}}";
		for (int i = 0; i < 2000 && slowOnServer.isOpen(); i++) {
			sender.send(message);
			assertThat(slowOnServer.queuedBytes()).isLessThanOrEqualTo(4 * 1024 * 1024);
		}
		await().until(() -> slowOnServer.closeReason() != null);
		assertThat(slowOnServer.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		await().until(() -> !this.connections.all().contains(slowOnServer));
		sender.assertOpen();
	}

	@Test
	void connectionThatNeverAnswersPingsShouldBeClosed1011() throws Exception {
		try (RawWebSocket silent = RawWebSocket.upgrade(this.port, "/signaling")) {
			assertThat(silent.status()).isEqualTo(101);
			RawWebSocket.Frame close = silent.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1011);
			assertThat(close.closeReason()).isEqualTo("keepalive timeout");
		}
	}

	@Test
	void shutdownShouldCloseRegisteredPeersWith1012() {
		ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class, "--server.port=0",
				"--junction.shutdown.drain-timeout=5s", "--junction.auth.hmac-secret=" + TestTokens.SECRET);
		int port = java.util.Objects.requireNonNull(((WebServerApplicationContext) context).getWebServer()).getPort();
		SignalingWire wire = new SignalingWire(port);
		TestWebSocket peer = wire.registered(SignalingWire.register("Shutdown-1", wire.createRoom()));
		context.close();
		assertThat(peer.awaitClose()).isEqualTo(new TestWebSocket.Closed(1012, "server restarting"));
	}

}
