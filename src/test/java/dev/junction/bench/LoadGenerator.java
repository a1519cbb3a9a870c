package dev.junction.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.netty.channel.EventLoopGroup;

/**
 * Command-line load generator for Junction (or {@link BareRelay}): runs scenario S1 (room
 * fan-out) or S2 (tunnel throughput) and prints one result line, with the server's CPU
 * time per delivered message when its pid is given.
 *
 * <p>
 * Arguments, all {@code --key=value}: {@code scenario} (s1|s2), {@code url}
 * (ws://127.0.0.1:8080), {@code members}, {@code senders}, {@code rate} (per sender, per
 * second), {@code payload} (bytes), {@code pairs}, {@code frame-kib}, {@code seconds},
 * {@code secret} (HMAC secret for tunnel tokens), {@code server-pid}, {@code sources}
 * (how many of 127.0.0.2, 127.0.0.3, … to bind client sockets to; 0 for none),
 * {@code threads} (client event loops).
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] parts = arg.replaceFirst("^--", "").split("=", 2);
			options.put(parts[0], (parts.length > 1) ? parts[1] : "true");
		}
		if ("s4".equals(options.get("scenario"))) {
			IdleConnections.run(options);
			return;
		}
		String url = options.getOrDefault("url", "ws://127.0.0.1:8080");
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
		long pid = Long.parseLong(options.getOrDefault("server-pid", "0"));
		List<String> sources = sourceAddresses(Integer.parseInt(options.getOrDefault("sources", "0")));
		EventLoopGroup group = BenchSocket.group(Integer.parseInt(options.getOrDefault("threads", "1")));
		try {
			double cpuBefore = ProcessCpu.seconds(pid);
			String line;
			long delivered;
			if ("s2".equals(options.getOrDefault("scenario", "s1"))) {
				String secret = options.getOrDefault("secret", "");
				String run = Long.toString(System.nanoTime(), 36);
				TunnelThroughput.Result result = TunnelThroughput.run(group,
						new TunnelThroughput.Settings((pair) -> tunnelUri(url, secret, run + "-" + pair),
								Integer.parseInt(options.getOrDefault("pairs", "1")),
								Integer.parseInt(options.getOrDefault("frame-kib", "64")) * 1024, seconds, sources));
				line = result.toString();
				delivered = result.frames();
			}
			else {
				RoomFanOut.Result result = RoomFanOut.run(group,
						new RoomFanOut.Settings(URI.create(url + "/ws"),
								Integer.parseInt(options.getOrDefault("members", "10")),
								Integer.parseInt(options.getOrDefault("senders", "1")),
								Integer.parseInt(options.getOrDefault("rate", "1000")),
								Integer.parseInt(options.getOrDefault("payload", "256")), seconds, sources));
				line = result.toString();
				delivered = result.delivered();
			}
			double cpuAfter = ProcessCpu.seconds(pid);
			if (cpuBefore >= 0 && cpuAfter >= 0 && delivered > 0) {
				line += String.format(" serverCpu=%.2fs cpuPerDelivery=%.2fus", cpuAfter - cpuBefore,
						(cpuAfter - cpuBefore) * 1e6 / delivered);
			}
			// The result line is this command-line tool's output, read by
			// run-benchmarks.sh.
			System.out.println(line);
		}
		finally {
			group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	/**
	 * A tunnel URL with an HS256 token for the session, or without a token when the
	 * secret is empty (for {@link BareRelay}).
	 */
	static URI tunnelUri(String url, String secret, String session) {
		String uri = url + "/relay/" + session;
		if (!secret.isEmpty()) {
			Instant now = Instant.now();
			String token = Jwts.builder()
				.subject("bench-" + session)
				.issuedAt(Date.from(now))
				.expiration(Date.from(now.plus(Duration.ofHours(1))))
				.signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
				.compact();
			uri += "?token=" + token;
		}
		return URI.create(uri);
	}

	static List<String> sourceAddresses(int count) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			addresses.add("127.0." + ((i + 2) / 256) + "." + ((i + 2) % 256));
		}
		return addresses;
	}

}
