package dev.junction.cluster.memory;

import dev.junction.cluster.Directory;
import dev.junction.cluster.DirectoryContractTests;

/**
 * The directory contract against {@link InMemoryDirectory}.
 */
class InMemoryDirectoryTests extends DirectoryContractTests {

	@Override
	protected Directory directory() {
		return new InMemoryDirectory(this.clock);
	}

}
