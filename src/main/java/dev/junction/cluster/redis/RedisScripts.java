package dev.junction.cluster.redis;

/**
 * The Lua scripts behind presence and the directory: each change is one script, so that
 * it is atomic in Redis and two nodes that race see one winner.
 *
 * <p>
 * Times to live are judged by the caller's clock (each script gets {@code now}), and
 * Redis's own expiry removes the key at about the same time. A node's directory index is
 * a sorted set scored by each claim's deadline, so a claim adding to it first drops the
 * entries of lapsed claims and the index does not grow with claims that ran out. Index
 * entries name a group and a member as {@code <byte length of group>:<group><id>}, so
 * neither needs an escape.
 */
final class RedisScripts {

	private static final String NODE_OF_VALUE = """
			local function nodeOfValue(value)
			  local colon = string.find(value, ':', 1, true)
			  return string.sub(value, colon + 1, colon + tonumber(string.sub(value, 1, colon - 1)))
			end
			local function entry(group, id)
			  return #group .. ':' .. group .. id
			end
			""";

	private static final String NODE_OF_OWNER = """
			local function nodeOfOwner(owner)
			  local at = string.find(owner, '.', 1, true)
			  if at then return string.sub(owner, 1, at - 1) end
			  return owner
			end
			local function live(key, now)
			  local claim = redis.call('HMGET', key, 'o', 'u')
			  if claim[1] and (claim[2] == '0' or tonumber(claim[2]) > now) then return claim[1] end
			  return nil
			end
			local function hold(key, index, name, owner, now, ttl)
			  local untilMillis = 0
			  local score = '+inf'
			  if ttl > 0 then
			    untilMillis = now + ttl
			    score = untilMillis
			  end
			  redis.call('HSET', key, 'o', owner, 'u', untilMillis)
			  if ttl > 0 then redis.call('PEXPIRE', key, ttl) else redis.call('PERSIST', key) end
			  redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
			  redis.call('ZADD', index, score, name)
			end
			local function unindex(prefix, name, owner)
			  if owner then redis.call('ZREM', prefix .. 'directory-node:' .. nodeOfOwner(owner), name) end
			end
			""";

	/**
	 * KEYS: order, members, the member's node index, arrivals; ARGV: id, encoded member,
	 * group, prefix, node.
	 */
	static final LuaScript PRESENCE_ADD = LuaScript.of(NODE_OF_VALUE + """
			local old = redis.call('HGET', KEYS[2], ARGV[1])
			if old then
			  local oldNode = nodeOfValue(old)
			  if oldNode ~= ARGV[5] then
			    redis.call('SREM', ARGV[4] .. 'presence:node:' .. oldNode, entry(ARGV[3], ARGV[1]))
			  end
			else
			  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[4]), ARGV[1])
			end
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			redis.call('SADD', KEYS[3], entry(ARGV[3], ARGV[1]))
			return 1
			""");

	/** KEYS: order, members; ARGV: id, group, prefix. */
	static final LuaScript PRESENCE_REMOVE = LuaScript.of(NODE_OF_VALUE + """
			local old = redis.call('HGET', KEYS[2], ARGV[1])
			if not old then return 0 end
			redis.call('HDEL', KEYS[2], ARGV[1])
			redis.call('ZREM', KEYS[1], ARGV[1])
			redis.call('SREM', ARGV[3] .. 'presence:node:' .. nodeOfValue(old), entry(ARGV[2], ARGV[1]))
			return 1
			""");

	/** KEYS: order, members; the encoded members in arrival order. */
	static final LuaScript PRESENCE_MEMBERS = LuaScript.of("""
			local out = {}
			for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
			  local value = redis.call('HGET', KEYS[2], id)
			  if value then out[#out + 1] = value end
			end
			return out
			""");

	/**
	 * KEYS: the node index; ARGV: prefix, node, batch size. Pops up to a batch of index
	 * entries and removes those still of the node; answers the popped count, then group
	 * and encoded member of each removed entry. Popping makes each entry go once, to
	 * whichever caller popped it.
	 */
	static final LuaScript PRESENCE_REMOVE_NODE = LuaScript.of(NODE_OF_VALUE + """
			local popped = redis.call('SPOP', KEYS[1], tonumber(ARGV[3]))
			local out = { #popped }
			for _, item in ipairs(popped) do
			  local colon = string.find(item, ':', 1, true)
			  local length = tonumber(string.sub(item, 1, colon - 1))
			  local group = string.sub(item, colon + 1, colon + length)
			  local id = string.sub(item, colon + length + 1)
			  local members = ARGV[1] .. 'presence:members:' .. group
			  local value = redis.call('HGET', members, id)
			  if value and nodeOfValue(value) == ARGV[2] then
			    redis.call('HDEL', members, id)
			    redis.call('ZREM', ARGV[1] .. 'presence:order:' .. group, id)
			    out[#out + 1] = group
			    out[#out + 1] = value
			  end
			end
			return out
			""");

	/** KEYS: claim, owner's node index; ARGV: owner, now, ttl (0: none), name, prefix. */
	static final LuaScript DIRECTORY_CLAIM = LuaScript.of(NODE_OF_OWNER + """
			local now = tonumber(ARGV[2])
			local current = live(KEYS[1], now)
			if current and current ~= ARGV[1] then return 0 end
			if not current then unindex(ARGV[5], ARGV[4], redis.call('HGET', KEYS[1], 'o')) end
			hold(KEYS[1], KEYS[2], ARGV[4], ARGV[1], now, tonumber(ARGV[3]))
			return 1
			""");

	/** KEYS: claim, owner's node index; ARGV: owner, now, ttl (0: none), name, prefix. */
	static final LuaScript DIRECTORY_REPLACE = LuaScript.of(NODE_OF_OWNER + """
			local now = tonumber(ARGV[2])
			local current = live(KEYS[1], now)
			local previous = redis.call('HGET', KEYS[1], 'o')
			if previous and nodeOfOwner(previous) ~= nodeOfOwner(ARGV[1]) then unindex(ARGV[5], ARGV[4], previous) end
			hold(KEYS[1], KEYS[2], ARGV[4], ARGV[1], now, tonumber(ARGV[3]))
			return current
			""");

	/** KEYS: claim, owner's node index; ARGV: owner, now, name. */
	static final LuaScript DIRECTORY_RELEASE = LuaScript.of(NODE_OF_OWNER + """
			if live(KEYS[1], tonumber(ARGV[2])) ~= ARGV[1] then return 0 end
			redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[3])
			return 1
			""");

	/** KEYS: claim; ARGV: now. */
	static final LuaScript DIRECTORY_OWNER = LuaScript.of(NODE_OF_OWNER + """
			return live(KEYS[1], tonumber(ARGV[1]))
			""");

	/**
	 * KEYS: the node index; ARGV: prefix, node, now, batch size. Answers the popped count
	 * and how many live claims of the node went.
	 */
	static final LuaScript DIRECTORY_RELEASE_NODE = LuaScript.of(NODE_OF_OWNER + """
			local now = tonumber(ARGV[3])
			local popped = redis.call('ZPOPMIN', KEYS[1], tonumber(ARGV[4]))
			local released = 0
			for i = 1, #popped, 2 do
			  local name = popped[i]
			  local key = ARGV[1] .. 'directory:' .. name
			  local owner = redis.call('HGET', key, 'o')
			  if owner and nodeOfOwner(owner) == ARGV[2] then
			    if live(key, now) then released = released + 1 end
			    redis.call('DEL', key)
			  end
			end
			return { #popped / 2, released }
			""");

	/** KEYS: record; ARGV: now, ttl, then field and value pairs. */
	static final LuaScript STORE_PUT = LuaScript.of("""
			local now = tonumber(ARGV[1])
			local untilMillis = redis.call('HGET', KEYS[1], 'until')
			if untilMillis and tonumber(untilMillis) > now then return 0 end
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'until', now + tonumber(ARGV[2]))
			for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
			redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
			return 1
			""");

	private RedisScripts() {
	}

}
