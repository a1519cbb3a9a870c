package dev.junction.protocol.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Optional;

import dev.junction.core.CloseReason;
import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.core.ReplyError;
import dev.junction.protocol.signaling.SignalingMessage.Register;
import dev.junction.protocol.signaling.SignalingRooms.RoomRecord;
import dev.junction.security.AuthFailures;
import dev.junction.security.AuthPolicy;
import dev.junction.security.TokenRejectedException;
import dev.junction.security.VerifiedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One signaling client. Frames are handled strictly in order: while a {@code register}
 * waits for its user token to be verified, later frames wait in a bounded queue, and run
 * once the registration is complete, on whichever thread completed it. Nothing blocks.
 */
final class SignalingConnection implements ConnectionHandler {

	/** Frames that may wait behind a registration before the client is shed. */
	static final int MAX_PENDING_FRAMES = 1024;

	private static final Log logger = LogFactory.getLog(SignalingConnection.class);

	private final Connection connection;

	private final @Nullable VerifiedToken handshakeToken;

	private final SignalingRelayProtocol protocol;

	private final PeerCommands commands;

	private final ArrayDeque<Frame> pending = new ArrayDeque<>();

	private boolean verifying;

	private boolean pumping;

	private boolean closed;

	private @Nullable Registration registration;

	SignalingConnection(Connection connection, @Nullable VerifiedToken handshakeToken,
			SignalingRelayProtocol protocol) {
		this.connection = connection;
		this.handshakeToken = handshakeToken;
		this.protocol = protocol;
		this.commands = new PeerCommands(connection, protocol);
	}

	@Override
	public synchronized void onFrame(Frame frame) {
		if (this.closed) {
			return;
		}
		if (this.pending.size() >= MAX_PENDING_FRAMES) {
			logger.info("Closing " + this.connection + ": too many frames waiting for a registration");
			this.connection.abort(CloseReason.TRY_AGAIN_LATER);
			return;
		}
		this.pending.add(frame);
		pump();
	}

	private void pump() {
		if (this.pumping) {
			return;
		}
		this.pumping = true;
		try {
			while (!this.verifying && !this.closed) {
				Frame frame = this.pending.poll();
				if (frame == null) {
					return;
				}
				handle(frame);
			}
		}
		finally {
			this.pumping = false;
		}
	}

	private void handle(Frame frame) {
		SignalingMessage message = this.protocol.decoder().decode(frame.bytes());
		if (message instanceof Register register) {
			// Later frames wait for the whole registration, whose steps (token, room,
			// registry) may answer from the cluster after the client has been told.
			this.verifying = true;
			register(register).doFinally((signal) -> registrationDone()).subscribe(null, this::failed);
		}
		else {
			this.commands.handle(message, current());
		}
	}

	private synchronized void registrationDone() {
		this.verifying = false;
		pump();
	}

	private Mono<Void> register(Register register) {
		MetadataLimits limits = this.protocol.options().metadataLimits();
		if (!limits.allows(register.metadata())) {
			reply(limits.registrationError());
			return Mono.empty();
		}
		if (this.protocol.options().auth() == AuthPolicy.NONE) {
			return complete(register, null);
		}
		AuthFailures failures = this.protocol.guard().authFailures();
		String address = this.connection.remoteAddress();
		if (failures.isLockedOut(address)) {
			// Over the failed-authentication limit: refused unchecked, as an upgrade is.
			reply(SignalingErrors.INVALID_USER_TOKEN);
			return Mono.empty();
		}
		return this.protocol.verifyUserToken(register.userToken()).map(Optional::of).onErrorResume((ex) -> {
			if (!(ex instanceof TokenRejectedException)) {
				logger.warn("Token verification failed unexpectedly on " + this.connection, ex);
			}
			failures.record(SignalingRelayProtocol.PROTOCOL, address,
					(ex instanceof TokenRejectedException rejected) ? rejected.reason() : "invalid token");
			return Mono.just(Optional.empty());
		}).flatMap((token) -> verified(register, token.orElse(null)));
	}

	private Mono<Void> verified(Register register, @Nullable VerifiedToken token) {
		if (this.closed) {
			return Mono.empty();
		}
		if (token == null || !this.protocol.claimScope().opens(token, SignalingRelayProtocol.PROTOCOL)) {
			// A token scoped to another protocol is as good as a bad one here.
			reply(SignalingErrors.INVALID_USER_TOKEN);
			return Mono.empty();
		}
		return complete(register, token);
	}

	/**
	 * The checks after the user token's, in the contract's order; then the registration.
	 */
	private Mono<Void> complete(Register register, @Nullable VerifiedToken token) {
		SignalingRooms rooms = this.protocol.rooms();
		SignalingGuard guard = this.protocol.guard();
		String address = this.connection.remoteAddress();
		if (guard.joinsLockedOut(address)) {
			// Too many wrong rooms or room tokens: no lookup, the answer of a wrong
			// token.
			reply(SignalingErrors.INVALID_ROOM_TOKEN);
			return Mono.empty();
		}
		return rooms.find(register.roomId())
			.flatMap((room) -> registerIn(room, register, token))
			.switchIfEmpty(Mono.fromRunnable(() -> {
				guard.failedJoin(address, "room not found");
				reply(SignalingErrors.ROOM_NOT_FOUND);
			}))
			.then();
	}

	private synchronized void registered(Registration registered) {
		if (this.closed) {
			// Closed while registering: its close found nothing to take out.
			this.protocol.peers().unregister(registered).subscribe(null, this::failed);
			return;
		}
		this.registration = registered;
	}

	private void failed(Throwable error) {
		// The cluster refused (a backplane down, say): the client cannot be served.
		logger.warn(this.connection + " failed: " + error.getMessage());
		this.connection.close(CloseReason.INTERNAL_ERROR);
	}

	/**
	 * @return completes once the registration is in place or refused; a refusal never
	 * fails the {@code Mono}, it is answered here
	 */
	private Mono<Boolean> registerIn(RoomRecord room, Register register, @Nullable VerifiedToken token) {
		SignalingGuard guard = this.protocol.guard();
		String address = this.connection.remoteAddress();
		if (!MessageDigest.isEqual(room.token().getBytes(StandardCharsets.UTF_8),
				register.roomToken().getBytes(StandardCharsets.UTF_8))) {
			guard.failedJoin(address, "invalid room token");
			reply(SignalingErrors.INVALID_ROOM_TOKEN);
			return Mono.just(false);
		}
		if (this.protocol.rooms().isExpired(room)) {
			reply(SignalingErrors.ROOM_EXPIRED);
			return Mono.just(false);
		}
		if (token != null && !token.allows("role", register.role())) {
			reply(SignalingErrors.ROLE_NOT_ALLOWED);
			return Mono.just(false);
		}
		VerifiedToken identity = (token != null) ? token : this.handshakeToken;
		this.connection.authenticated();
		return this.protocol.peers()
			.register(this.connection, current(), register, (identity != null) ? identity.subject() : null)
			.doOnNext(this::registered)
			.map((registered) -> true)
			// Another user's (or another room's) peer: it stays, and so does ours.
			.switchIfEmpty(Mono.fromSupplier(() -> {
				reply(SignalingErrors.PEER_ID_IN_USE);
				return false;
			}));
	}

	private @Nullable Registration current() {
		Registration current = this.registration;
		return (current != null && this.protocol.peers().isCurrent(current)) ? current : null;
	}

	private void reply(ReplyError error) {
		this.connection.send(this.protocol.encoder().error(error));
	}

	@Override
	public synchronized void onClose(int code) {
		this.closed = true;
		this.pending.clear();
		if (this.registration != null) {
			this.protocol.peers().unregister(this.registration).subscribe(null, this::failed);
			this.registration = null;
		}
	}

}
