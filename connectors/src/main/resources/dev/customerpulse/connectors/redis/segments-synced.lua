-- Marks a profile's member sets as in line with one of its fields ('segments' or 'consents'),
-- unless the profile has moved on since the caller read it (then the next write syncs again).
-- KEYS[1] profile hash; ARGV[1] the field; ARGV[2] the value the caller put the sets in line with.
-- The bookkeeping field is the field's name with '_synced' appended.
if (redis.call('HGET', KEYS[1], ARGV[1]) or '') == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1] .. '_synced', ARGV[2])
  return 1
end
return 0
