package dev.junction.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import dev.junction.core.AddressLimiter;
import dev.junction.core.ConnectionAttributes;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.OpenSockets;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides whether an upgrade may proceed before its token is looked at: the browser
 * {@code Origin} against the allow-list, the client address's upgrade rate and failed
 * authentications, and the connection caps of the node and of the address. The client
 * address is the socket's peer, or the {@code X-Forwarded-For} client when the peer is a
 * trusted proxy; the peer is always the socket's own, whatever forwarded-header handling
 * the server was configured with. A client that connects directly is counted from the
 * moment its socket is accepted ({@link OpenSockets}), so sockets that never finish a
 * handshake count against its cap and the node's.
 */
public final class AdmissionControl {

	private static final Log logger = LogFactory.getLog(AdmissionControl.class);

	private final ConnectionRegistry connections;

	private final OpenSockets sockets;

	private final AdmissionLimits limits;

	private final List<IpSubnetFilterRule> trustedProxies;

	private final List<String> allowedOrigins;

	private final AddressLimiter upgrades;

	private final AddressLimiter failedAuthentications;

	public AdmissionControl(ConnectionRegistry connections, OpenSockets sockets, AdmissionLimits limits,
			List<String> trustedProxies, List<String> allowedOrigins) {
		this.connections = connections;
		this.sockets = sockets;
		this.limits = limits;
		this.trustedProxies = trustedProxies.stream().map(AdmissionControl::subnet).toList();
		this.allowedOrigins = List.copyOf(allowedOrigins);
		this.upgrades = new AddressLimiter(limits.upgradesPerSecondPerAddress(), Duration.ofSeconds(1));
		this.failedAuthentications = new AddressLimiter(limits.failedAuthPerMinutePerAddress(), Duration.ofMinutes(1));
	}

	/**
	 * Check an upgrade request.
	 * @param exchange the request
	 * @return the refusal, or {@code null} to proceed
	 */
	@Nullable Refusal check(ServerWebExchange exchange) {
		String origin = exchange.getRequest().getHeaders().getOrigin();
		if (origin != null && !this.allowedOrigins.isEmpty() && !this.allowedOrigins.contains(origin)) {
			return new Refusal(HttpStatus.FORBIDDEN, "origin not allowed");
		}
		String address = clientAddress(exchange);
		if (this.failedAuthentications.isExhausted(address)) {
			return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too many failed authentications");
		}
		if (!this.upgrades.tryAcquire(address)) {
			return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too many upgrades");
		}
		// The request's own socket is among the open sockets; the others are what counts.
		int others = Math.max(this.connections.size(), this.sockets.size() - 1);
		if (others >= this.limits.maxConnections()) {
			return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "node is full");
		}
		int othersFromAddress = this.connections.countByAddress(address);
		if (address.equals(peer(exchange.getRequest()))) {
			othersFromAddress = Math.max(othersFromAddress, this.sockets.countByAddress(address) - 1);
		}
		if (othersFromAddress >= this.limits.maxConnectionsPerAddress()) {
			return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too many connections from this address");
		}
		return null;
	}

	/**
	 * Check a socket just accepted, before anything has been read from it. One socket
	 * over a cap is let through so that its upgrade hears the refusal (429 or 503); any
	 * further one is closed at once. Behind a trusted proxy the client is not known yet,
	 * so only the node's cap applies.
	 * @param peer the socket's peer address
	 * @return the reason to close it, or {@code null} to keep it
	 */
	public @Nullable String refuseSocket(String peer) {
		if (this.sockets.size() > this.limits.maxConnections()) {
			return "node is full";
		}
		if (!isTrusted(peer) && this.sockets.countByAddress(peer) > this.limits.maxConnectionsPerAddress()) {
			return "too many connections from this address";
		}
		return null;
	}

	/**
	 * Check the connection cap of a token's subject.
	 * @param subject the subject
	 * @return whether the subject may open another connection
	 */
	boolean admitsSubject(String subject) {
		return this.connections.countBySubject(subject) < this.limits.maxConnectionsPerSubject();
	}

	boolean isLockedOut(String address) {
		return this.failedAuthentications.isExhausted(address);
	}

	void recordFailedAuthentication(String address, String reason) {
		this.failedAuthentications.record(address);
		if (logger.isDebugEnabled()) {
			logger.debug("Failed authentication from " + address + ": " + reason);
		}
	}

	/**
	 * Forget limiter state of addresses that have been quiet.
	 */
	public void evictIdle() {
		this.upgrades.evictIdle();
		this.failedAuthentications.evictIdle();
	}

	/**
	 * The client address of a request, resolved once and kept as an attribute that the
	 * connection inherits.
	 * @param exchange the request
	 * @return the address
	 */
	public String clientAddress(ServerWebExchange exchange) {
		Object known = exchange.getAttributes().get(ConnectionAttributes.CLIENT_ADDRESS);
		if (known instanceof String address) {
			return address;
		}
		String address = resolve(exchange);
		exchange.getAttributes().put(ConnectionAttributes.CLIENT_ADDRESS, address);
		return address;
	}

	/**
	 * The address of a socket's peer, as both the accept-time count and the client
	 * address spell it.
	 * @param remote the peer's socket address
	 * @return the address
	 */
	public static String peerAddress(@Nullable InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	private static String peer(ServerHttpRequest request) {
		// The server's own request, not a decorated one: forwarded headers never replace
		// the peer, even if a forwarded-header transformer has rewritten the request.
		try {
			Object connection = ServerHttpRequestDecorator.getNativeRequest(request);
			if (connection instanceof HttpServerRequest server
					&& server.connectionRemoteAddress() instanceof InetSocketAddress remote) {
				return peerAddress(remote);
			}
		}
		catch (IllegalStateException ex) {
			// No server underneath (a mock request): its remote address is all there is.
		}
		return peerAddress(request.getRemoteAddress());
	}

	private String resolve(ServerWebExchange exchange) {
		String peer = peer(exchange.getRequest());
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (!hop.isEmpty() && !isTrusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	private boolean isTrusted(String address) {
		// Literal addresses only: a forwarded "address" must never cause a DNS lookup.
		InetAddress literal = NetUtil.createInetAddressFromIpAddressString(address);
		if (literal == null) {
			return false;
		}
		InetSocketAddress socketAddress = new InetSocketAddress(literal, 0);
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(socketAddress));
	}

	private static IpSubnetFilterRule subnet(String proxy) {
		int slash = proxy.indexOf('/');
		String address = (slash < 0) ? proxy : proxy.substring(0, slash);
		InetAddress literal = NetUtil.createInetAddressFromIpAddressString(address);
		if (literal == null) {
			throw new IllegalArgumentException("Trusted proxy '" + proxy + "' is not an IP address or CIDR range");
		}
		int bits = (literal instanceof Inet4Address) ? 32 : 128;
		int prefix = (slash < 0) ? bits : Integer.parseInt(proxy.substring(slash + 1));
		return new IpSubnetFilterRule(literal, prefix, IpFilterRuleType.ACCEPT);
	}

	/**
	 * An upgrade refused before authentication.
	 *
	 * @param status the HTTP status
	 * @param reason the reason, written as the body
	 */
	record Refusal(HttpStatus status, String reason) {
	}

}
