package dev.junction.protocol.rooms;

import java.util.Map;

import dev.junction.support.ClusterNodes;

/**
 * The rooms protocol across two nodes in cluster mode on a real Redis.
 */
class RoomsRedisClusterWireTests extends RoomsClusterWireTests {

	@Override
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.redis(properties);
	}

}
