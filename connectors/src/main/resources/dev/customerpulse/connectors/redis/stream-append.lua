-- Appends one entry to a stream unless an entry with the same id was appended before, so a replay
-- after a restart adds nothing twice. The stream and the id set share a hash tag (one Cluster slot).
-- KEYS[1]  the stream
-- KEYS[2]  sorted set of the ids appended, scored by event time
-- ARGV[1]  entry id (e.g. an alert id)
-- ARGV[2]  event time of the entry, epoch milliseconds
-- ARGV[3]  approximate maximum length of the stream (older entries are trimmed)
-- ARGV[4]  how long ids are remembered, milliseconds of event time
-- ARGV[5..] the entry's fields: field, value, field, value, ...
-- Returns 1 when appended, 0 when the id was there already.
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[2]) - tonumber(ARGV[4])))
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 5))
return 1
