package dev.junction.observability;

import java.nio.charset.StandardCharsets;

import dev.junction.core.ConnectionRegistry;
import dev.junction.core.NodeCounters;
import dev.junction.protocol.RelayProtocol;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin page, on the management port only: the node at a glance ({@code /admin},
 * polling {@code /admin/node} every second) and a lookup of a group's members by code
 * ({@code /admin/members?code=}). Neither asks for a token; the management port must stay
 * reachable to operators only.
 *
 * <p>
 * Spring Boot imports this class into the management server's own context (it is listed
 * in {@code META-INF/spring/...ManagementContextConfiguration.imports}), which exists
 * only when {@code management.server.port} differs from the public port. It is
 * deliberately not a {@code @Configuration}, so that component scanning never adds it to
 * the public server's context, and the condition keeps it out when the management
 * endpoints share the public port.
 */
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class AdminPage {

	static final String PATH = "/admin";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

	@Bean
	RouterFunction<ServerResponse> adminRoutes(ConnectionRegistry connections, NodeCounters counters,
			MeterRegistry meterRegistry, ObjectProvider<RelayProtocol> protocols,
			@Value("${junction.version:unknown}") String version) {
		MemberLookup lookup = new MemberLookup(protocols);
		return RouterFunctions.route()
			.GET(PATH, (request) -> page())
			.GET(PATH + "/node",
					(request) -> json(
							Mono.fromSupplier(() -> NodeState.read(connections, counters, meterRegistry, version)),
							NodeState.class))
			.GET(PATH + "/members", (request) -> members(lookup, request))
			.resources(PATH + "/**", new ClassPathResource("admin/"))
			.build();
	}

	private static Mono<ServerResponse> page() {
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.cacheControl(CacheControl.noStore())
			.bodyValue(new ClassPathResource("admin/admin.html"));
	}

	private static Mono<ServerResponse> members(MemberLookup lookup, ServerRequest request) {
		String code = request.queryParam("code").map(String::trim).orElse("");
		if (!MemberLookup.acceptable(code)) {
			return ServerResponse.badRequest()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new LookupError("code must be 1 to " + MemberLookup.MAX_CODE_LENGTH
						+ " characters without control characters"));
		}
		return json(lookup.find(code), MemberLookup.Result.class);
	}

	private static <T> Mono<ServerResponse> json(Mono<T> body, Class<T> type) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(body, type);
	}

	record LookupError(String error) {

	}

}
