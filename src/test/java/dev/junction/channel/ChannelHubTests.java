package dev.junction.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.cluster.PresenceMember;
import dev.junction.cluster.Publication;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.support.RecordingTransport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel lifecycle, echoes and ordering of {@link ChannelHub}, against a
 * hand-written broker.
 */
class ChannelHubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final NodeId node = new NodeId("local");

	private final FakeBroker broker = new FakeBroker();

	private final InMemoryPresence presence = new InMemoryPresence();

	private final ChannelHub hub = new ChannelHub(this.node, this.broker, this.presence);

	@Test
	void firstJoinShouldSubscribeAndLastLeaveShouldUnsubscribe() {
		Connection a = connection("local.1");
		Connection b = connection("local.2");
		join("rooms:A", a, Map.of("user_id", "a"));
		join("rooms:A", b, Map.of("user_id", "b"));
		assertThat(this.broker.subscriptions("rooms:A")).isOne();
		assertThat(this.hub.localMembers("rooms:A")).isEqualTo(2);
		leave("rooms:A", a, true);
		assertThat(this.broker.subscriptions("rooms:A")).isOne();
		leave("rooms:A", b, true);
		assertThat(this.broker.subscriptions("rooms:A")).isZero();
		assertThat(this.hub.channelCount()).isZero();
		StepVerifier.create(this.hub.members("rooms:A")).expectNext(List.of()).expectComplete().verify(TIMEOUT);
		leave("rooms:A", b, false);
	}

	@Test
	void failedSubscriptionShouldFailTheJoinAndLeaveNothingBehind() {
		this.broker.failing = true;
		Connection a = connection("local.1");
		StepVerifier.create(this.hub.join("rooms:A", a, null, Map.of(), (members) -> a.send(Frame.text("welcome"))))
			.expectErrorMessage("backplane down")
			.verify(TIMEOUT);
		assertThat(this.hub.channelCount()).isZero();
		assertThat(this.hub.localMembers("rooms:A")).isZero();
		StepVerifier.create(this.hub.members("rooms:A")).expectNext(List.of()).expectComplete().verify(TIMEOUT);
		assertThat(drain(a)).isEmpty();
		this.broker.failing = false;
		join("rooms:A", a, Map.of());
		assertThat(this.broker.subscriptions("rooms:A")).isOne();
	}

	@Test
	void joinersWaitingForTheSubscriptionShouldShareItAndAllGetTheOutcome() {
		Sinks.One<Boolean> answer = Sinks.one();
		this.broker.answer = answer;
		Connection a = connection("local.1");
		Connection b = connection("local.2");
		List<List<PresenceMember>> joined = new ArrayList<>();
		this.hub.join("rooms:A", a, null, Map.of(), (members) -> {
		}).subscribe(joined::add);
		this.hub.join("rooms:A", b, null, Map.of(), (members) -> {
		}).subscribe(joined::add);
		assertThat(joined).isEmpty();
		assertThat(this.hub.localMembers("rooms:A")).isZero();
		answer.tryEmitValue(true);
		assertThat(joined).hasSize(2);
		assertThat(this.broker.subscribeCalls).isOne();
		assertThat(this.hub.localMembers("rooms:A")).isEqualTo(2);
	}

	@Test
	void joinersWaitingForAFailingSubscriptionShouldAllFailAndLeaveNothing() {
		Sinks.One<Boolean> answer = Sinks.one();
		this.broker.answer = answer;
		List<Throwable> errors = new ArrayList<>();
		this.hub.join("rooms:A", connection("local.1"), null, Map.of("user_id", "a"), (members) -> {
		}).subscribe(null, errors::add);
		this.hub.join("rooms:A", connection("local.2"), null, Map.of("user_id", "b"), (members) -> {
		}).subscribe(null, errors::add);
		answer.tryEmitValue(false);
		assertThat(errors).hasSize(2);
		assertThat(this.hub.channelCount()).isZero();
		StepVerifier.create(this.hub.members("rooms:A")).expectNext(List.of()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void joinCancelledWhileWaitingShouldLeaveNothingBehind() {
		this.broker.answer = Sinks.one();
		Connection a = connection("local.1");
		Disposable joining = this.hub.join("rooms:A", a, null, Map.of("user_id", "a"), (members) -> {
		}).subscribe();
		assertThat(this.hub.channelCount()).isOne();
		joining.dispose();
		assertThat(this.hub.channelCount()).isZero();
		StepVerifier.create(this.hub.members("rooms:A")).expectNext(List.of()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void joinShouldDoNothingUntilSubscribed() {
		this.hub.join("rooms:A", connection("local.1"), null, Map.of(), (members) -> {
		});
		assertThat(this.hub.channelCount()).isZero();
		assertThat(this.broker.subscribeCalls).isZero();
	}

	@Test
	void watcherShouldCountChannelsOfItsKind() {
		AtomicLong topics = new AtomicLong();
		this.hub.watch("topics:", topics::addAndGet);
		Connection a = connection("local.1");
		Connection b = connection("local.2");
		join("topics:one", a, null);
		join("topics:one", b, null);
		join("topics:two", b, null);
		join("rooms:ABC", a, null);
		assertThat(topics).hasValue(2);
		assertThat(this.hub.channelCount("topics:")).isEqualTo(2);
		leave("topics:one", a, true);
		assertThat(topics).hasValue(2);
		leave("topics:one", b, true);
		assertThat(topics).hasValue(1);
		assertThat(this.hub.channelCount("topics:")).isOne();
	}

	@Test
	void welcomeShouldSeeEveryMemberAndComeFirst() {
		Connection a = connection("local.1");
		Connection b = connection("local.2");
		join("topics:t", a, Map.of("peerId", "a"));
		List<List<PresenceMember>> seen = new ArrayList<>();
		StepVerifier.create(this.hub.join("topics:t", b, null, Map.of("peerId", "b"), (members) -> {
			seen.add(members);
			b.send(Frame.text("welcome"));
		})).expectNextCount(1).expectComplete().verify(TIMEOUT);
		this.hub.publish("topics:t", a, null, Frame.text("data"));
		assertThat(seen).singleElement()
			.satisfies((members) -> assertThat(members).extracting(PresenceMember::id)
				.containsExactly("local.1", "local.2"));
		assertThat(drain(b)).extracting(Frame::asText).containsExactly("welcome", "data");
	}

	@Test
	void frameShouldReachEveryMemberButItsSenderWhateverNodeSentIt() {
		Connection a = connection("local.1");
		Connection b = connection("local.2");
		join("rooms:A", a, null);
		join("rooms:A", b, null);
		this.hub.publish("rooms:A", a, null, Frame.text("from a"));
		// Another node's first connection: the same counter, another node.
		this.broker.publish("rooms:A",
				new Publication(new NodeId("remote"), "remote.1", 1, null, Frame.text("from remote")));
		this.hub.publish("rooms:A", null, null, Frame.text("from the server"));
		assertThat(drain(a)).extracting(Frame::asText).containsExactly("from remote", "from the server");
		assertThat(drain(b)).extracting(Frame::asText).containsExactly("from a", "from remote", "from the server");
	}

	@Test
	void publicationsShouldNameThisNodeAndLeaveTheNumberingToTheBroker() {
		Connection a = connection("local.1");
		this.hub.publish("pairs:p", a, "mobile", Frame.text("1"));
		this.hub.publish("pairs:p", a, "mobile", Frame.text("2"));
		assertThat(this.broker.published).extracting(Publication::origin).containsOnly(this.node);
		assertThat(this.broker.published).extracting(Publication::senderId).containsOnly("local.1");
		assertThat(this.broker.published).extracting(Publication::sequence).containsExactly(0L, 0L);
	}

	@Test
	void audienceShouldSelectMembersByTag() {
		Connection desktop = connection("local.1");
		Connection mobile = connection("local.2");
		StepVerifier.create(this.hub.join("pairs:p", desktop, "desktop-side", null, (members) -> {
		})).expectNext(List.of()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.hub.join("pairs:p", mobile, "mobile", null, (members) -> {
		})).expectNext(List.of()).expectComplete().verify(TIMEOUT);
		this.hub.publish("pairs:p", null, "mobile", Frame.text("to mobile"));
		assertThat(drain(desktop)).isEmpty();
		assertThat(drain(mobile)).extracting(Frame::asText).containsExactly("to mobile");
	}

	@Test
	void eachSendersFramesShouldArriveInOrderAtEveryReceiverWhileOthersSend() throws InterruptedException {
		int senders = 4;
		int each = 1000;
		List<Connection> sending = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			sending.add(connection("local.s" + s));
			join("topics:t", sending.get(s), null);
		}
		Connection first = connection("local.r1");
		Connection second = connection("local.r2");
		join("topics:t", first, null);
		join("topics:t", second, null);
		ExecutorService executor = Executors.newFixedThreadPool(senders);
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(senders);
		try {
			for (Connection sender : sending) {
				executor.execute(() -> {
					try {
						start.await();
						for (int i = 0; i < each; i++) {
							this.hub.publish("topics:t", sender, null, Frame.text(sender.id() + ":" + i));
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finally {
						done.countDown();
					}
				});
			}
			start.countDown();
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		for (Connection receiver : List.of(first, second)) {
			List<String> frames = drain(receiver).stream().map(Frame::asText).toList();
			assertThat(frames).hasSize(senders * each);
			for (Connection sender : sending) {
				List<Integer> order = frames.stream()
					.filter((text) -> text.startsWith(sender.id() + ":"))
					.map((text) -> Integer.parseInt(text.substring(text.indexOf(':') + 1)))
					.toList();
				assertThat(order).hasSize(each).isSorted();
			}
		}
	}

	private void join(String channel, Connection member, @Nullable Map<String, String> info) {
		StepVerifier.create(this.hub.join(channel, member, null, info, (members) -> {
		})).expectNextCount(1).expectComplete().verify(TIMEOUT);
	}

	private void leave(String channel, Connection member, boolean wasMember) {
		StepVerifier.create(this.hub.leave(channel, member)).expectNext(wasMember).expectComplete().verify(TIMEOUT);
	}

	private static Connection connection(String id) {
		return new Connection(id, "test", "127.0.0.1", new OutboundLimits(100_000, 1 << 26), new RecordingTransport(),
				0);
	}

	private static List<Frame> drain(Connection connection) {
		List<Frame> frames = new ArrayList<>();
		connection.markClosed();
		connection.outbound().subscribe(frames::add);
		return frames;
	}

}
