package dev.junction.support;

import java.util.List;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.UpgradeRequest;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A test-only {@link RelayProtocol} that serves nothing and knows one group,
 * {@link #CODE}, with the members {@link #MEMBERS}: what the admin page's lookup must
 * show for any protocol.
 */
public final class FixedMembersProtocol implements RelayProtocol {

	/** The protocol's name. */
	public static final String NAME = "fixed";

	/** The one group's code. */
	public static final String CODE = "known-group";

	/** The one group's member ids. */
	public static final List<String> MEMBERS = List.of("peer-1", "peer-2", "peer-3");

	private final ProtocolSettings settings = new ProtocolSettings();

	public FixedMembersProtocol() {
		this.settings.setEnabled(false);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public ProtocolSettings settings() {
		return this.settings;
	}

	@Override
	public List<String> defaultPaths() {
		return List.of("/fixed-members-test-only");
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		throw new UnsupportedOperationException("serves no connections");
	}

	@Override
	public Mono<List<String>> members(String group) {
		return CODE.equals(group) ? Mono.just(MEMBERS) : Mono.empty();
	}

	/**
	 * Registers the protocol as a bean.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Registration {

		@Bean
		FixedMembersProtocol fixedMembersProtocol() {
			return new FixedMembersProtocol();
		}

	}

}
