package dev.junction.protocol.pairs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.junction.channel.ChannelHub;
import dev.junction.cluster.Directory;
import dev.junction.security.SessionOwnership;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the {@link Directory} records of each pairs session, so that every node answers
 * alike: who owns the session, and which connection holds each client type's slot.
 *
 * <p>
 * The owner claim holds a digest of the first party's subject (subjects are compared,
 * never stored) under a name that is no node's, so that it outlives the node that made it
 * while parties remain elsewhere; it is let go when the session's last party leaves, and
 * one left behind with no party listed anywhere binds nobody. A slot claim is held by its
 * connection's id and goes with its node.
 */
final class PairClaims {

	/** Directory keys: the owner of a session. */
	static final String OWNER_PREFIX = "pairs-owner:";

	/** Directory keys: the connection in a session's slot of a client type. */
	static final String SLOT_PREFIX = "pairs-slot:";

	/** The owner claim of a session whose first party had no subject. */
	static final String NO_OWNER = "pairs/-";

	private final Directory directory;

	private final ChannelHub hub;

	PairClaims(Directory directory, ChannelHub hub) {
		this.directory = directory;
		this.hub = hub;
	}

	/**
	 * Whether a party may join a session as it is now, claiming nothing: the check before
	 * the upgrade.
	 */
	Mono<Boolean> admits(String id, @Nullable VerifiedToken token) {
		return this.directory.owner(OWNER_PREFIX + id)
			.flatMap((owner) -> admits(owner, token, id) ? Mono.just(true) : abandoned(id))
			.defaultIfEmpty(true);
	}

	/**
	 * Let a party into a session, making the token's subject its owner when the session
	 * has none yet. Of two first parties racing on different nodes, one owns the session
	 * and the other is judged against it.
	 * @return the session's owner claim, or an empty {@code Mono} when the party may not
	 * join
	 */
	Mono<String> admit(String id, @Nullable VerifiedToken token) {
		String key = OWNER_PREFIX + id;
		return this.directory.owner(key).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((current) -> {
			if (current.isEmpty()) {
				String mine = ownerOf(token);
				return this.directory.claim(key, mine, null)
					.flatMap((claimed) -> claimed ? Mono.just(mine) : admit(id, token));
			}
			String owner = current.get();
			if (admits(owner, token, id)) {
				return Mono.just(owner);
			}
			return abandoned(id)
				.flatMap((free) -> free ? this.directory.release(key, owner).then(admit(id, token)) : Mono.empty());
		});
	}

	/**
	 * Whether a session's owner claim was left behind: no party is listed on any node
	 * (its last party's release failed, say). Such a claim binds nobody. A first party
	 * between its claim and its listing may lose its session to another subject this way;
	 * it is then closed 1008, as when two first parties race.
	 */
	private Mono<Boolean> abandoned(String id) {
		return this.hub.members(PairRegistry.channel(id)).map(List::isEmpty);
	}

	/**
	 * Keep a session's owner claim while a party is in it: the last party of the session
	 * may have let it go while this one joined.
	 * @return whether the claim is still this owner's
	 */
	Mono<Boolean> hold(String id, String owner) {
		return this.directory.claim(OWNER_PREFIX + id, owner, null);
	}

	/**
	 * Let go of a session's owner claim, whoever's it is.
	 * @return the claim let go, or an empty {@code Mono} when there was none
	 */
	Mono<String> releaseOwner(String id) {
		String key = OWNER_PREFIX + id;
		return this.directory.owner(key)
			.flatMap((owner) -> this.directory.release(key, owner).filter(Boolean::booleanValue).map((held) -> owner));
	}

	/**
	 * Put a connection in its slot, whoever held it.
	 * @return the connection id of the previous holder, or an empty {@code Mono} when the
	 * slot was free
	 */
	Mono<String> takeSlot(String id, ClientType type, String connectionId) {
		return this.directory.replace(slotKey(id, type), connectionId, null);
	}

	/**
	 * Take a connection out of its slot.
	 * @return whether it still held the slot (not when it was replaced)
	 */
	Mono<Boolean> releaseSlot(String id, ClientType type, String connectionId) {
		return this.directory.release(slotKey(id, type), connectionId);
	}

	private static String slotKey(String id, ClientType type) {
		return SLOT_PREFIX + id + ":" + type.pathName();
	}

	/**
	 * The owner claim a session gets when this token's holder opens it.
	 */
	static String ownerOf(@Nullable VerifiedToken token) {
		String subject = SessionOwnership.ownerOf(token);
		return (subject != null) ? "pairs/" + digest(subject) : NO_OWNER;
	}

	/**
	 * Whether a party may join a session with this owner claim: the same rule as
	 * {@link SessionOwnership#admits}, on the subject's digest.
	 */
	static boolean admits(String owner, @Nullable VerifiedToken token, String id) {
		if (NO_OWNER.equals(owner)) {
			return true;
		}
		if (token == null) {
			return false;
		}
		return owner.equals(ownerOf(token)) || SessionOwnership.namesSession(token, id);
	}

	private static String digest(String subject) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(subject.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
