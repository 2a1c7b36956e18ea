-- Versioned delete of one customer profile (the customer expired or was erased).
-- KEYS[1] profile hash; ARGV[1] the version of the deletion.
-- Returns {applied (1/0), segments, segments_synced, consents, consents_synced} as they were, so the
-- caller can take the customer out of those segment and consent sets. An older deletion than the
-- stored profile is refused.
local stored = redis.call('HMGET', KEYS[1], 'v', 'segments', 'segments_synced', 'consents', 'consents_synced')
if stored[1] and tonumber(stored[1]) >= tonumber(ARGV[1]) then
  return {0, stored[2] or '', stored[3] or '', stored[4] or '', stored[5] or ''}
end
redis.call('DEL', KEYS[1])
return {1, stored[2] or '', stored[3] or '', stored[4] or '', stored[5] or ''}
