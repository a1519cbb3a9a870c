package dev.junction.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Presence} for a single node.
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
		boolean[] removed = new boolean[1];
		this.groups.computeIfPresent(group, (key, members) -> {
			removed[0] = members.remove(memberId) != null;
			return members.isEmpty() ? null : members;
		});
		return removed[0];
	}

	@Override
	public List<PresenceMember> members(String group) {
		List<PresenceMember>[] snapshot = new List[] { List.of() };
		this.groups.computeIfPresent(group, (key, members) -> {
			snapshot[0] = List.copyOf(members.values());
			return members;
		});
		return snapshot[0];
	}

}
