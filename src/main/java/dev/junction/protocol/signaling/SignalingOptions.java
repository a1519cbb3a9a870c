package dev.junction.protocol.signaling;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.security.AuthPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The signaling protocol's settings.
 *
 * @param auth whether {@code register} needs a valid user token
 * @param pingInterval time between the server's {@code {"type":"ping"}} frames to a
 * registered peer
 * @param roomTtl how long a room made by {@code POST /create-room} accepts registrations
 * @param iceServers the ICE servers told to every registrant
 * @param anonymousSignin whether {@code POST /anonymous-signin} is served
 * @param anonymousTokenLifetime how long a token from {@code /anonymous-signin} is valid
 * @param metadataLimits the caps on each peer's metadata
 */
public record SignalingOptions(AuthPolicy auth, Duration pingInterval, Duration roomTtl, List<IceServer> iceServers,
		boolean anonymousSignin, Duration anonymousTokenLifetime, MetadataLimits metadataLimits) {

	/**
	 * One ICE server as WebRTC's {@code RTCIceServer} describes it.
	 *
	 * @param urls the STUN or TURN URLs
	 * @param username the TURN user name, or {@code null}
	 * @param credential the TURN credential, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {
	}

}
