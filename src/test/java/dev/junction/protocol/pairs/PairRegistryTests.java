package dev.junction.protocol.pairs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.security.VerifiedToken;
import dev.junction.support.MutableClock;
import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pairs session registry without a network: activity, inactivity and replacement.
 */
class PairRegistryTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final AtomicLong sessions = new AtomicLong();

	private final ChannelHub hub = new ChannelHub(NodeId.random(), new InMemoryBroker(), new InMemoryPresence());

	private final PairRegistry registry = new PairRegistry(this.hub,
			new PairClaims(new InMemoryDirectory(this.clock), this.hub), new PairsEncoder(JsonMapper.builder().build()),
			this.clock, this.sessions::addAndGet);

	@Test
	void activityShouldKeepASessionOpenAndSilenceShouldCloseIt() {
		RecordingTransport transport = new RecordingTransport();
		Connection desktop = connection("1", transport);
		PairSession session = this.registry.attach("abc", ClientType.DESKTOP, desktop, null).block();
		this.clock.advance(Duration.ofMinutes(20));
		this.registry.touch(session);
		this.clock.advance(Duration.ofMinutes(20));
		this.registry.closeInactive(Duration.ofMinutes(30));
		assertThat(desktop.isOpen()).isTrue();
		this.clock.advance(Duration.ofMinutes(11));
		this.registry.closeInactive(Duration.ofMinutes(30));
		assertThat(desktop.closeReason()).isEqualTo(CloseReason.SESSION_TIMEOUT);
	}

	@Test
	void lateCloseOfAReplacedSocketShouldNotDetachItsSuccessor() {
		Connection first = connection("1", new RecordingTransport());
		Connection second = connection("2", new RecordingTransport());
		PairSession session = this.registry.attach("abc", ClientType.DESKTOP, first, null).block();
		this.registry.attach("abc", ClientType.DESKTOP, second, null).block();
		assertThat(first.closeReason()).isEqualTo(CloseReason.replaced("desktop"));
		this.registry.detach(session, ClientType.DESKTOP, first).block();
		assertThat(java.util.Objects.requireNonNull(session.slots.get(ClientType.DESKTOP)).connection())
			.isSameAs(second);
		assertThat(this.sessions.get()).isOne();
		this.registry.detach(session, ClientType.DESKTOP, second).block();
		assertThat(this.sessions.get()).isZero();
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void attachWhenAnotherSubjectOwnsTheSessionShouldRefuseAndChangeNothing() {
		// The check before the upgrade may race another subject's first party; attach
		// checks again against the session's owner claim.
		Connection owner = connection("1", new RecordingTransport());
		Connection intruder = connection("2", new RecordingTransport());
		PairSession session = this.registry.attach("abc", ClientType.DESKTOP, owner, token("alice", Map.of())).block();
		assertThat(this.registry.attach("abc", ClientType.DESKTOP, intruder, token("mallory", Map.of())).block())
			.isNull();
		assertThat(this.registry.attach("abc", ClientType.MOBILE, intruder, null).block()).isNull();
		assertThat(owner.isOpen()).isTrue();
		assertThat(java.util.Objects.requireNonNull(session.slots.get(ClientType.DESKTOP)).connection())
			.isSameAs(owner);
		assertThat(session.slots).doesNotContainKey(ClientType.MOBILE);
		assertThat(this.registry.attach("abc", ClientType.MOBILE, intruder, token("bob", Map.of("sid", "abc"))).block())
			.isSameAs(session);
	}

	@Test
	void attachWhenTheOwnerLeftShouldLetAnotherSubjectOpenANewSession() {
		Connection first = connection("1", new RecordingTransport());
		PairSession session = this.registry.attach("abc", ClientType.DESKTOP, first, token("alice", Map.of())).block();
		this.registry.detach(session, ClientType.DESKTOP, first).block();
		assertThat(this.registry.owner("abc")).isNull();
		PairSession next = this.registry
			.attach("abc", ClientType.DESKTOP, connection("2", new RecordingTransport()), token("bob", Map.of()))
			.block();
		assertThat(next).isNotNull().isNotSameAs(session);
		assertThat(this.registry.owner("abc")).isEqualTo(PairClaims.ownerOf(token("bob", Map.of())));
	}

	@Test
	void attachOnAnotherNodeShouldBeJudgedByTheSameOwnerAndEndWithTheLastPartyAnywhere() {
		// Two nodes' registries on shared seams: what one node's party claimed, the other
		// node's attach sees.
		InMemoryBroker broker = new InMemoryBroker();
		InMemoryPresence presence = new InMemoryPresence();
		ChannelHub hubA = new ChannelHub(NodeId.random(), broker, presence);
		ChannelHub hubB = new ChannelHub(NodeId.random(), broker, presence);
		InMemoryDirectory directory = new InMemoryDirectory(this.clock);
		PairClaims claims = new PairClaims(directory, hubA);
		PairRegistry nodeA = new PairRegistry(hubA, claims, new PairsEncoder(JsonMapper.builder().build()), this.clock,
				(delta) -> {
				});
		PairRegistry nodeB = new PairRegistry(hubB, new PairClaims(directory, hubB),
				new PairsEncoder(JsonMapper.builder().build()), this.clock, (delta) -> {
				});
		Connection desktop = connection("a.1", new RecordingTransport());
		PairSession onA = nodeA.attach("abc", ClientType.DESKTOP, desktop, token("alice", Map.of())).block();
		assertThat(nodeB
			.attach("abc", ClientType.MOBILE, connection("b.1", new RecordingTransport()), token("mallory", Map.of()))
			.block()).isNull();
		assertThat(nodeB.exists("abc")).isFalse();
		assertThat(claims.admits("abc", token("mallory", Map.of())).block()).isFalse();
		Connection mobile = connection("b.2", new RecordingTransport());
		PairSession onB = nodeB.attach("abc", ClientType.MOBILE, mobile, token("alice", Map.of())).block();
		assertThat(onB).isNotNull();
		assertThat(nodeA.parties("abc").block()).containsExactly("desktop:a.1", "mobile:b.2");
		nodeA.detach(onA, ClientType.DESKTOP, desktop).block();
		// The mobile on the other node still holds the session for its owner.
		assertThat(claims.admits("abc", token("mallory", Map.of())).block()).isFalse();
		nodeB.detach(onB, ClientType.MOBILE, mobile).block();
		assertThat(claims.admits("abc", token("mallory", Map.of())).block()).isTrue();
		assertThat(nodeA.parties("abc").blockOptional()).isEmpty();
	}

	@Test
	void messagesRelayedFromAnotherNodeShouldKeepAListeningPartyOpen() {
		InMemoryBroker broker = new InMemoryBroker();
		InMemoryPresence presence = new InMemoryPresence();
		InMemoryDirectory directory = new InMemoryDirectory(this.clock);
		ChannelHub hubA = new ChannelHub(NodeId.random(), broker, presence);
		ChannelHub hubB = new ChannelHub(NodeId.random(), broker, presence);
		PairRegistry nodeA = new PairRegistry(hubA, new PairClaims(directory, hubA),
				new PairsEncoder(JsonMapper.builder().build()), this.clock, (delta) -> {
				});
		PairRegistry nodeB = new PairRegistry(hubB, new PairClaims(directory, hubB),
				new PairsEncoder(JsonMapper.builder().build()), this.clock, (delta) -> {
				});
		Connection desktop = connection("a.1", new RecordingTransport());
		Connection mobile = connection("b.1", new RecordingTransport());
		PairSession onA = nodeA.attach("abc", ClientType.DESKTOP, desktop, null).block();
		nodeB.attach("abc", ClientType.MOBILE, mobile, null).block();
		List<Frame> received = new CopyOnWriteArrayList<>();
		mobile.outbound().subscribe(received::add);
		for (int minute = 0; minute < 60; minute += 20) {
			this.clock.advance(Duration.ofMinutes(20));
			nodeA.touch(onA);
			nodeA.route(onA, ClientType.DESKTOP, desktop, Frame.text("{\"n\":" + minute + "}")).block();
			nodeB.closeInactive(Duration.ofMinutes(30));
		}
		assertThat(received).extracting(Frame::asText).contains("{\"n\":40}");
		assertThat(mobile.isOpen()).isTrue();
		this.clock.advance(Duration.ofMinutes(31));
		nodeB.closeInactive(Duration.ofMinutes(30));
		assertThat(mobile.closeReason()).isEqualTo(CloseReason.SESSION_TIMEOUT);
	}

	@Test
	void ownerClaimLeftBehindWithNoPartyAnywhereShouldBindNobody() {
		// As when the last party's node could not let go of the claim.
		InMemoryDirectory directory = new InMemoryDirectory(this.clock);
		PairClaims claims = new PairClaims(directory, this.hub);
		directory.claim(PairClaims.OWNER_PREFIX + "abc", PairClaims.ownerOf(token("alice", Map.of())), null).block();
		assertThat(claims.admits("abc", token("mallory", Map.of())).block()).isTrue();
		assertThat(claims.admit("abc", token("mallory", Map.of())).block())
			.isEqualTo(PairClaims.ownerOf(token("mallory", Map.of())));
		PairRegistry registry = new PairRegistry(this.hub, claims, new PairsEncoder(JsonMapper.builder().build()),
				this.clock, (delta) -> {
				});
		assertThat(registry
			.attach("abc", ClientType.DESKTOP, connection("1", new RecordingTransport()), token("mallory", Map.of()))
			.block()).isNotNull();
		// A claim whose party is listed binds.
		assertThat(claims.admits("abc", token("alice", Map.of())).block()).isFalse();
		assertThat(claims.admit("abc", token("alice", Map.of())).block()).isNull();
	}

	private static VerifiedToken token(String subject, Map<String, Object> claims) {
		return new VerifiedToken(subject, claims);
	}

	private Connection connection(String id, RecordingTransport transport) {
		return new Connection(id, "pairs", "127.0.0.1", new OutboundLimits(100, 1 << 20), transport, 0);
	}

}
