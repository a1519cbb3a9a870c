package dev.junction.cluster.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.cluster.Directory;
import dev.junction.core.NodeId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A {@link Directory} for a single node, answering on the subscribing thread: one map,
 * each key changed atomically. Claims past their time count as free and are dropped when
 * next touched.
 */
public final class InMemoryDirectory implements Directory {

	private final Map<String, Claim> claims = new ConcurrentHashMap<>();

	private final Clock clock;

	public InMemoryDirectory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> claim(String key, String owner, @Nullable Duration ttl) {
		return Mono.fromSupplier(() -> doClaim(key, owner, ttl));
	}

	private boolean doClaim(String key, String owner, @Nullable Duration ttl) {
		long now = this.clock.millis();
		Claim claim = new Claim(owner, expiresAt(now, ttl));
		Claim current = this.claims.compute(key,
				(name, existing) -> (existing == null || existing.isOver(now) || existing.owner().equals(owner)) ? claim
						: existing);
		return current == claim;
	}

	@Override
	public Mono<String> replace(String key, String owner, @Nullable Duration ttl) {
		return Mono.fromSupplier(() -> doReplace(key, owner, ttl));
	}

	private @Nullable String doReplace(String key, String owner, @Nullable Duration ttl) {
		long now = this.clock.millis();
		Claim previous = this.claims.put(key, new Claim(owner, expiresAt(now, ttl)));
		return (previous != null && !previous.isOver(now)) ? previous.owner() : null;
	}

	@Override
	public Mono<Boolean> release(String key, String owner) {
		return Mono.fromSupplier(() -> doRelease(key, owner));
	}

	private boolean doRelease(String key, String owner) {
		long now = this.clock.millis();
		boolean[] held = new boolean[1];
		this.claims.computeIfPresent(key, (name, existing) -> {
			if (existing.isOver(now)) {
				return null;
			}
			if (existing.owner().equals(owner)) {
				held[0] = true;
				return null;
			}
			return existing;
		});
		return held[0];
	}

	@Override
	public Mono<String> owner(String key) {
		return Mono.fromSupplier(() -> doOwner(key));
	}

	private @Nullable String doOwner(String key) {
		Claim claim = this.claims.get(key);
		if (claim == null) {
			return null;
		}
		if (claim.isOver(this.clock.millis())) {
			this.claims.remove(key, claim);
			return null;
		}
		return claim.owner();
	}

	@Override
	public Mono<Integer> releaseNode(NodeId node) {
		return Mono.fromSupplier(() -> doReleaseNode(node));
	}

	private int doReleaseNode(NodeId node) {
		AtomicInteger released = new AtomicInteger();
		this.claims.entrySet().removeIf((entry) -> {
			boolean ofNode = NodeId.of(entry.getValue().owner()).equals(node.value());
			if (ofNode) {
				released.incrementAndGet();
			}
			return ofNode;
		});
		return released.get();
	}

	/**
	 * How many keys are held, claims past their time included until touched.
	 * @return the count
	 */
	public int size() {
		return this.claims.size();
	}

	private static long expiresAt(long now, @Nullable Duration ttl) {
		return (ttl != null) ? now + ttl.toMillis() : Long.MAX_VALUE;
	}

	private record Claim(String owner, long expiresAt) {

		boolean isOver(long now) {
			return this.expiresAt <= now;
		}

	}

}
