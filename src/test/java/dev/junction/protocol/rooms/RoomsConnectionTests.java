package dev.junction.protocol.rooms;

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
 * One rooms connection whose member lists answer late, on another thread, without a
 * server: frames sent right after a join wait for it, a close during a join leaves no
 * member behind, and the frames that may wait are bounded.
 */
class RoomsConnectionTests {

	private static final AtomicInteger ids = new AtomicInteger();

	private static final UpgradeRequest REQUEST = new UpgradeRequest("/ws", "127.0.0.1", null);

	private final LatePresence presence = new LatePresence();

	private final RoomsRelayProtocol protocol = protocol();

	private final RecordingTransport transport = new RecordingTransport();

	private final List<String> toAlice = new CopyOnWriteArrayList<>();

	private final String code = createRoom();

	@Test
	void relaySentRightAfterJoinShouldReachTheRoomAfterTheJoinInOrder() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinRoom());
		bob.onFrame(Frame.text("{\"type\":\"chat\",\"n\":1}"));
		bob.onFrame(Frame.text("{\"type\":\"chat\",\"n\":2}"));
		assertThat(this.toAlice).noneMatch((frame) -> frame.contains("user_joined") || frame.contains("chat"));
		this.presence.answer();
		assertThat(this.toAlice).filteredOn((frame) -> frame.contains("user_joined") || frame.contains("chat"))
			.hasSize(3)
			.satisfiesExactly((joined) -> assertThat(joined).contains("user_joined"),
					(first) -> assertThat(first).contains("\"n\":1"),
					(second) -> assertThat(second).contains("\"n\":2"));
	}

	@Test
	void closeDuringJoinShouldLeaveOnceTheJoinHasAnswered() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinRoom());
		bob.onClose(CloseReason.ABNORMAL_CLOSURE);
		this.presence.answer();
		assertThat(this.protocol.memberCount(this.code)).isOne();
		assertThat(this.toAlice).filteredOn((frame) -> frame.contains("user_left")).hasSize(1);
	}

	@Test
	void heldFramesOverTheirCountShouldCloseAsRateLimited() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinRoom());
		for (int i = 0; i < RoomsConnection.MAX_HELD_FRAMES; i++) {
			bob.onFrame(Frame.text("{\"type\":\"chat\",\"n\":" + i + "}"));
		}
		assertThat(this.transport.immediateCloses()).isEmpty();
		bob.onFrame(Frame.text("{\"type\":\"chat\",\"n\":\"one too many\"}"));
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.RATE_LIMITED);
		this.presence.answer();
		assertThat(this.toAlice).noneMatch((frame) -> frame.contains("chat"));
	}

	@Test
	void heldFramesOverTheirBytesShouldCloseAsRateLimited() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		this.presence.hold();
		bob.onFrame(joinRoom());
		// Three frames of a third of the bound each: the third goes over it.
		String third = "{\"type\":\"chat\",\"p\":\"" + "x".repeat((int) (RoomsConnection.MAX_HELD_BYTES / 3)) + "\"}";
		bob.onFrame(Frame.text(third));
		bob.onFrame(Frame.text(third));
		assertThat(this.transport.immediateCloses()).isEmpty();
		bob.onFrame(Frame.text(third));
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.RATE_LIMITED);
	}

	@Test
	void framesOnAnIdleConnectionShouldBeHandledAtOnce() {
		ConnectionHandler bob = this.protocol.open(connection(new CopyOnWriteArrayList<>()), REQUEST);
		bob.onFrame(joinRoom());
		this.presence.hold();
		bob.onFrame(Frame.text("{\"type\":\"chat\",\"n\":1}"));
		assertThat(this.toAlice).filteredOn((frame) -> frame.contains("chat")).hasSize(1);
		this.presence.answer();
	}

	private String createRoom() {
		ConnectionHandler alice = this.protocol.open(connection(this.toAlice), REQUEST);
		alice.onFrame(Frame.text("{\"type\":\"create_room\",\"payload\":{\"user_id\":\"a\"}}"));
		String created = this.toAlice.get(0);
		assertThat(created).contains("room_created");
		return created.replaceAll(".*\"room_code\":\"([A-Z0-9]+)\".*", "$1");
	}

	private Frame joinRoom() {
		return Frame
			.text("{\"type\":\"join_room\",\"payload\":{\"room_code\":\"" + this.code + "\",\"user_id\":\"b\"}}");
	}

	private Connection connection(List<String> sent) {
		Connection connection = new Connection(Integer.toString(ids.incrementAndGet()), "rooms", "127.0.0.1",
				new OutboundLimits(10_000, 64 << 20), this.transport, 0);
		connection.outbound().subscribe((frame) -> sent.add(frame.asText()));
		return connection;
	}

	private RoomsRelayProtocol protocol() {
		Clock clock = Clock.systemUTC();
		JwtRules rules = new JwtRules(null, null, Duration.ofSeconds(30), true, null);
		RelayServices services = new RelayServices(new ChannelHub(NodeId.random(), new InMemoryBroker(), this.presence),
				new InMemoryDirectory(clock), this.presence, new InMemoryExpiringStore(clock),
				JwtKeys.verifier(new JwtKeys.KeySettings(TestTokens.SECRET, List.of(), List.of(), Duration.ofMinutes(1),
						rules, false), clock),
				new ClaimScope(Map::of), AuthFailures.NONE, RelayEvents.NONE, Schedulers.parallel(), clock,
				DataSize.ofMegabytes(32), false);
		return new RoomsRelayProtocol(services, new RoomsProperties());
	}

}
