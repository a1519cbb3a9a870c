package dev.junction.core;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

/**
 * A set of connections that receive each other's frames: a room, a pair, a topic. Every
 * delivery goes through one {@link Sinks.Many}; each member subscribes with a filter and
 * pushes what it accepts into its own bounded outbound queue, so a slow member is closed
 * without slowing down the others. Emission is serialized, which keeps every sender's
 * frames in order for every receiver.
 */
public final class Group {

	private final String kind;

	private final String id;

	private final Sinks.Many<Envelope> sink = Sinks.many().multicast().directBestEffort();

	public Group(String kind, String id) {
		this.kind = kind;
		this.id = id;
	}

	public String kind() {
		return this.kind;
	}

	public String id() {
		return this.id;
	}

	/**
	 * Subscribe a member to this group's deliveries.
	 * @param member the connection
	 * @param tag the member's audience tag (a pair's side, say), or {@code null}
	 * @return the subscription; dispose it when the member leaves
	 */
	public Disposable join(Connection member, @Nullable String tag) {
		return subscribe(member, tag);
	}

	/**
	 * Subscribe a member after an action, with no delivery in between: whatever the
	 * action sends the member (a greeting, say) reaches it before any frame of this
	 * group.
	 * @param member the connection
	 * @param tag the member's audience tag, or {@code null}
	 * @param first the action, quick and not blocking (deliveries wait for it)
	 * @return the subscription; dispose it when the member leaves
	 */
	public synchronized Disposable join(Connection member, @Nullable String tag, Runnable first) {
		first.run();
		return subscribe(member, tag);
	}

	private Disposable subscribe(Connection member, @Nullable String tag) {
		String memberId = member.id();
		return this.sink.asFlux().filter((envelope) -> envelope.isFor(memberId, tag)).subscribe((envelope) -> {
			member.send(envelope.frame());
		});
	}

	/**
	 * Deliver an envelope to every member it is for.
	 * @param envelope the envelope
	 */
	public synchronized void deliver(Envelope envelope) {
		this.sink.tryEmitNext(envelope);
	}

	public int subscriberCount() {
		return this.sink.currentSubscriberCount();
	}

	@Override
	public String toString() {
		return "Group[" + this.kind + "]";
	}

}
