package dev.junction.protocol.topics;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.junction.channel.ChannelHub;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionAdopter;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.NodeCounters;
import dev.junction.protocol.topics.TopicsMessage.Reason;
import dev.junction.security.TokenSources;
import dev.junction.security.VerifiedToken;
import dev.junction.web.WebSocketBridge;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The topics protocol (the README's Topics section): peers join a topic by name, and the
 * {@code data} one sends goes to every other peer of the topic.
 */
public class TopicsWebSocketHandler implements WebSocketHandler, ConnectionAdopter {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "topics";

	/** The paths it is served on. */
	public static final List<String> PATHS = List.of("/topics");

	private final WebSocketBridge bridge;

	private final TopicsProtocol protocol;

	private final TopicsStats stats;

	public TopicsWebSocketHandler(WebSocketBridge bridge, ChannelHub hub, NodeCounters counters, ObjectMapper mapper,
			Clock clock, TopicsOptions options) {
		this.bridge = bridge;
		TopicsEncoder encoder = new TopicsEncoder(mapper);
		this.protocol = new TopicsProtocol(
				new TopicRegistry(hub, encoder, counters.topics()::addAndGet, counters.peers()::addAndGet),
				new TopicsDecoder(mapper), encoder, new PeerIds(clock), new DroppedFrames());
		this.stats = new TopicsStats(counters, options.statsInterval());
	}

	/**
	 * Browsers send their token as the subprotocol pair {@code bearer, <jwt>}; the
	 * handshake then selects {@code bearer}.
	 */
	@Override
	public List<String> getSubProtocols() {
		return List.of(TokenSources.BEARER_PROTOCOL);
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		VerifiedToken token = VerifiedToken.from(session.getAttributes());
		return this.bridge.serve(session, PROTOCOL,
				(connection) -> new TopicsConnection(connection, this.protocol, token));
	}

	@Override
	public ConnectionHandler adopt(Connection connection, Map<String, Object> attributes) {
		return new TopicsConnection(connection, this.protocol, VerifiedToken.from(attributes));
	}

	/**
	 * Start logging the number of topics and peers of this node, one INFO line per
	 * interval.
	 * @param scheduler the scheduler of the log task
	 * @return the running task
	 */
	public Disposable startStatsLog(Scheduler scheduler) {
		return this.stats.start(scheduler);
	}

	/**
	 * How many frames were dropped without reply, for a reason.
	 * @param reason the reason
	 * @return the count since start-up
	 */
	long droppedFrames(Reason reason) {
		return this.protocol.dropped().count(reason);
	}

	boolean hasTopic(String name) {
		return this.protocol.topics().has(name);
	}

	int memberCount(String name) {
		return this.protocol.topics().memberCount(name);
	}

}
