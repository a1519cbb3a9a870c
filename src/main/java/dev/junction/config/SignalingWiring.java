package dev.junction.config;

import dev.junction.protocol.signaling.MetadataLimits;
import dev.junction.protocol.signaling.SignalingLimits;
import dev.junction.protocol.signaling.SignalingOptions;

/**
 * Turns the signaling settings into the protocol's options.
 */
final class SignalingWiring {

	/**
	 * Signaling's frame limit unless junction.protocols.signaling.max-frame-size is set.
	 */
	static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

	private SignalingWiring() {
	}

	static SignalingLimits limits(JunctionProperties properties) {
		SignalingProperties signaling = properties.getSignaling();
		return new SignalingLimits(signaling.getCreateRoomsPerMinutePerAddress(),
				signaling.getCreateRoomsPerMinutePerSubject(), signaling.getAnonymousSigninsPerMinutePerAddress(),
				signaling.getFailedJoinsPerMinutePerAddress(), properties.getLimits().getMaxSignalingRooms());
	}

	static SignalingOptions options(JunctionProperties properties) {
		SignalingProperties signaling = properties.getSignaling();
		SignalingProtocolProperties protocol = properties.getProtocols().getSignaling();
		return new SignalingOptions(protocol.getAuth(), signaling.getPingInterval(), signaling.getRoomTtl(),
				signaling.getIceServers()
					.stream()
					.map((server) -> new SignalingOptions.IceServer(server.getUrls(), server.getUsername(),
							server.getCredential()))
					.toList(),
				protocol.isAnonymousSignin(), signaling.getAnonymousTokenLifetime(),
				new MetadataLimits(signaling.getMaxTags(),
						(int) Math.min(Integer.MAX_VALUE, signaling.getMaxMetadataSize().toBytes())));
	}

}
