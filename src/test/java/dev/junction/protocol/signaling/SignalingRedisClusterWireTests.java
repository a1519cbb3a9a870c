package dev.junction.protocol.signaling;

import java.util.Map;

import dev.junction.support.ClusterNodes;

/**
 * Signaling across two nodes in cluster mode on a real Redis.
 */
class SignalingRedisClusterWireTests extends SignalingClusterWireTests {

	@Override
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.redis(properties);
	}

}
