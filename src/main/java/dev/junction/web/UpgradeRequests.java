package dev.junction.web;

import java.net.InetSocketAddress;
import java.util.Map;

import dev.junction.core.ConnectionAttributes;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.AdmissionControl;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a protocol learns of an upgrade, before it (from the request) and after it (from
 * the session, which inherits the request's attributes).
 */
public final class UpgradeRequests {

	private UpgradeRequests() {
	}

	/**
	 * The upgrade a request asks for.
	 * @param exchange the request, after the security filters
	 * @return the upgrade
	 */
	public static UpgradeRequest of(ServerWebExchange exchange) {
		return of(exchange.getRequest().getPath().value(), exchange.getAttributes(),
				exchange.getRequest().getRemoteAddress());
	}

	/**
	 * The upgrade a session came from.
	 * @param session the upgraded session
	 * @return the upgrade
	 */
	public static UpgradeRequest of(WebSocketSession session) {
		return of(session.getHandshakeInfo().getUri().getRawPath(), session.getAttributes(),
				session.getHandshakeInfo().getRemoteAddress());
	}

	private static UpgradeRequest of(String path, Map<String, Object> attributes,
			@Nullable InetSocketAddress remoteAddress) {
		Object resolved = attributes.get(ConnectionAttributes.CLIENT_ADDRESS);
		String address = (resolved instanceof String text) ? text : AdmissionControl.peerAddress(remoteAddress);
		return new UpgradeRequest(path, address, VerifiedToken.from(attributes));
	}

}
