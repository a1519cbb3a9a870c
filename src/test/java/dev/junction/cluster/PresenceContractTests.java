package dev.junction.cluster;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Presence} must do; each implementation runs this suite.
 */
abstract class PresenceContractTests {

	protected abstract Presence presence();

	@Test
	void membersShouldBeListedInArrivalOrderWithTheirInfo() {
		Presence presence = presence();
		presence.add("rooms:A", new PresenceMember("1", Map.of("user_id", "a")));
		presence.add("rooms:A", new PresenceMember("2", Map.of("user_id", "b")));
		presence.add("rooms:B", new PresenceMember("3", Map.of()));
		assertThat(presence.members("rooms:A")).extracting(PresenceMember::id).containsExactly("1", "2");
		assertThat(presence.members("rooms:A").get(1).info()).containsEntry("user_id", "b");
	}

	@Test
	void removeShouldReportWhetherTheMemberWasThere() {
		Presence presence = presence();
		presence.add("rooms:A", new PresenceMember("1", Map.of()));
		assertThat(presence.remove("rooms:A", "1")).isTrue();
		assertThat(presence.remove("rooms:A", "1")).isFalse();
		assertThat(presence.members("rooms:A")).isEmpty();
		assertThat(presence.members("unknown")).isEmpty();
	}

	@Test
	void addingAgainShouldReplaceInfoInPlace() {
		Presence presence = presence();
		presence.add("g", new PresenceMember("1", Map.of("v", "old")));
		presence.add("g", new PresenceMember("2", Map.of()));
		presence.add("g", new PresenceMember("1", Map.of("v", "new")));
		assertThat(presence.members("g")).extracting(PresenceMember::id).containsExactly("1", "2");
		assertThat(presence.members("g").get(0).info()).containsEntry("v", "new");
	}

}
