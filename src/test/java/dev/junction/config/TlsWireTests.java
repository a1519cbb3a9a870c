package dev.junction.config;

import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import dev.junction.JunctionApplication;
import dev.junction.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss} served directly from a PEM certificate and key through a Spring SSL bundle,
 * as the TLS example of docs/security.md configures it.
 */
class TlsWireTests {

	@TempDir
	Path dir;

	@Test
	void clientShouldConnectOverWssWithAPemCertificate() throws Exception {
		TestCertificates certificates = TestCertificates.write(this.dir, false);
		try (ConfigurableApplicationContext context = start(certificates, "--server.port=0")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
			CompletableFuture<String> reply = new CompletableFuture<>();
			WebSocket socket = client.newWebSocketBuilder()
				.buildAsync(URI.create("wss://localhost:" + port + "/ws"), new WebSocket.Listener() {

					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						reply.complete(data.toString());
						return null;
					}

				})
				.get(10, TimeUnit.SECONDS);
			socket.sendText("{\"type\":\"create_room\",\"payload\":{}}", true).get(10, TimeUnit.SECONDS);
			assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"room_created\"");
			socket.abort();
		}
	}

	@Test
	void connectionThatSendsNoRequestOverTlsShouldBeClosedAfterTheHandshakeTimeout() throws Exception {
		TestCertificates certificates = TestCertificates.write(this.dir, false);
		try (ConfigurableApplicationContext context = start(certificates, "--server.port=0",
				"--junction.limits.handshake-timeout=300ms")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			try (SSLSocket socket = (SSLSocket) certificates.trustingClient()
				.getSocketFactory()
				.createSocket("localhost", port)) {
				// Long enough for any machine: the close is awaited, not timed.
				socket.setSoTimeout(30_000);
				// No request head comes. On a loaded machine the timeout may already
				// end the connection during the TLS handshake: closed all the same.
				assertThat(handshakeFailedOrClosedByServer(socket)).isTrue();
			}
		}
	}

	private static ConfigurableApplicationContext start(TestCertificates certificates, String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(certificates.bundleArguments());
		return SpringApplication.run(JunctionApplication.class, all.toArray(String[]::new));
	}

	private static boolean handshakeFailedOrClosedByServer(SSLSocket socket) throws Exception {
		try {
			socket.startHandshake();
		}
		catch (SocketException ex) {
			return true;
		}
		return isClosedByServer(socket);
	}

	private static boolean isClosedByServer(SSLSocket socket) throws Exception {
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketException ex) {
			// A reset is a close too (a read timeout is not a SocketException).
			return true;
		}
	}

}
