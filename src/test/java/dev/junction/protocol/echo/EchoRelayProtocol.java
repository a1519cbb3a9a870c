package dev.junction.protocol.echo;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionHandler;
import dev.junction.core.Frame;
import dev.junction.protocol.LiveCount;
import dev.junction.protocol.ProtocolSettings;
import dev.junction.protocol.RelayProtocol;
import dev.junction.protocol.UpgradeRequest;
import dev.junction.security.VerifiedToken;
import org.jspecify.annotations.Nullable;

/**
 * A protocol that exists only in the tests: every frame goes back to its sender, prefixed
 * with the token's subject for text. It proves that a protocol is one bean and nothing
 * else.
 */
public class EchoRelayProtocol implements RelayProtocol {

	private final ProtocolSettings settings = new ProtocolSettings();

	private final AtomicLong open = new AtomicLong();

	@Override
	public String name() {
		return "echo";
	}

	@Override
	public ProtocolSettings settings() {
		return this.settings;
	}

	@Override
	public List<String> defaultPaths() {
		return List.of("/echo");
	}

	@Override
	public Set<String> bindingClaims() {
		return Set.of("echo");
	}

	@Override
	public @Nullable String refuseToken(UpgradeRequest request, VerifiedToken token) {
		return "blocked".equals(token.subject()) ? "subject blocked from echo" : null;
	}

	@Override
	public ConnectionHandler open(Connection connection, UpgradeRequest request) {
		this.open.incrementAndGet();
		String subject = (request.token() != null) ? request.token().subject() : null;
		return new ConnectionHandler() {

			@Override
			public void onFrame(Frame frame) {
				connection
					.send(frame.isText() ? Frame.text(subject + ": " + frame.asText()) : Frame.binary(frame.bytes()));
			}

			@Override
			public void onClose(int code) {
				EchoRelayProtocol.this.open.decrementAndGet();
			}

		};
	}

	@Override
	public List<LiveCount> liveCounts() {
		return List.of(new LiveCount("echoes", null, this.open::get));
	}

}
