package dev.junction.protocol.topics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Departure;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * The topics messages about members. Topics, members, fan-out and member lists (in
 * arrival order) belong to the {@link ChannelHub}, which also keeps the order: a joiner
 * hears of the longest-present member before any {@code data} of the topic, and each
 * member's frames reach the others in the order sent, so a leaver's {@code peer-left}
 * follows everything it sent. Topic names are shared secrets between peers, so they are
 * never logged.
 */
final class TopicRegistry {

	static final String CHANNEL_PREFIX = "topics:";

	private static final String PEER_ID = "peerId";

	private static final Log logger = LogFactory.getLog(TopicRegistry.class);

	private final ChannelHub hub;

	private final TopicsEncoder encoder;

	private final LongConsumer peersChanged;

	private final AtomicLong peers = new AtomicLong();

	/**
	 * Create a registry.
	 * @param topicsChanged told of every change of {@link #size()}, by how much
	 * @param peersChanged told of every change of {@link #peers()}, by how much
	 */
	TopicRegistry(ChannelHub hub, TopicsEncoder encoder, LongConsumer topicsChanged, LongConsumer peersChanged) {
		this.hub = hub;
		this.encoder = encoder;
		this.peersChanged = peersChanged;
		hub.watch(CHANNEL_PREFIX, topicsChanged);
		hub.onDeparture(CHANNEL_PREFIX, this::departed);
	}

	/**
	 * A member whose node went: the others hear {@code peer-left}, as if it had left.
	 */
	private void departed(Departure departure) {
		String peerId = departure.member().info().get(PEER_ID);
		if (peerId != null) {
			String name = departure.group().substring(CHANNEL_PREFIX.length());
			this.hub.publish(departure.group(), null, null, this.encoder.peerLeft(peerId, name));
		}
	}

	/**
	 * Add a connection to a topic: every other member gets {@code peer-joined} about it,
	 * then it gets one {@code peer-joined} naming the longest-present other member, if
	 * there is one.
	 */
	Mono<Topic> join(String name, Connection connection, String peerId) {
		Topic topic = new Topic(name);
		return this.hub.join(topic.channel(), connection, null, Map.of(PEER_ID, peerId), (members) -> {
			List<PresenceMember> present = members.stream()
				.filter((member) -> !member.id().equals(connection.id()))
				.toList();
			if (!present.isEmpty()) {
				this.hub.publish(topic.channel(), connection, null, this.encoder.peerJoined(peerId, name));
				String first = present.get(0).info().getOrDefault(PEER_ID, "");
				connection.send(this.encoder.peerJoined(first, name));
			}
		}).map((members) -> {
			this.peers.incrementAndGet();
			this.peersChanged.accept(1);
			if (logger.isDebugEnabled()) {
				logger.debug(connection + " joined a topic of " + members.size() + " peers");
			}
			return topic;
		});
	}

	/**
	 * Forward a member's encoded {@code data} to the other members.
	 */
	void relay(Topic topic, Connection sender, Frame frame) {
		this.hub.publish(topic.channel(), sender, null, frame);
	}

	/**
	 * Remove a member, at most once: the remaining members get {@code peer-left}.
	 */
	Mono<Void> leave(Topic topic, Connection connection, String peerId) {
		return this.hub.leave(topic.channel(), connection).filter(Boolean::booleanValue).flatMap((left) -> {
			this.peers.decrementAndGet();
			this.peersChanged.accept(-1);
			if (logger.isDebugEnabled()) {
				logger.debug(connection + " left a topic");
			}
			return this.hub.members(topic.channel());
		}).doOnNext((members) -> {
			if (!members.isEmpty()) {
				this.hub.publish(topic.channel(), connection, null, this.encoder.peerLeft(peerId, topic.name()));
			}
		}).then();
	}

	boolean has(String name) {
		return this.hub.localMembers(CHANNEL_PREFIX + name) > 0;
	}

	/**
	 * How many members a topic has on this node.
	 */
	int memberCount(String name) {
		return this.hub.localMembers(CHANNEL_PREFIX + name);
	}

	/**
	 * How many peers are in topics on this node.
	 */
	long peers() {
		return this.peers.get();
	}

	/**
	 * How many topics have members on this node.
	 */
	int size() {
		return this.hub.channelCount(CHANNEL_PREFIX);
	}

	/**
	 * The connection ids of a topic's members, for operators.
	 */
	Mono<List<String>> memberIds(String name) {
		return this.hub.members(CHANNEL_PREFIX + name)
			.map((members) -> members.stream().map(PresenceMember::id).toList());
	}

}
