package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.Pipes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
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

	/** The entries an inbox may hold before Redis trims it: a safety net only. */
	static final long INBOX_CAP = 100_000;

	private final String prefix;

	private final long window;

	private final Duration liveness;

	private final StatefulRedisConnection<String, byte[]> writer;

	private final StatefulRedisConnection<String, byte[]> reader;

	private final Map<String, RedisPipeEnd> ends = new ConcurrentHashMap<>();

	private final Map<String, Sinks.One<Opening>> openings = new ConcurrentHashMap<>();

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
		this.prefix = prefix;
		this.window = window;
		this.liveness = liveness;
		this.writer = client.connect(CODEC);
		this.reader = client.connect(CODEC);
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
			String key = toNode + "/" + pipeId;
			Sinks.One<Opening> answer = Sinks.one();
			this.openings.put(key, answer);
			this.ends.put(key, new RedisPipeEnd(this, pipeId, toNode, receiver, this.window));
			append(toNode, pipeId, "open", Map.of("g", utf8(greeting))).subscribe((sent) -> {
				if (!sent) {
					refused(key, GONE);
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
		String inbox = inbox(node);
		RedisReactiveCommands<String, byte[]> commands = this.writer.reactive();
		// The inbox exists from the start, so that appends to a node that went fail.
		commands.xadd(inbox, Map.of("t", utf8("nop")))
			.then(commands.pexpire(inbox, this.liveness))
			.then(commands.set(alive(node), utf8("1"), SetArgs.Builder.px(this.liveness)))
			.block(this.liveness);
		Duration beat = this.liveness.dividedBy(3);
		this.running.add(Flux.interval(beat, beat).concatMap((tick) -> heartbeat(node)).subscribe());
		this.running.add(read(inbox, "0-0").subscribe());
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
					endAll();
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
		String type = text(body.get("t"));
		String pipeId = text(body.get("p"));
		String from = text(body.get("f"));
		String key = from + "/" + pipeId;
		switch (type) {
			case "open" -> opened(pipeId, from, text(body.get("g")));
			case "accept" -> accepted(key);
			case "refuse" -> refused(key, text(body.get("r")));
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
			append(from, pipeId, "refuse", Map.of("r", utf8(GONE))).subscribe();
			return;
		}
		current.opened(new Request() {

			@Override
			public String pipeId() {
				return pipeId;
			}

			@Override
			public String fromNode() {
				return from;
			}

			@Override
			public String greeting() {
				return greeting;
			}

			@Override
			public PipeEnd accept(PipeEnd.Receiver receiver) {
				RedisPipeEnd end = new RedisPipeEnd(RedisPipes.this, pipeId, from, receiver, RedisPipes.this.window);
				RedisPipes.this.ends.put(from + "/" + pipeId, end);
				end.sendControl("accept", Map.of());
				return end;
			}

			@Override
			public void refuse(String reason) {
				append(from, pipeId, "refuse", Map.of("r", utf8(reason))).subscribe();
			}

		});
	}

	private void accepted(String key) {
		Sinks.One<Opening> answer = this.openings.remove(key);
		RedisPipeEnd end = this.ends.get(key);
		if (answer != null && end != null) {
			answer.tryEmitValue(new Opening(end, null));
		}
	}

	private void refused(String key, String reason) {
		this.ends.remove(key);
		Sinks.One<Opening> answer = this.openings.remove(key);
		if (answer != null) {
			answer.tryEmitValue(new Opening(null, reason));
		}
	}

	private Mono<Void> heartbeat(String node) {
		RedisReactiveCommands<String, byte[]> commands = this.writer.reactive();
		Set<String> others = this.ends.values().stream().map(RedisPipeEnd::otherNode).collect(Collectors.toSet());
		this.openings.keySet().forEach((key) -> others.add(key.substring(0, key.indexOf('/'))));
		Mono<Void> refresh = commands.set(alive(node), utf8("1"), SetArgs.Builder.px(this.liveness))
			.then(commands.pexpire(inbox(node), this.liveness))
			.then();
		Flux<Void> checks = Flux.fromIterable(others)
			.concatMap((other) -> commands.exists(alive(other)).doOnNext((count) -> {
				if (count == 0) {
					nodeGone(other);
				}
			}))
			.thenMany(Flux.empty());
		return refresh.thenMany(checks).then().onErrorResume((ex) -> {
			logger.warn("Pipe heartbeat failed: " + ex.getMessage());
			endAll();
			return Mono.empty();
		});
	}

	private void nodeGone(String other) {
		this.ends.forEach((key, end) -> {
			if (end.otherNode().equals(other)) {
				gone(end);
			}
		});
		List.copyOf(this.openings.keySet())
			.stream()
			.filter((key) -> key.startsWith(other + "/"))
			.forEach((key) -> refused(key, GONE));
	}

	private void endAll() {
		this.ends.values().forEach(this::gone);
		List.copyOf(this.openings.keySet()).forEach((key) -> refused(key, GONE));
	}

	private void gone(RedisPipeEnd end) {
		this.ends.remove(end.key(), end);
		end.ended(GONE);
	}

	/**
	 * Append an entry to another node's inbox.
	 * @return whether it was appended (the inbox exists and Redis answered)
	 */
	Mono<Boolean> append(String toNode, String pipeId, String type, Map<String, byte[]> fields) {
		Map<String, byte[]> body = new HashMap<>(fields);
		body.put("t", utf8(type));
		body.put("p", utf8(pipeId));
		body.put("f", utf8(currentNode()));
		XAddArgs args = XAddArgs.Builder.maxlen(INBOX_CAP).nomkstream();
		return this.writer.reactive()
			.xadd(inbox(toNode), args, body)
			.map((id) -> true)
			.defaultIfEmpty(false)
			.onErrorResume((ex) -> {
				logger.warn("Appending to the pipe inbox of node " + toNode + " failed: " + ex.getMessage());
				return Mono.just(false);
			});
	}

	void removed(RedisPipeEnd end) {
		this.ends.remove(end.key(), end);
	}

	private String currentNode() {
		String current = this.node;
		return (current != null) ? current : "";
	}

	String inbox(String node) {
		return this.prefix + "pipes:" + node;
	}

	String alive(String node) {
		return this.prefix + "pipes:" + node + ":alive";
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte @Nullable [] bytes) {
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
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
		this.ends.values().forEach((end) -> end.close(GONE));
		String current = this.node;
		if (current != null) {
			this.writer.reactive().del(inbox(current), alive(current)).block(this.liveness);
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
