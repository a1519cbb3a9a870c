package dev.junction.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Removes token values from request URIs before they reach a log line. A parameter is
 * recognised by its name after percent-decoding, as the token lookup decodes it, so that
 * {@code ?%74oken=} is redacted like {@code ?token=}.
 */
public final class TokenRedaction {

	private static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token");

	private static final String REDACTED = "[redacted]";

	private TokenRedaction() {
	}

	/**
	 * The URI with the value of every {@code token} and {@code access_token} parameter
	 * replaced.
	 * @param uri the request URI (path and query)
	 * @return the redacted URI
	 */
	public static String redact(@Nullable CharSequence uri) {
		if (uri == null) {
			return "";
		}
		String text = uri.toString();
		int query = text.indexOf('?');
		if (query < 0) {
			return text;
		}
		StringBuilder redacted = new StringBuilder(text.length()).append(text, 0, query + 1);
		int start = query + 1;
		while (start <= text.length()) {
			int end = text.indexOf('&', start);
			if (end < 0) {
				end = text.length();
			}
			int equals = text.indexOf('=', start);
			if (equals >= 0 && equals < end && isTokenName(text.substring(start, equals))) {
				redacted.append(text, start, equals + 1).append(REDACTED);
			}
			else {
				redacted.append(text, start, end);
			}
			if (end < text.length()) {
				redacted.append('&');
			}
			start = end + 1;
		}
		return redacted.toString();
	}

	private static boolean isTokenName(String name) {
		String decoded = name;
		// Decoded until stable, so that no spelling of the name slips through.
		for (int i = 0; i < 4; i++) {
			String next = decode(decoded);
			if (next.equals(decoded)) {
				break;
			}
			decoded = next;
		}
		return TOKEN_PARAMETERS.contains(decoded.trim().toLowerCase(Locale.ROOT));
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
