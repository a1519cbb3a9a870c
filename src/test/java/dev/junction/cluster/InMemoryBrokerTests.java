package dev.junction.cluster;

/**
 * The broker contract against {@link InMemoryBroker}.
 */
class InMemoryBrokerTests extends BrokerContractTests {

	@Override
	protected Broker broker() {
		return new InMemoryBroker();
	}

}
