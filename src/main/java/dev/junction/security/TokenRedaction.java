package dev.junction.security;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes token values from request URIs before they reach a log line.
 */
public final class TokenRedaction {

	private static final Pattern TOKEN_PARAMETER = Pattern.compile("([?&](?:access_)?token=)[^&#]*",
			Pattern.CASE_INSENSITIVE);

	private TokenRedaction() {
	}

	/**
	 * The URI with the value of every {@code token} and {@code access_token} parameter
	 * replaced.
	 * @param uri the request URI (path and query)
	 * @return the redacted URI
	 */
	public static String redact(@Nullable CharSequence uri) {
		return (uri != null) ? TOKEN_PARAMETER.matcher(uri).replaceAll("$1[redacted]") : "";
	}

}
