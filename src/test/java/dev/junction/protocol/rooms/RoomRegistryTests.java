package dev.junction.protocol.rooms;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Broker;
import dev.junction.cluster.Publication;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryPresence;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import dev.junction.core.OutboundLimits;
import dev.junction.protocol.rooms.RoomsMessage.Member;
import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms registry without a network: codes claimed in the directory and given back,
 * and nothing left behind when the cluster refuses a room.
 */
class RoomRegistryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Scheduler scheduler = Schedulers.newSingle("room-registry-tests");

	private final InMemoryDirectory directory = new InMemoryDirectory(Clock.systemUTC());

	private final AtomicLong rooms = new AtomicLong();

	@AfterEach
	void disposeScheduler() {
		this.scheduler.dispose();
	}

	@Test
	void roomShouldHoldItsCodeUntilItsLastMemberLeaves() {
		RoomRegistry registry = registry(new InMemoryBroker());
		Connection creator = connection("n.1");
		Room room = create(registry, creator);
		StepVerifier.create(this.directory.owner("rooms:" + room.code))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.rooms).hasValue(1);
		StepVerifier.create(registry.leave(room, creator, new Member("a", null), false))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.directory.owner("rooms:" + room.code)).expectComplete().verify(TIMEOUT);
		assertThat(registry.size()).isZero();
		assertThat(this.rooms).hasValue(0);
	}

	@Test
	void refusedSubscriptionShouldFailTheCreateAndLeaveNoRoomNorCode() {
		RoomRegistry registry = registry(new RefusingBroker());
		Connection creator = connection("n.1");
		StepVerifier.create(registry.create(creator, new Member("a", null)))
			.expectErrorMessage("backplane down")
			.verify(TIMEOUT);
		assertThat(registry.size()).isZero();
		assertThat(this.rooms).hasValue(0);
		assertThat(this.directory.size()).isZero();
		assertThat(drain(creator)).isEmpty();
	}

	private RoomRegistry registry(Broker broker) {
		ChannelHub hub = new ChannelHub(new NodeId("n"), broker, new InMemoryPresence());
		return new RoomRegistry(hub, this.directory, new RoomsEncoder(JsonMapper.builder().build()), this.scheduler,
				Duration.ZERO, this.rooms::addAndGet);
	}

	private static Room create(RoomRegistry registry, Connection creator) {
		Room[] created = new Room[1];
		StepVerifier.create(registry.create(creator, new Member("a", null)))
			.consumeNextWith((room) -> created[0] = room)
			.expectComplete()
			.verify(TIMEOUT);
		return created[0];
	}

	private static Connection connection(String id) {
		return new Connection(id, "rooms", "127.0.0.1", new OutboundLimits(100, 1 << 20), new RecordingTransport(), 0);
	}

	private static List<Frame> drain(Connection connection) {
		List<Frame> frames = new ArrayList<>();
		connection.markClosed();
		connection.outbound().subscribe(frames::add);
		return frames;
	}

	/**
	 * A broker whose backplane is down.
	 */
	private static final class RefusingBroker implements Broker {

		@Override
		public void publish(String channel, Publication publication) {
		}

		@Override
		public Mono<Disposable> subscribe(String channel, Consumer<Publication> handler) {
			return Mono.error(new IllegalStateException("backplane down"));
		}

	}

}
