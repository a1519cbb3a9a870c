package dev.junction.protocol.pairs;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Departure;
import dev.junction.cluster.PresenceMember;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The parties of each pairs session on every node, as presence lists them under the
 * session's channel with their client type: whether anybody on the other side is there to
 * receive, who the parties are, and what the other side hears when a party goes,
 * including the parties of a node that went without closing them.
 */
final class PairParties {

	/** The key of a party's client type in its presence entry. */
	static final String CLIENT_TYPE = "client_type";

	private static final Log logger = LogFactory.getLog(PairParties.class);

	private final ChannelHub hub;

	private final PairClaims claims;

	private final PairsEncoder encoder;

	private final Clock clock;

	PairParties(ChannelHub hub, PairClaims claims, PairsEncoder encoder, Clock clock) {
		this.hub = hub;
		this.claims = claims;
		this.encoder = encoder;
		this.clock = clock;
		hub.onDeparture(PairRegistry.CHANNEL_PREFIX, this::departed);
	}

	static Map<String, String> info(ClientType type) {
		return Map.of(CLIENT_TYPE, type.pathName());
	}

	static boolean any(List<PresenceMember> members, ClientType type) {
		return members.stream().anyMatch((member) -> type(member) == type);
	}

	private static @Nullable ClientType type(PresenceMember member) {
		String type = member.info().get(CLIENT_TYPE);
		return (type != null) ? ClientType.fromPath(type) : null;
	}

	/**
	 * Whether the other side of a sender has a party on any node.
	 */
	Mono<Boolean> receiverPresent(String channel, ClientType from) {
		return this.hub.members(channel).map((members) -> members.stream().anyMatch((member) -> {
			ClientType type = type(member);
			return type != null && type.isDesktopSide() != from.isDesktopSide();
		}));
	}

	/**
	 * Tell the other side that the party of a type went: a mobile's going to the desktop
	 * side, a desktop's to the mobile. CLI and dashboard go unannounced.
	 */
	void departed(String channel, ClientType type) {
		long now = this.clock.millis();
		if (type == ClientType.MOBILE) {
			this.hub.publish(channel, null, ClientType.DESKTOP_SIDE, this.encoder.event("mobile_disconnected", now));
		}
		else if (type == ClientType.DESKTOP) {
			this.hub.publish(channel, null, ClientType.MOBILE_SIDE, this.encoder.event("desktop_disconnected", now));
		}
	}

	/**
	 * A party whose node went: the other side hears it went, as if it had closed, unless
	 * a successor of its type is there already (it had been replaced); a session left
	 * with nobody gives up its owner.
	 */
	private void departed(Departure departure) {
		String channel = departure.group();
		ClientType type = type(departure.member());
		this.hub.members(channel).subscribe((members) -> {
			if (type != null && !any(members, type)) {
				departed(channel, type);
			}
			if (members.isEmpty()) {
				this.claims.releaseOwner(channel.substring(PairRegistry.CHANNEL_PREFIX.length())).subscribe();
			}
		}, (error) -> logger.warn("Could not announce a pairs party of a gone node: " + error.getMessage()));
	}

	/**
	 * Let go of a session's owner once it has no party on any node.
	 */
	Mono<Void> releaseIfEmpty(String id) {
		String channel = PairRegistry.channel(id);
		return this.hub.members(channel)
			.filter(List::isEmpty)
			.flatMap((none) -> this.claims.releaseOwner(id))
			// A party that joined meanwhile keeps the owner it was let in under.
			.flatMap((owner) -> this.hub.members(channel)
				.filter((members) -> !members.isEmpty())
				.flatMap((members) -> this.claims.hold(id, owner)))
			.then();
	}

	/**
	 * The parties of a session on every node, for operators.
	 * @return each party's client type and connection id, or an empty {@code Mono} when
	 * the session has no party
	 */
	Mono<List<String>> list(String channel) {
		return this.hub.members(channel)
			.filter((members) -> !members.isEmpty())
			.map((members) -> members.stream()
				.map((member) -> member.info().get(CLIENT_TYPE) + ":" + member.id())
				.toList());
	}

}
