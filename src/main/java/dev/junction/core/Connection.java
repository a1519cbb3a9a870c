package dev.junction.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One client connection as the core sees it: an identity, a bounded outbound queue and a
 * close. Frames for the client are queued with {@link #send(Frame)} from any thread; the
 * transport drains {@link #outbound()} at the pace the network allows. The byte bound
 * covers every byte accepted for the client and not yet written to the kernel: the queue
 * and whatever the transport holds ({@link ConnectionTransport#pendingBytes()}). A frame
 * that would pass the {@link OutboundLimits} closes this connection with 1013 and nothing
 * else.
 */
public final class Connection {

	private final String id;

	private final String protocol;

	private final String remoteAddress;

	private final @Nullable String subject;

	private final OutboundLimits limits;

	private final ConnectionTransport transport;

	private final Sinks.Many<Frame> queue = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<Frame>unboundedMultiproducer().get());

	private final AtomicBoolean closing = new AtomicBoolean();

	private int queuedMessages;

	private long queuedBytes;

	private long deliveredBytes;

	private volatile long lastSeen;

	private volatile @Nullable CloseReason closeReason;

	private volatile @Nullable LongConsumer deliveries;

	private volatile @Nullable Supplier<Mono<Void>> beforeRestart;

	public Connection(String id, String protocol, String remoteAddress, OutboundLimits limits,
			ConnectionTransport transport, long now) {
		this(id, protocol, remoteAddress, null, limits, transport, now);
	}

	public Connection(String id, String protocol, String remoteAddress, @Nullable String subject, OutboundLimits limits,
			ConnectionTransport transport, long now) {
		this.id = id;
		this.protocol = protocol;
		this.remoteAddress = remoteAddress;
		this.subject = subject;
		this.limits = limits;
		this.transport = transport;
		this.lastSeen = now;
	}

	public String id() {
		return this.id;
	}

	public String protocol() {
		return this.protocol;
	}

	public String remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * The subject of the token the connection was opened with.
	 * @return the subject, or {@code null} without a token
	 */
	public @Nullable String subject() {
		return this.subject;
	}

	/**
	 * Mark the connection authenticated by its protocol (an in-band token verified, or a
	 * protocol that needs none chosen), which lifts the small frame limit of connections
	 * that are not.
	 */
	public void authenticated() {
		this.transport.authenticated();
	}

	/**
	 * Queue a frame for this client. Never blocks; a frame that would overflow the queue
	 * closes this connection with {@link CloseReason#SLOW_CONSUMER} instead.
	 * @param frame the frame, shared with other receivers and never modified
	 * @return whether the frame was queued
	 */
	public boolean send(Frame frame) {
		boolean overflow;
		synchronized (this) {
			if (this.closing.get()) {
				frame.release();
				return false;
			}
			overflow = this.queuedMessages + 1 > this.limits.maxMessages()
					|| pendingBytesLocked() + frame.size() > this.limits.maxBytes();
			if (!overflow) {
				this.queuedMessages++;
				this.queuedBytes += frame.size();
				this.queue.tryEmitNext(frame);
			}
		}
		if (overflow) {
			frame.release();
			abort(CloseReason.SLOW_CONSUMER);
			return false;
		}
		return true;
	}

	/**
	 * The frames to write, in order. Completes after {@link #close(CloseReason)} once
	 * everything queued before the close has been taken.
	 * @return the outbound frames; one subscriber only
	 */
	public Flux<Frame> outbound() {
		// Frames still queued when the writer goes away give their buffers back.
		return this.queue.asFlux().doOnNext(this::taken).doOnDiscard(Frame.class, Frame::release);
	}

	private void taken(Frame frame) {
		synchronized (this) {
			this.queuedMessages--;
			this.queuedBytes -= frame.size();
			this.deliveredBytes += frame.size();
			this.transport.taken(frame.size());
		}
		LongConsumer listener = this.deliveries;
		if (listener != null && frame.kind() != Frame.Kind.PING) {
			listener.accept(frame.size());
		}
	}

	/**
	 * Be told of the payload bytes of each text or binary frame as the transport takes
	 * it, for a protocol that acknowledges what reached the network to a writer
	 * elsewhere. One listener; it runs on the writing thread and must be quick.
	 * @param listener told each frame's size
	 */
	public void onDelivered(LongConsumer listener) {
		this.deliveries = listener;
	}

	/**
	 * Stop reading this client's frames until {@link #resumeReading()}: a receiver
	 * elsewhere has not caught up, and TCP pushes back on the client meanwhile. Frames
	 * already read still arrive.
	 */
	public void pauseReading() {
		this.transport.readingPaused(true);
	}

	/**
	 * Read this client's frames again after {@link #pauseReading()}.
	 */
	public void resumeReading() {
		this.transport.readingPaused(false);
	}

	/**
	 * Payload bytes handed to the network so far: what the client was actually sent, not
	 * what was queued for it.
	 * @return the byte count
	 */
	public synchronized long deliveredBytes() {
		return this.deliveredBytes;
	}

	/**
	 * Close after the frames already queued have been written.
	 * @param reason the close code and reason
	 */
	public void close(CloseReason reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			synchronized (this) {
				this.queue.tryEmitComplete();
			}
			this.transport.closeAfterQueue(reason);
		}
	}

	/**
	 * Be asked, before a node's shutdown closes this connection, to take it out of what
	 * the cluster sees: a client that reconnects at once to another node must not be
	 * overtaken there by the news that it left. One step; it must not block.
	 * @param step the leave, completing once the cluster has been told
	 */
	public void beforeRestart(Supplier<Mono<Void>> step) {
		this.beforeRestart = step;
	}

	/**
	 * Close because this node shuts down: the {@link #beforeRestart} step first, whatever
	 * its outcome, then the close after the frames already queued.
	 * @param reason the close code and reason
	 */
	public void closeForRestart(CloseReason reason) {
		Supplier<Mono<Void>> step = this.beforeRestart;
		if (step == null || !isOpen()) {
			close(reason);
			return;
		}
		Mono.defer(step).onErrorComplete().doFinally((signal) -> close(reason)).subscribe();
	}

	/**
	 * Close at once, dropping whatever is still queued.
	 * @param reason the close code and reason
	 */
	public void abort(CloseReason reason) {
		if (this.closing.compareAndSet(false, true)) {
			this.closeReason = reason;
			synchronized (this) {
				this.queue.tryEmitComplete();
			}
			this.transport.closeNow(reason);
		}
	}

	/**
	 * The transport is gone: stop queueing and release what is queued, without sending
	 * anything.
	 */
	public void markClosed() {
		if (this.closing.compareAndSet(false, true)) {
			synchronized (this) {
				this.queue.tryEmitComplete();
			}
		}
	}

	/**
	 * The reason Junction gave when it closed this connection, or {@code null} while open
	 * or when the client closed first.
	 * @return the server's close reason
	 */
	public @Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	public boolean isOpen() {
		return !this.closing.get();
	}

	public synchronized int queuedMessages() {
		return this.queuedMessages;
	}

	/**
	 * Bytes in the queue, not yet taken by the transport.
	 * @return the queued byte count
	 */
	public synchronized long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * Bytes accepted for this client and not yet written to the kernel: what the outbound
	 * byte limit bounds.
	 * @return the pending byte count
	 */
	public synchronized long pendingBytes() {
		return pendingBytesLocked();
	}

	private long pendingBytesLocked() {
		return this.queuedBytes + this.transport.pendingBytes();
	}

	/**
	 * Record that the client was heard from (any frame, pongs included).
	 * @param now the current time in milliseconds
	 */
	public void touch(long now) {
		this.lastSeen = now;
	}

	public long lastSeen() {
		return this.lastSeen;
	}

	@Override
	public String toString() {
		return "Connection[" + this.protocol + " " + this.id + "]";
	}

}
