package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.PipesContractTests;
import dev.junction.support.TestRedis;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link RedisPipes} against the {@link Pipes} contract, one instance per node, on a real
 * Redis (see {@link TestRedis}). A crash is a node that stops reading and beating, and
 * whose liveness key expires (deleted here rather than waited for).
 */
class RedisPipesTests extends PipesContractTests {

	private static final Duration LIVENESS = Duration.ofMillis(900);

	private final TestRedis redis = TestRedis.connect();

	private final RedisPipes a = new RedisPipes(this.redis.client(), this.redis.prefix(), WINDOW, LIVENESS);

	private final RedisPipes b = new RedisPipes(this.redis.client(), this.redis.prefix(), WINDOW, LIVENESS);

	@AfterEach
	void stop() {
		this.a.dispose();
		this.b.dispose();
		this.redis.close();
	}

	@Override
	protected Pipes nodeA() {
		return this.a;
	}

	@Override
	protected Pipes nodeB() {
		return this.b;
	}

	@Override
	protected void crashNodeB() {
		this.b.halt();
		this.redis.delete(this.b.inboxes().alive("b"));
	}

	@Override
	protected void stopNodes() {
		this.a.dispose();
		this.b.dispose();
	}

	/**
	 * Open ends, and keys other than a live node's own inbox and liveness key.
	 */
	@Override
	protected List<String> leftovers() {
		List<String> left = new ArrayList<>();
		for (String node : List.of("a", "b")) {
			RedisPipes pipes = node.equals("a") ? this.a : this.b;
			if (pipes.openEnds() > 0) {
				left.add(pipes.openEnds() + " open ends on " + node);
			}
		}
		this.redis.keys()
			.stream()
			.filter((key) -> !(key.equals(this.a.inboxes().inbox("a")) || key.equals(this.a.inboxes().alive("a")))
					|| this.a.isDisposed())
			.filter((key) -> !(key.equals(this.b.inboxes().inbox("b")) || key.equals(this.b.inboxes().alive("b")))
					|| this.b.isDisposed())
			.forEach(left::add);
		return left;
	}

}
