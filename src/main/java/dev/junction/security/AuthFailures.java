package dev.junction.security;

import dev.junction.core.RelayEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Failed authentications that happen after the upgrade filter: in-band tokens (the
 * tunnel's {@code auth} frame, signaling's {@code register}) and the tokens of the
 * signaling HTTP endpoints. Each is counted against the same per-address allowance as a
 * refused upgrade and in the refusals meter; once an address is over, its next attempts
 * are refused without looking at the token, as its upgrades are refused with 429.
 */
public final class AuthFailures {

	/** Counts nothing and locks nobody out, for tests of a protocol alone. */
	public static final AuthFailures NONE = new AuthFailures(null, RelayEvents.NONE);

	private static final Log logger = LogFactory.getLog(AuthFailures.class);

	private final @Nullable AdmissionControl admission;

	private final RelayEvents events;

	public AuthFailures(@Nullable AdmissionControl admission, RelayEvents events) {
		this.admission = admission;
		this.events = events;
	}

	/**
	 * Whether the address has failed too often to be heard now.
	 * @param address the client address
	 * @return true while over the failed-authentication limit
	 */
	public boolean isLockedOut(String address) {
		AdmissionControl admission = this.admission;
		boolean lockedOut = admission != null && admission.isLockedOut(address);
		if (lockedOut) {
			this.events.limitHit("failed_auth");
		}
		return lockedOut;
	}

	/**
	 * Count a refused token.
	 * @param protocol where it was refused, for the log
	 * @param address the client address
	 * @param reason the refusal reason (never the token)
	 */
	public void record(String protocol, String address, String reason) {
		logger.info("Refused a " + protocol + " token from " + address + ": " + reason);
		this.events.authenticationRefused(reason);
		AdmissionControl admission = this.admission;
		if (admission != null) {
			admission.recordFailedAuthentication(address, reason);
		}
	}

	/**
	 * The client address of an HTTP request, as the upgrade filters resolve it (trusted
	 * proxies' {@code X-Forwarded-For} included).
	 * @param exchange the request
	 * @return the address
	 */
	public String clientAddress(ServerWebExchange exchange) {
		AdmissionControl admission = this.admission;
		if (admission != null) {
			return admission.clientAddress(exchange);
		}
		return AdmissionControl.peerAddress(exchange.getRequest().getRemoteAddress());
	}

}
