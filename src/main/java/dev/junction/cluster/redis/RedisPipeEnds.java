package dev.junction.cluster.redis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.junction.cluster.Pipes;
import dev.junction.cluster.Pipes.Opening;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;

/**
 * The pipe ends open on one node, and the openings still waiting for their {@code accept}
 * or {@code refuse}, each keyed by {@code <other node>/<pipe id>}. Kept apart from
 * {@link RedisPipes} so that the bookkeeping of which end is where, and who is told
 * {@link Pipes#GONE} when a node goes, reads on its own.
 */
final class RedisPipeEnds {

	private final Map<String, RedisPipeEnd> ends = new ConcurrentHashMap<>();

	private final Map<String, Sinks.One<Opening>> openings = new ConcurrentHashMap<>();

	static String key(String otherNode, String pipeId) {
		return otherNode + "/" + pipeId;
	}

	void add(String key, RedisPipeEnd end) {
		this.ends.put(key, end);
	}

	void awaitAnswer(String key, Sinks.One<Opening> answer) {
		this.openings.put(key, answer);
	}

	@Nullable RedisPipeEnd get(String key) {
		return this.ends.get(key);
	}

	void removed(RedisPipeEnd end) {
		this.ends.remove(end.key(), end);
	}

	void accepted(String key) {
		Sinks.One<Opening> answer = this.openings.remove(key);
		RedisPipeEnd end = this.ends.get(key);
		if (answer != null && end != null) {
			answer.tryEmitValue(new Opening(end, null));
		}
	}

	void refused(String key, String reason) {
		this.ends.remove(key);
		Sinks.One<Opening> answer = this.openings.remove(key);
		if (answer != null) {
			answer.tryEmitValue(new Opening(null, reason));
		}
	}

	/**
	 * The nodes at the other side of an end or an opening: those whose liveness matters.
	 * @return the nodes
	 */
	Set<String> otherNodes() {
		Set<String> others = this.ends.values().stream().map(RedisPipeEnd::otherNode).collect(Collectors.toSet());
		this.openings.keySet().forEach((key) -> others.add(key.substring(0, key.indexOf('/'))));
		return others;
	}

	void nodeGone(String other) {
		this.ends.forEach((key, end) -> {
			if (end.otherNode().equals(other)) {
				gone(end);
			}
		});
		List.copyOf(this.openings.keySet())
			.stream()
			.filter((key) -> key.startsWith(other + "/"))
			.forEach((key) -> refused(key, Pipes.GONE));
	}

	void endAll() {
		this.ends.values().forEach(this::gone);
		List.copyOf(this.openings.keySet()).forEach((key) -> refused(key, Pipes.GONE));
	}

	private void gone(RedisPipeEnd end) {
		this.ends.remove(end.key(), end);
		end.ended(Pipes.GONE);
	}

	void forEachEnd(Consumer<RedisPipeEnd> action) {
		this.ends.values().forEach(action);
	}

	int size() {
		return this.ends.size();
	}

}
