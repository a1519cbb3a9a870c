package dev.junction.cluster.memory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.junction.cluster.Departure;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Presence} for a single node, answering on the subscribing thread. Each group's
 * list is guarded by its own monitor; an emptied list is unmapped under that monitor, and
 * writers that raced with it retry.
 */
public final class InMemoryPresence implements Presence {

	private final Map<String, Map<String, PresenceMember>> groups = new ConcurrentHashMap<>();

	@Override
	public Mono<Void> add(String group, PresenceMember member) {
		return Mono.fromRunnable(() -> put(group, member));
	}

	@Override
	public Mono<Boolean> remove(String group, String memberId) {
		return Mono.fromSupplier(() -> take(group, memberId));
	}

	@Override
	public Mono<List<PresenceMember>> members(String group) {
		return Mono.fromSupplier(() -> list(group));
	}

	@Override
	public Flux<Departure> removeNode(NodeId node) {
		return Flux.defer(() -> Flux.fromIterable(takeNode(node)));
	}

	private void put(String group, PresenceMember member) {
		while (true) {
			Map<String, PresenceMember> members = this.groups.computeIfAbsent(group, (key) -> new LinkedHashMap<>());
			synchronized (members) {
				if (this.groups.get(group) == members) {
					members.put(member.id(), member);
					return;
				}
			}
		}
	}

	private boolean take(String group, String memberId) {
		Map<String, PresenceMember> members = this.groups.get(group);
		if (members == null) {
			return false;
		}
		synchronized (members) {
			boolean removed = members.remove(memberId) != null;
			if (members.isEmpty()) {
				this.groups.remove(group, members);
			}
			return removed;
		}
	}

	private List<PresenceMember> list(String group) {
		Map<String, PresenceMember> members = this.groups.get(group);
		if (members == null) {
			return List.of();
		}
		synchronized (members) {
			return List.copyOf(members.values());
		}
	}

	private List<Departure> takeNode(NodeId node) {
		List<Departure> departures = new ArrayList<>();
		for (Map.Entry<String, Map<String, PresenceMember>> group : this.groups.entrySet()) {
			Map<String, PresenceMember> members = group.getValue();
			synchronized (members) {
				Iterator<PresenceMember> iterator = members.values().iterator();
				while (iterator.hasNext()) {
					PresenceMember member = iterator.next();
					if (member.node().equals(node)) {
						iterator.remove();
						departures.add(new Departure(group.getKey(), member));
					}
				}
				if (members.isEmpty()) {
					this.groups.remove(group.getKey(), members);
				}
			}
		}
		return departures;
	}

}
