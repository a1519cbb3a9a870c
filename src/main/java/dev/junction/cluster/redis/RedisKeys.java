package dev.junction.cluster.redis;

/**
 * The names of every key and pub/sub channel, all under one prefix. The Lua scripts that
 * find keys from an index spell the same names from the prefix, so the kinds below are
 * repeated there.
 *
 * @param prefix the key prefix, such as {@code junction:}
 */
record RedisKeys(String prefix) {

	String channel(String channel) {
		return this.prefix + "channel:" + channel;
	}

	String presenceOrder(String group) {
		return this.prefix + "presence:order:" + group;
	}

	String presenceMembers(String group) {
		return this.prefix + "presence:members:" + group;
	}

	String presenceNode(String node) {
		return this.prefix + "presence:node:" + node;
	}

	String presenceArrivals() {
		return this.prefix + "presence:arrivals";
	}

	String directory(String key) {
		return this.prefix + "directory:" + key;
	}

	String directoryNode(String node) {
		return this.prefix + "directory-node:" + node;
	}

	String store(String key) {
		return this.prefix + "store:" + key;
	}

	String heartbeat(String node) {
		return this.prefix + "heartbeat:" + node;
	}

	String nodes() {
		return this.prefix + "nodes";
	}

	String reaping(String node) {
		return this.prefix + "reaping:" + node;
	}

	String probe(String node) {
		return this.prefix + "probe:" + node;
	}

}
