package dev.junction.protocol.rooms;

import java.time.Duration;

/**
 * The rooms protocol's settings.
 *
 * @param gracePeriod how long a room emptied by abnormal closes is kept for rejoins
 * @param failedJoinLimit failed joins allowed per client address per period
 * @param failedJoinPeriod the period over which failed joins are counted
 * @param maxMembers members per room
 * @param maxRooms rooms per node
 */
public record RoomsOptions(Duration gracePeriod, int failedJoinLimit, Duration failedJoinPeriod, int maxMembers,
		int maxRooms) {

}
