package dev.junction.config;

import java.math.BigInteger;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.junction.JunctionApplication;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss} served directly from a PEM certificate and key through a Spring SSL bundle,
 * as the README's TLS example configures it.
 */
class TlsWireTests {

	@TempDir
	Path dir;

	@Test
	void clientShouldConnectOverWssWithAPemCertificate() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		KeyPair keys = generator.generateKeyPair();
		X509Certificate certificate = selfSigned(keys);
		Path cert = this.dir.resolve("tls.crt");
		Path key = this.dir.resolve("tls.key");
		Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
		Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				"--server.port=0", "--server.ssl.bundle=junction",
				"--spring.ssl.bundle.pem.junction.keystore.certificate=file:" + cert,
				"--spring.ssl.bundle.pem.junction.keystore.private-key=file:" + key)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
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
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		KeyPair keys = generator.generateKeyPair();
		X509Certificate certificate = selfSigned(keys);
		Path cert = this.dir.resolve("tls.crt");
		Path key = this.dir.resolve("tls.key");
		Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
		Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				"--server.port=0", "--server.ssl.bundle=junction", "--junction.limits.handshake-timeout=300ms",
				"--spring.ssl.bundle.pem.junction.keystore.certificate=file:" + cert,
				"--spring.ssl.bundle.pem.junction.keystore.private-key=file:" + key)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			try (SSLSocket socket = (SSLSocket) trusting(certificate).getSocketFactory()
				.createSocket("localhost", port)) {
				// Long enough for any machine: the close is awaited, not timed.
				socket.setSoTimeout(30_000);
				// The TLS handshake completes (so TLS's own handshake timeout is out of
				// the way); then no request head comes.
				socket.startHandshake();
				assertThat(isClosedByServer(socket)).isTrue();
			}
		}
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

	private static X509Certificate selfSigned(KeyPair keys) throws Exception {
		X500Name name = new X500Name("CN=localhost");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
				BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
				Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
	}

	private static SSLContext trusting(X509Certificate certificate) throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		trust.setCertificateEntry("junction", certificate);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
