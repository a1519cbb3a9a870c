package dev.junction.protocol.signaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.protocol.ProtocolSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The signaling protocol's settings, under {@code junction.protocols.signaling}. Its
 * frame limit defaults to 1 MiB.
 */
@ConfigurationProperties("junction.protocols.signaling")
public class SignalingProperties extends ProtocolSettings {

	/** Whether POST /anonymous-signin mints short-lived tokens for anyone. */
	private boolean anonymousSignin;

	/**
	 * Rooms made by POST /create-room a node holds at once, each until it is dropped
	 * (twice the room TTL after creation); then 503 with Retry-After.
	 */
	private int maxRooms = 100_000;

	public boolean isAnonymousSignin() {
		return this.anonymousSignin;
	}

	public void setAnonymousSignin(boolean anonymousSignin) {
		this.anonymousSignin = anonymousSignin;
	}

	public int getMaxRooms() {
		return this.maxRooms;
	}

	public void setMaxRooms(int maxRooms) {
		this.maxRooms = maxRooms;
	}

	/** Time between the server's {"type":"ping"} frames to a registered peer. */
	private Duration pingInterval = Duration.ofSeconds(30);

	/** How long a room made by POST /create-room accepts registrations. */
	private Duration roomTtl = Duration.ofHours(2);

	/** How long a token from POST /anonymous-signin is valid. */
	private Duration anonymousTokenLifetime = Duration.ofHours(1);

	/** Most entries in one peer's metadata tags; more are refused. */
	private int maxTags = 256;

	/** Largest metadata of one peer, as compact JSON; larger is refused. */
	private DataSize maxMetadataSize = DataSize.ofKilobytes(64);

	/** ICE servers sent to every registrant in registered_auth. */
	private List<IceServer> iceServers = new ArrayList<>();

	/** POST /create-room calls per minute from one client address (then 429). */
	private long createRoomsPerMinutePerAddress = 60;

	/** Rooms per minute one token subject may create (then 429). */
	private long createRoomsPerMinutePerSubject = 30;

	/** POST /anonymous-signin calls per minute from one client address (then 429). */
	private long anonymousSigninsPerMinutePerAddress = 30;

	/**
	 * Registrations naming an unknown room or a wrong room token per minute from one
	 * client address; over it, register answers "Invalid token" without a lookup.
	 */
	private long failedJoinsPerMinutePerAddress = 20;

	public long getCreateRoomsPerMinutePerAddress() {
		return this.createRoomsPerMinutePerAddress;
	}

	public void setCreateRoomsPerMinutePerAddress(long createRoomsPerMinutePerAddress) {
		this.createRoomsPerMinutePerAddress = createRoomsPerMinutePerAddress;
	}

	public long getCreateRoomsPerMinutePerSubject() {
		return this.createRoomsPerMinutePerSubject;
	}

	public void setCreateRoomsPerMinutePerSubject(long createRoomsPerMinutePerSubject) {
		this.createRoomsPerMinutePerSubject = createRoomsPerMinutePerSubject;
	}

	public long getAnonymousSigninsPerMinutePerAddress() {
		return this.anonymousSigninsPerMinutePerAddress;
	}

	public void setAnonymousSigninsPerMinutePerAddress(long anonymousSigninsPerMinutePerAddress) {
		this.anonymousSigninsPerMinutePerAddress = anonymousSigninsPerMinutePerAddress;
	}

	public long getFailedJoinsPerMinutePerAddress() {
		return this.failedJoinsPerMinutePerAddress;
	}

	public void setFailedJoinsPerMinutePerAddress(long failedJoinsPerMinutePerAddress) {
		this.failedJoinsPerMinutePerAddress = failedJoinsPerMinutePerAddress;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getRoomTtl() {
		return this.roomTtl;
	}

	public void setRoomTtl(Duration roomTtl) {
		this.roomTtl = roomTtl;
	}

	public Duration getAnonymousTokenLifetime() {
		return this.anonymousTokenLifetime;
	}

	public void setAnonymousTokenLifetime(Duration anonymousTokenLifetime) {
		this.anonymousTokenLifetime = anonymousTokenLifetime;
	}

	public int getMaxTags() {
		return this.maxTags;
	}

	public void setMaxTags(int maxTags) {
		this.maxTags = maxTags;
	}

	public DataSize getMaxMetadataSize() {
		return this.maxMetadataSize;
	}

	public void setMaxMetadataSize(DataSize maxMetadataSize) {
		this.maxMetadataSize = maxMetadataSize;
	}

	public List<IceServer> getIceServers() {
		return this.iceServers;
	}

	public void setIceServers(List<IceServer> iceServers) {
		this.iceServers = iceServers;
	}

	/**
	 * One STUN or TURN server.
	 */
	public static class IceServer {

		/** The server's URLs, such as stun:stun.l.google.com:19302. */
		private List<String> urls = new ArrayList<>();

		/** The TURN user name. */
		private @Nullable String username;

		/** The TURN credential. */
		private @Nullable String credential;

		public List<String> getUrls() {
			return this.urls;
		}

		public void setUrls(List<String> urls) {
			this.urls = urls;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getCredential() {
			return this.credential;
		}

		public void setCredential(@Nullable String credential) {
			this.credential = credential;
		}

	}

}
