package dev.junction.protocol.tunnel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import dev.junction.cluster.Directory;
import dev.junction.cluster.PipeEnd;
import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The live tunnel sessions of this node, and their claims in the {@link Directory}: a
 * session is in the table from its first party until it ends, and its id is claimed
 * cluster-wide while this node holds it. Ending a session is here too, so that the table,
 * the claim and the gauge of open sessions never disagree.
 */
final class TunnelSessions {

	static final String KEY_PREFIX = "tunnel:";

	private final Map<String, TunnelSession> sessions = new ConcurrentHashMap<>();

	private final Directory directory;

	private final LongConsumer sessionsChanged;

	/**
	 * @param sessionsChanged told of every change of {@link #size()}, by how much
	 */
	TunnelSessions(Directory directory, LongConsumer sessionsChanged) {
		this.directory = directory;
		this.sessionsChanged = sessionsChanged;
	}

	/**
	 * The session a party asks for.
	 * @return the live session, or {@code null}
	 */
	@Nullable TunnelSession get(String id) {
		return this.sessions.get(id);
	}

	/**
	 * Add a new session, unless another party created one with its id first.
	 * @return whether it was added
	 */
	boolean add(TunnelSession session) {
		if (this.sessions.putIfAbsent(session.id, session) == null) {
			this.sessionsChanged.accept(1);
			return true;
		}
		return false;
	}

	/**
	 * Claim a new session's id in the {@link Directory}, so two nodes never both open it.
	 * @return whether this node holds it
	 */
	Mono<Boolean> claim(TunnelSession session) {
		return this.directory.claim(KEY_PREFIX + session.id, session.first.id(), null);
	}

	/**
	 * The owner of a live session.
	 * @return its owner, or {@code null} when it has none or does not exist
	 */
	@Nullable String owner(String id) {
		TunnelSession session = this.sessions.get(id);
		// A visiting party's session belongs to whoever the holding node says.
		return (session != null && !session.visiting) ? session.owner : null;
	}

	int size() {
		return this.sessions.size();
	}

	/**
	 * End a session: everything it holds goes, and the parties other than {@code by} are
	 * closed with 1000 (the party on another node through its pipe). Under the session's
	 * monitor.
	 * @param by the party that ended it, or {@code null} when the remote party did
	 */
	void end(TunnelSession session, @Nullable Connection by) {
		if (session.ended) {
			return;
		}
		session.ended = true;
		session.buffer.forEach(Frame::release);
		session.buffer.clear();
		if (session.timer != null) {
			session.timer.dispose();
			session.timer = null;
		}
		if (this.sessions.remove(session.id, session)) {
			this.sessionsChanged.accept(-1);
		}
		if (!session.visiting) {
			this.directory.release(KEY_PREFIX + session.id, session.first.id()).subscribe();
		}
		PipeEnd pipe = session.pipe;
		if (pipe != null && !session.pipeDone) {
			session.pipeDone = true;
			pipe.close(null);
		}
		Connection peer = (by != null) ? session.peerOf(by) : session.first;
		if (peer != null) {
			peer.close(CloseReason.NORMAL);
		}
	}

}
