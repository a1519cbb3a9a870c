package dev.junction.bench;

import java.net.InetSocketAddress;
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
 * Command-line load generator for Junction (or {@link BareRelay}, or the peer relays in
 * {@code src/test/bench/peers}): runs scenario S1 (room fan-out) or S2 (tunnel
 * throughput) and prints one result line, with the server's CPU time (its child
 * processes' included) per delivered message when its pid is given.
 *
 * <p>
 * Arguments, all {@code --key=value}: {@code scenario} (s1|s2), {@code url}
 * (ws://127.0.0.1:8080), {@code members}, {@code senders}, {@code rate} (per sender, per
 * second), {@code payload} (bytes), {@code pairs}, {@code frame-kib}, {@code seconds},
 * {@code secret} (HMAC secret for tunnel tokens), {@code server-pid}, {@code sources}
 * (how many of 127.0.0.2, 127.0.0.3, … to bind client sockets to; 0 for none),
 * {@code threads} (client event loops). S5 also prints a {@code churn-sample} line every
 * {@code sample-seconds} (10; 0 for none) and draws them in {@code plot} (a PNG file),
 * see {@link ChurnTimeline}.
 *
 * <p>
 * S2 also runs over raw TCP, for a TCP forwarder such as socat as the ceiling:
 * {@code --transport=tcp} (default {@code ws}) with {@code url} {@code tcp://host:port}
 * of the forwarder and {@code sink} ({@code host:port}, default {@code 127.0.0.1:0}),
 * where the generator listens for the forwarder's connections; without a {@code tcp://}
 * url the senders connect straight to the sink. See {@link TcpTunnelThroughput}.
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
			CpuWindow window = new CpuWindow(pid);
			CpuWindow wholeRun = new CpuWindow(pid);
			wholeRun.open();
			String line;
			long delivered;
			if ("s2".equals(options.getOrDefault("scenario", "s1"))) {
				TunnelThroughput.Result result = tunnel(group, options, url, seconds, sources, window);
				line = result.toString();
				delivered = result.frames();
			}
			else if ("s3".equals(options.get("scenario"))) {
				SignalingMessages.Result result = SignalingMessages.run(group,
						SignalingMessages.Settings.of(url, options, seconds, sources, pid));
				line = result.toString();
				// Server CPU is in the line already, for the measured sending only.
				delivered = 0;
			}
			else if ("s5".equals(options.get("scenario"))) {
				ConnectionChurn.Result result = ConnectionChurn.run(group, ConnectionChurn.Settings.of(url, options,
						seconds, sources, pid, "LoadGenerator " + String.join(" ", args)));
				line = result.toString();
				// Server CPU is in the line already, measured without the warm-up.
				delivered = 0;
			}
			else {
				RoomFanOut.Result result = RoomFanOut.run(group,
						new RoomFanOut.Settings(URI.create(url + "/ws"),
								Integer.parseInt(options.getOrDefault("members", "10")),
								Integer.parseInt(options.getOrDefault("senders", "1")),
								Integer.parseInt(options.getOrDefault("rate", "1000")),
								Integer.parseInt(options.getOrDefault("payload", "256")), seconds, sources, window));
				line = result.toString();
				delivered = result.delivered();
			}
			wholeRun.close();
			// CPU of the measured phase where the scenario marks one, else of the whole
			// run.
			line += (window.closed() ? window : wholeRun).describe(delivered);
			// The result line is this command-line tool's output, read by
			// run-benchmarks.sh.
			System.out.println(line);
		}
		finally {
			group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	private static TunnelThroughput.Result tunnel(EventLoopGroup group, Map<String, String> options, String url,
			double seconds, List<String> sources, CpuWindow window) throws Exception {
		int pairs = Integer.parseInt(options.getOrDefault("pairs", "1"));
		int frameBytes = Integer.parseInt(options.getOrDefault("frame-kib", "64")) * 1024;
		if ("tcp".equals(options.getOrDefault("transport", "ws"))) {
			InetSocketAddress forwarder = url.startsWith("tcp://") ? address(url.substring("tcp://".length())) : null;
			return TcpTunnelThroughput.run(group, new TcpTunnelThroughput.Settings(forwarder,
					address(options.getOrDefault("sink", "127.0.0.1:0")), pairs, frameBytes, seconds, sources, window));
		}
		String secret = options.getOrDefault("secret", "");
		String run = Long.toString(System.nanoTime(), 36);
		return TunnelThroughput.run(group, new TunnelThroughput.Settings(
				(pair) -> tunnelUri(url, secret, run + "-" + pair), pairs, frameBytes, seconds, sources, window));
	}

	/**
	 * {@code host:port} as a socket address.
	 */
	static InetSocketAddress address(String hostAndPort) {
		int colon = hostAndPort.lastIndexOf(':');
		return new InetSocketAddress(hostAndPort.substring(0, colon),
				Integer.parseInt(hostAndPort.substring(colon + 1)));
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
