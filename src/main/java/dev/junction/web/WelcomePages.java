package dev.junction.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The public port's pages for people: {@code GET /} in a browser says what this server is
 * (every other client still gets the JSON health document there), and {@code GET /try}
 * lets two browser tabs share a room through the real rooms protocol. Plain files from
 * {@code classpath:web/}; a WebSocket upgrade never reaches them.
 */
@Configuration(proxyBeanMethods = false)
public class WelcomePages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	// The try page talks to this host's WebSocket endpoints and nothing else.
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; "
			+ "frame-ancestors 'none'";

	/**
	 * Before the health document's routes, which answer {@code GET /} for everything
	 * else.
	 * @return the routes
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> welcomeRoutes() {
		RequestPredicate plainGet = RequestPredicates.GET("/**").and(WelcomePages::notUpgrade);
		Function<ServerRequest, Mono<Resource>> assets = RouterFunctions.resourceLookupFunction("/assets/**",
				new ClassPathResource("web/assets/"));
		return RouterFunctions
			.route(plainGet.and(RequestPredicates.path("/")).and(WelcomePages::prefersHtml),
					(request) -> page(new ClassPathResource("web/index.html")))
			.andRoute(plainGet.and(RequestPredicates.path("/try")),
					(request) -> page(new ClassPathResource("web/try.html")))
			.and(RouterFunctions.resources((request) -> notUpgrade(request) ? assets.apply(request) : Mono.empty()));
	}

	/**
	 * Whether the client asks for HTML by name, and likes it at least as much as JSON:
	 * browsers do; curl, scripts and probes (no {@code Accept}, or a wildcard) do not.
	 * @param request the request
	 * @return true for a browser
	 */
	static boolean prefersHtml(ServerRequest request) {
		List<MediaType> accepted;
		try {
			accepted = request.headers().accept();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double html = quality(accepted, MediaType.TEXT_HTML);
		return html > 0 && html >= quality(accepted, MediaType.APPLICATION_JSON);
	}

	private static double quality(List<MediaType> accepted, MediaType type) {
		return accepted.stream()
			.filter((each) -> each.getType().equals(type.getType()) && each.getSubtype().equals(type.getSubtype()))
			.mapToDouble(MediaType::getQualityValue)
			.max()
			.orElse(0);
	}

	private static boolean notUpgrade(ServerRequest request) {
		return request.headers().header(HttpHeaders.UPGRADE).stream().noneMatch("websocket"::equalsIgnoreCase);
	}

	private static Mono<ServerResponse> page(Resource resource) {
		return ServerResponse.ok()
			.contentType(HTML)
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.cacheControl(CacheControl.noCache())
			.bodyValue(resource);
	}

}
