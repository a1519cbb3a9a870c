package dev.junction.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import dev.junction.JunctionApplication;
import dev.junction.support.RawWebSocket;
import dev.junction.support.TestCertificates;
import dev.junction.support.TestTokens;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a deployment gets without tuning anything: TLS with forward-secret suites only,
 * and the token rules (HMAC algorithms by secret length, numeric dates, a maximum
 * lifetime) at the handshake.
 */
class DeploymentDefaultsSecurityWireTests {

	/** 64 bytes: long enough for HS256, HS384 and HS512. */
	private static final String LONG_SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	@TempDir
	Path dir;

	@Test
	void tlsShouldRefuseStaticRsaKeyExchangeAndAcceptEcdhe() throws Exception {
		TestCertificates certificates = TestCertificates.write(this.dir, true);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
		arguments.addAll(certificates.bundleArguments());
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				arguments.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SSLContext client = certificates.trustingClient();
			try (SSLSocket rsa = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
				rsa.setSoTimeout(10_000);
				rsa.setEnabledProtocols(new String[] { "TLSv1.2" });
				rsa.setEnabledCipherSuites(new String[] { "TLS_RSA_WITH_AES_128_CBC_SHA" });
				assertThatThrownBy(rsa::startHandshake).isInstanceOf(SSLHandshakeException.class);
			}
			try (SSLSocket ecdhe = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
				ecdhe.setSoTimeout(10_000);
				ecdhe.setEnabledProtocols(new String[] { "TLSv1.2" });
				ecdhe.setEnabledCipherSuites(new String[] { "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" });
				ecdhe.startHandshake();
				assertThat(ecdhe.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
			}
			try (SSLSocket tls13 = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
				tls13.setSoTimeout(10_000);
				tls13.setEnabledProtocols(new String[] { "TLSv1.3" });
				tls13.startHandshake();
				assertThat(tls13.getSession().getProtocol()).isEqualTo("TLSv1.3");
			}
			try (SSLSocket old = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
				old.setSoTimeout(10_000);
				old.setEnabledProtocols(new String[] { "TLSv1.1" });
				assertThatThrownBy(old::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
			}
		}
	}

	@Test
	void hmacAlgorithmsShouldFollowTheSecretLengthAtTheHandshake() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				"--server.port=0", "--junction.auth.hmac-secret=" + LONG_SECRET,
				"--junction.protocols.rooms.auth=required")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			byte[] secret = LONG_SECRET.getBytes(StandardCharsets.UTF_8);
			for (var alg : java.util.List.of(Jwts.SIG.HS256, Jwts.SIG.HS384, Jwts.SIG.HS512)) {
				String token = TestTokens.builder("user-" + alg.getId())
					.signWith(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA" + alg.getId().substring(2)), alg)
					.compact();
				try (RawWebSocket socket = RawWebSocket.upgrade(port, "/ws", "Authorization: Bearer " + token)) {
					assertThat(socket.status()).as(alg.getId()).isEqualTo(101);
				}
			}
		}
	}

	@Test
	void tokensWithATextExpiryOrTooLongALifetimeShouldBeRefusedAtTheHandshake() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				"--server.port=0", "--junction.auth.hmac-secret=" + TestTokens.SECRET,
				"--junction.auth.max-token-lifetime=2h", "--junction.protocols.rooms.auth=required")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String tomorrow = JwtVerifierTests.rawHs256("{\"sub\":\"a\",\"exp\":\"tomorrow\"}");
			try (RawWebSocket socket = RawWebSocket.upgrade(port, "/ws", "Authorization: Bearer " + tomorrow)) {
				assertThat(socket.status()).isEqualTo(401);
				assertThat(socket.header("WWW-Authenticate")).contains("error_description=\"invalid exp\"");
			}
			String week = TestTokens.builder("a")
				.expiration(Date.from(Instant.now().plus(Duration.ofDays(7))))
				.signWith(TestTokens.KEY)
				.compact();
			try (RawWebSocket socket = RawWebSocket.upgrade(port, "/ws", "Authorization: Bearer " + week)) {
				assertThat(socket.status()).isEqualTo(401);
				assertThat(socket.header("WWW-Authenticate")).contains("error_description=\"token lifetime too long\"");
			}
			try (RawWebSocket socket = RawWebSocket.upgrade(port, "/ws",
					"Authorization: Bearer " + TestTokens.token("a"))) {
				assertThat(socket.status()).isEqualTo(101);
			}
		}
	}

	@Test
	void actuatorOnItsOwnPortShouldNotBeServedOnThePublicPort() throws Exception {
		// The chart's MANAGEMENT_SERVER_PORT: probes and Prometheus move off the public
		// port.
		try (ConfigurableApplicationContext context = SpringApplication.run(JunctionApplication.class,
				"--server.port=0", "--management.server.port=0", "--junction.auth.hmac-secret=" + TestTokens.SECRET,
				"--junction.protocols.rooms.auth=required")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			int management = Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "-1"));
			assertThat(management).isPositive().isNotEqualTo(port);
			java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
			assertThat(get(http, port, "/actuator/health/liveness")).isEqualTo(404);
			assertThat(get(http, port, "/actuator/prometheus")).isEqualTo(404);
			assertThat(get(http, management, "/actuator/health/liveness")).isEqualTo(200);
			assertThat(get(http, management, "/actuator/health/readiness")).isEqualTo(200);
			assertThat(get(http, management, "/actuator/prometheus")).isEqualTo(200);
			try (RawWebSocket socket = RawWebSocket.upgrade(port, "/ws",
					"Authorization: Bearer " + TestTokens.token("a"))) {
				assertThat(socket.status()).isEqualTo(101);
			}
		}
	}

	private static int get(java.net.http.HttpClient http, int port, String path) throws Exception {
		return http
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
