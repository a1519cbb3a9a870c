package dev.junction.security;

import java.net.InetSocketAddress;
import java.util.List;

import dev.junction.core.ConnectionRegistry;
import dev.junction.core.OpenSockets;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address: the socket's peer, or the forwarded client behind a trusted proxy.
 */
class AdmissionControlTests {

	private final OpenSockets sockets = new OpenSockets();

	private final AdmissionControl admission = new AdmissionControl(new ConnectionRegistry(), this.sockets,
			new AdmissionLimits(10, 10, 10, 10, 10), List.of("10.0.0.0/8", "192.168.1.5"), List.of());

	@Test
	void untrustedPeerShouldBeTheClientWhateverItForwards() {
		assertThat(address("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
	}

	@Test
	void trustedProxyShouldYieldTheRightmostUntrustedForwardedAddress() {
		assertThat(address("10.1.2.3", "198.51.100.1, 203.0.113.9, 10.9.9.9")).isEqualTo("203.0.113.9");
		assertThat(address("192.168.1.5", "198.51.100.1")).isEqualTo("198.51.100.1");
	}

	@Test
	void trustedProxyWithoutForwardingShouldBeTheClient() {
		assertThat(address("10.1.2.3", null)).isEqualTo("10.1.2.3");
	}

	@Test
	void forwardedHostnamesShouldNeverBeResolved() {
		assertThat(address("10.1.2.3", "evil.example")).isEqualTo("evil.example");
	}

	@Test
	void socketsOverTheAddressCapShouldBeRefusedAtAcceptBeyondTheOneThatHearsTheRefusal() {
		AdmissionControl roomyNode = new AdmissionControl(new ConnectionRegistry(), this.sockets,
				new AdmissionLimits(100, 10, 10, 10, 10), List.of("10.0.0.0/8"), List.of());
		for (int i = 0; i < 10; i++) {
			this.sockets.opened("203.0.113.7");
		}
		assertThat(roomyNode.refuseSocket("203.0.113.7")).isNull();
		this.sockets.opened("203.0.113.7");
		assertThat(roomyNode.refuseSocket("203.0.113.7")).isEqualTo("too many connections from this address");
		assertThat(roomyNode.refuseSocket("198.51.100.1")).isNull();
		this.sockets.closed("203.0.113.7");
		assertThat(roomyNode.refuseSocket("203.0.113.7")).isNull();
	}

	@Test
	void trustedProxySocketsShouldMeetOnlyTheNodeCap() {
		for (int i = 0; i < 11; i++) {
			this.sockets.opened("10.1.2.3");
		}
		assertThat(this.admission.refuseSocket("10.1.2.3")).isEqualTo("node is full");
		this.sockets.closed("10.1.2.3");
		assertThat(this.admission.refuseSocket("10.1.2.3")).isNull();
		assertThat(this.sockets.countByAddress("10.1.2.3")).isEqualTo(10);
	}

	private String address(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/ws")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return this.admission.clientAddress(MockServerWebExchange.from(request));
	}

}
