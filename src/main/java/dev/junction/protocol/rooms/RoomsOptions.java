package dev.junction.protocol.rooms;

import java.time.Duration;

/**
 * The rooms protocol's settings.
 *
 * @param gracePeriod how long a room emptied by abnormal closes is kept for rejoins
 * @param failedJoinLimit failed joins allowed per client address per period
 * @param failedJoinPeriod the period over which failed joins are counted
 */
public record RoomsOptions(Duration gracePeriod, int failedJoinLimit, Duration failedJoinPeriod) {

}
