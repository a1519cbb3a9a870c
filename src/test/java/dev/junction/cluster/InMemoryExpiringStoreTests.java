package dev.junction.cluster;

/**
 * The expiring store contract against {@link InMemoryExpiringStore}.
 */
class InMemoryExpiringStoreTests extends ExpiringStoreContractTests {

	@Override
	protected ExpiringStore store() {
		return new InMemoryExpiringStore(this.clock);
	}

}
