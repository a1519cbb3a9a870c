package dev.junction.cluster;

/**
 * The writer's side of a pipe's window (see {@link Pipes}): bytes sent and not yet
 * acknowledged, and whether the writer was told to stop. Shared by the implementations so
 * that they keep the bound alike.
 */
public final class PipeWindow {

	private final long size;

	private long sent;

	private long acknowledged;

	private boolean full;

	/**
	 * Create a window.
	 * @param size the bytes a writer may have unacknowledged before it is asked to stop
	 */
	public PipeWindow(long size) {
		if (size <= 0) {
			throw new IllegalArgumentException("A pipe window holds at least one byte");
		}
		this.size = size;
	}

	/**
	 * Count bytes sent.
	 * @param bytes the byte count
	 * @return whether the window still has room
	 */
	public synchronized boolean sent(long bytes) {
		this.sent += bytes;
		this.full = this.sent - this.acknowledged >= this.size;
		return !this.full;
	}

	/**
	 * Count bytes the other end acknowledged.
	 * @param bytes the byte count, added to those acknowledged before
	 * @return whether the window was full and now has room: the writer may resume
	 */
	public synchronized boolean acknowledged(long bytes) {
		this.acknowledged += bytes;
		if (this.full && this.sent - this.acknowledged < this.size) {
			this.full = false;
			return true;
		}
		return false;
	}

	public synchronized long acknowledged() {
		return this.acknowledged;
	}

	/**
	 * Bytes sent and not yet acknowledged.
	 * @return the byte count
	 */
	public synchronized long unacknowledged() {
		return this.sent - this.acknowledged;
	}

	public long size() {
		return this.size;
	}

}
