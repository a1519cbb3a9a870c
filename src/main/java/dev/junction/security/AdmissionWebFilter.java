package dev.junction.security;

import dev.junction.core.RelayEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses upgrades that {@link AdmissionControl} does not admit: 403 for a disallowed
 * origin, 429 for an address over its rates or connection cap, 503 with
 * {@code Retry-After} when the node is full. Runs before token verification, so that a
 * refused client costs no signature check.
 */
public final class AdmissionWebFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(AdmissionWebFilter.class);

	private final AdmissionControl admission;

	private final RelayEvents events;

	public AdmissionWebFilter(AdmissionControl admission, RelayEvents events) {
		this.admission = admission;
		this.events = events;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!TokenAuthenticationWebFilter.isUpgrade(exchange)) {
			return chain.filter(exchange);
		}
		AdmissionControl.Refusal refusal = this.admission.check(exchange);
		if (refusal == null) {
			return chain.filter(exchange);
		}
		logger.info("Refused an upgrade of " + exchange.getRequest().getPath().value() + " from "
				+ this.admission.clientAddress(exchange) + ": " + refusal.reason());
		this.events.refused(refusal.reason());
		if (refusal.status() == HttpStatus.SERVICE_UNAVAILABLE || refusal.status() == HttpStatus.TOO_MANY_REQUESTS) {
			this.events.limitHit(refusal.reason().replace(' ', '_'));
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		}
		return Refusals.write(exchange, refusal.status(), refusal.reason());
	}

}
