package dev.junction.cluster.memory;

import dev.junction.cluster.Broker;
import dev.junction.cluster.BrokerContractTests;

/**
 * The broker contract against {@link InMemoryBroker}.
 */
class InMemoryBrokerTests extends BrokerContractTests {

	@Override
	protected Broker broker() {
		return new InMemoryBroker();
	}

}
