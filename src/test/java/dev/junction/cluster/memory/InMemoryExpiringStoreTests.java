package dev.junction.cluster.memory;

import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.ExpiringStoreContractTests;

/**
 * The expiring store contract against {@link InMemoryExpiringStore}.
 */
class InMemoryExpiringStoreTests extends ExpiringStoreContractTests {

	@Override
	protected ExpiringStore store() {
		return new InMemoryExpiringStore(this.clock);
	}

}
