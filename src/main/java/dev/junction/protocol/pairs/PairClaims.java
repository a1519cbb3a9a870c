package dev.junction.protocol.pairs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
 * while parties remain elsewhere; it is let go when the session's last party leaves. A
 * slot claim is held by its connection's id and goes with its node.
 */
final class PairClaims {

	/** Directory keys: the owner of a session. */
	static final String OWNER_PREFIX = "pairs-owner:";

	/** Directory keys: the connection in a session's slot of a client type. */
	static final String SLOT_PREFIX = "pairs-slot:";

	/** The owner claim of a session whose first party had no subject. */
	static final String NO_OWNER = "pairs/-";

	private final Directory directory;

	PairClaims(Directory directory) {
		this.directory = directory;
	}

	/**
	 * Whether a party may join a session as it is now, claiming nothing: the check before
	 * the upgrade.
	 */
	Mono<Boolean> admits(String id, @Nullable VerifiedToken token) {
		return this.directory.owner(OWNER_PREFIX + id).map((owner) -> admits(owner, token, id)).defaultIfEmpty(true);
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
		String mine = ownerOf(token);
		return this.directory.owner(key)
			.switchIfEmpty(Mono.defer(() -> this.directory.claim(key, mine, null)
				.flatMap((claimed) -> claimed ? Mono.just(mine) : Mono.defer(() -> admit(id, token)))))
			.filter((owner) -> admits(owner, token, id));
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
