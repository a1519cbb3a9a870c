package dev.junction.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Departure;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.cluster.Publication;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The channels of this node: each channel with local members has one core {@code Group},
 * the fan-out point, fed by one broker subscription. The hub subscribes to the broker
 * when a channel gets its first local member and unsubscribes when its last one leaves;
 * when the subscription fails, the joiners get the error and nothing stays behind.
 * Protocols join, leave, publish and list members here and keep only their own state.
 *
 * <p>
 * Ordering: the frames one sender publishes to a channel reach every other member, on
 * every node, in the order published, while any number of senders publish at once; a
 * joiner receives what {@code welcome} sends it before any frame of the channel. Nothing
 * is promised between senders. This rests on the broker's per-origin order and the
 * group's serialized emission, not on any lock of a caller.
 *
 * <p>
 * Echoes: a frame is never delivered back to the connection that sent it. Connection ids
 * hold their node's id, so the sender id alone is unique in the cluster.
 *
 * <p>
 * Nothing here blocks: calls that reach the cluster answer with a {@code Mono}; with the
 * in-memory seams they complete before they return.
 */
public final class ChannelHub {

	private final Map<String, LocalChannel> channels = new ConcurrentHashMap<>();

	private final Map<String, LongConsumer> watchers = new ConcurrentHashMap<>();

	private final NodeId node;

	private final Broker broker;

	private final Presence presence;

	private final NodeChannel nodeChannel;

	private final Map<String, Consumer<Departure>> departures = new ConcurrentHashMap<>();

	public ChannelHub(NodeId node, Broker broker, Presence presence) {
		this(node, broker, presence, new ConnectionRegistry(node));
	}

	public ChannelHub(NodeId node, Broker broker, Presence presence, ConnectionRegistry connections) {
		this.node = node;
		this.broker = broker;
		this.presence = presence;
		this.nodeChannel = new NodeChannel(node, broker, connections);
	}

	/**
	 * Start receiving what other nodes ask of this one.
	 */
	public void start() {
		this.nodeChannel.start();
	}

	public void stop() {
		this.nodeChannel.stop();
	}

	/**
	 * Close a connection on whichever node holds it; a connection that has gone meanwhile
	 * is left alone. Never blocks.
	 * @param connectionId the connection's id
	 * @param reason the close
	 */
	public void closeConnection(String connectionId, CloseReason reason) {
		this.nodeChannel.close(connectionId, reason);
	}

	/**
	 * Be told of the members of a kind of channel whose node went, so that the protocol
	 * can tell their groups. Each departure is told on one node of the cluster only: the
	 * one that removed the gone node's entries.
	 * @param prefix the kind's channel prefix, such as {@code rooms:}
	 * @param handler told of each departure, quick and not blocking
	 */
	public void onDeparture(String prefix, Consumer<Departure> handler) {
		this.departures.put(prefix, handler);
	}

	/**
	 * Hand a departure to the protocol that watches its kind of channel.
	 * @param departure a member of a gone node, already out of presence
	 */
	public void departed(Departure departure) {
		for (Map.Entry<String, Consumer<Departure>> handler : this.departures.entrySet()) {
			if (departure.group().startsWith(handler.getKey())) {
				handler.getValue().accept(departure);
			}
		}
	}

	public NodeId node() {
		return this.node;
	}

	/**
	 * Add a connection to a channel: list it in presence (when it has {@code info}), make
	 * sure this node receives the channel, call {@code welcome} and subscribe the
	 * connection to the channel's frames, with no frame in between. Joining a channel the
	 * connection is in replaces its membership.
	 * @param channel the channel, such as {@code rooms:K7QX2M}
	 * @param member the connection
	 * @param tag the member's audience tag, or {@code null}
	 * @param info what presence lists about the member, or {@code null} to stay unlisted
	 * @param welcome called with the channel's members (the joiner last, or where it was
	 * already) before the first frame; quick and not blocking
	 * @return the members as {@code welcome} saw them; an error when the cluster refused,
	 * in which case the connection is in neither the channel nor presence. A caller
	 * leaves only after its join has answered (a leave that overtakes the join finds
	 * nothing to take out).
	 */
	public Mono<List<PresenceMember>> join(String channel, Connection member, @Nullable String tag,
			@Nullable Map<String, String> info, Consumer<List<PresenceMember>> welcome) {
		return Mono.defer(() -> {
			LocalChannel local = this.channels.compute(channel, (key, existing) -> {
				LocalChannel joined = (existing != null) ? existing : new LocalChannel(key, this.broker);
				joined.reserve();
				return joined;
			});
			// Cleared once the reservation has become a membership, so that a failure
			// after that point (or a cancel) does not give it back twice.
			AtomicBoolean reserved = new AtomicBoolean(true);
			Mono<List<PresenceMember>> members = (info != null)
					? this.presence.add(channel, new PresenceMember(member.id(), this.node, info))
						.then(Mono.defer(() -> this.presence.members(channel)))
					: Mono.just(List.of());
			return local.subscription.then(members).map((list) -> {
				reserved.set(false);
				return local.attach(member, tag, info != null, () -> welcome.accept(list), () -> changed(channel, 1),
						list);
			})
				.onErrorResume((error) -> rollback(local, member, info != null, reserved).then(Mono.error(error)))
				.doOnCancel(() -> rollback(local, member, info != null, reserved).subscribe());
		});
	}

	/**
	 * Take a connection out of a channel and out of its presence list. The last local
	 * member out ends this node's broker subscription of the channel.
	 * @param channel the channel
	 * @param member the connection
	 * @return whether the connection was a member
	 */
	public Mono<Boolean> leave(String channel, Connection member) {
		LocalChannel local = this.channels.get(channel);
		LocalChannel.Membership membership = (local != null) ? local.detach(member.id()) : null;
		if (local == null || membership == null) {
			return Mono.just(false);
		}
		membership.subscription().dispose();
		closeIfUnused(local);
		return membership.listed() ? this.presence.remove(channel, member.id()).thenReturn(true) : Mono.just(true);
	}

	/**
	 * Send a frame to every member of a channel, on every node, but its sender. Never
	 * blocks.
	 * @param channel the channel
	 * @param sender the sending connection, or {@code null} for a message of the server
	 * @param audience the member tag that receives it, or {@code null} for every member
	 * @param frame the frame, owning its bytes
	 */
	public void publish(String channel, @Nullable Connection sender, @Nullable String audience, Frame frame) {
		this.broker.publish(channel,
				new Publication(this.node, (sender != null) ? sender.id() : null, 0, audience, frame));
	}

	/**
	 * The members of a channel on every node, in arrival order.
	 * @param channel the channel
	 * @return the listed members
	 */
	public Mono<List<PresenceMember>> members(String channel) {
		return this.presence.members(channel);
	}

	/**
	 * How many local members a channel has on this node.
	 * @param channel the channel
	 * @return the count, zero for a channel this node does not hold
	 */
	public int localMembers(String channel) {
		LocalChannel local = this.channels.get(channel);
		return (local != null) ? local.size() : 0;
	}

	/**
	 * How many channels this node holds (has local members of, or is joining).
	 * @return the count
	 */
	public int channelCount() {
		return this.channels.size();
	}

	/**
	 * How many channels of a kind this node holds with local members.
	 * @param prefix the kind's channel prefix, such as {@code topics:}
	 * @return the count
	 */
	public int channelCount(String prefix) {
		int count = 0;
		for (Map.Entry<String, LocalChannel> channel : this.channels.entrySet()) {
			if (channel.getKey().startsWith(prefix) && channel.getValue().isOpen()) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Be told when this node starts or stops holding a channel of a kind: {@code +1} when
	 * a channel gets its first local member, {@code -1} when its last one leaves.
	 * @param prefix the kind's channel prefix, such as {@code topics:}
	 * @param changes told of each change, quick and not blocking
	 */
	public void watch(String prefix, LongConsumer changes) {
		this.watchers.put(prefix, changes);
	}

	private void changed(String channel, long delta) {
		for (Map.Entry<String, LongConsumer> watcher : this.watchers.entrySet()) {
			if (channel.startsWith(watcher.getKey())) {
				watcher.getValue().accept(delta);
			}
		}
	}

	private Mono<Void> rollback(LocalChannel local, Connection member, boolean listed, AtomicBoolean reserved) {
		if (reserved.compareAndSet(true, false)) {
			local.unreserve();
			closeIfUnused(local);
		}
		return listed ? this.presence.remove(local.name, member.id()).then().onErrorResume((error) -> Mono.empty())
				: Mono.empty();
	}

	private void closeIfUnused(LocalChannel local) {
		boolean[] closed = new boolean[1];
		this.channels.computeIfPresent(local.name, (key, current) -> {
			if (current == local && local.isUnused()) {
				closed[0] = true;
				return null;
			}
			return current;
		});
		if (closed[0]) {
			if (local.isOpen()) {
				changed(local.name, -1);
			}
			// Resolved by now: nobody is joining, so the subscription has answered.
			local.subscription.subscribe(Disposable::dispose, (error) -> {
			});
		}
	}

}
