package dev.junction.config;

import java.net.SocketAddress;

import dev.junction.security.TokenRedaction;
import dev.junction.web.TokenSafeExceptionHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.ConnectionInformation;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reactor Netty's access log, off unless {@code junction.access-log.enabled=true}, in a
 * format whose URI never carries a token: the {@code token} and {@code access_token}
 * query values are redacted. Installing the format also overrides Reactor Netty's own
 * switch, whose default format would log tokens. Errors of requests with a token in the
 * query are logged by Junction, redacted, instead of by the framework, which would print
 * the full URI.
 */
@Configuration(proxyBeanMethods = false)
public class AccessLogConfiguration {

	@Bean
	NettyServerCustomizer redactedAccessLog(@Value("${junction.access-log.enabled:false}") boolean enabled) {
		return (server) -> server.accessLog(enabled,
				(args) -> AccessLog.create("{} - [{}] \"{} {} {}\" {} {} {}ms", remoteAddress(args),
						args.accessDateTime(), args.method(), TokenRedaction.redact(args.uri()), args.protocol(),
						args.status(), args.contentLength(), args.duration()));
	}

	/**
	 * The peer of the connection (forwarded headers are never trusted here).
	 */
	private static @Nullable SocketAddress remoteAddress(AccessLogArgProvider args) {
		ConnectionInformation connection = args.connectionInformation();
		return (connection != null) ? connection.connectionRemoteAddress() : null;
	}

	@Bean
	TokenSafeExceptionHandler tokenSafeExceptionHandler() {
		return new TokenSafeExceptionHandler();
	}

}
