package dev.junction.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.junction.cluster.Directory;
import dev.junction.core.Connection;
import dev.junction.core.NodeId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Who holds which peer id in the cluster, as the {@link Directory} records it: a
 * registration claims its id under its connection id and a digest of its subject, so that
 * any node can tell whether a newcomer of the same subject may take the id over, and
 * releases it when removed.
 */
final class PeerClaims {

	/** Directory keys: who holds a peer id in the cluster. */
	static final String KEY_PREFIX = "signaling-peer-id:";

	private static final char SEPARATOR = '/';

	private static final Log logger = LogFactory.getLog(PeerClaims.class);

	private final Directory directory;

	private final NodeId node;

	PeerClaims(Directory directory, NodeId node) {
		this.directory = directory;
		this.node = node;
	}

	/**
	 * Who holds a peer id on another node than this one.
	 * @return the holder, or an empty {@code Mono} when the id is free or held here
	 */
	Mono<Holder> heldElsewhere(String peerId) {
		return this.directory.owner(KEY_PREFIX + peerId)
			.filter((owner) -> !NodeId.of(owner).equals(this.node.value()))
			.map(Holder::parse);
	}

	/**
	 * Who holds a peer id.
	 * @return the holder, or an empty {@code Mono} when the id is free
	 */
	Mono<Holder> holder(String peerId) {
		return this.directory.owner(KEY_PREFIX + peerId).map(Holder::parse);
	}

	Mono<Void> claim(Registration registration) {
		return this.directory.claim(KEY_PREFIX + registration.peerId, owner(registration), null).doOnNext((claimed) -> {
			if (!claimed) {
				logger.warn("Peer id " + registration.peerId + " was claimed on another node meanwhile");
			}
		}).then();
	}

	/**
	 * Take a peer id over from whoever holds it.
	 * @return the previous holder's connection id, or an empty {@code Mono} when the id
	 * had come free meanwhile
	 */
	Mono<String> takeOver(String peerId, Connection connection, @Nullable String subject) {
		return this.directory.replace(KEY_PREFIX + peerId, owner(connection, subject), null)
			.map((previous) -> Holder.parse(previous).connectionId());
	}

	/**
	 * Let go of a registration's peer id.
	 * @return whether the registration still held it (not when it was taken over)
	 */
	Mono<Boolean> release(Registration registration) {
		return this.directory.release(KEY_PREFIX + registration.peerId, owner(registration));
	}

	private static String owner(Registration registration) {
		return owner(registration.connection, registration.subject);
	}

	private static String owner(Connection connection, @Nullable String subject) {
		return connection.id() + SEPARATOR + digest(subject);
	}

	/**
	 * A digest of a subject, so that subjects are compared without storing them.
	 */
	static String digest(@Nullable String subject) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			String value = (subject != null) ? "s:" + subject : "-";
			return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * The holder of a peer id as its claim names it.
	 *
	 * @param connectionId the holding connection
	 * @param subjectDigest the {@link #digest} of its subject, or {@code ""} when unknown
	 */
	record Holder(String connectionId, String subjectDigest) {

		static Holder parse(String owner) {
			int at = owner.indexOf(SEPARATOR);
			return (at < 0) ? new Holder(owner, "") : new Holder(owner.substring(0, at), owner.substring(at + 1));
		}

		boolean isSubject(@Nullable String subject) {
			return this.subjectDigest.equals(digest(subject));
		}

	}

}
