package dev.junction.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Presence} for a single node. Each group's list is changed and read only inside
 * the map's per-key compute, which serializes access to it.
 */
public final class InMemoryPresence implements Presence {

	private final Map<String, Map<String, PresenceMember>> groups = new ConcurrentHashMap<>();

	@Override
	public void add(String group, PresenceMember member) {
		this.groups.compute(group, (key, members) -> {
			Map<String, PresenceMember> next = (members != null) ? members : new LinkedHashMap<>();
			next.put(member.id(), member);
			return next;
		});
	}

	@Override
	public boolean remove(String group, String memberId) {
		AtomicBoolean removed = new AtomicBoolean();
		this.groups.computeIfPresent(group, (key, members) -> {
			removed.set(members.remove(memberId) != null);
			return members.isEmpty() ? null : members;
		});
		return removed.get();
	}

	@Override
	public List<PresenceMember> members(String group) {
		AtomicReference<List<PresenceMember>> snapshot = new AtomicReference<>(List.of());
		this.groups.computeIfPresent(group, (key, members) -> {
			snapshot.set(List.copyOf(members.values()));
			return members;
		});
		return snapshot.get();
	}

}
