package dev.junction.protocol.topics;

/**
 * What every topics connection of a node shares.
 */
record TopicsProtocol(TopicRegistry topics, TopicsDecoder decoder, TopicsEncoder encoder, PeerIds peerIds,
		DroppedFrames dropped) {
}
