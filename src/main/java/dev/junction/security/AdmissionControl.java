package dev.junction.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import dev.junction.core.AddressLimiter;
import dev.junction.core.ConnectionAttributes;
import dev.junction.core.ConnectionRegistry;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Decides whether an upgrade may proceed before its token is looked at: the browser
 * {@code Origin} against the allow-list, the client address's upgrade rate and failed
 * authentications, and the connection caps of the node and of the address. The client
 * address is the socket's peer, or the {@code X-Forwarded-For} client when the peer is a
 * trusted proxy.
 */
public final class AdmissionControl {

	private static final Log logger = LogFactory.getLog(AdmissionControl.class);

	private final ConnectionRegistry connections;

	private final AdmissionLimits limits;

	private final List<IpSubnetFilterRule> trustedProxies;

	private final List<String> allowedOrigins;

	private final AddressLimiter upgrades;

	private final AddressLimiter failedAuthentications;

	public AdmissionControl(ConnectionRegistry connections, AdmissionLimits limits, List<String> trustedProxies,
			List<String> allowedOrigins) {
		this.connections = connections;
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
		if (this.connections.size() >= this.limits.maxConnections()) {
			return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "node is full");
		}
		if (this.connections.countByAddress(address) >= this.limits.maxConnectionsPerAddress()) {
			return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too many connections from this address");
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

	private String resolve(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String peer = "unknown";
		if (remote != null) {
			peer = (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		}
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
