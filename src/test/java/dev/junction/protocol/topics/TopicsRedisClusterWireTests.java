package dev.junction.protocol.topics;

import java.util.Map;

import dev.junction.support.ClusterNodes;

/**
 * The topics protocol across two nodes in cluster mode on a real Redis.
 */
class TopicsRedisClusterWireTests extends TopicsClusterWireTests {

	@Override
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.redis(properties);
	}

}
