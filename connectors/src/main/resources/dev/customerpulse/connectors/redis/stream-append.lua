-- Appends one entry to a stream unless an entry with the same id was appended before, so a replay
-- after a restart adds nothing twice, and indexes it under its owner, so that a purge (an erasure)
-- finds it. The stream, the id set and the owner's index share a hash tag (one Cluster slot).
-- KEYS[1]  the stream
-- KEYS[2]  sorted set of the ids appended, scored by event time
-- KEYS[3]  the owner's index: sorted set of '<entry id> <id>', scored by event time
-- ARGV[1]  entry id (e.g. an alert id)
-- ARGV[2]  event time of the entry, epoch milliseconds
-- ARGV[3]  approximate maximum length of the stream (older entries are trimmed)
-- ARGV[4]  how long ids are remembered, milliseconds of event time
-- ARGV[5..] the entry's fields: field, value, field, value, ...
-- Returns 1 when appended, 0 when the id was there already.
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
local oldest = '(' .. (tonumber(ARGV[2]) - tonumber(ARGV[4]))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', oldest)
local entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 5))
redis.call('ZADD', KEYS[3], ARGV[2], entry .. ' ' .. ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', oldest)
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return 1
