package dev.junction.web;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The RFC 6455 handshake headers of an upgrade request, checked before the upgrade so
 * that a malformed one is answered 400 instead of reaching the WebSocket library: exactly
 * one {@code Sec-WebSocket-Version}, 13; a {@code Connection} header naming
 * {@code Upgrade}; and exactly one {@code Sec-WebSocket-Key}, the base64 form of 16
 * bytes.
 */
final class HandshakeHeaders {

	/** The one protocol version Junction speaks, sent back with a version refusal. */
	static final String VERSION = "13";

	private static final int KEY_BYTES = 16;

	private HandshakeHeaders() {
	}

	/**
	 * Check an upgrade request's handshake headers.
	 * @param headers the request headers
	 * @return the refusal, or {@code null} when the handshake is well formed
	 */
	static @Nullable HttpRefusal check(HttpHeaders headers) {
		List<String> versions = headers.getValuesAsList("Sec-WebSocket-Version");
		if (versions.size() != 1 || !VERSION.equals(versions.get(0))) {
			return new HttpRefusal(HttpStatus.BAD_REQUEST, "Unsupported WebSocket version");
		}
		boolean upgrade = headers.getValuesAsList(HttpHeaders.CONNECTION)
			.stream()
			.anyMatch((token) -> "upgrade".equals(token.trim().toLowerCase(Locale.ROOT)));
		if (!upgrade) {
			return new HttpRefusal(HttpStatus.BAD_REQUEST, "Missing Connection: Upgrade");
		}
		List<String> keys = headers.getOrEmpty("Sec-WebSocket-Key");
		if (keys.size() != 1 || !isKey(keys.get(0).trim())) {
			return new HttpRefusal(HttpStatus.BAD_REQUEST, "Invalid Sec-WebSocket-Key");
		}
		return null;
	}

	private static boolean isKey(String key) {
		if (key.length() != 24) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == KEY_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
