package dev.junction.cluster.memory;

import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceContractTests;

/**
 * The presence contract against {@link InMemoryPresence}.
 */
class InMemoryPresenceTests extends PresenceContractTests {

	@Override
	protected Presence presence() {
		return new InMemoryPresence();
	}

}
