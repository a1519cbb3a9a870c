package dev.junction.cluster.redis;

import java.util.ArrayList;
import java.util.List;

import dev.junction.cluster.Departure;
import dev.junction.cluster.Presence;
import dev.junction.cluster.PresenceMember;
import dev.junction.core.NodeId;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Presence} in Redis: per group a sorted set of member ids scored by arrival and
 * a hash of the encoded members, and per node an index of its entries, so that
 * {@link #removeNode} finds them without a scan. Each change is one Lua script.
 */
public final class RedisPresence implements Presence {

	private static final int BATCH = 500;

	private final RedisAsyncCommands<String, String> commands;

	private final RedisKeys keys;

	/**
	 * Presence on a connection.
	 * @param commands the connection's commands (UTF-8 strings)
	 * @param keyPrefix the prefix of every key
	 */
	public RedisPresence(RedisAsyncCommands<String, String> commands, String keyPrefix) {
		this.commands = commands;
		this.keys = new RedisKeys(keyPrefix);
	}

	@Override
	public Mono<Void> add(String group, PresenceMember member) {
		String node = member.node().value();
		return RedisScripts.PRESENCE_ADD
			.<Long>run(this.commands, ScriptOutputType.INTEGER,
					new String[] { this.keys.presenceOrder(group), this.keys.presenceMembers(group),
							this.keys.presenceNode(node), this.keys.presenceArrivals() },
					member.id(), PresenceCodec.encode(member), group, this.keys.prefix(), node)
			.then();
	}

	@Override
	public Mono<Boolean> remove(String group, String memberId) {
		return RedisScripts.PRESENCE_REMOVE
			.<Long>run(this.commands, ScriptOutputType.INTEGER,
					new String[] { this.keys.presenceOrder(group), this.keys.presenceMembers(group) }, memberId, group,
					this.keys.prefix())
			.map((removed) -> removed == 1);
	}

	@Override
	public Mono<List<PresenceMember>> members(String group) {
		return RedisScripts.PRESENCE_MEMBERS
			.<List<Object>>run(this.commands, ScriptOutputType.MULTI,
					new String[] { this.keys.presenceOrder(group), this.keys.presenceMembers(group) })
			.map((encoded) -> encoded.stream().map((member) -> PresenceCodec.decode((String) member)).toList());
	}

	@Override
	public Flux<Departure> removeNode(NodeId node) {
		return removeBatch(node).expand((batch) -> (batch.popped() > 0) ? removeBatch(node) : Mono.empty())
			.concatMapIterable(Batch::departures);
	}

	private Mono<Batch> removeBatch(NodeId node) {
		return RedisScripts.PRESENCE_REMOVE_NODE
			.<List<Object>>run(this.commands, ScriptOutputType.MULTI,
					new String[] { this.keys.presenceNode(node.value()) }, this.keys.prefix(), node.value(),
					Integer.toString(BATCH))
			.map(RedisPresence::batch);
	}

	private static Batch batch(List<Object> reply) {
		List<Departure> departures = new ArrayList<>();
		for (int i = 1; i + 1 < reply.size(); i += 2) {
			departures.add(new Departure((String) reply.get(i), PresenceCodec.decode((String) reply.get(i + 1))));
		}
		return new Batch((Long) reply.get(0), departures);
	}

	private record Batch(long popped, List<Departure> departures) {
	}

}
