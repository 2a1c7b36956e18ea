-- Versioned upsert of one customer profile hash (Redis key contract v1).
-- KEYS[1]  profile hash
-- ARGV[1]  profile version (per-customer update sequence; higher is newer)
-- ARGV[2]  base version: the version this write's fields were diffed against, 0 for a full write,
--          R for a replacing write: the hash is emptied first (a customer kept without profiling
--          consent keeps only the fields sent), its bookkeeping of the sets kept; or F for a refill
--          (Redis came back empty, or a rebuild): a full write that is applied at the stored version
--          too, and always answers with the table, so that the caller puts the sets in line
-- ARGV[3]  the customer's segments after this update, comma-separated
-- ARGV[4]  the fields to set as a sequence of MessagePack strings: field, value, field, value, ...
--          (one argument: cheaper for the client than many, and cmsgpack unpacks it in C)
-- ARGV[5]  the purposes the customer granted consent for, comma-separated (the consent sets they
--          belong in; the same as the 'consents' field)
-- Returns 1 when applied and the segment and consent sets already match (the usual case: a bare
-- integer costs Redis far less than a table); otherwise {status, segments now stored,
-- segments_synced, consents now stored, consents_synced} with status 1 applied, 0 refused as stale, 2 refused because
-- the hash is not at the base version (the caller then writes in full), 3 refused because the hash is
-- already at this version (a replay of a write Redis took: the caller may repeat what follows it).
-- A replay after a restart carries versions the hash already has: those are refused, so the
-- profile never moves back to an older state. A partial write applies only on top of exactly the
-- version it was computed against, so a hash is never a mix of two histories. The per-segment and
-- per-purpose member sets live in other hash slots, so they cannot be changed in here: the caller
-- brings them in line whenever 'segments' and 'segments_synced' (or the consents and
-- 'consents_synced') differ, then marks them synced.
local stored = redis.call('HMGET', KEYS[1], 'v', 'segments', 'segments_synced', 'consents', 'consents_synced')
local synced = stored[3] or ''
local consentsSynced = stored[5] or ''
local refill = ARGV[2] == 'F'
if stored[1] and (tonumber(stored[1]) > tonumber(ARGV[1]) or (tonumber(stored[1]) == tonumber(ARGV[1]) and not refill)) then
  local status = 0
  if tonumber(stored[1]) == tonumber(ARGV[1]) then
    status = 3
  end
  return {status, stored[2] or '', synced, stored[4] or '', consentsSynced}
end
if ARGV[2] == 'R' then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'segments_synced', synced, 'consents_synced', consentsSynced)
elseif ARGV[2] ~= '0' and not refill and stored[1] ~= ARGV[2] then
  return {2, stored[2] or '', synced, stored[4] or '', consentsSynced}
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'segments', ARGV[3], cmsgpack.unpack(ARGV[4]))
if synced == ARGV[3] and consentsSynced == ARGV[5] and not refill then
  return 1
end
return {1, ARGV[3], synced, ARGV[5], consentsSynced}
