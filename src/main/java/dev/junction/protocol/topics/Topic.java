package dev.junction.protocol.topics;

/**
 * A topic a client is in: its name and its channel. Members, fan-out and the broker
 * subscription belong to the channel hub; see {@link TopicRegistry}.
 *
 * @param name the topic name, a shared secret between peers (never logged)
 */
record Topic(String name) {

	String channel() {
		return TopicRegistry.CHANNEL_PREFIX + this.name;
	}

	@Override
	public String toString() {
		return "Topic";
	}

}
