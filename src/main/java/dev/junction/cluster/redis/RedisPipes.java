package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.Map;

import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.Pipes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link Pipes} on Redis Streams. Each node has one inbox, a stream at
 * {@code <prefix>pipes:<node>}, that every other node appends its pipe entries to
 * ({@code open}, {@code accept}, {@code refuse}, {@code data}, {@code ack}, {@code end});
 * appends towards one node go through one connection, so they land in the order sent.
 * Windows are kept by the writers ({@link dev.junction.cluster.PipeWindow}); readers
 * acknowledge in batches of a quarter window, and finally with their {@code end}.
 *
 * <p>
 * Reading uses one dedicated connection per node, not per pipe: a blocking {@code XREAD}
 * ties up the connection it runs on, and with one inbox per node a single blocking read
 * (through Lettuce's reactive API, so no thread waits) serves every pipe, where a
 * connection per pipe would cost Redis a client per tunnel. Entries read are trimmed away
 * at once; each {@code XADD} also caps the stream, a safety net under the windows, and
 * refuses to recreate an inbox that has gone ({@code NOMKSTREAM}).
 *
 * <p>
 * Liveness: a node keeps {@code <prefix>pipes:<node>:alive} and its inbox alive with a
 * time to live it refreshes; the ends towards a node whose key has gone are told
 * {@link Pipes#GONE}. A stopped node deletes both keys, so nothing is left behind; a
 * crashed one's expire.
 */
public final class RedisPipes implements Pipes, Disposable {

	private static final Log logger = LogFactory.getLog(RedisPipes.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final long window;

	private final Duration liveness;

	private final StatefulRedisConnection<String, byte[]> writer;

	private final StatefulRedisConnection<String, byte[]> reader;

	private final RedisPipeEnds ends = new RedisPipeEnds();

	private final RedisPipeInboxes inboxes;

	private final RedisPipeLiveness keepAlive;

	private final Disposable.Composite running = Disposables.composite();

	private volatile @Nullable String node;

	private volatile @Nullable Acceptor acceptor;

	private volatile boolean disposed;

	/**
	 * Create the pipes; connects at once (not on an event loop).
	 * @param client the Redis client
	 * @param prefix the prefix of every key, such as {@code junction:}
	 * @param window each direction's window, in bytes
	 * @param liveness how long a node's keys live without a refresh: how soon the other
	 * ends learn that its node died
	 */
	public RedisPipes(RedisClient client, String prefix, long window, Duration liveness) {
		this.window = window;
		this.liveness = liveness;
		this.writer = client.connect(CODEC);
		this.reader = client.connect(CODEC);
		this.inboxes = new RedisPipeInboxes(prefix, this.writer, this::currentNode);
		this.keepAlive = new RedisPipeLiveness(this.writer, this.inboxes, this.ends, liveness);
	}

	@Override
	public Disposable listen(String node, Acceptor acceptor) {
		if (this.node != null && !this.node.equals(node)) {
			throw new IllegalStateException("Redis pipes serve one node");
		}
		this.node = node;
		this.acceptor = acceptor;
		start(node);
		return () -> this.acceptor = null;
	}

	@Override
	public Mono<Opening> open(String pipeId, String node, String toNode, String greeting, PipeEnd.Receiver receiver) {
		return Mono.defer(() -> {
			start(node);
			String key = RedisPipeEnds.key(toNode, pipeId);
			Sinks.One<Opening> answer = Sinks.one();
			this.ends.awaitAnswer(key, answer);
			this.ends.add(key, new RedisPipeEnd(this.inboxes, this.ends, pipeId, toNode, receiver, this.window));
			this.inboxes.append(toNode, pipeId, "open", Map.of("g", RedisPipeInboxes.utf8(greeting)))
				.subscribe((sent) -> {
					if (!sent) {
						this.ends.refused(key, GONE);
					}
				});
			return answer.asMono();
		});
	}

	private synchronized void start(String node) {
		if (this.running.size() > 0 || this.disposed) {
			return;
		}
		this.node = node;
		this.keepAlive.begin(node).block(this.liveness);
		Duration beat = this.liveness.dividedBy(3);
		this.running.add(Flux.interval(beat, beat).concatMap((tick) -> this.keepAlive.beat(node)).subscribe());
		this.running.add(read(this.inboxes.inbox(node), "0-0").subscribe());
	}

	/**
	 * Read the inbox for ever, one blocking {@code XREAD} at a time, trimming what was
	 * read.
	 */
	private Flux<Void> read(String inbox, String from) {
		String[] last = { from };
		XReadArgs args = XReadArgs.Builder.block(this.liveness.dividedBy(2)).count(512);
		return Mono.defer(() -> this.reader.reactive()
			.xread(args, XReadArgs.StreamOffset.from(inbox, last[0]))
			.doOnNext((message) -> {
				last[0] = message.getId();
				handle(message);
			})
			.then(Mono.defer(() -> trim(inbox, last[0])))).onErrorResume((ex) -> {
				if (!this.disposed) {
					logger.warn("Reading the pipe inbox failed: " + ex.getMessage());
					this.ends.endAll();
				}
				return Mono.delay(this.liveness).then();
			}).repeat(() -> !this.disposed).thenMany(Flux.empty());
	}

	private Mono<Void> trim(String inbox, String lastId) {
		if ("0-0".equals(lastId)) {
			return Mono.empty();
		}
		this.writer.reactive().xtrim(inbox, XTrimArgs.Builder.minId(lastId)).subscribe();
		return Mono.empty();
	}

	private void handle(StreamMessage<String, byte[]> message) {
		Map<String, byte[]> body = message.getBody();
		String type = RedisPipeInboxes.text(body.get("t"));
		String pipeId = RedisPipeInboxes.text(body.get("p"));
		String from = RedisPipeInboxes.text(body.get("f"));
		String key = RedisPipeEnds.key(from, pipeId);
		switch (type) {
			case "open" -> opened(pipeId, from, RedisPipeInboxes.text(body.get("g")));
			case "accept" -> this.ends.accepted(key);
			case "refuse" -> this.ends.refused(key, RedisPipeInboxes.text(body.get("r")));
			default -> {
				RedisPipeEnd end = this.ends.get(key);
				if (end != null) {
					end.handle(type, body);
				}
			}
		}
	}

	private void opened(String pipeId, String from, String greeting) {
		Acceptor current = this.acceptor;
		if (current == null) {
			this.inboxes.append(from, pipeId, "refuse", Map.of("r", RedisPipeInboxes.utf8(GONE))).subscribe();
			return;
		}
		current.opened(new RedisPipeRequest(this.inboxes, this.ends, pipeId, from, greeting, this.window));
	}

	/**
	 * Where this node's pipe keys live, for tests.
	 */
	RedisPipeInboxes inboxes() {
		return this.inboxes;
	}

	private String currentNode() {
		String current = this.node;
		return (current != null) ? current : "";
	}

	/**
	 * The ends open on this node.
	 * @return the count
	 */
	public int openEnds() {
		return this.ends.size();
	}

	/**
	 * Stop: every open end's other side is told {@link Pipes#GONE}, and this node's keys
	 * are deleted. Blocks briefly; call at shutdown, not on an event loop.
	 */
	@Override
	public void dispose() {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		this.running.dispose();
		this.ends.forEachEnd((end) -> end.close(GONE));
		String current = this.node;
		if (current != null) {
			this.keepAlive.end(current).block(this.liveness);
		}
		this.reader.close();
		this.writer.close();
	}

	/**
	 * Stop as a crash would: no more reading or heartbeats, nothing said, nothing
	 * deleted. For tests of what the other nodes see.
	 */
	void halt() {
		this.disposed = true;
		this.running.dispose();
		this.reader.close();
		this.writer.close();
	}

	@Override
	public boolean isDisposed() {
		return this.disposed;
	}

}
