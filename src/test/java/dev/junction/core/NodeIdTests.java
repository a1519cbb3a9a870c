package dev.junction.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NodeId} and the connection ids made of it.
 */
class NodeIdTests {

	@Test
	void randomNodeIdShouldBeEightBase36Characters() {
		assertThat(NodeId.random().value()).matches("[0-9a-z]{8}");
		assertThat(NodeId.random()).isNotEqualTo(NodeId.random());
	}

	@Test
	void connectionIdsShouldCarryTheNodeAndCountUp() {
		ConnectionRegistry registry = new ConnectionRegistry(new NodeId("node1"));
		assertThat(registry.nextId()).isEqualTo("node1.1");
		assertThat(registry.nextId()).isEqualTo("node1.2");
		assertThat(NodeId.of("node1.2")).isEqualTo("node1");
	}

	@Test
	void sameCounterOnTwoNodesShouldMakeDifferentIds() {
		assertThat(new ConnectionRegistry(new NodeId("a")).nextId())
			.isNotEqualTo(new ConnectionRegistry(new NodeId("b")).nextId());
	}

	@Test
	void nodeIdWithTheSeparatorShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NodeId("a.b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new NodeId(""));
	}

}
