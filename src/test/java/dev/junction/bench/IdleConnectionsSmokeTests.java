package dev.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.junction.bench.IdleConnections.Counts;
import dev.junction.bench.IdleConnections.Result;
import dev.junction.bench.IdleConnections.Sample;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario S4, tiny: two child processes of twenty idle room members each, against
 * Junction (one child per step, held for two seconds with pings every 200 ms, so that the
 * children see pings) and against {@link BareRelay} (both children in one step). Every
 * member must be opened, joined and still open at the end; memory is read (from this JVM)
 * but not asserted. The keepalive timeout is out of the way: on a busy machine a child
 * JVM may answer a ping late, and the keepalive itself is tested elsewhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "junction.protocols.rooms.auth=none", "junction.limits.upgrades-per-second-per-address=1000",
				"junction.keepalive.interval=200ms", "junction.keepalive.timeout=60s" })
class IdleConnectionsSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void junctionShouldHoldEveryIdleMemberAcrossPings() throws Exception {
		List<String> lines = new ArrayList<>();
		Result result = IdleConnections.run(settings(this.port, ProcessHandle.current().pid(), "20,40", 2), lines::add,
				(line) -> {
				});
		assertThat(result.samples()).extracting(Sample::conns).containsExactly(0, 20, 40);
		assertThat(result.end()).isEqualTo(new Counts(40, 40, 0, 0));
		assertThat(lines).hasSize(3).allMatch((line) -> line.startsWith("S4 conns=") && line.contains(" rss="));
		assertThat(lines.get(2)).contains(" heap=", " rssPerConn=", " heapPerConn=");
		assertThat(result.toString()).startsWith("S4 slope steps=2 rssPerConn=")
			.contains(" heapPerConn=")
			.endsWith(" joined=40 failed=0 closed=0");
	}

	@Test
	void bareRelayShouldHoldEveryIdleMember() throws Exception {
		BareRelay relay = BareRelay.start(0, 1);
		try {
			Result result = IdleConnections.run(settings(relay.port(), 0, "40", 0), (line) -> {
			}, (line) -> {
			});
			assertThat(result.samples()).extracting(Sample::conns).containsExactly(0, 40);
			assertThat(result.end()).isEqualTo(new Counts(40, 40, 0, 0));
		}
		finally {
			relay.stop();
		}
	}

	private static IdleConnections.Settings settings(int port, long pid, String steps, int holdSeconds) {
		return IdleConnections.Settings.from(Map.of("url", "ws://127.0.0.1:" + port, "server-pid", Long.toString(pid),
				"steps", steps, "per-child", "20", "sources", "2", "warmup", "0", "settle-seconds", "0.5", "settle-max",
				"1", "hold", Integer.toString(holdSeconds)));
	}

}
