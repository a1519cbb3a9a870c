package dev.junction.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.core.CloseReason;
import dev.junction.core.ConnectionTransport;

/**
 * A transport that records the closes the core asks for.
 */
public final class RecordingTransport implements ConnectionTransport {

	private final List<CloseReason> immediate = new CopyOnWriteArrayList<>();

	private final List<CloseReason> afterQueue = new CopyOnWriteArrayList<>();

	@Override
	public void closeAfterQueue(CloseReason reason) {
		this.afterQueue.add(reason);
	}

	@Override
	public void closeNow(CloseReason reason) {
		this.immediate.add(reason);
	}

	public List<CloseReason> immediateCloses() {
		return this.immediate;
	}

	public List<CloseReason> closesAfterQueue() {
		return this.afterQueue;
	}

}
