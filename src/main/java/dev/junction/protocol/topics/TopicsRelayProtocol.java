package dev.junction.protocol.topics;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.ProtocolJson;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.RelayServices;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.protocol.topics.TopicsMessage.Reason;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.ObjectMapper;

/**
 * The topics protocol (docs/topics.md): peers join a topic by name, and the {@code data}
 * one sends goes to every other peer of the topic. Legacy clients connect to the bare
 * host {@code /} and pick it with a first {@code join}.
 */
public class TopicsRelayProtocol implements RelayProtocol {

	/** The protocol's name in configuration, logs and meters. */
	public static final String PROTOCOL = "topics";

	/** The token claims that bind a token to this protocol. */
	public static final Set<String> BINDING_CLAIMS = Set.of("topic");

	/** The paths it is served on. */
	public static final List<String> PATHS = List.of("/topics");

	private final TopicsProperties properties;

	private final TopicsProtocol protocol;

	private final TopicsStats stats;

	private final AtomicLong liveTopics = new AtomicLong();

	private final AtomicLong livePeers = new AtomicLong();

	public TopicsRelayProtocol(RelayServices services, TopicsProperties properties) {
		this.properties = properties;
		Clock clock = services.clock();
		ObjectMapper mapper = ProtocolJson.mapper(maxFrameSize(services.maxFrameSize()));
		TopicsEncoder encoder = new TopicsEncoder(mapper);
		TopicRegistry topics = new TopicRegistry(services.hub(), encoder, this.liveTopics::addAndGet,
				this.livePeers::addAndGet);
		this.protocol = new TopicsProtocol(topics, new TopicsDecoder(mapper), encoder, new PeerIds(clock),
				new DroppedFrames());
		this.stats = new TopicsStats(this.liveTopics::get, this.livePeers::get, properties.getStatsInterval());
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
		return PATHS;
	}

	@Override
	public Set<String> bindingClaims() {
		return BINDING_CLAIMS;
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		return new TopicsConnection(connection, this.protocol, request.token());
	}

	@Override
	public @Nullable String rootMessageType() {
		return "join";
	}

	/**
	 * The periodic line with the number of topics and peers of this node.
	 */
	@Override
	public List<Disposable> start(Scheduler scheduler) {
		return List.of(this.stats.start(scheduler));
	}

	@Override
	public List<LiveCount> liveCounts() {
		TopicRegistry topics = this.protocol.topics();
		return List.of(new LiveCount("topics", "topics", this.liveTopics::get),
				new LiveCount(null, "peers", this.livePeers::get));
	}

	@Override
	public Mono<List<String>> members(String group) {
		TopicRegistry topics = this.protocol.topics();
		return topics.has(group) ? topics.memberIds(group) : Mono.empty();
	}

	/**
	 * How many frames were dropped without reply, for a reason.
	 * @param reason the reason
	 * @return the count since start-up
	 */
	long droppedFrames(Reason reason) {
		return this.protocol.dropped().count(reason);
	}

	long liveTopics() {
		return this.liveTopics.get();
	}

	long livePeers() {
		return this.livePeers.get();
	}

	boolean hasTopic(String name) {
		return this.protocol.topics().has(name);
	}

	int memberCount(String name) {
		return this.protocol.topics().memberCount(name);
	}

}
