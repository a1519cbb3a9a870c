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
import dev.junction.protocol.RelayProtocol;
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
import dev.junction.security.TokenAuthenticationWebFilter;
import dev.junction.web.RootWebSocketHandler;
import dev.junction.web.UpgradeRequests;
import dev.junction.web.WebSocketEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
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
	List<ProtocolGuard> protocolGuards(List<WebSocketEndpoint> webSocketEndpoints, List<RelayProtocol> protocols,
			ClaimScope claimScope) {
		List<ProtocolGuard> guards = new ArrayList<>();
		for (RelayProtocol protocol : protocols) {
			if (!protocol.settings().isEnabled()) {
				continue;
			}
			String name = protocol.name();
			guards.add(new ProtocolGuard(name, parse(protocol.paths()), protocol.authPolicy(), protocol.inBandToken(),
					(exchange, token) -> claimScope.opens(token, name)
							? protocol.refuseToken(UpgradeRequests.of(exchange), token) : ClaimScope.REFUSAL,
					(exchange) -> protocol.serves(UpgradeRequests.of(exchange))));
		}
		for (WebSocketEndpoint endpoint : webSocketEndpoints) {
			if (RootWebSocketHandler.PROTOCOL.equals(endpoint.protocol())) {
				// The first frame picks the protocol and its policy; a handshake token
				// is verified here whenever one of them looks at tokens.
				boolean tokensIgnored = protocols.stream()
					.filter((protocol) -> protocol.rootMessageType() != null)
					.allMatch((protocol) -> protocol.authPolicy() == AuthPolicy.NONE);
				guards.add(new ProtocolGuard(endpoint.protocol(), parse(endpoint.paths()),
						tokensIgnored ? AuthPolicy.NONE : AuthPolicy.OPTIONAL, true, ProtocolGuard.TokenBinding.NONE));
			}
		}
		return guards;
	}

	private static List<PathPattern> parse(List<String> paths) {
		return paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
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
			List<RelayProtocol> protocols) {
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
			protocols.forEach((protocol) -> protocol.startupWarnings().forEach(logger::warn));
		};
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
