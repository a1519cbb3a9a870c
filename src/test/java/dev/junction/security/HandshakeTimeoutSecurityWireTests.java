package dev.junction.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.core.OpenSockets;
import dev.junction.support.RawWebSocket;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that never finish a handshake: a request head must arrive within
 * {@code junction.limits.handshake-timeout}, and until then the connection counts against
 * the per-address and node connection caps.
 */
class HandshakeTimeoutSecurityWireTests {

	/** Long enough for any machine: the tests await the close, they do not time it. */
	private static final Duration EVENTUALLY = Duration.ofSeconds(30);

	boolean isClosedByServer(Socket socket) throws IOException {
		socket.setSoTimeout((int) EVENTUALLY.toMillis());
		try {
			InputStream in = socket.getInputStream();
			while (true) {
				if (in.read() == -1) {
					return true;
				}
			}
		}
		catch (SocketException ex) {
			// A reset is a close too.
			return true;
		}
	}

	Socket idle(int port) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout((int) EVENTUALLY.toMillis());
		return socket;
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.limits.handshake-timeout=300ms", "junction.protocols.rooms.auth=none" })
	class Timeout {

		@LocalServerPort
		int port;

		@Test
		void socketThatSendsNothingShouldBeClosed() throws Exception {
			try (Socket socket = idle(this.port)) {
				assertThat(isClosedByServer(socket)).isTrue();
			}
		}

		@Test
		void requestHeadTrickledAByteAtATimeShouldBeClosed() throws Exception {
			try (Socket socket = idle(this.port)) {
				OutputStream out = socket.getOutputStream();
				out.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
				long giveUp = System.nanoTime() + EVENTUALLY.toNanos();
				boolean closed = false;
				while (!closed && System.nanoTime() < giveUp) {
					try {
						out.write('x');
						out.flush();
						// The client's pace, not a wait for the server. Once the server
						// has closed, a write fails (at the latest the second one).
						Thread.sleep(50);
					}
					catch (SocketException ex) {
						closed = true;
					}
				}
				assertThat(closed).isTrue();
			}
		}

		@Test
		void keptAliveConnectionShouldBeClosedWhenTheNextHeadDoesNotCome() throws Exception {
			try (Socket socket = idle(this.port)) {
				socket.getOutputStream()
					.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(isClosedByServer(socket)).isTrue();
			}
		}

		@Test
		void upgradedConnectionShouldOutliveTheTimeout() throws Exception {
			try (RawWebSocket client = RawWebSocket.upgrade(this.port, "/ws")) {
				assertThat(client.status()).isEqualTo(101);
				client.sendText("{\"type\":\"create_room\",\"payload\":{}}");
				assertThat(client.readText()).contains("room_created");
				try (Socket idle = idle(this.port)) {
					// An idle socket accepted after the upgrade is closed; the upgraded
					// one
					// still answers afterwards.
					assertThat(isClosedByServer(idle)).isTrue();
				}
				client.sendText("{\"type\":\"create_room\",\"payload\":{}}");
				assertThat(client.readText()).contains("room_created");
			}
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "junction.limits.max-connections-per-address=3", "junction.limits.handshake-timeout=1h",
					"junction.protocols.rooms.auth=none" })
	class ConnectionsPerAddress {

		@LocalServerPort
		int port;

		@Autowired
		OpenSockets openSockets;

		@Test
		void idleSocketsShouldCountAgainstTheAddressCap() throws Exception {
			List<Socket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < 3; i++) {
					sockets.add(idle(this.port));
				}
				await().until(() -> this.openSockets.countByAddress("127.0.0.1") == 3);
				try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws")) {
					assertThat(refused.status()).isEqualTo(429);
					assertThat(refused.body()).isEqualTo("too many connections from this address");
				}
				await().until(() -> this.openSockets.countByAddress("127.0.0.1") == 3);
				// One more socket over the cap is let in to hear its refusal; the next is
				// closed at once.
				sockets.add(idle(this.port));
				await().until(() -> this.openSockets.countByAddress("127.0.0.1") == 4);
				try (Socket over = idle(this.port)) {
					assertThat(isClosedByServer(over)).isTrue();
				}
				assertThat(this.openSockets.countByAddress("127.0.0.1")).isEqualTo(4);
			}
			finally {
				for (Socket socket : sockets) {
					socket.close();
				}
			}
			await().until(() -> this.openSockets.countByAddress("127.0.0.1") == 0);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "junction.limits.max-connections=2",
			"junction.limits.handshake-timeout=1h", "junction.protocols.rooms.auth=none" })
	class ConnectionsPerNode {

		@LocalServerPort
		int port;

		@Autowired
		OpenSockets openSockets;

		@Test
		void idleSocketsShouldCountAgainstTheNodeCap() throws Exception {
			try (Socket first = idle(this.port); Socket second = idle(this.port)) {
				await().until(() -> this.openSockets.size() == 2);
				try (RawWebSocket refused = RawWebSocket.upgrade(this.port, "/ws")) {
					assertThat(refused.status()).isEqualTo(503);
					assertThat(refused.header("Retry-After")).isEqualTo("5");
				}
			}
		}

	}

}
