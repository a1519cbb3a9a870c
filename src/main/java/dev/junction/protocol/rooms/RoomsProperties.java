package dev.junction.protocol.rooms;

import java.time.Duration;

import dev.junction.protocol.ProtocolSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rooms protocol's settings, under {@code junction.protocols.rooms}.
 */
@ConfigurationProperties("junction.protocols.rooms")
public class RoomsProperties extends ProtocolSettings {

	/** Members per room (a ROOM_FULL error above). */
	private int maxMembers = 1000;

	/** Rooms per node (a ROOM_LIMIT error above). */
	private int maxRooms = 10_000;

	public int getMaxMembers() {
		return this.maxMembers;
	}

	public void setMaxMembers(int maxMembers) {
		this.maxMembers = maxMembers;
	}

	public int getMaxRooms() {
		return this.maxRooms;
	}

	public void setMaxRooms(int maxRooms) {
		this.maxRooms = maxRooms;
	}

	/** How long a room emptied by abnormal closes is kept so clients can rejoin. */
	private Duration gracePeriod = Duration.ofSeconds(60);

	/** Failed joins allowed per client address per failed-join period. */
	private int failedJoinLimit = 20;

	/** Period over which failed joins are counted. */
	private Duration failedJoinPeriod = Duration.ofMinutes(1);

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	public int getFailedJoinLimit() {
		return this.failedJoinLimit;
	}

	public void setFailedJoinLimit(int failedJoinLimit) {
		this.failedJoinLimit = failedJoinLimit;
	}

	public Duration getFailedJoinPeriod() {
		return this.failedJoinPeriod;
	}

	public void setFailedJoinPeriod(Duration failedJoinPeriod) {
		this.failedJoinPeriod = failedJoinPeriod;
	}

}
