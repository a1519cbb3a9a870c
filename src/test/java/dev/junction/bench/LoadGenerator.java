package dev.junction.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code threads} (client event loops). With several comma-separated {@code url}s (the
 * nodes of a cluster) S1 and {@code topics} put the sender on the first node and spread
 * the receivers evenly, and S2 puts each pair's sender on the first node and its receiver
 * on the last; several comma-separated {@code server-pid}s are summed, and
 * {@code redis-pid} adds the Redis's CPU ({@code redisCpu}). Scenario {@code topics}
 * ({@link TopicFanOut}) is S1 on {@code /topics}. S5 also prints a {@code churn-sample}
 * line every {@code sample-seconds} (10; 0 for none) and draws them in {@code plot} (a
 * PNG file), see {@link ChurnTimeline}.
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
		// Several comma-separated URLs and pids: the nodes of a cluster, the first one
		// holding the sender.
		List<String> urls = List.of(options.getOrDefault("url", "ws://127.0.0.1:8080").split(","));
		String url = urls.get(0);
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
		List<Long> pids = Arrays.stream(options.getOrDefault("server-pid", "0").split(","))
			.map(Long::parseLong)
			.toList();
		long pid = pids.get(0);
		long redisPid = Long.parseLong(options.getOrDefault("redis-pid", "0"));
		List<String> sources = sourceAddresses(Integer.parseInt(options.getOrDefault("sources", "0")));
		EventLoopGroup group = BenchSocket.group(Integer.parseInt(options.getOrDefault("threads", "1")));
		try {
			CpuWindow window = new CpuWindow(pids, redisPid);
			CpuWindow wholeRun = new CpuWindow(pids, redisPid);
			wholeRun.open();
			String line;
			long delivered;
			if ("s2".equals(options.getOrDefault("scenario", "s1"))) {
				TunnelThroughput.Result result = tunnel(group, options, urls, seconds, sources, window);
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
			else if ("topics".equals(options.get("scenario"))) {
				TopicFanOut.Result result = TopicFanOut.run(group,
						new TopicFanOut.Settings(
								(peer) -> topicsUri(urls.get(peer % urls.size()), options.getOrDefault("secret", ""),
										peer),
								Integer.parseInt(options.getOrDefault("members", "10")),
								Integer.parseInt(options.getOrDefault("rate", "1000")),
								Integer.parseInt(options.getOrDefault("payload", "256")), seconds, sources, window));
				line = result.toString();
				delivered = result.delivered();
			}
			else {
				RoomFanOut.Result result = RoomFanOut.run(group,
						new RoomFanOut.Settings(urls.stream().map((node) -> URI.create(node + "/ws")).toList(),
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

	private static TunnelThroughput.Result tunnel(EventLoopGroup group, Map<String, String> options, List<String> urls,
			double seconds, List<String> sources, CpuWindow window) throws Exception {
		String url = urls.get(0);
		int pairs = Integer.parseInt(options.getOrDefault("pairs", "1"));
		int frameBytes = Integer.parseInt(options.getOrDefault("frame-kib", "64")) * 1024;
		if ("tcp".equals(options.getOrDefault("transport", "ws"))) {
			InetSocketAddress forwarder = url.startsWith("tcp://") ? address(url.substring("tcp://".length())) : null;
			return TcpTunnelThroughput.run(group, new TcpTunnelThroughput.Settings(forwarder,
					address(options.getOrDefault("sink", "127.0.0.1:0")), pairs, frameBytes, seconds, sources, window));
		}
		String secret = options.getOrDefault("secret", "");
		String run = Long.toString(System.nanoTime(), 36);
		// Across nodes the receiver reaches the last node, the sender the first.
		String receiverUrl = urls.get(urls.size() - 1);
		return TunnelThroughput.run(group,
				new TunnelThroughput.Settings((pair) -> tunnelUri(url, secret, run + "-" + pair),
						(pair) -> tunnelUri(receiverUrl, secret, run + "-" + pair), pairs, frameBytes, seconds, sources,
						window));
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
			uri += "?token=" + token(secret, "bench-" + session);
		}
		return URI.create(uri);
	}

	/**
	 * The topics URL of a node for one peer, with an HS256 token of the peer's own
	 * subject (a subject may hold only so many connections) when the secret is not empty.
	 */
	static URI topicsUri(String url, String secret, int peer) {
		return URI
			.create(url + "/topics" + (secret.isEmpty() ? "" : "?token=" + token(secret, "bench-topics-" + peer)));
	}

	private static String token(String secret, String subject) {
		Instant now = Instant.now();
		return Jwts.builder()
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofHours(1))))
			.signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)))
			.compact();
	}

	static List<String> sourceAddresses(int count) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			addresses.add("127.0." + ((i + 2) / 256) + "." + ((i + 2) % 256));
		}
		return addresses;
	}

}
