package dev.junction.protocol.pairs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.support.FuzzInput;
import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of the pairs handler: random text and binary frames from a desktop never make
 * it throw (fixed seed; see {@code FuzzInput} for longer runs); the desktop only ever
 * gets {@code pong} or the documented errors, and the mobile only ever gets valid compact
 * JSON.
 */
class PairsFuzzTests {

	static final List<String> SEEDS = List.of("{\"type\":\"ping\"}",
			"{\"type\":\"bundle_update\",\"payload\":{\"code\":\"x\"},\"timestamp\":1}", "[1,\"two\",null]", "42");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void handlerShouldNeverThrowAndOnlyAnswerAsDocumented() {
		List<byte[]> frames = FuzzInput.frames(SEEDS, 5_000);
		for (int i = 0; i < frames.size(); i++) {
			feed(frames.get(i), i % 5 == 0);
		}
	}

	private void feed(byte[] frame, boolean binary) {
		PairsEncoder encoder = new PairsEncoder(json);
		ChannelHub hub = new ChannelHub(NodeId.random(), new InMemoryBroker(), new InMemoryPresence());
		PairRegistry registry = new PairRegistry(hub, new PairClaims(new InMemoryDirectory(Clock.systemUTC()), hub),
				encoder, Clock.systemUTC(), (delta) -> {
				});
		PairsProtocol protocol = new PairsProtocol(registry, encoder, json,
				new PairsOptions(64, Duration.ofMinutes(30), Duration.ofMinutes(5), 10), Clock.systemUTC());
		Connection desktop = connection("d");
		Connection mobile = connection("m");
		PairsConnection handler = new PairsConnection(desktop, ClientType.DESKTOP, protocol);
		handler.attach("fuzz", null);
		registry.attach("fuzz", ClientType.MOBILE, mobile, null).block();
		handler.onFrame(binary ? Frame.binary(frame) : Frame.text(frame));
		for (Frame reply : drain(desktop)) {
			String type = json.readTree(reply.bytes()).get("type").stringValue();
			assertThat(type).isIn("connected", "mobile_connected", "pong", "error");
		}
		for (Frame relayed : drain(mobile)) {
			assertThat(json.readTree(relayed.bytes())).isNotNull();
			assertThat(relayed.isText()).isTrue();
		}
	}

	private static Connection connection(String id) {
		return new Connection(id, "pairs", "127.0.0.1", new OutboundLimits(100, 1 << 20), new RecordingTransport(), 0);
	}

	private static List<Frame> drain(Connection connection) {
		List<Frame> frames = new ArrayList<>();
		connection.markClosed();
		connection.outbound().subscribe(frames::add);
		return frames;
	}

}
