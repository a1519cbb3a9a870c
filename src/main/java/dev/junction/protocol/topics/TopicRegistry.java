package dev.junction.protocol.topics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.Connection;
import dev.junction.core.Envelope;
import dev.junction.core.Frame;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;

/**
 * The topics of this node. Membership changes and deliveries of one topic happen under
 * the topic's monitor, so every member sees them in one order: a joiner hears of the
 * longest-present member before any {@code data} of the topic, and a leaver's
 * {@code peer-left} follows everything it sent. Member lists (in arrival order) come from
 * {@link Presence}, deliveries go through the {@link Broker}. Topic names are shared
 * secrets between peers, so they are never logged.
 */
final class TopicRegistry {

	static final String CHANNEL_PREFIX = "topics:";

	private static final String PEER_ID = "peerId";

	private static final Log logger = LogFactory.getLog(TopicRegistry.class);

	private final Map<String, Topic> topics = new ConcurrentHashMap<>();

	private final Broker broker;

	private final Presence presence;

	private final TopicsEncoder encoder;

	private final AtomicLong liveTopics = new AtomicLong();

	private final AtomicLong livePeers = new AtomicLong();

	TopicRegistry(Broker broker, Presence presence, TopicsEncoder encoder) {
		this.broker = broker;
		this.presence = presence;
		this.encoder = encoder;
	}

	/**
	 * Add a connection to a topic, creating the topic if needed: every other member gets
	 * {@code peer-joined} about it, then it gets one {@code peer-joined} naming the
	 * longest-present other member, if there is one.
	 */
	Topic join(String name, Connection connection, String peerId) {
		Frame joined = this.encoder.peerJoined(peerId, name);
		while (true) {
			Topic topic = this.topics.computeIfAbsent(name, this::open);
			synchronized (topic) {
				if (topic.deleted) {
					continue;
				}
				List<PresenceMember> present = this.presence.members(topic.channel());
				this.presence.add(topic.channel(), new PresenceMember(connection.id(), Map.of(PEER_ID, peerId)));
				this.livePeers.incrementAndGet();
				if (!present.isEmpty()) {
					this.broker.publish(topic.channel(), new Envelope(connection.id(), null, joined));
					String first = present.get(0).info().getOrDefault(PEER_ID, "");
					connection.send(this.encoder.peerJoined(first, name));
				}
				topic.subscriptions.put(connection.id(), topic.group.join(connection, null));
				if (logger.isDebugEnabled()) {
					logger.debug(connection + " joined a topic of " + (present.size() + 1) + " peers");
				}
				return topic;
			}
		}
	}

	/**
	 * Forward a member's encoded {@code data} to the other members.
	 */
	void relay(Topic topic, Connection sender, Frame frame) {
		synchronized (topic) {
			this.broker.publish(topic.channel(), new Envelope(sender.id(), null, frame));
		}
	}

	/**
	 * Remove a member, at most once: the remaining members get {@code peer-left}, and the
	 * last local member out deletes the topic on this node.
	 */
	void leave(Topic topic, Connection connection, String peerId) {
		synchronized (topic) {
			Disposable subscription = topic.subscriptions.remove(connection.id());
			if (subscription == null) {
				return;
			}
			subscription.dispose();
			this.presence.remove(topic.channel(), connection.id());
			this.livePeers.decrementAndGet();
			if (!this.presence.members(topic.channel()).isEmpty()) {
				this.broker.publish(topic.channel(),
						new Envelope(connection.id(), null, this.encoder.peerLeft(peerId, topic.name)));
			}
			if (topic.subscriptions.isEmpty()) {
				delete(topic);
			}
			if (logger.isDebugEnabled()) {
				logger.debug(connection + " left a topic");
			}
		}
	}

	boolean has(String name) {
		Topic topic = this.topics.get(name);
		return topic != null && !topic.deleted;
	}

	int memberCount(String name) {
		return this.presence.members(CHANNEL_PREFIX + name).size();
	}

	private Topic open(String name) {
		Topic topic = new Topic(name);
		topic.brokerSubscription = this.broker.subscribe(topic.channel(), topic.group::deliver);
		this.liveTopics.incrementAndGet();
		return topic;
	}

	private void delete(Topic topic) {
		topic.deleted = true;
		if (topic.brokerSubscription != null) {
			topic.brokerSubscription.dispose();
		}
		if (this.topics.remove(topic.name, topic)) {
			this.liveTopics.decrementAndGet();
		}
	}

	/**
	 * The live topics of this node, for health and metrics.
	 */
	long liveTopics() {
		return this.liveTopics.get();
	}

	/**
	 * The live topic peers of this node, for health and metrics.
	 */
	long livePeers() {
		return this.livePeers.get();
	}

	/**
	 * The connection ids of a topic's members on this node.
	 */
	List<String> memberIds(String name) {
		return this.presence.members(CHANNEL_PREFIX + name).stream().map(PresenceMember::id).toList();
	}

}
