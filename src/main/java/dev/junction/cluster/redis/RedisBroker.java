package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.junction.cluster.Broker;
import dev.junction.cluster.Publication;
import dev.junction.core.NodeId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A {@link Broker} on Redis pub/sub. The node subscribes a channel in Redis while it has
 * local subscribers of it, on one pub/sub connection; it publishes on another.
 *
 * <p>
 * A publication is encoded once. This node's subscribers receive it directly, and its
 * copy coming back from Redis is skipped by its origin. While the node subscribes a
 * channel, its publications there carry a sequence per channel, stamped under the
 * channel's lock together with the hand-over to Lettuce, so the order on the wire is the
 * order of the sequence; receivers count a skipped or repeated number as a gap. A
 * publication to a channel the node does not subscribe carries sequence 0, which nobody
 * checks. A sequence 1 starts a new run (the publisher subscribed the channel again).
 *
 * <p>
 * When Redis cannot be reached, local delivery goes on, cross-node publications are
 * counted as dropped and the outage is logged once. Lettuce subscribes the channels again
 * when it reconnects.
 */
public final class RedisBroker implements Broker, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisBroker.class);

	private final Map<String, Channel> channels = new ConcurrentHashMap<>();

	private final AtomicBoolean outage = new AtomicBoolean();

	private final NodeId node;

	private final RedisKeys keys;

	private final int channelPrefixLength;

	private final PublicationCodec codec;

	private final Counters counters;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private final StatefulRedisConnection<byte[], byte[]> publisher;

	private final byte[] probeChannel;

	private final Map<String, Sinks.Empty<Void>> probes = new ConcurrentHashMap<>();

	private final AtomicLong probeIds = new AtomicLong();

	private final AtomicReference<@Nullable Mono<Void>> probeSubscription = new AtomicReference<>();

	/**
	 * Connect to Redis; blocks until both connections are up, so call it at start-up.
	 * @param client the client
	 * @param keyPrefix the prefix of the pub/sub channels
	 * @param node this node, the origin of its publications
	 * @param codec encodes publications
	 * @param counters what the broker counts
	 */
	public RedisBroker(RedisClient client, String keyPrefix, NodeId node, PublicationCodec codec, Counters counters) {
		this.node = node;
		this.keys = new RedisKeys(keyPrefix);
		this.channelPrefixLength = this.keys.channel("").length();
		this.codec = codec;
		this.counters = counters;
		this.subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.publisher = client.connect(ByteArrayCodec.INSTANCE);
		this.probeChannel = this.keys.probe(node.value()).getBytes(StandardCharsets.UTF_8);
		this.subscriber.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] channel, byte[] message) {
				if (Arrays.equals(channel, RedisBroker.this.probeChannel)) {
					probeReturned(message);
					return;
				}
				receive(channel, message);
			}

		});
	}

	public RedisBroker(RedisClient client, String keyPrefix, NodeId node, Counters counters) {
		this(client, keyPrefix, node, new PublicationCodec(), counters);
	}

	@Override
	public void publish(String channel, Publication publication) {
		try {
			byte[] envelope = this.codec.encode(publication);
			byte[] target = this.keys.channel(channel).getBytes(StandardCharsets.UTF_8);
			Channel local = this.channels.get(channel);
			if (local == null) {
				send(target, envelope);
				return;
			}
			local.publish(publication, envelope, (stamped) -> send(target, stamped));
		}
		catch (RuntimeException ex) {
			dropped(ex);
		}
	}

	@Override
	public Mono<Disposable> subscribe(String channel, Consumer<Publication> handler) {
		return Mono.defer(() -> {
			byte[] target = this.keys.channel(channel).getBytes(StandardCharsets.UTF_8);
			// A new object per subscription, so that disposing one removes it alone even
			// when the same handler subscribed twice.
			@SuppressWarnings("UnnecessaryMethodReference")
			Consumer<Publication> subscription = handler::accept;
			Channel joined = this.channels.compute(channel, (key, existing) -> {
				Channel local = (existing != null) ? existing
						: new Channel(Mono.fromCompletionStage(this.subscriber.async().subscribe(target)).cache());
				local.handlers.add(subscription);
				return local;
			});
			Disposable disposable = () -> leave(channel, target, subscription);
			return joined.subscribed.thenReturn(disposable).doOnError((ex) -> disposable.dispose());
		});
	}

	private void leave(String name, byte[] target, Consumer<Publication> subscription) {
		this.channels.computeIfPresent(name, (key, local) -> {
			if (!local.handlers.remove(subscription) || !local.handlers.isEmpty()) {
				return local;
			}
			this.subscriber.async().unsubscribe(target);
			return null;
		});
	}

	private void send(byte[] target, byte[] envelope) {
		try {
			this.publisher.async().publish(target, envelope).whenComplete((receivers, ex) -> {
				if (ex != null) {
					dropped(ex);
				}
				else if (this.outage.compareAndSet(true, false)) {
					logger.info("Redis answers again: publications reach the other nodes");
				}
			});
		}
		catch (RuntimeException ex) {
			// Caught here, so that the local subscribers still receive it.
			dropped(ex);
		}
	}

	private void dropped(Throwable ex) {
		this.counters.dropped().run();
		if (this.outage.compareAndSet(false, true)) {
			logger.warn("Redis cannot be reached (" + ex.getClass().getSimpleName()
					+ "): publications reach this node only until it answers again");
		}
	}

	private void receive(byte[] target, byte[] message) {
		String channel = new String(target, StandardCharsets.UTF_8).substring(this.channelPrefixLength);
		Channel local = this.channels.get(channel);
		if (local == null) {
			return;
		}
		Publication publication;
		try {
			publication = PublicationCodec.decode(message);
		}
		catch (RuntimeException ex) {
			publication = null;
		}
		if (publication == null || publication.origin().equals(this.node)) {
			return;
		}
		if (!local.inSequence(publication)) {
			this.counters.sequenceGap().run();
		}
		local.deliver(publication);
	}

	/**
	 * Send a probe through Redis to this node's own pub/sub connection: out on the
	 * publishing connection, on a channel that only this node subscribes, back on the
	 * subscribing one. Unlike a publication, it is never delivered locally, so it proves
	 * that both connections work and that the subscriptions are in place (Lettuce
	 * subscribes again after a reconnect).
	 * @return completes when the probe has come back; errors when Redis refuses it or
	 * nobody subscribes the probe channel; never completes while the pub/sub connection
	 * is wedged, so callers set a timeout
	 */
	public Mono<Void> probe() {
		return Mono.defer(() -> {
			String id = Long.toString(this.probeIds.incrementAndGet());
			Sinks.Empty<Void> back = Sinks.empty();
			this.probes.put(id, back);
			return probeSubscription()
				.then(Mono.fromCompletionStage(
						() -> this.publisher.async().publish(this.probeChannel, id.getBytes(StandardCharsets.UTF_8))))
				.flatMap((receivers) -> (receivers > 0) ? back.asMono()
						: Mono.error(new IllegalStateException("the probe channel has no subscriber")))
				.doFinally((signal) -> this.probes.remove(id));
		});
	}

	private Mono<Void> probeSubscription() {
		Mono<Void> subscribed = this.probeSubscription.get();
		if (subscribed != null) {
			return subscribed;
		}
		Mono<Void> subscribing = Mono.fromCompletionStage(() -> this.subscriber.async().subscribe(this.probeChannel))
			// A failed subscribe is tried again by the next probe.
			.doOnError((ex) -> this.probeSubscription.set(null))
			.cache();
		return this.probeSubscription.compareAndSet(null, subscribing) ? subscribing : probeSubscription();
	}

	private void probeReturned(byte[] message) {
		Sinks.Empty<Void> back = this.probes.get(new String(message, StandardCharsets.UTF_8));
		if (back != null) {
			back.tryEmitEmpty();
		}
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
	}

	/**
	 * What the broker counts.
	 *
	 * @param sequenceGap a received publication whose sequence skipped or repeated one
	 * @param dropped a publication that could not reach Redis
	 */
	public record Counters(Runnable sequenceGap, Runnable dropped) {

		/** Counts nothing. */
		public static final Counters NONE = new Counters(() -> {
		}, () -> {
		});

	}

	/**
	 * A channel this node subscribes: its local handlers, its outgoing sequence and the
	 * last sequence seen from each other origin.
	 */
	private static final class Channel {

		final List<Consumer<Publication>> handlers = new CopyOnWriteArrayList<>();

		final Mono<Void> subscribed;

		private final Map<NodeId, Long> received = new ConcurrentHashMap<>();

		private long sequence;

		Channel(Mono<Void> subscribed) {
			this.subscribed = subscribed;
		}

		void publish(Publication publication, byte[] envelope, Consumer<byte[]> send) {
			Publication stamped;
			synchronized (this) {
				long next = ++this.sequence;
				PublicationCodec.stamp(envelope, next);
				stamped = new Publication(publication.origin(), publication.senderId(), next, publication.audience(),
						publication.frame());
				send.accept(envelope);
			}
			deliver(stamped);
		}

		boolean inSequence(Publication publication) {
			long sequence = publication.sequence();
			if (sequence == 0) {
				return true;
			}
			@Nullable Long last = this.received.put(publication.origin(), sequence);
			return sequence == 1 || last == null || sequence == last + 1;
		}

		void deliver(Publication publication) {
			for (Consumer<Publication> handler : this.handlers) {
				handler.accept(publication);
			}
		}

	}

}
