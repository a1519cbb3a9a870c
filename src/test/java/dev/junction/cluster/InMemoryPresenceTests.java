package dev.junction.cluster;

/**
 * The presence contract against {@link InMemoryPresence}.
 */
class InMemoryPresenceTests extends PresenceContractTests {

	@Override
	protected Presence presence() {
		return new InMemoryPresence();
	}

}
