/**
 * The channel layer between the protocols and the cluster seams: one {@link ChannelHub}
 * per node owns every channel's local fan-out group, its broker subscription and its
 * presence entries, so that no protocol rebuilds that lifecycle.
 */
@NullMarked
package dev.junction.channel;

import org.jspecify.annotations.NullMarked;
