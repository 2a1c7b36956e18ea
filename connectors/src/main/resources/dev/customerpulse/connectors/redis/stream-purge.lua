-- Removes every entry of one owner (an erased customer) from a stream: the entries its index names,
-- their ids from the id set, and the index itself. Idempotent: a replay finds nothing left.
-- KEYS[1]  the stream
-- KEYS[2]  sorted set of the ids appended
-- KEYS[3]  the owner's index: sorted set of '<entry id> <id>'
-- Returns the number of stream entries deleted.
local deleted = 0
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  local space = string.find(member, ' ', 1, true)
  deleted = deleted + redis.call('XDEL', KEYS[1], string.sub(member, 1, space - 1))
  redis.call('ZREM', KEYS[2], string.sub(member, space + 1))
end
redis.call('DEL', KEYS[3])
return deleted
