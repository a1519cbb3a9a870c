package dev.junction.protocol.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.core.Connection;
import dev.junction.core.OutboundLimits;
import dev.junction.security.VerifiedToken;
import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tunnel registry without a network: who may become the second party.
 */
class TunnelRegistryTests {

	private final Scheduler scheduler = Schedulers.newSingle("tunnel-registry-tests");

	private final InMemoryDirectory directory = new InMemoryDirectory(Clock.systemUTC());

	private final TunnelRegistry registry = new TunnelRegistry(this.directory,
			new TunnelOptions(1 << 20, Duration.ofMinutes(5), Duration.ofSeconds(10), null, false),
			new TunnelStats(JsonMapper.builder().build()), this.scheduler, Clock.systemUTC(), (delta) -> {
			});

	@AfterEach
	void disposeScheduler() {
		this.scheduler.dispose();
	}

	@Test
	void joinWhenAnotherSubjectOwnsTheSessionShouldRefuseBeforeSayingItIsFull() {
		// The check before the upgrade may race another subject's first party; join
		// checks again under the session's monitor.
		Connection first = connection("1");
		TunnelRegistry.Joining opened = join("s", first, token("alice", Map.of()));
		assertThat(opened.session()).isNotNull();
		assertThat(this.registry.owner("s")).isEqualTo("alice");
		assertThat(join("s", connection("2"), token("mallory", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, true));
		TunnelRegistry.Joining second = join("s", connection("3"), token("bob", Map.of("sid", "s")));
		assertThat(second.session()).isSameAs(opened.session());
		assertThat(join("s", connection("4"), token("mallory", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, true));
		assertThat(join("s", connection("5"), token("alice", Map.of())))
			.isEqualTo(new TunnelRegistry.Joining(null, false));
		assertThat(first.isOpen()).isTrue();
	}

	@Test
	void sessionHeldByAnotherNodeShouldBeFullHereAndLeaveNothing() {
		this.directory.claim("tunnel:s", "othernode.1", null).block(Duration.ofSeconds(10));
		Connection first = connection("here.1");
		assertThat(join("s", first, token("alice", Map.of()))).isEqualTo(new TunnelRegistry.Joining(null, false));
		assertThat(this.registry.size()).isZero();
		assertThat(this.registry.owner("s")).isNull();
	}

	@Test
	void endedSessionShouldReleaseItsIdForTheNextFirstParty() {
		Connection first = connection("here.1");
		TunnelSession session = join("s", first, token("alice", Map.of())).session();
		assertThat(session).isNotNull();
		assertThat(this.directory.owner("tunnel:s").block(Duration.ofSeconds(10))).isEqualTo("here.1");
		this.registry.closed(session, first);
		assertThat(this.directory.owner("tunnel:s").blockOptional(Duration.ofSeconds(10))).isEmpty();
		Connection next = connection("here.2");
		assertThat(join("s", next, token("alice", Map.of())).session()).isNotNull();
	}

	private TunnelRegistry.Joining join(String id, Connection connection, VerifiedToken token) {
		TunnelRegistry.Joining[] joining = new TunnelRegistry.Joining[1];
		StepVerifier.create(this.registry.join(id, connection, token))
			.consumeNextWith((outcome) -> joining[0] = outcome)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		return joining[0];
	}

	private static VerifiedToken token(String subject, Map<String, Object> claims) {
		return new VerifiedToken(subject, claims);
	}

	private static Connection connection(String id) {
		return new Connection(id, "tunnel", "127.0.0.1", new OutboundLimits(100, 1 << 20), new RecordingTransport(), 0);
	}

}
