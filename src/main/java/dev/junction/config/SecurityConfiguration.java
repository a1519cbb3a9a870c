package dev.junction.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.junction.core.ConnectionRegistry;
import dev.junction.core.OpenSockets;
import dev.junction.core.RelayEvents;
import dev.junction.protocol.pairs.PairsWebSocketHandler;
import dev.junction.protocol.signaling.SignalingWebSocketHandler;
import dev.junction.protocol.tunnel.TunnelWebSocketHandler;
import dev.junction.security.AdmissionControl;
import dev.junction.security.AdmissionLimits;
import dev.junction.security.AdmissionWebFilter;
import dev.junction.security.AuthFailures;
import dev.junction.security.AuthPolicy;
import dev.junction.security.ClaimScope;
import dev.junction.security.JwtKeys;
import dev.junction.security.JwtRules;
import dev.junction.security.JwtVerifier;
import dev.junction.security.ProtocolGuard;
import dev.junction.security.SessionOwnership;
import dev.junction.security.TokenAuthenticationWebFilter;
import dev.junction.security.VerifiedToken;
import dev.junction.web.RootWebSocketHandler;
import dev.junction.web.WebSocketEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The Spring Security filter chain in front of every upgrade: admission (origin, rates,
 * caps), then JWT verification by each protocol's policy. Nothing else of Spring
 * Security's defaults (sessions, CSRF, login pages) applies to a relay.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	@Bean
	JwtVerifier jwtVerifier(JunctionProperties properties, Clock junctionClock, ResourceLoader resources) {
		return createJwtVerifier(properties.getAuth(), junctionClock, resources);
	}

	/**
	 * The verifier of {@code junction.auth.*}: the server's, and the token command's.
	 */
	static JwtVerifier createJwtVerifier(AuthProperties auth, Clock junctionClock, ResourceLoader resources) {
		List<String> pems = new ArrayList<>();
		for (String key : auth.getPublicKeys()) {
			pems.add(key.contains("-----BEGIN") ? key : read(resources, key));
		}
		JwtRules rules = new JwtRules(auth.getIssuer(), auth.getAudience(), auth.getLeeway(),
				auth.isRequireExpiration(), auth.getTokenUse(), auth.getMaxTokenLifetime());
		return JwtKeys.verifier(new JwtKeys.KeySettings(auth.getHmacSecret(), pems, auth.getJwksUris(),
				auth.getJwksMinRefreshInterval(), rules, auth.isRequireConfiguredKey()), junctionClock);
	}

	@Bean
	AdmissionControl admissionControl(ConnectionRegistry registry, OpenSockets openSockets,
			JunctionProperties properties) {
		LimitsProperties limits = properties.getLimits();
		return new AdmissionControl(registry, openSockets,
				new AdmissionLimits(limits.getMaxConnections(), limits.getMaxConnectionsPerAddress(),
						limits.getMaxConnectionsPerSubject(), limits.getUpgradesPerSecondPerAddress(),
						limits.getFailedAuthPerMinutePerAddress()),
				properties.getSecurity().getTrustedProxies(), properties.getSecurity().getAllowedOrigins());
	}

	@Bean
	AuthFailures authFailures(AdmissionControl admissionControl, RelayEvents relayEvents) {
		return new AuthFailures(admissionControl, relayEvents);
	}

	@Bean
	List<ProtocolGuard> protocolGuards(List<WebSocketEndpoint> webSocketEndpoints, JunctionProperties properties) {
		List<ProtocolGuard> guards = new ArrayList<>();
		boolean requireSessionClaim = properties.getSecurity().isRequireSessionClaim();
		for (WebSocketEndpoint endpoint : webSocketEndpoints) {
			ProtocolProperties protocol = RootWebSocketHandler.PROTOCOL.equals(endpoint.protocol())
					? properties.getProtocols().getTopics() : properties.getProtocols().byName(endpoint.protocol());
			List<PathPattern> paths = endpoint.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
			if (PairsWebSocketHandler.PROTOCOL.equals(endpoint.protocol())) {
				guards.add(new ProtocolGuard(endpoint.protocol(), paths, protocol.getAuth(), false,
						scoped(endpoint.protocol(),
								(exchange, token) -> sessionBinding(token, pairsSessionId(exchange),
										requireSessionClaim)),
						(exchange) -> PairsWebSocketHandler
							.sessionId(exchange.getRequest().getPath().value()) != null));
			}
			else if (TunnelWebSocketHandler.PROTOCOL.equals(endpoint.protocol())) {
				// Always authenticated; the token may come in the first frame instead.
				if (protocol.getAuth() != AuthPolicy.REQUIRED) {
					logger.warn("junction.protocols.tunnel.auth=" + protocol.getAuth()
							+ " is ignored: the tunnel always requires a token");
				}
				guards.add(new ProtocolGuard(endpoint.protocol(), paths, AuthPolicy.REQUIRED, true,
						scoped(endpoint.protocol(),
								(exchange, token) -> sessionBinding(token, tunnelSessionId(exchange),
										requireSessionClaim)),
						(exchange) -> TunnelWebSocketHandler
							.sessionId(exchange.getRequest().getPath().value()) != null));
			}
			else if (RootWebSocketHandler.PROTOCOL.equals(endpoint.protocol())) {
				// The first frame picks the protocol and its policy; a handshake token
				// is verified here whenever one of them looks at tokens.
				boolean tokensIgnored = properties.getProtocols().getTopics().getAuth() == AuthPolicy.NONE
						&& properties.getProtocols().getSignaling().getAuth() == AuthPolicy.NONE;
				guards.add(new ProtocolGuard(endpoint.protocol(), paths,
						tokensIgnored ? AuthPolicy.NONE : AuthPolicy.OPTIONAL, true, ProtocolGuard.TokenBinding.NONE));
			}
			else {
				// Signaling's token may come in register instead (the README's Security
				// section).
				boolean inBandToken = SignalingWebSocketHandler.PROTOCOL.equals(endpoint.protocol());
				guards.add(new ProtocolGuard(endpoint.protocol(), paths, protocol.getAuth(), inBandToken,
						scoped(endpoint.protocol(), ProtocolGuard.TokenBinding.NONE)));
			}
		}
		return guards;
	}

	@Bean
	SecurityWebFilterChain junctionSecurityFilterChain(ServerHttpSecurity http, JwtVerifier jwtVerifier,
			List<ProtocolGuard> protocolGuards, AdmissionControl admissionControl, RelayEvents relayEvents) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.addFilterAt(new AdmissionWebFilter(admissionControl, relayEvents), SecurityWebFiltersOrder.FIRST)
			.addFilterAt(new TokenAuthenticationWebFilter(jwtVerifier, protocolGuards, admissionControl, relayEvents),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> openProtocolsWarning(List<ProtocolGuard> protocolGuards,
			JunctionProperties properties) {
		return (event) -> {
			// Root is never named: its first frame picks topics or signaling, which are
			// listed by their own policies.
			List<String> open = protocolGuards.stream()
				.filter((guard) -> guard.policy() != AuthPolicy.REQUIRED)
				.filter((guard) -> !RootWebSocketHandler.PROTOCOL.equals(guard.protocol()))
				.map((guard) -> guard.protocol() + " (auth: " + guard.policy().name().toLowerCase(Locale.ROOT) + ")")
				.toList();
			if (!open.isEmpty()) {
				logger.warn("Protocols open without a token: " + String.join(", ", open));
			}
			ProtocolsProperties protocols = properties.getProtocols();
			if (protocols.getSignaling().isEnabled() && protocols.getSignaling().isAnonymousSignin()) {
				logger.warn("Anonymous sign-in is on (junction.protocols.signaling.anonymous-signin=true): "
						+ "anyone can get a token at POST /anonymous-signin; such tokens open signaling only");
			}
			if (properties.getSecurity().isRequireSessionClaim() && protocols.getPairs().isEnabled()
					&& protocols.getPairs().getAuth() != AuthPolicy.REQUIRED) {
				logger.warn("junction.security.require-session-claim applies to pairs tokens only: pairs connections "
						+ "without a token (auth: " + protocols.getPairs().getAuth().name().toLowerCase(Locale.ROOT)
						+ ") are still let in");
			}
		};
	}

	/**
	 * A token opens only the protocols its binding claims govern (all of them when it has
	 * none); then the protocol's own binding applies.
	 */
	private static ProtocolGuard.TokenBinding scoped(String protocol, ProtocolGuard.TokenBinding binding) {
		return (exchange, token) -> ClaimScope.opens(token, protocol) ? binding.refuse(exchange, token)
				: ClaimScope.REFUSAL;
	}

	/**
	 * A pairs or tunnel token's {@code sid} must name the session when present, and be
	 * present when the setting requires it. The answer is the same whether or not the
	 * session is live.
	 */
	private static @Nullable String sessionBinding(VerifiedToken token, String sessionId, boolean requireSessionClaim) {
		boolean allowed = requireSessionClaim ? SessionOwnership.namesSession(token, sessionId)
				: token.allows(SessionOwnership.SESSION_CLAIM, sessionId);
		return allowed ? null : "token not valid for this session";
	}

	private static String tunnelSessionId(ServerWebExchange exchange) {
		String id = TunnelWebSocketHandler.sessionId(exchange.getRequest().getPath().value());
		return (id != null) ? id : "";
	}

	private static String pairsSessionId(ServerWebExchange exchange) {
		String id = PairsWebSocketHandler.sessionId(exchange.getRequest().getPath().value());
		return (id != null) ? id : "";
	}

	private static String read(ResourceLoader resources, String location) {
		try (InputStream in = resources.getResource(location).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the public key at " + location, ex);
		}
	}

}
