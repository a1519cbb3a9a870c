package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.cluster.Publication;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@link RedisBroker}s on one Redis and one key prefix, as two nodes.
 */
class RedisBrokerNodesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final NodeId one = new NodeId("one");

	private final NodeId two = new NodeId("two");

	private final AtomicInteger gaps = new AtomicInteger();

	private final AtomicInteger encoded = new AtomicInteger();

	private final List<RedisBroker> brokers = new ArrayList<>();

	private TestRedis redis;

	@BeforeEach
	void connect() {
		this.redis = TestRedis.connect();
	}

	@AfterEach
	void close() {
		this.brokers.forEach(RedisBroker::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void publicationShouldReachTheOtherNodeAndThisNodeOnceWithoutAnEcho() {
		RedisBroker first = broker(this.one);
		RedisBroker second = broker(this.two);
		List<Publication> onFirst = new CopyOnWriteArrayList<>();
		List<Publication> onSecond = new CopyOnWriteArrayList<>();
		subscribe(first, "rooms:A", onFirst);
		subscribe(second, "rooms:A", onSecond);
		first.publish("rooms:A", new Publication(this.one, "one.1", 99, "tag", Frame.binary(new byte[] { 7, 8 })));
		first.publish("rooms:A", new Publication(this.one, null, 100, null, Frame.text("marker")));
		await().atMost(TIMEOUT).until(() -> onSecond.size() == 2);
		Publication received = onSecond.get(0);
		assertThat(received.origin()).isEqualTo(this.one);
		assertThat(received.senderId()).isEqualTo("one.1");
		assertThat(received.audience()).isEqualTo("tag");
		assertThat(received.sequence()).isEqualTo(1);
		assertThat(received.frame().kind()).isEqualTo(Frame.Kind.BINARY);
		assertThat(received.frame().bytes()).containsExactly(7, 8);
		assertThat(onSecond.get(1).senderId()).isNull();
		assertThat(onSecond.get(1).frame().asText()).isEqualTo("marker");
		// A publication of the second node after the first node's own ones: once it is
		// in, an echo of the first node's publications would have arrived too.
		second.publish("rooms:A", new Publication(this.two, null, 1, null, Frame.text("back")));
		await().atMost(TIMEOUT).until(() -> onFirst.size() == 3);
		assertThat(onFirst).extracting((publication) -> publication.origin().value())
			.containsExactly("one", "one", "two");
		assertThat(this.gaps).hasValue(0);
	}

	@Test
	void oneOriginsPublicationsShouldArriveInOrderOnTheOtherNode() {
		RedisBroker first = broker(this.one);
		RedisBroker second = broker(this.two);
		List<Publication> received = new CopyOnWriteArrayList<>();
		subscribe(first, "topics:t", new CopyOnWriteArrayList<>());
		subscribe(second, "topics:t", received);
		int count = 10_000;
		for (int i = 1; i <= count; i++) {
			first.publish("topics:t", new Publication(this.one, "one.1", 0, null, Frame.text(Integer.toString(i))));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == count);
		assertThat(received).extracting((publication) -> Integer.parseInt(publication.frame().asText()))
			.isSorted()
			.doesNotHaveDuplicates();
		assertThat(received).extracting(Publication::sequence).isSorted();
		assertThat(this.gaps).hasValue(0);
	}

	@Test
	void skippedSequenceShouldBeCountedAsAGap() {
		RedisBroker second = broker(this.two);
		List<Publication> received = new CopyOnWriteArrayList<>();
		subscribe(second, "rooms:G", received);
		String channel = this.redis.prefix() + "channel:rooms:G";
		for (long sequence : new long[] { 1, 2, 4, 5 }) {
			byte[] envelope = new PublicationCodec()
				.encode(new Publication(this.one, null, 0, null, Frame.text(Long.toString(sequence))));
			PublicationCodec.stamp(envelope, sequence);
			this.redis.connection().sync().publish(channel, new String(envelope, StandardCharsets.ISO_8859_1));
		}
		await().atMost(TIMEOUT).until(() -> received.size() == 4);
		assertThat(this.gaps).hasValue(1);
	}

	@Test
	void lastDisposeShouldUnsubscribeTheChannelInRedis() {
		RedisBroker first = broker(this.one);
		String channel = this.redis.prefix() + "channel:pairs:p";
		Disposable a = subscribe(first, "pairs:p", new CopyOnWriteArrayList<>());
		Disposable b = subscribe(first, "pairs:p", new CopyOnWriteArrayList<>());
		assertThat(subscribers(channel)).isEqualTo(1);
		a.dispose();
		assertThat(subscribers(channel)).isEqualTo(1);
		b.dispose();
		await().atMost(TIMEOUT).until(() -> subscribers(channel) == 0);
	}

	@Test
	void publicationShouldBeEncodedOnceWhateverTheReceivers() {
		RedisBroker first = broker(this.one);
		RedisBroker second = broker(this.two);
		List<Publication> received = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			subscribe(first, "rooms:E", received);
			subscribe(second, "rooms:E", received);
		}
		first.publish("rooms:E", new Publication(this.one, null, 0, null, Frame.text("x")));
		await().atMost(TIMEOUT).until(() -> received.size() == 6);
		assertThat(this.encoded).hasValue(1);
		assertThat(received.stream().map(Publication::frame).distinct()).hasSize(2);
	}

	private long subscribers(String channel) {
		Map<String, Long> counts = this.redis.connection().sync().pubsubNumsub(channel);
		return counts.getOrDefault(channel, 0L);
	}

	private RedisBroker broker(NodeId node) {
		PublicationCodec codec = new PublicationCodec() {

			@Override
			byte[] encode(Publication publication) {
				RedisBrokerNodesTests.this.encoded.incrementAndGet();
				return super.encode(publication);
			}

		};
		RedisBroker broker = new RedisBroker(this.redis.client(), this.redis.prefix(), node, codec,
				new RedisBroker.Counters(this.gaps::incrementAndGet, () -> {
				}));
		this.brokers.add(broker);
		return broker;
	}

	private static Disposable subscribe(RedisBroker broker, String channel, List<Publication> into) {
		Disposable subscription = broker.subscribe(channel, into::add).block(TIMEOUT);
		assertThat(subscription).isNotNull();
		return subscription;
	}

}
