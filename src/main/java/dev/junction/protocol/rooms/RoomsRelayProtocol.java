package dev.junction.protocol.rooms;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.core.AddressLimiter;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.ProtocolJson;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

/**
 * The rooms protocol (docs/rooms.md): rooms of any size by a 6-character code; JSON and
 * binary frames forwarded to the other members.
 */
public class RoomsRelayProtocol implements RelayProtocol {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "rooms";

	/** The token claims that bind a token to this protocol. */
	public static final Set<String> BINDING_CLAIMS = Set.of("room");

	private final RoomsProperties properties;

	private final RoomRegistry rooms;

	private final RoomsDecoder decoder;

	private final RoomsEncoder encoder;

	private final AddressLimiter failedJoins;

	private final RoomsOptions options;

	private final AtomicLong live = new AtomicLong();

	public RoomsRelayProtocol(RelayServices services, RoomsProperties properties) {
		this.properties = properties;
		ObjectMapper mapper = ProtocolJson.mapper(maxFrameSize(services.maxFrameSize()));
		this.decoder = new RoomsDecoder(mapper);
		this.encoder = new RoomsEncoder(mapper);
		this.options = new RoomsOptions(properties.getGracePeriod(), properties.getFailedJoinLimit(),
				properties.getFailedJoinPeriod(), properties.getMaxMembers(), properties.getMaxRooms());
		this.rooms = new RoomRegistry(services.hub(), services.directory(), this.encoder, services.scheduler(),
				this.options.gracePeriod(), this.live::addAndGet);
		this.failedJoins = new AddressLimiter(this.options.failedJoinLimit(), this.options.failedJoinPeriod());
	}

	@Override
	public String name() {
		return PROTOCOL;
	}

	@Override
	public ProtocolSettings settings() {
		return this.properties;
	}

	@Override
	public List<String> defaultPaths() {
		return List.of("/ws", "/room/**");
	}

	@Override
	public Set<String> bindingClaims() {
		return BINDING_CLAIMS;
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		return new RoomsConnection(connection, request.token(), this);
	}

	/**
	 * Forget failed-join counts that have fully refilled, once a minute.
	 */
	@Override
	public List<Disposable> start(Scheduler scheduler) {
		return List.of(Flux.interval(Duration.ofMinutes(1), scheduler).subscribe((tick) -> evictIdleLimits()));
	}

	@Override
	public List<LiveCount> liveCounts() {
		return List.of(new LiveCount("rooms", "rooms", this.live::get));
	}

	@Override
	public Mono<List<String>> members(String group) {
		// Codes are case-insensitive, as join_room takes them.
		String code = group.toUpperCase(Locale.ROOT);
		return this.rooms.lookup(code).flatMap((room) -> this.rooms.memberIds(code));
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

	void evictIdleLimits() {
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
