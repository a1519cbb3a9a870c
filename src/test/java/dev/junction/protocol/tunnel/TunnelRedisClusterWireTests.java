package dev.junction.protocol.tunnel;

import java.util.Map;

import dev.junction.support.ClusterNodes;

/**
 * Tunnels across two nodes in cluster mode on a real Redis.
 */
class TunnelRedisClusterWireTests extends TunnelClusterWireTests {

	@Override
	ClusterNodes newCluster(Map<String, Object> properties) {
		return ClusterNodes.redis(properties);
	}

}
