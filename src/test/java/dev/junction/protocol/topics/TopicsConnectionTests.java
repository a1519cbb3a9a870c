package dev.junction.protocol.topics;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.core.RelayEvents;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.AuthFailures;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtKeys;
import dev.junction.security.JwtRules;
import dev.junction.support.LatePresence;
import dev.junction.support.RecordingTransport;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One topics connection whose member lists answer late, on another thread, without a
 * server: data sent right after a join waits for it, a close or a second join during a
 * join leaves no member behind, and the frames that may wait are bounded.
 */
class TopicsConnectionTests {

	private static final AtomicInteger ids = new AtomicInteger();

	private static final UpgradeRequest REQUEST = new UpgradeRequest("/topics", "127.0.0.1", null);

	private static final String TOPIC = "t";

	private final LatePresence presence = new LatePresence();

	private final TopicsRelayProtocol protocol = protocol();

	private final RecordingTransport transport = new RecordingTransport();

	private final List<String> toAlice = new CopyOnWriteArrayList<>();

	/** In the topic before every test: the peer that hears Bob. */
	private final ConnectionHandler alice = join(this.toAlice, "alice");

	@Test
	void dataSentRightAfterJoinShouldReachTheTopicAfterTheJoinInOrder() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinFrame(TOPIC, "bob"));
		bob.onFrame(Frame.text("{\"type\":\"data\",\"data\":1}"));
		bob.onFrame(Frame.text("{\"type\":\"data\",\"data\":2}"));
		assertThat(this.toAlice).isEmpty();
		this.presence.answer();
		assertThat(this.toAlice).containsExactly(TopicsWire.peerJoined("bob", TOPIC), TopicsWire.data("bob", "1"),
				TopicsWire.data("bob", "2"));
	}

	@Test
	void closeDuringJoinShouldLeaveOnceTheJoinHasAnswered() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinFrame(TOPIC, "bob"));
		bob.onClose(CloseReason.ABNORMAL_CLOSURE);
		this.presence.answer();
		assertThat(this.protocol.memberCount(TOPIC)).isOne();
		assertThat(this.protocol.livePeers()).isOne();
		assertThat(this.toAlice).containsExactly(TopicsWire.peerJoined("bob", TOPIC),
				TopicsWire.peerLeft("bob", TOPIC));
	}

	@Test
	void secondJoinShouldNotOvertakeTheFirst() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinFrame(TOPIC, "bob"));
		bob.onFrame(joinFrame("elsewhere", "bob"));
		this.presence.answer();
		assertThat(this.protocol.memberCount(TOPIC)).isOne();
		assertThat(this.protocol.memberCount("elsewhere")).isOne();
		assertThat(this.protocol.livePeers()).isEqualTo(2);
	}

	@Test
	void heldFramesOverTheirCountShouldCloseAsRateLimited() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinFrame(TOPIC, "bob"));
		for (int i = 0; i < TopicsConnection.MAX_HELD_FRAMES; i++) {
			bob.onFrame(Frame.text("{\"type\":\"data\",\"data\":" + i + "}"));
		}
		assertThat(this.transport.immediateCloses()).isEmpty();
		bob.onFrame(Frame.text("{\"type\":\"data\",\"data\":\"one too many\"}"));
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.RATE_LIMITED);
		this.presence.answer();
		assertThat(this.toAlice).containsExactly(TopicsWire.peerJoined("bob", TOPIC));
	}

	private ConnectionHandler join(List<String> sent, String peerId) {
		ConnectionHandler handler = this.protocol.open(connection(sent), REQUEST);
		handler.onFrame(joinFrame(TOPIC, peerId));
		return handler;
	}

	private static Frame joinFrame(String topic, String peerId) {
		return Frame.text("{\"type\":\"join\",\"topic\":\"" + topic + "\",\"peerId\":\"" + peerId + "\"}");
	}

	private Connection connection(List<String> sent) {
		Connection connection = new Connection(Integer.toString(ids.incrementAndGet()), "topics", "127.0.0.1",
				new OutboundLimits(10_000, 64 << 20), this.transport, 0);
		connection.outbound().subscribe((frame) -> sent.add(frame.asText()));
		return connection;
	}

	private TopicsRelayProtocol protocol() {
		Clock clock = Clock.systemUTC();
		JwtRules rules = new JwtRules(null, null, Duration.ofSeconds(30), true, null);
		RelayServices services = new RelayServices(new ChannelHub(NodeId.random(), new InMemoryBroker(), this.presence),
				new InMemoryDirectory(clock), this.presence, new InMemoryExpiringStore(clock),
				JwtKeys.verifier(new JwtKeys.KeySettings(TestTokens.SECRET, List.of(), List.of(), Duration.ofMinutes(1),
						rules, false), clock),
				new ClaimScope(Map::of), AuthFailures.NONE, RelayEvents.NONE, Schedulers.parallel(), clock,
				DataSize.ofMegabytes(32), false);
		return new TopicsRelayProtocol(services, new TopicsProperties());
	}

}
