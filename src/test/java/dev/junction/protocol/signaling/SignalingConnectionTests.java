package dev.junction.protocol.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.NodeId;
import dev.junction.core.Frame;
import dev.junction.core.OutboundLimits;
import dev.junction.core.RelayEvents;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.AuthFailures;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtKeys;
import dev.junction.security.JwtRules;
import dev.junction.security.JwtVerifier;
import dev.junction.security.TokenRejectedException;
import dev.junction.security.VerifiedToken;
import dev.junction.support.RecordingTransport;
import dev.junction.support.TestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's frame order around a {@code register} whose token verification
 * completes later (a JWKS fetch, say), without a server.
 */
class SignalingConnectionTests {

	private static final AtomicInteger ids = new AtomicInteger();

	private static final UpgradeRequest REQUEST = new UpgradeRequest("/signaling", "127.0.0.1", null);

	private final InMemoryDirectory directory = new InMemoryDirectory(Clock.systemUTC());

	private final SignalingRelayProtocol handler = handler();

	private final SignalingRooms.RoomRecord room = Objects
		.requireNonNull(this.handler.rooms().create().block(Duration.ofSeconds(10)));

	private final RecordingTransport transport = new RecordingTransport();

	@Test
	void laterFramesShouldWaitUntilTheRegistrationIsComplete() {
		List<String> target = new CopyOnWriteArrayList<>();
		attach(target).onFrame(register("T"));
		assertThat(target).hasSize(1);
		Sinks.One<VerifiedToken> verification = Sinks.one();
		this.handler.verifyUserTokensWith((token) -> verification.asMono());
		List<String> sender = new CopyOnWriteArrayList<>();
		ConnectionHandler connection = attach(sender);
		connection.onFrame(register("S"));
		connection.onFrame(Frame.text("{\"type\":\"offer\",\"sender\":\"S\",\"target\":\"T\",\"sdp\":\"v=0\"}"));
		connection.onFrame(Frame.text("{\"type\":\"ping\"}"));
		assertThat(sender).isEmpty();
		assertThat(target).hasSize(1);
		verification.tryEmitValue(new VerifiedToken("S", Map.of("sub", "S")));
		assertThat(sender).hasSize(2);
		assertThat(sender.get(0)).startsWith("{\"type\":\"registered_auth\"");
		assertThat(sender.get(1)).isEqualTo("{\"type\":\"pong\"}");
		assertThat(target.get(1)).isEqualTo("{\"type\":\"offer\",\"sender\":\"S\",\"target\":\"T\",\"sdp\":\"v=0\"}");
	}

	@Test
	void rejectedTokenShouldReplyInvalidTokenAndGoOnWithTheNextFrame() {
		this.handler.verifyUserTokensWith((token) -> Mono.error(new TokenRejectedException("token expired")));
		List<String> sent = new CopyOnWriteArrayList<>();
		ConnectionHandler connection = attach(sent);
		connection.onFrame(register("X"));
		connection.onFrame(Frame.text("{\"type\":\"ping\"}"));
		assertThat(sent).containsExactly(
				"{\"type\":\"error\",\"error\":\"Invalid token\",\"reason\":\"Invalid token\"}", "{\"type\":\"pong\"}");
	}

	@Test
	void closeWhileVerifyingShouldRegisterNothing() {
		Sinks.One<VerifiedToken> verification = Sinks.one();
		this.handler.verifyUserTokensWith((token) -> verification.asMono());
		List<String> sent = new CopyOnWriteArrayList<>();
		ConnectionHandler connection = attach(sent);
		connection.onFrame(register("Gone"));
		connection.onClose(1000);
		verification.tryEmitValue(new VerifiedToken("Gone", Map.of()));
		assertThat(sent).isEmpty();
		assertThat(this.handler.peerCount()).isZero();
		assertThat(this.handler.counters().registrations().get()).isZero();
	}

	@Test
	void tooManyFramesWaitingForARegistrationShouldShedTheClient() {
		this.handler.verifyUserTokensWith((token) -> Sinks.<VerifiedToken>one().asMono());
		ConnectionHandler connection = attach(new CopyOnWriteArrayList<>());
		connection.onFrame(register("Flood"));
		for (int i = 0; i <= SignalingConnection.MAX_PENDING_FRAMES; i++) {
			connection.onFrame(Frame.text("{\"type\":\"ping\"}"));
		}
		assertThat(this.transport.immediateCloses()).containsExactly(CloseReason.TRY_AGAIN_LATER);
	}

	@Test
	void peerMessageToAConnectionThatIsGoingAwayShouldReplyDeliveryFailed() {
		Connection gone = connection(new CopyOnWriteArrayList<>());
		this.handler.open(gone, REQUEST).onFrame(register("Leaving"));
		gone.markClosed();
		List<String> sent = new CopyOnWriteArrayList<>();
		ConnectionHandler sender = attach(sent);
		sender.onFrame(register("Sender"));
		sender.onFrame(Frame.text("{\"type\":\"peer_message\",\"from_peer_id\":\"Sender\",\"to_peer_id\":\"Leaving\","
				+ "\"payload\":{\"a\":1}}"));
		assertThat(sent.get(1)).isEqualTo("{\"type\":\"error\",\"code\":\"DELIVERY_FAILED\","
				+ "\"message\":\"Failed to deliver message to Leaving\"}");
		assertThat(this.handler.counters().messages().get()).isZero();
	}

	@Test
	void peerIdHeldOnAnotherNodeShouldReplyPeerIdInUse() {
		this.directory.claim(PeerClaims.KEY_PREFIX + "Elsewhere", "othernode.7", null).block(Duration.ofSeconds(10));
		List<String> sent = new CopyOnWriteArrayList<>();
		attach(sent).onFrame(register("Elsewhere"));
		assertThat(sent).containsExactly("{\"type\":\"error\",\"reason\":\"Peer ID already in use\"}");
		assertThat(this.handler.peerCount()).isZero();
	}

	@Test
	void registrationShouldHoldItsPeerIdInTheDirectoryUntilItCloses() {
		ConnectionHandler connection = attach(new CopyOnWriteArrayList<>());
		connection.onFrame(register("Held"));
		assertThat(this.directory.owner(PeerClaims.KEY_PREFIX + "Held").block(Duration.ofSeconds(10))).isNotNull();
		connection.onClose(1000);
		assertThat(this.directory.owner(PeerClaims.KEY_PREFIX + "Held").blockOptional(Duration.ofSeconds(10)))
			.isEmpty();
	}

	private ConnectionHandler attach(List<String> sent) {
		return this.handler.open(connection(sent), REQUEST);
	}

	private Connection connection(List<String> sent) {
		Connection connection = new Connection(Integer.toString(ids.incrementAndGet()), "signaling", "127.0.0.1",
				new OutboundLimits(1000, 1 << 20), this.transport, 0);
		connection.outbound().subscribe((frame) -> sent.add(frame.asText()));
		return connection;
	}

	private Frame register(String peerId) {
		return Frame.text("{\"type\":\"register\",\"peer_id\":\"" + peerId + "\",\"room_id\":\"" + this.room.id()
				+ "\",\"token\":\"" + this.room.token() + "\",\"id_token\":\"" + TestTokens.token(peerId) + "\"}");
	}

	private SignalingRelayProtocol handler() {
		Clock clock = Clock.systemUTC();
		JwtRules rules = new JwtRules(null, null, Duration.ofSeconds(30), true, null);
		JwtVerifier verifier = JwtKeys.verifier(
				new JwtKeys.KeySettings(TestTokens.SECRET, List.of(), List.of(), Duration.ofMinutes(1), rules, false),
				clock);
		InMemoryPresence presence = new InMemoryPresence();
		RelayServices services = new RelayServices(new ChannelHub(NodeId.random(), new InMemoryBroker(), presence),
				this.directory, presence, new InMemoryExpiringStore(clock), verifier, new ClaimScope(Map::of),
				AuthFailures.NONE, RelayEvents.NONE, Schedulers.parallel(), clock, DataSize.ofMegabytes(32), false);
		return new SignalingRelayProtocol(services, new SignalingProperties());
	}

}
