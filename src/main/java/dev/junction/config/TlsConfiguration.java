package dev.junction.config;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Applies {@link ForwardSecretTls}'s protocols and ciphers to the server's TLS, after
 * Spring Boot's own customizer has given the factory its SSL settings and bundles.
 */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> forwardSecretTlsCustomizer() {
		return new ForwardSecretTlsCustomizer();
	}

	static final class ForwardSecretTlsCustomizer
			implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			Ssl ssl = factory.getSsl();
			if (ssl == null || !Ssl.isEnabled(ssl)) {
				return;
			}
			SslBundles bundles = factory.getSslBundles();
			if (ssl.getBundle() != null && bundles != null) {
				factory.setSslBundles(new ForwardSecretTls(bundles));
				return;
			}
			if (ssl.getCiphers() == null) {
				ssl.setCiphers(ForwardSecretTls.CIPHERS.toArray(String[]::new));
			}
			if (ssl.getEnabledProtocols() == null) {
				ssl.setEnabledProtocols(ForwardSecretTls.PROTOCOLS.toArray(String[]::new));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
