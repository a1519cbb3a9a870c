package dev.junction.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which RFC 6455 handshakes are well formed.
 */
class HandshakeHeadersTests {

	@Test
	void wellFormedHandshakeShouldPass() {
		assertThat(HandshakeHeaders.check(headers("13", "dGhlIHNhbXBsZSBub25jZQ==", "keep-alive, Upgrade"))).isNull();
	}

	@Test
	void versionOtherThan13ShouldBeRefused() {
		for (String version : new String[] { null, "", "abc", "8", "13, 8", " 13x" }) {
			HttpRefusal refusal = HandshakeHeaders.check(headers(version, "dGhlIHNhbXBsZSBub25jZQ==", "Upgrade"));
			assertThat(refusal).as(String.valueOf(version)).isNotNull();
			assertThat(refusal.message()).isEqualTo("Unsupported WebSocket version");
		}
	}

	@Test
	void keyThatIsNotSixteenBytesOfBase64ShouldBeRefused() {
		for (String key : new String[] { null, "short", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZSEh",
				"!!!!!!!!!!!!!!!!!!!!!!==" }) {
			HttpRefusal refusal = HandshakeHeaders.check(headers("13", key, "Upgrade"));
			assertThat(refusal).as(String.valueOf(key)).isNotNull();
			assertThat(refusal.message()).isEqualTo("Invalid Sec-WebSocket-Key");
		}
	}

	@Test
	void connectionWithoutUpgradeShouldBeRefused() {
		assertThat(HandshakeHeaders.check(headers("13", "dGhlIHNhbXBsZSBub25jZQ==", "keep-alive")))
			.isEqualTo(new HttpRefusal(org.springframework.http.HttpStatus.BAD_REQUEST, "Missing Connection: Upgrade"));
	}

	private static HttpHeaders headers(String version, String key, String connection) {
		HttpHeaders headers = new HttpHeaders();
		if (version != null) {
			headers.add("Sec-WebSocket-Version", version);
		}
		if (key != null) {
			headers.add("Sec-WebSocket-Key", key);
		}
		headers.add(HttpHeaders.CONNECTION, connection);
		return headers;
	}

}
