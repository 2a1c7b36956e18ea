-- Versioned upsert of one customer profile hash (Redis key contract v1).
-- KEYS[1]  profile hash
-- ARGV[1]  profile version (per-customer update sequence; higher is newer)
-- ARGV[2]  the customer's segments after this update, comma-separated
-- ARGV[3..] field, value, field, value, ...
-- Returns {applied (1/0), segments stored before, segments_prev stored before}.
-- A replay after a restart carries versions the hash already has: those are refused, so the
-- profile never moves back to an older state. The caller uses the returned segment lists to
-- bring the per-segment member sets in line (they live in other hash slots, so not in here).
local stored = redis.call('HMGET', KEYS[1], 'v', 'segments', 'segments_prev')
local current = stored[2] or ''
local previous = stored[3] or ''
if stored[1] and tonumber(stored[1]) >= tonumber(ARGV[1]) then
  return {0, current, previous}
end
local left = previous
if current ~= ARGV[2] then
  left = current
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'segments', ARGV[2], 'segments_prev', left, unpack(ARGV, 3))
return {1, current, previous}
