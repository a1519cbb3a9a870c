package dev.junction.cluster.memory;

import java.util.List;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.PipesContractTests;
import org.junit.jupiter.api.AfterEach;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link InMemoryPipes} against the {@link Pipes} contract: both nodes share one
 * instance.
 */
class InMemoryPipesTests extends PipesContractTests {

	private final Scheduler scheduler = Schedulers.newParallel("in-memory-pipes-tests", 2);

	private final InMemoryPipes pipes = new InMemoryPipes(WINDOW, this.scheduler);

	@AfterEach
	void disposeScheduler() {
		this.scheduler.dispose();
	}

	@Override
	protected Pipes nodeA() {
		return this.pipes;
	}

	@Override
	protected Pipes nodeB() {
		return this.pipes;
	}

	@Override
	protected void crashNodeB() {
		this.pipes.nodeGone("b");
	}

	@Override
	protected void stopNodes() {
		this.pipes.nodeGone("a");
		this.pipes.nodeGone("b");
	}

	@Override
	protected List<String> leftovers() {
		return (this.pipes.openEnds() > 0) ? List.of(this.pipes.openEnds() + " open ends") : List.of();
	}

}
