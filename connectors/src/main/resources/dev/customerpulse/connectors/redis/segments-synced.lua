-- Marks a profile's segment sets as in line with its 'segments' field, unless the profile has
-- moved on since the caller read it (then the next write syncs again).
-- KEYS[1] profile hash; ARGV[1] the segments the caller put the sets in line with.
if (redis.call('HGET', KEYS[1], 'segments') or '') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'segments_synced', ARGV[1])
  return 1
end
return 0
