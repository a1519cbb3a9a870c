package dev.junction.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the nodes' pipe inboxes and liveness keys live, and the writing side of
 * {@link RedisPipes}: appending an entry to another node's inbox. Every append goes
 * through the one writer connection, so the entries towards one node land in the order
 * sent.
 */
final class RedisPipeInboxes {

	// Logged under RedisPipes, where operators look for the pipes' warnings.
	private static final Log logger = LogFactory.getLog(RedisPipes.class);

	/** The entries an inbox may hold before Redis trims it: a safety net only. */
	static final long INBOX_CAP = 100_000;

	private final String prefix;

	private final StatefulRedisConnection<String, byte[]> writer;

	private final Supplier<String> node;

	/**
	 * @param prefix the prefix of every key
	 * @param writer the connection every append goes through
	 * @param node this node's name, as the sender of every entry
	 */
	RedisPipeInboxes(String prefix, StatefulRedisConnection<String, byte[]> writer, Supplier<String> node) {
		this.prefix = prefix;
		this.writer = writer;
		this.node = node;
	}

	/**
	 * Append an entry to another node's inbox.
	 * @return whether it was appended (the inbox exists and Redis answered)
	 */
	Mono<Boolean> append(String toNode, String pipeId, String type, Map<String, byte[]> fields) {
		Map<String, byte[]> body = new HashMap<>(fields);
		body.put("t", utf8(type));
		body.put("p", utf8(pipeId));
		body.put("f", utf8(this.node.get()));
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

}
