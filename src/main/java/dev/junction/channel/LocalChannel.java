package dev.junction.channel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.junction.cluster.Broker;
import dev.junction.cluster.PresenceMember;
import dev.junction.cluster.Publication;
import dev.junction.core.Connection;
import dev.junction.core.Envelope;
import dev.junction.core.Group;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A channel with local members, as the {@link ChannelHub} holds it: its group, its broker
 * subscription (made once, shared by every joiner that waits for it) and the group
 * subscriptions of its local members. Guarded by its own monitor; joins in flight keep it
 * from being closed.
 */
final class LocalChannel {

	final String name;

	final Group group;

	final Mono<Disposable> subscription;

	private final Map<String, Membership> members = new HashMap<>();

	private int joining;

	private boolean open;

	LocalChannel(String name, Broker broker) {
		this.name = name;
		this.group = new Group("channel", name);
		this.subscription = Mono.defer(() -> broker.subscribe(name, this::receive)).cache();
	}

	private void receive(Publication publication) {
		this.group.deliver(new Envelope(publication.senderId(), publication.audience(), publication.frame()));
	}

	synchronized void reserve() {
		this.joining++;
	}

	synchronized void unreserve() {
		this.joining--;
	}

	/**
	 * Turn a reserved join into a membership, replacing one the connection already had.
	 * @param welcome run before the member's first frame
	 * @param opened run when this is the channel's first member
	 * @return the given member list
	 */
	List<PresenceMember> attach(Connection member, @Nullable String tag, boolean listed, Runnable welcome,
			Runnable opened, List<PresenceMember> list) {
		synchronized (this) {
			this.joining--;
			Membership previous = this.members.remove(member.id());
			if (previous != null) {
				previous.subscription().dispose();
			}
			this.members.put(member.id(), new Membership(this.group.join(member, tag, welcome), listed));
			if (!this.open) {
				this.open = true;
				opened.run();
			}
		}
		return list;
	}

	synchronized @Nullable Membership detach(String memberId) {
		return this.members.remove(memberId);
	}

	synchronized boolean isUnused() {
		return this.joining == 0 && this.members.isEmpty();
	}

	/**
	 * Whether the channel has had a member: it counts as held from then on until closed.
	 */
	synchronized boolean isOpen() {
		return this.open;
	}

	synchronized int size() {
		return this.members.size();
	}

	/**
	 * A local member's group subscription, and whether presence lists it.
	 */
	record Membership(Disposable subscription, boolean listed) {
	}

}
