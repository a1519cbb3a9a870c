package dev.junction.security;

import java.util.List;

import dev.junction.core.ConnectionAttributes;
import dev.junction.core.RelayEvents;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Verifies the handshake token of every WebSocket upgrade before it happens, by the
 * policy of the protocol the path belongs to. A missing token where one is required, a
 * token that fails verification, or one whose binding claims do not match the request is
 * refused with 401 and a {@code WWW-Authenticate} header. A verified token becomes the
 * security context's principal and the {@link VerifiedToken#ATTRIBUTE} attribute, which
 * the WebSocket session inherits.
 */
public final class TokenAuthenticationWebFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(TokenAuthenticationWebFilter.class);

	private final JwtVerifier verifier;

	private final List<ProtocolGuard> guards;

	private final AdmissionControl admission;

	private final RelayEvents events;

	public TokenAuthenticationWebFilter(JwtVerifier verifier, List<ProtocolGuard> guards, AdmissionControl admission,
			RelayEvents events) {
		this.verifier = verifier;
		this.guards = List.copyOf(guards);
		this.admission = admission;
		this.events = events;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ProtocolGuard guard = isUpgrade(exchange) ? guardFor(exchange) : null;
		if (guard == null || guard.policy() == AuthPolicy.NONE) {
			return chain.filter(exchange);
		}
		String token = TokenSources.find(exchange.getRequest());
		if (token == null) {
			if (guard.policy() == AuthPolicy.REQUIRED && !guard.inBandToken()) {
				return refuse(exchange, guard, "missing token");
			}
			return chain.filter(exchange);
		}
		return this.verifier.verify(token).flatMap((verified) -> {
			String refusal = guard.binding().refuse(exchange, verified);
			if (refusal != null) {
				return refuse(exchange, guard, refusal);
			}
			if (verified.subject() != null && !this.admission.admitsSubject(verified.subject())) {
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
				this.events.refused("too many connections for this subject");
				this.events.limitHit("connections_per_subject");
				return Refusals.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too many connections for this subject");
			}
			exchange.getAttributes().put(VerifiedToken.ATTRIBUTE, verified);
			if (verified.subject() != null) {
				exchange.getAttributes().put(ConnectionAttributes.SUBJECT, verified.subject());
			}
			UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
				.authenticated(verified, null, List.of());
			return chain.filter(exchange)
				.contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
		})
			.onErrorResume(TokenRejectedException.class,
					(ex) -> refuse(exchange, guard, ((TokenRejectedException) ex).reason()));
	}

	private Mono<Void> refuse(ServerWebExchange exchange, ProtocolGuard guard, String reason) {
		String address = this.admission.clientAddress(exchange);
		logger.info("Refused a " + guard.protocol() + " upgrade from " + address + ": " + reason);
		this.admission.recordFailedAuthentication(address, reason);
		this.events.authenticationRefused(reason);
		return Refusals.unauthorized(exchange, reason);
	}

	private @Nullable ProtocolGuard guardFor(ServerWebExchange exchange) {
		for (ProtocolGuard guard : this.guards) {
			if (guard.matches(exchange)) {
				return guard;
			}
		}
		return null;
	}

	static boolean isUpgrade(ServerWebExchange exchange) {
		return HttpMethod.GET.equals(exchange.getRequest().getMethod())
				&& "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
	}

}
