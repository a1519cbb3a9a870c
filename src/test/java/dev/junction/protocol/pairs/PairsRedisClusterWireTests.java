package dev.junction.protocol.pairs;

import java.util.Map;

import dev.junction.support.ClusterNodes;

/**
 * Pairs sessions across two nodes in cluster mode on a real Redis.
 */
class PairsRedisClusterWireTests extends PairsClusterWireTests {

	@Override
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.redis(properties);
	}

}
