package dev.junction.protocol;

import java.util.List;
import java.util.Set;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.security.AuthPolicy;
import dev.junction.security.VerifiedToken;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * One wire protocol as the server sees it: where it is served, how its upgrades are
 * authenticated, how it handles a connection, and what it reports. Each protocol package
 * contributes one bean of this type; the web layer, security, health, metrics and the
 * drain loop over those beans, so a new protocol is one package and nothing else.
 *
 * <p>
 * A protocol knows nothing of the transport: it is handed core {@link Connection
 * connections} and returns a {@link ConnectionHandler} for each.
 */
public interface RelayProtocol {

	/**
	 * The protocol's name in configuration ({@code junction.protocols.<name>}), logs and
	 * meters.
	 * @return the name
	 */
	String name();

	/**
	 * The settings every protocol shares.
	 * @return the settings
	 */
	ProtocolSettings settings();

	/**
	 * The path patterns the protocol is served on unless configured otherwise.
	 * @return the default paths
	 */
	List<String> defaultPaths();

	/**
	 * Whether {@code junction.protocols.<name>.paths} may replace the default paths;
	 * protocols whose paths carry ids keep theirs.
	 * @return true when the paths are configurable
	 */
	default boolean configurablePaths() {
		return true;
	}

	/**
	 * The path patterns to serve.
	 * @return the configured paths, or the defaults
	 */
	default List<String> paths() {
		List<String> configured = settings().getPaths();
		return (configurablePaths() && !configured.isEmpty()) ? List.copyOf(configured) : defaultPaths();
	}

	/**
	 * The subprotocols the handshake may select. Browsers send their token as the pair
	 * {@code bearer, <jwt>}, and the handshake then selects {@code bearer}.
	 * @return the subprotocols
	 */
	default List<String> subprotocols() {
		return List.of("bearer");
	}

	/**
	 * The protocol's own frame limit when it has one, used unless
	 * {@code junction.protocols.<name>.max-frame-size} is set.
	 * @return the default limit, or {@code null} for
	 * {@code junction.limits.max-frame-size}
	 */
	default @Nullable DataSize defaultMaxFrameSize() {
		return null;
	}

	/**
	 * The largest frame the protocol accepts; larger ones close the connection with 1009.
	 * @param global the node's limit, {@code junction.limits.max-frame-size}
	 * @return the limit in bytes
	 */
	default int maxFrameSize(DataSize global) {
		DataSize size = settings().getMaxFrameSize();
		if (size == null) {
			size = defaultMaxFrameSize();
		}
		return ProtocolSettings.toInt((size != null) ? size : global);
	}

	/**
	 * Whether upgrades need a token.
	 * @return the policy
	 */
	default AuthPolicy authPolicy() {
		return settings().getAuth();
	}

	/**
	 * Whether the protocol may receive its token in a frame after the upgrade, so that an
	 * upgrade without one is let through even when a token is required. Such connections
	 * get only the small pre-authentication frame limit until they authenticate.
	 * @return true for in-band authentication
	 */
	default boolean inBandToken() {
		return false;
	}

	/**
	 * The token claims that bind a token to this protocol's groups ({@code room},
	 * {@code sid}, ...). A token with any binding claim of any protocol opens only the
	 * protocols whose claims it carries.
	 * @return the binding claims
	 */
	default Set<String> bindingClaims() {
		return Set.of();
	}

	/**
	 * Check a verified handshake token against what the upgrade asks for, beyond which
	 * protocols it opens (a session claim naming another session, say).
	 * @param request the upgrade
	 * @param token the verified token
	 * @return the refusal reason, or {@code null} when the token may open this
	 */
	default @Nullable String refuseToken(UpgradeRequest request, VerifiedToken token) {
		return null;
	}

	/**
	 * Whether the protocol would serve the request at all; one it refuses anyway (HTTP
	 * 400 for a bad id, from {@link #precheck}) is left unauthenticated.
	 * @param request the upgrade
	 * @return true when the request is well formed
	 */
	default boolean serves(UpgradeRequest request) {
		return true;
	}

	/**
	 * Refuse an upgrade before it happens, after its token was verified. Answers without
	 * blocking, as a check that asks the cluster would.
	 * @param request the upgrade
	 * @return the HTTP refusal, or an empty {@code Mono} to let the upgrade proceed
	 */
	default Mono<Refusal> precheck(UpgradeRequest request) {
		return Mono.empty();
	}

	/**
	 * Take over an upgraded connection.
	 * @param connection the connection
	 * @param request the upgrade it came from
	 * @return the handler of the connection's frames and close
	 */
	ConnectionHandler open(Connection connection, UpgradeRequest request);

	/**
	 * The {@code type} of a first text frame that picks this protocol on the bare-host
	 * endpoint {@code /}, for protocols whose legacy clients connect there.
	 * @return the message type, or {@code null} when the protocol is not served on
	 * {@code /}
	 */
	default @Nullable String rootMessageType() {
		return null;
	}

	/**
	 * Start the protocol's periodic work (sweeps, stats lines). Called when the node
	 * starts; the returned tasks are disposed when it stops.
	 * @param scheduler the node's scheduler
	 * @return the running tasks
	 */
	default List<Disposable> start(Scheduler scheduler) {
		return List.of();
	}

	/**
	 * The protocol's live counts, for the health document and the
	 * {@code junction_groups_active} gauge.
	 * @return the counts
	 */
	default List<LiveCount> liveCounts() {
		return List.of();
	}

	/**
	 * Register the protocol's own meters.
	 * @param registry the meter registry
	 */
	default void bindMeters(MeterRegistry registry) {
	}

	/**
	 * The protocol's plain HTTP routes, if it has any.
	 * @return the routes, or {@code null}
	 */
	default @Nullable RouterFunction<ServerResponse> routes() {
		return null;
	}

	/**
	 * The members of one of the protocol's groups, for operators: ids only, never
	 * payloads. Answers without blocking, as a networked member list would.
	 * @param group the group's code or name
	 * @return the member ids, or an empty {@code Mono} when the protocol has no such
	 * group
	 */
	default Mono<List<String>> members(String group) {
		return Mono.empty();
	}

	/**
	 * What an operator should know about this protocol's settings at start-up.
	 * @return one line per warning
	 */
	default List<String> startupWarnings() {
		return List.of();
	}

}
