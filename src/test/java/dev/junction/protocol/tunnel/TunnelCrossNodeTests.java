package dev.junction.protocol.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryPipes;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionTransport;
import dev.junction.core.Frame;
import dev.junction.core.OutboundLimits;
import dev.junction.security.VerifiedToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes' tunnel registries sharing one directory and one set of in-memory pipes, with
 * connections whose network side the test plays: a second party that lands on the other
 * node than the first still meets it, and the session keeps its rules.
 */
@ExtendWith(OutputCaptureExtension.class)
class TunnelCrossNodeTests {

	private static final long WINDOW = 1000;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Scheduler scheduler = Schedulers.newParallel("tunnel-cross-node-tests", 2);

	private final InMemoryDirectory directory = new InMemoryDirectory(Clock.systemUTC());

	private final InMemoryPipes pipes = new InMemoryPipes(WINDOW, this.scheduler);

	private final TunnelRegistry nodeA = registry("nodea");

	private final TunnelRegistry nodeB = registry("nodeb");

	@AfterEach
	void stop() {
		this.nodeA.stop();
		this.nodeB.stop();
		this.scheduler.dispose();
	}

	@Test
	void secondPartyOnAnotherNodeShouldGetTheBufferFirstThenEveryFrameInOrderBothWays() {
		Party first = party("nodea.1");
		TunnelSession atA = join(this.nodeA, "s", first, token("alice", Map.of()));
		this.nodeA.forward(atA, first.connection, binary("early-1"));
		this.nodeA.forward(atA, first.connection, binary("early-2"));
		Party second = party("nodeb.1");
		TunnelSession atB = join(this.nodeB, "s", second, token("alice", Map.of()));
		assertThat(atB.pipe).isNotNull();
		second.read();
		first.read();
		this.nodeA.forward(atA, first.connection, binary("late"));
		this.nodeB.forward(atB, second.connection, binary("back-1"));
		this.nodeB.forward(atB, second.connection, binary("back-2"));
		await().atMost(TIMEOUT).until(() -> second.received.size() == 3 && first.received.size() == 2);
		assertThat(second.texts()).containsExactly("early-1", "early-2", "late");
		assertThat(first.texts()).containsExactly("back-1", "back-2");
	}

	@Test
	void bytesShouldCrossByteForByteInOrder() {
		Party first = party("nodea.1");
		TunnelSession atA = join(this.nodeA, "s", first, token("alice", Map.of()));
		Party second = party("nodeb.1");
		join(this.nodeB, "s", second, token("alice", Map.of()));
		second.read();
		Random random = new Random(7);
		List<byte[]> sent = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			byte[] bytes = new byte[1 + random.nextInt(300)];
			random.nextBytes(bytes);
			sent.add(bytes);
			this.nodeA.forward(atA, first.connection, Frame.binary(bytes));
		}
		await().atMost(TIMEOUT).until(() -> second.received.size() == 200);
		List<byte[]> received = second.received.stream().map(Frame::bytes).toList();
		for (int i = 0; i < 200; i++) {
			assertThat(received.get(i)).isEqualTo(sent.get(i));
		}
	}

	@Test
	void closeOnTheVisitingNodeShouldCloseTheFirstPartyAndWriteStatsOnceOnTheHoldingNode(CapturedOutput output) {
		Party first = party("nodea.1");
		TunnelSession atA = join(this.nodeA, "stats-once", first, token("alice", Map.of()));
		Party second = party("nodeb.1");
		TunnelSession atB = join(this.nodeB, "stats-once", second, token("alice", Map.of()));
		first.read();
		second.read();
		this.nodeA.forward(atA, first.connection, Frame.binary(new byte[100]));
		this.nodeB.forward(atB, second.connection, Frame.binary(new byte[30]));
		await().atMost(TIMEOUT).until(() -> second.received.size() == 1 && first.received.size() == 1);
		this.nodeB.closed(atB, second.connection);
		await().atMost(TIMEOUT).until(() -> !first.connection.isOpen());
		assertThat(first.transport.afterQueue).containsExactly(CloseReason.NORMAL);
		this.nodeA.closed(atA, first.connection);
		await().atMost(TIMEOUT).until(() -> output.getOut().contains("\"session_id\":\"stats-once\""));
		String out = output.getOut();
		assertThat(out.split("\"session_id\":\"stats-once\"", -1)).hasSize(2);
		assertThat(out).contains("\"bytes_client_to_server\":100,\"bytes_server_to_client\":30,\"total_bytes\":130");
		assertThat(this.nodeA.size()).isZero();
		assertThat(this.nodeB.size()).isZero();
		assertThat(this.pipes.openEnds()).isZero();
		assertThat(this.directory.size()).isZero();
	}

	@Test
	void readerThatDoesNotAcknowledgeShouldPauseTheWriterWithinTheWindowUntilItReads() {
		Party first = party("nodea.1");
		TunnelSession atA = join(this.nodeA, "s", first, token("alice", Map.of()));
		Party second = party("nodeb.1");
		join(this.nodeB, "s", second, token("alice", Map.of()));
		for (int i = 0; i < 4; i++) {
			this.nodeA.forward(atA, first.connection, Frame.binary(new byte[300]));
		}
		assertThat(first.transport.paused).containsExactly(true);
		await().atMost(TIMEOUT).until(() -> second.connection.queuedBytes() == 1200);
		// The writer's socket is not read meanwhile; what crossed stays within the window
		// plus the frame that filled it.
		assertThat(second.connection.queuedBytes()).isLessThanOrEqualTo(WINDOW + 300);
		second.read();
		await().atMost(TIMEOUT).until(() -> first.transport.paused.size() == 2);
		assertThat(first.transport.paused).containsExactly(true, false);
		assertThat(second.received).hasSize(4);
	}

	@Test
	void visitingNodeDeathShouldCloseTheFirstPartyAsWhenItsPeerGoes() {
		Party first = party("nodea.1");
		TunnelSession atA = join(this.nodeA, "s", first, token("alice", Map.of()));
		join(this.nodeB, "s", party("nodeb.1"), token("alice", Map.of()));
		this.pipes.nodeGone("nodeb");
		await().atMost(TIMEOUT).until(() -> !first.connection.isOpen());
		assertThat(first.transport.afterQueue).containsExactly(CloseReason.NORMAL);
		this.nodeA.closed(atA, first.connection);
		assertThat(this.nodeA.size()).isZero();
	}

	@Test
	void holdingNodeDeathShouldCloseTheSecondPartyAsWhenItsPeerGoes() {
		join(this.nodeA, "s", party("nodea.1"), token("alice", Map.of()));
		Party second = party("nodeb.1");
		join(this.nodeB, "s", second, token("alice", Map.of()));
		this.pipes.nodeGone("nodea");
		await().atMost(TIMEOUT).until(() -> !second.connection.isOpen());
		assertThat(second.transport.afterQueue).containsExactly(CloseReason.NORMAL);
	}

	@Test
	void textFrameFromTheVisitingPartyShouldEndTheSessionOnBothNodes() {
		Party first = party("nodea.1");
		join(this.nodeA, "s", first, token("alice", Map.of()));
		Party second = party("nodeb.1");
		TunnelSession atB = join(this.nodeB, "s", second, token("alice", Map.of()));
		this.nodeB.forward(atB, second.connection, Frame.text("bye"));
		assertThat(second.transport.afterQueue).containsExactly(CloseReason.NORMAL);
		await().atMost(TIMEOUT).until(() -> !first.connection.isOpen());
		assertThat(first.transport.afterQueue).containsExactly(CloseReason.NORMAL);
		assertThat(first.received).isEmpty();
	}

	@Test
	void partyOfAnotherSubjectOnAnotherNodeShouldBeRefusedAsNotAllowedUnlessItsTokenNamesTheSession() {
		join(this.nodeA, "s", party("nodea.1"), token("alice", Map.of()));
		assertThat(joining(this.nodeB, "s", party("nodeb.1"), token("mallory", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, true));
		assertThat(this.nodeB.size()).isZero();
		TunnelRegistry.Joining bob = joining(this.nodeB, "s", party("nodeb.2"), token("bob", Map.of("sid", "s")));
		assertThat(bob.session()).isNotNull();
		assertThat(joining(this.nodeB, "s", party("nodeb.3"), token("alice", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, false));
		assertThat(joining(this.nodeA, "s", party("nodea.2"), token("alice", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, false));
	}

	@Test
	void thirdPartyOnAThirdNodeShouldFindTheSessionFull() {
		TunnelRegistry nodeC = registry("nodec");
		try {
			join(this.nodeA, "s", party("nodea.1"), token("alice", Map.of()));
			join(this.nodeB, "s", party("nodeb.1"), token("alice", Map.of()));
			assertThat(joining(nodeC, "s", party("nodec.1"), token("alice", Map.of())))
				.isEqualTo(new TunnelRegistry.Joining(null, false));
			assertThat(nodeC.size()).isZero();
		}
		finally {
			nodeC.stop();
		}
	}

	private TunnelRegistry registry(String node) {
		return new TunnelRegistry(this.directory, this.pipes, node,
				new TunnelOptions(1 << 20, Duration.ofMinutes(5), Duration.ofSeconds(10), null, false),
				new TunnelStats(JsonMapper.builder().build()), this.scheduler, Clock.systemUTC(), (delta) -> {
				});
	}

	static TunnelSession join(TunnelRegistry registry, String id, Party party, VerifiedToken token) {
		TunnelSession session = joining(registry, id, party, token).session();
		assertThat(session).isNotNull();
		return session;
	}

	static TunnelRegistry.Joining joining(TunnelRegistry registry, String id, Party party, VerifiedToken token) {
		TunnelRegistry.Joining joining = registry.join(id, party.connection, token).block(TIMEOUT);
		assertThat(joining).isNotNull();
		return joining;
	}

	static VerifiedToken token(String subject, Map<String, Object> claims) {
		return new VerifiedToken(subject, claims);
	}

	private static Frame binary(String text) {
		return Frame.binary(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	static Party party(String id) {
		FakeTransport transport = new FakeTransport();
		return new Party(new Connection(id, "tunnel", "127.0.0.1", new OutboundLimits(1000, 1 << 20), transport, 0),
				transport);
	}

	/**
	 * A connection and the network side the test plays: nothing is taken from its queue
	 * until {@link #read()}.
	 */
	record Party(Connection connection, FakeTransport transport, Queue<Frame> received) {

		Party(Connection connection, FakeTransport transport) {
			this(connection, transport, new ConcurrentLinkedQueue<>());
		}

		void read() {
			this.connection.outbound().subscribe(new BaseSubscriber<Frame>() {

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					request(Long.MAX_VALUE);
				}

				@Override
				protected void hookOnNext(Frame frame) {
					Party.this.received.add(frame);
				}

			});
		}

		List<String> texts() {
			return this.received.stream()
				.map((frame) -> new String(frame.bytes(), java.nio.charset.StandardCharsets.UTF_8))
				.toList();
		}

	}

	static final class FakeTransport implements ConnectionTransport {

		final List<CloseReason> afterQueue = new CopyOnWriteArrayList<>();

		final List<Boolean> paused = new CopyOnWriteArrayList<>();

		@Override
		public void closeAfterQueue(CloseReason reason) {
			this.afterQueue.add(reason);
		}

		@Override
		public void closeNow(CloseReason reason) {
			this.afterQueue.add(reason);
		}

		@Override
		public void readingPaused(boolean pause) {
			this.paused.add(pause);
		}

	}

}
