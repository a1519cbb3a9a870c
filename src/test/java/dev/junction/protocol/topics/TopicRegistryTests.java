package dev.junction.protocol.topics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.channel.ChannelHub;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics registry without a network: the node's counters, {@code peer-left} exactly
 * once, and the periodic statistics line.
 */
class TopicRegistryTests {

	private final AtomicLong liveTopics = new AtomicLong();

	private final AtomicLong livePeers = new AtomicLong();

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final TopicRegistry topics = new TopicRegistry(
			new ChannelHub(NodeId.random(), new InMemoryBroker(), new InMemoryPresence()),
			new TopicsEncoder(JsonMapper.builder().build()), this.liveTopics::addAndGet, this.livePeers::addAndGet);

	@Test
	void countersShouldFollowTopicsAndPeers() {
		Connection a = connection("a");
		Connection b = connection("b");
		Connection c = connection("c");
		Topic first = join("first", a, "pa");
		join("first", b, "pb");
		Topic second = join("second", c, "pc");
		assertCounts(2, 3);
		leave(first, b, "pb");
		assertCounts(2, 2);
		leave(first, b, "pb");
		assertCounts(2, 2);
		leave(first, a, "pa");
		assertCounts(1, 1);
		assertThat(this.topics.has("first")).isFalse();
		leave(second, c, "pc");
		assertCounts(0, 0);
	}

	@Test
	void leaveShouldTellTheOthersOnceAndNobodyWhenTheTopicEmpties() {
		Connection a = connection("a");
		Connection b = connection("b");
		List<String> toA = record(a);
		List<String> toB = record(b);
		Topic topic = join("t", a, "pa");
		join("t", b, "pb");
		assertThat(toA).containsExactly("{\"type\":\"peer-joined\",\"peerId\":\"pb\",\"topic\":\"t\"}");
		assertThat(toB).containsExactly("{\"type\":\"peer-joined\",\"peerId\":\"pa\",\"topic\":\"t\"}");
		leave(topic, b, "pb");
		leave(topic, b, "pb");
		assertThat(toA).containsExactly("{\"type\":\"peer-joined\",\"peerId\":\"pb\",\"topic\":\"t\"}",
				"{\"type\":\"peer-left\",\"peerId\":\"pb\",\"topic\":\"t\"}");
		leave(topic, a, "pa");
		assertThat(toA).hasSize(2);
		assertThat(toB).hasSize(1);
	}

	@Test
	void statsShouldBeLoggedOncePerInterval() {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.junction.protocol.topics");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		Disposable stats = new TopicsStats(this.liveTopics::get, this.livePeers::get, Duration.ofMinutes(5))
			.start(this.scheduler);
		try {
			join("one", connection("a"), "pa");
			join("one", connection("b"), "pb");
			join("two", connection("c"), "pc");
			this.scheduler.advanceTimeBy(Duration.ofMinutes(4));
			assertThat(appender.list).isEmpty();
			this.scheduler.advanceTimeBy(Duration.ofMinutes(1));
			assertThat(appender.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.INFO);
				assertThat(event.getFormattedMessage()).isEqualTo("Stats: 2 topics, 3 peers");
			});
			this.scheduler.advanceTimeBy(Duration.ofMinutes(5));
			assertThat(appender.list).hasSize(2);
		}
		finally {
			stats.dispose();
			logger.detachAppender(appender);
		}
	}

	private Topic join(String name, Connection connection, String peerId) {
		Topic[] joined = new Topic[1];
		StepVerifier.create(this.topics.join(name, connection, peerId))
			.consumeNextWith((topic) -> joined[0] = topic)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		return joined[0];
	}

	private void leave(Topic topic, Connection connection, String peerId) {
		StepVerifier.create(this.topics.leave(topic, connection, peerId))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	private void assertCounts(long topics, long peers) {
		assertThat(this.liveTopics.get()).as("topics").isEqualTo(topics);
		assertThat(this.livePeers.get()).as("peers").isEqualTo(peers);
	}

	private static List<String> record(Connection connection) {
		List<String> frames = new CopyOnWriteArrayList<>();
		connection.outbound().map(Frame::asText).subscribe(frames::add);
		return frames;
	}

	private static Connection connection(String id) {
		return new Connection(id, "topics", "127.0.0.1", new OutboundLimits(100, 1 << 20), new RecordingTransport(), 0);
	}

}
