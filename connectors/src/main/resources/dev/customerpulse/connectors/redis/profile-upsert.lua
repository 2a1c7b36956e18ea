-- Versioned upsert of one customer profile hash (Redis key contract v1).
-- KEYS[1]  profile hash
-- ARGV[1]  profile version (per-customer update sequence; higher is newer)
-- ARGV[2]  the customer's segments after this update, comma-separated
-- ARGV[3..] field, value, field, value, ...
-- Returns {applied (1/0), segments now stored, segments_synced}.
-- A replay after a restart carries versions the hash already has: those are refused, so the
-- profile never moves back to an older state. The per-segment member sets live in other hash
-- slots, so they cannot be changed in here: the caller brings them in line whenever 'segments'
-- and 'segments_synced' differ, then marks them synced (segment-synced.lua).
local stored = redis.call('HMGET', KEYS[1], 'v', 'segments', 'segments_synced')
local synced = stored[3] or ''
if stored[1] and tonumber(stored[1]) >= tonumber(ARGV[1]) then
  return {0, stored[2] or '', synced}
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'segments', ARGV[2], unpack(ARGV, 3))
return {1, ARGV[2], synced}
