package dev.junction.protocol.tunnel;

import java.util.ArrayList;
import java.util.List;

import dev.junction.core.Connection;
import dev.junction.core.Frame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One tunnel: the first party ("client"), the second ("server") once it arrives, the
 * frames the first sent before that, and what the stats line needs. Guarded by its own
 * monitor; see {@link TunnelRegistry}.
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

	TunnelSession(String id, Connection first, @Nullable String owner, long now) {
		this.id = id;
		this.first = first;
		this.owner = owner;
		this.startedNanos = now;
		this.lastFrameNanos = now;
	}

	@Nullable Connection peerOf(Connection connection) {
		return (connection == this.first) ? this.second : this.first;
	}

	int parties() {
		return (this.second != null) ? 2 : 1;
	}

}
