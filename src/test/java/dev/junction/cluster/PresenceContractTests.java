package dev.junction.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.junction.core.NodeId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Presence} must do; each implementation runs this suite.
 */
public abstract class PresenceContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final NodeId one = new NodeId("one");

	private final NodeId two = new NodeId("two");

	protected abstract Presence presence();

	@Test
	void membersShouldBeListedInArrivalOrderWithTheirInfoAndNode() {
		Presence presence = presence();
		add(presence, "rooms:A", new PresenceMember("one.1", this.one, Map.of("user_id", "a")));
		add(presence, "rooms:A", new PresenceMember("two.1", this.two, Map.of("user_id", "b")));
		add(presence, "rooms:B", new PresenceMember("one.3", this.one, Map.of()));
		List<PresenceMember> members = members(presence, "rooms:A");
		assertThat(members).extracting(PresenceMember::id).containsExactly("one.1", "two.1");
		assertThat(members.get(1).info()).containsEntry("user_id", "b");
		assertThat(members.get(1).node()).isEqualTo(this.two);
	}

	@Test
	void removeShouldReportWhetherTheMemberWasThere() {
		Presence presence = presence();
		add(presence, "rooms:A", new PresenceMember("one.1", this.one, Map.of()));
		expect(presence.remove("rooms:A", "one.1"), true);
		expect(presence.remove("rooms:A", "one.1"), false);
		expect(presence.remove("unknown", "one.1"), false);
		assertThat(members(presence, "rooms:A")).isEmpty();
		assertThat(members(presence, "unknown")).isEmpty();
	}

	@Test
	void addingAgainShouldReplaceInfoInPlace() {
		Presence presence = presence();
		add(presence, "g", new PresenceMember("one.1", this.one, Map.of("v", "old")));
		add(presence, "g", new PresenceMember("one.2", this.one, Map.of()));
		add(presence, "g", new PresenceMember("one.1", this.one, Map.of("v", "new")));
		assertThat(members(presence, "g")).extracting(PresenceMember::id).containsExactly("one.1", "one.2");
		assertThat(members(presence, "g").get(0).info()).containsEntry("v", "new");
	}

	@Test
	void removeNodeShouldTakeEveryEntryOfThatNodeOnly() {
		Presence presence = presence();
		add(presence, "a", new PresenceMember("one.1", this.one, Map.of()));
		add(presence, "a", new PresenceMember("two.1", this.two, Map.of()));
		add(presence, "b", new PresenceMember("one.2", this.one, Map.of()));
		List<Departure> departures = presence.removeNode(this.one).collectList().block(TIMEOUT);
		assertThat(departures).containsExactlyInAnyOrder(
				new Departure("a", new PresenceMember("one.1", this.one, Map.of())),
				new Departure("b", new PresenceMember("one.2", this.one, Map.of())));
		assertThat(members(presence, "a")).extracting(PresenceMember::id).containsExactly("two.1");
		assertThat(members(presence, "b")).isEmpty();
		StepVerifier.create(presence.removeNode(this.one)).expectComplete().verify(TIMEOUT);
	}

	@Test
	void concurrentRemoveNodeShouldReportEachEntryExactlyOnce() throws Exception {
		Presence presence = presence();
		int groups = 20;
		int perGroup = 30;
		for (int g = 0; g < groups; g++) {
			for (int m = 0; m < perGroup; m++) {
				add(presence, "g" + g, new PresenceMember("one." + g + "-" + m, this.one, Map.of("m", "" + m)));
			}
			add(presence, "g" + g, new PresenceMember("two." + g, this.two, Map.of()));
		}
		int callers = 4;
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Callable<List<Departure>>> calls = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				calls.add(() -> presence.removeNode(this.one).collectList().block(TIMEOUT));
			}
			List<Departure> all = new ArrayList<>();
			for (Future<List<Departure>> result : executor.invokeAll(calls)) {
				all.addAll(result.get());
			}
			assertThat(all).hasSize(groups * perGroup).doesNotHaveDuplicates();
			assertThat(all).allSatisfy((departure) -> assertThat(departure.member().node()).isEqualTo(this.one));
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		for (int g = 0; g < groups; g++) {
			assertThat(members(presence, "g" + g)).extracting(PresenceMember::id).containsExactly("two." + g);
		}
	}

	@Test
	void nothingShouldChangeUntilACallIsSubscribed() {
		Presence presence = presence();
		presence.add("g", new PresenceMember("one.1", this.one, Map.of()));
		assertThat(members(presence, "g")).isEmpty();
		add(presence, "g", new PresenceMember("one.1", this.one, Map.of()));
		presence.remove("g", "one.1");
		presence.removeNode(this.one);
		assertThat(members(presence, "g")).hasSize(1);
	}

	private static void add(Presence presence, String group, PresenceMember member) {
		StepVerifier.create(presence.add(group, member)).expectComplete().verify(TIMEOUT);
	}

	private static List<PresenceMember> members(Presence presence, String group) {
		List<PresenceMember> members = presence.members(group).block(TIMEOUT);
		assertThat(members).isNotNull();
		return members;
	}

	private static <T> void expect(Mono<T> mono, T value) {
		StepVerifier.create(mono).expectNext(value).expectComplete().verify(TIMEOUT);
	}

}
