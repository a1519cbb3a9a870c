package dev.junction.protocol.tunnel;

import java.util.ArrayList;
import java.util.List;

import dev.junction.cluster.PipeEnd;
import dev.junction.core.Connection;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One tunnel: the first party ("client"), the second ("server") once it arrives, the
 * frames the first sent before that, and what the stats line needs. When the parties are
 * on two nodes, each node's session has its local party as {@link #first} and the other
 * party behind a {@link #pipe}; the node holding the session is the one whose party came
 * first, the other is {@link #visiting}. Guarded by its own monitor; see
 * {@link TunnelRegistry}.
 */
final class TunnelSession {

	final String id;

	final long startedNanos;

	final Connection first;

	/** The subject of the first party, or {@code null} when the session has no owner. */
	final @Nullable String owner;

	@Nullable Connection second;

	final List<Frame> buffer = new ArrayList<>();

	long bufferedBytes;

	int closes;

	boolean ended;

	volatile long lastFrameNanos;

	@Nullable Disposable timer;

	/** The pipe to the other party's node, or {@code null} while both are here. */
	volatile @Nullable PipeEnd pipe;

	/** Whether the local party is the second of a session another node holds. */
	boolean visiting;

	/** Whether the pipe has ended: the remote party counts as gone. */
	boolean pipeDone;

	/** Bytes delivered to the local party before the pipe was known, to acknowledge. */
	long unacknowledged;

	TunnelSession(String id, Connection first, @Nullable String owner, long now) {
		this.id = id;
		this.first = first;
		this.owner = owner;
		this.startedNanos = now;
		this.lastFrameNanos = now;
	}

	/**
	 * Whether every party is gone: the local ones closed, and the pipe, if any, ended.
	 * @return whether the session is complete
	 */
	boolean complete() {
		return this.closes == parties() && (this.pipe == null || this.pipeDone);
	}

	@Nullable Connection peerOf(Connection connection) {
		return (connection == this.first) ? this.second : this.first;
	}

	int parties() {
		return (this.second != null) ? 2 : 1;
	}

}
