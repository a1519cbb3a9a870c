package dev.junction.protocol.topics;

import java.time.Duration;

/**
 * The topics protocol's settings.
 *
 * @param statsInterval how often the number of topics and peers is logged
 */
public record TopicsOptions(Duration statsInterval) {

}
