package dev.junction.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.junction.JunctionApplication;
import dev.junction.support.TestTokens;
import dev.junction.support.TestWebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worst single message of each protocol: the largest or most adversarial frame the
 * default limits let through, timed from the client's send to the moment the forwarded
 * message (or the reply) is whole at the receiving client, over loopback, with Junction
 * in this JVM. Each case runs twice to warm up and then {@code --runs} times (default 5);
 * the median is reported, as milliseconds per message and microseconds per MiB.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-cp.txt
 * java -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" dev.junction.bench.WorstMessages
 * </pre>
 */
public final class WorstMessages {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int MIB = 1024 * 1024;

	private final int port;

	private final int runs;

	private final List<String> rows = new ArrayList<>();

	private WorstMessages(int port, int runs) {
		this.port = port;
		this.runs = runs;
	}

	public static void main(String[] args) throws Exception {
		int runs = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--runs="))
			.map((arg) -> Integer.parseInt(arg.substring("--runs=".length())))
			.findFirst()
			.orElse(5);
		SpringApplication application = new SpringApplication(JunctionApplication.class);
		ConfigurableApplicationContext context = application.run("--server.port=0",
				"--junction.auth.hmac-secret=" + TestTokens.SECRET, "--logging.level.root=WARN");
		try {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
			WorstMessages bench = new WorstMessages(port, runs);
			bench.rooms();
			bench.pairs();
			bench.signaling();
			bench.topics();
			bench.tunnel();
			System.out
				.println("| protocol | worst message | size | ms per message (median of " + runs + ") | µs per MiB |");
			System.out.println("|---|---|---|---|---|");
			bench.rows.forEach(System.out::println);
		}
		finally {
			context.close();
		}
	}

	private void rooms() {
		TestWebSocket alice = connect("/ws");
		alice.send("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a\",\"display_name\":\"Alice\"}}");
		String code = json.readTree(alice.nextText()).get("payload").get("room_code").stringValue();
		TestWebSocket bob = connect("/ws");
		bob.send("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + code
				+ "\",\"user_id\":\"b\",\"display_name\":\"Bob\"}}");
		bob.nextText();
		alice.nextText();
		String message = "{\"type\":\"weights\",\"data\":\"" + filler(16 * MIB - 40) + "\"}";
		time("rooms", "16 MiB JSON, sender_id and sender_name injected", message.length(), () -> {
			alice.send(message);
			return bob.nextText().length();
		});
		alice.close(1000);
		bob.close(1000);
	}

	private void pairs() {
		TestWebSocket desktop = connect("/desktop/worst");
		TestWebSocket mobile = connect("/mobile/worst");
		untilPong(desktop);
		untilPong(mobile);
		String message = "{\"type\":\"bundle\",\"code\":\"" + filler(10 * MIB - 64) + "\"}";
		time("pairs", "10 MiB JSON bundle, parsed and re-encoded", message.length(), () -> {
			desktop.send(message);
			return mobile.nextText().length();
		});
		desktop.close(1000);
		mobile.close(1000);
	}

	private void signaling() throws Exception {
		String[] room = createRoom();
		List<TestWebSocket> peers = new ArrayList<>();
		for (int p = 0; p < 50; p++) {
			ObjectNode metadata = json.createObjectNode();
			ArrayNode tags = metadata.putArray("tags");
			for (int t = 0; t < 256; t++) {
				tags.add("tag-" + p + "-" + t);
			}
			metadata.putObject("properties").put("gpu_memory_mb", 16384).put("status", "available");
			peers.add(register("Worker-" + p, room, "worker", metadata));
		}
		ObjectNode own = json.createObjectNode();
		TestWebSocket client = register("Client-1", room, "client", own);
		// 1 MiB of tags in one update: refused by the tag cap.
		ObjectNode refused = update("Client-1");
		ArrayNode many = ((ObjectNode) refused.get("metadata")).putArray("tags");
		while (many.size() * 11 < MIB - 100) {
			many.add("t" + (1_000_000 + many.size()));
		}
		String refusedText = refused.toString();
		time("signaling", "update_metadata, 1 MiB of tags (refused by the cap)", refusedText.length(), () -> {
			client.send(refusedText);
			return client.nextText().length();
		});
		// The largest update the caps accept: 256 tags and about 64 KiB.
		ObjectNode accepted = update("Client-1");
		ArrayNode tags = ((ObjectNode) accepted.get("metadata")).putArray("tags");
		for (int t = 0; t < 256; t++) {
			tags.add("accepted-tag-" + t);
		}
		((ObjectNode) accepted.get("metadata")).putObject("properties").put("notes", filler(56 * 1024));
		String acceptedText = accepted.toString();
		time("signaling", "update_metadata at the caps (256 tags, 64 KiB)", acceptedText.length(), () -> {
			client.send(acceptedText);
			return client.nextText().length();
		});
		// 1 MiB of filters over 50 peers of 256 tags each.
		ObjectNode discover = json.createObjectNode();
		discover.put("type", "discover_peers").put("from_peer_id", "Client-1");
		ObjectNode filters = discover.putObject("filters");
		filters.put("role", "worker");
		ArrayNode wanted = filters.putArray("tags");
		while (wanted.size() * 12 < MIB / 2) {
			wanted.add("w" + (1_000_000 + wanted.size()));
		}
		wanted.add("tag-49-255");
		ArrayNode in = filters.putObject("properties").putObject("gpu_memory_mb").putArray("$in");
		while (in.size() * 8 < MIB / 2) {
			in.add(1_000_000 + in.size());
		}
		in.add(16384);
		String discoverText = discover.toString();
		time("signaling", "discover_peers, 1 MiB of filters over 50 peers × 256 tags", discoverText.length(), () -> {
			client.send(discoverText);
			String reply = client.nextText();
			if (!reply.contains("\"count\":1")) {
				throw new IllegalStateException("unexpected reply " + reply.substring(0, 200));
			}
			return reply.length();
		});
		client.close(1000);
		peers.forEach((peer) -> peer.close(1000));
	}

	private void topics() {
		TestWebSocket a = connect("/topics");
		a.send("{\"type\":\"join\",\"topic\":\"worst\",\"peerId\":\"a\"}");
		TestWebSocket b = connect("/topics");
		b.send("{\"type\":\"join\",\"topic\":\"worst\",\"peerId\":\"b\"}");
		b.nextText();
		a.nextText();
		String message = "{\"type\":\"data\",\"data\":\"" + filler(16 * MIB - 32) + "\"}";
		time("topics", "16 MiB data string, checked as UTF-8", message.length(), () -> {
			a.send(message);
			return b.nextText().length();
		});
		a.close(1000);
		b.close(1000);
	}

	private void tunnel() {
		TestWebSocket a = connect("/relay/worst");
		TestWebSocket b = connect("/relay/worst");
		byte[] frame = new byte[16 * MIB];
		Arrays.fill(frame, (byte) 7);
		time("tunnel", "16 MiB binary frame", frame.length, () -> {
			a.sendBinary(frame);
			return b.nextBinary().length;
		});
		a.close(1000);
		b.close(1000);
	}

	private void time(String protocol, String what, long bytes, Delivery delivery) {
		long[] nanos = new long[this.runs];
		for (int i = -2; i < this.runs; i++) {
			long start = System.nanoTime();
			int received = delivery.deliver();
			long elapsed = System.nanoTime() - start;
			if (received <= 0) {
				throw new IllegalStateException("nothing received for " + what);
			}
			if (i >= 0) {
				nanos[i] = elapsed;
			}
		}
		Arrays.sort(nanos);
		double ms = nanos[this.runs / 2] / 1e6;
		double mib = (double) bytes / MIB;
		this.rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f MiB | %.1f | %.0f |", protocol, what, mib, ms,
				ms * 1000 / mib));
		System.err.println(this.rows.get(this.rows.size() - 1));
	}

	private TestWebSocket connect(String path) {
		return TestWebSocket.connect(this.port, path + "?token=" + TestTokens.token("bench"));
	}

	private String[] createRoom() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/create-room"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + TestTokens.token("bench"))
			.build();
		HttpClient http = HttpClient.newHttpClient();
		JsonNode room = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
		return new String[] { room.get("room_id").stringValue(), room.get("token").stringValue() };
	}

	private TestWebSocket register(String peerId, String[] room, String role, ObjectNode metadata) {
		TestWebSocket socket = connect("/signaling");
		ObjectNode register = json.createObjectNode();
		register.put("type", "register")
			.put("peer_id", peerId)
			.put("room_id", room[0])
			.put("token", room[1])
			.put("id_token", TestTokens.token(peerId))
			.put("role", role)
			.set("metadata", metadata);
		socket.send(register.toString());
		String reply = socket.nextText();
		if (!reply.contains("registered_auth")) {
			throw new IllegalStateException("registration failed: " + reply);
		}
		return socket;
	}

	/**
	 * Skip the connection notices: a protocol ping's pong comes after them.
	 */
	private static void untilPong(TestWebSocket socket) {
		socket.send("{\"type\":\"ping\"}");
		while (!socket.nextText().contains("\"pong\"")) {
			// a notice
		}
	}

	private static ObjectNode update(String peerId) {
		ObjectNode update = json.createObjectNode();
		update.put("type", "update_metadata").put("peer_id", peerId);
		update.putObject("metadata");
		return update;
	}

	private static String filler(int length) {
		char[] chars = new char[length];
		Arrays.fill(chars, 'A');
		return new String(chars);
	}

	@FunctionalInterface
	private interface Delivery {

		int deliver();

	}

}
