package dev.junction.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Presence} for a single node. Each group's list is guarded by its own monitor;
 * an emptied list is unmapped under that monitor, and writers that raced with it retry.
 */
public final class InMemoryPresence implements Presence {

	private final Map<String, Map<String, PresenceMember>> groups = new ConcurrentHashMap<>();

	@Override
	public void add(String group, PresenceMember member) {
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

	@Override
	public boolean remove(String group, String memberId) {
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

	@Override
	public List<PresenceMember> members(String group) {
		Map<String, PresenceMember> members = this.groups.get(group);
		if (members == null) {
			return List.of();
		}
		synchronized (members) {
			return List.copyOf(members.values());
		}
	}

}
