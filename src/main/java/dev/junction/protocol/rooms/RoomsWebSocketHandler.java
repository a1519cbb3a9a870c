package dev.junction.protocol.rooms;

import java.util.List;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Directory;
import dev.junction.core.AddressLimiter;
import dev.junction.core.NodeCounters;
import dev.junction.security.TokenSources;
import dev.junction.security.VerifiedToken;
import dev.junction.web.WebSocketBridge;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The rooms protocol (the README's Rooms section): rooms of any size by a 6-character
 * code; JSON and binary frames forwarded to the other members.
 */
public class RoomsWebSocketHandler implements WebSocketHandler {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "rooms";

	private final WebSocketBridge bridge;

	private final RoomRegistry rooms;

	private final RoomsDecoder decoder;

	private final RoomsEncoder encoder;

	private final AddressLimiter failedJoins;

	private final RoomsOptions options;

	public RoomsWebSocketHandler(WebSocketBridge bridge, ChannelHub hub, Directory directory, NodeCounters counters,
			ObjectMapper mapper, Scheduler scheduler, RoomsOptions options) {
		this.bridge = bridge;
		this.decoder = new RoomsDecoder(mapper);
		this.encoder = new RoomsEncoder(mapper);
		this.rooms = new RoomRegistry(hub, directory, this.encoder, scheduler, options.gracePeriod(),
				counters.rooms()::addAndGet);
		this.failedJoins = new AddressLimiter(options.failedJoinLimit(), options.failedJoinPeriod());
		this.options = options;
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
		return this.bridge.serve(session, PROTOCOL, (connection) -> new RoomsConnection(connection, token, this));
	}

	RoomRegistry rooms() {
		return this.rooms;
	}

	RoomsDecoder decoder() {
		return this.decoder;
	}

	RoomsEncoder encoder() {
		return this.encoder;
	}

	AddressLimiter failedJoins() {
		return this.failedJoins;
	}

	RoomsOptions options() {
		return this.options;
	}

	/**
	 * Forget failed-join counts that have fully refilled.
	 */
	public void evictIdleLimits() {
		this.failedJoins.evictIdle();
	}

	public int roomCount() {
		return this.rooms.size();
	}

	boolean hasRoom(String code) {
		return this.rooms.find(code) != null;
	}

	int memberCount(String code) {
		return this.rooms.memberCount(code);
	}

}
