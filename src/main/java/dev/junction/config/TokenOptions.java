package dev.junction.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * The options of the token command. {@code --name value} and {@code --name=value} both
 * work; a binding claim given more than once becomes a list. Every other
 * {@code --key=value} argument is configuration, read as the server reads its own.
 *
 * @param claims binding claims ({@code sid}, {@code room}, {@code topic}, {@code role}),
 * each with its values in order
 * @param subject the {@code sub} claim
 * @param ttl how long a minted token is valid
 * @param issuer the {@code iss} claim, when not the configured one
 * @param audience the {@code aud} claim, when not the configured one
 * @param keyId the {@code kid} header
 * @param privateKey a PKCS#8 PEM file to sign with instead of the HMAC secret
 * @param verify a token to check instead of minting one
 * @param help whether the usage was asked for
 * @param configuration the arguments left for configuration
 */
record TokenOptions(Map<String, List<String>> claims, @Nullable String subject, Duration ttl, @Nullable String issuer,
		@Nullable String audience, @Nullable String keyId, @Nullable String privateKey, @Nullable String verify,
		boolean help, List<String> configuration) {

	static final String USAGE = """
			Usage: java -jar junction.jar token --sub <subject> [--ttl 1h] [--sid <id>] [--room <code>]
			                                    [--topic <topic>] [--role <role>] [--iss <issuer>] [--aud <audience>]
			                                    [--kid <key id>] [--private-key <pkcs8.pem>] [--<configuration key>=<value>]
			       java -jar junction.jar token --verify <jwt> [--<configuration key>=<value>]

			Mints a token signed with junction.auth.hmac-secret (HS256), or with --private-key for a key pair
			whose public key Junction trusts, carrying the configured issuer, audience and token_use; or tells
			whether this configuration accepts a token, and why not (exit code 1). Configuration is read as
			the server reads it: application.yml, environment variables, --junction.auth.hmac-secret=... .""";

	private static final Set<String> CLAIMS = Set.of("sid", "room", "topic", "role");

	private static final Set<String> SINGLE = Set.of("sub", "ttl", "iss", "aud", "kid", "private-key", "verify");

	private static final Duration DEFAULT_TTL = Duration.ofHours(1);

	/**
	 * Read the command's arguments (those after {@code token}).
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with a message for the user when they do not parse
	 */
	static TokenOptions parse(List<String> args) {
		Map<String, List<String>> claims = new LinkedHashMap<>();
		Map<String, String> single = new LinkedHashMap<>();
		List<String> configuration = new ArrayList<>();
		boolean help = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals > 0) ? equals : arg.length());
			if (!CLAIMS.contains(name) && !SINGLE.contains(name)) {
				if (equals < 0) {
					throw new IllegalArgumentException("unknown option '" + arg + "'");
				}
				configuration.add(arg);
				continue;
			}
			String value;
			if (equals > 0) {
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.size()) {
				value = args.get(++i);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (value.isEmpty()) {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
			if (CLAIMS.contains(name)) {
				claims.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
			else if (single.put(name, value) != null) {
				throw new IllegalArgumentException("--" + name + " given twice");
			}
		}
		Duration ttl = ttl(single.get("ttl"));
		TokenOptions options = new TokenOptions(claims, single.get("sub"), ttl, single.get("iss"), single.get("aud"),
				single.get("kid"), single.get("private-key"), single.get("verify"), help, configuration);
		if (!help) {
			options.check();
		}
		return options;
	}

	private void check() {
		if (this.verify != null) {
			if (this.subject != null || !this.claims.isEmpty() || this.privateKey != null) {
				throw new IllegalArgumentException("--verify takes a token and configuration only");
			}
		}
		else if (this.subject == null) {
			throw new IllegalArgumentException("--sub is required to mint a token");
		}
	}

	private static Duration ttl(@Nullable String value) {
		if (value == null) {
			return DEFAULT_TTL;
		}
		Duration ttl;
		try {
			ttl = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--ttl '" + value + "' is not a duration (such as 30m, 1h, 7d)");
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("--ttl must be positive");
		}
		return ttl;
	}

}
