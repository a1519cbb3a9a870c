package dev.junction.config;

import java.net.InetSocketAddress;

import dev.junction.core.OpenSockets;
import dev.junction.core.RelayEvents;
import dev.junction.security.AdmissionControl;
import dev.junction.web.RequestHeadGuard;
import io.netty.channel.ChannelPipeline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Junction sets on Reactor Netty's server itself: forwarded headers never replace
 * the peer (Spring Boot switches them on when it detects Kubernetes; Junction believes
 * them only from its trusted proxies), every accepted socket is counted and checked
 * against the connection caps, and a request head must arrive within
 * {@code junction.limits.handshake-timeout}.
 */
@Configuration(proxyBeanMethods = false)
public class NettyServerConfiguration {

	private static final Log logger = LogFactory.getLog(NettyServerConfiguration.class);

	/** The guard's name in the pipeline. */
	static final String REQUEST_HEAD_GUARD = "junction.requestHeadGuard";

	@Bean
	OpenSockets openSockets() {
		return new OpenSockets();
	}

	@Bean
	NettyServerCustomizer junctionNettyServer(OpenSockets openSockets, AdmissionControl admissionControl,
			RelayEvents relayEvents, JunctionProperties properties) {
		long timeoutNanos = properties.getLimits().getHandshakeTimeout().toNanos();
		return (server) -> server.forwarded(false).doOnChannelInit((observer, channel, remoteAddress) -> {
			String peer = AdmissionControl
				.peerAddress((channel.remoteAddress() instanceof InetSocketAddress inet) ? inet : null);
			String refusal = admissionControl.refuseSocket(peer);
			if (refusal != null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Closed a socket from " + peer + " at accept: " + refusal);
				}
				relayEvents.refused(refusal);
				relayEvents.limitHit(refusal.replace(' ', '_'));
				channel.close();
				return;
			}
			openSockets.opened(peer);
			channel.closeFuture().addListener((future) -> openSockets.closed(peer));
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, REQUEST_HEAD_GUARD, new RequestHeadGuard(timeoutNanos));
			}
		});
	}

}
