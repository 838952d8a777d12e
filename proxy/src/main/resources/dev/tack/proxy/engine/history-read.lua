-- Reads a channel's stream for a resuming client (docs/history.md "Positions"): all or nothing.
-- KEYS: stream, meta, ids, lru, bytes
-- ARGV: 1 mode (top, after, last, since), 2 token epoch or '', 3 token offset, 4 publisher id or '',
--       5 count (last) or milliseconds (since), 6 most items to answer, 7 now (ms), 8 max age (ms),
--       9 epoch for a new stream, 10 channel, 11 key prefix, 12 max channels, 13 max bytes in all
-- Returns {result, epoch, top, offset1, time1, item1, offset2, ...}.
local stream, meta, ids, lru, total = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local mode, limit, now, max_age = ARGV[1], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])

local epoch, top = channel_meta(meta, lru, ARGV[10], ARGV[9], now)
evict(ARGV[11], lru, total, ARGV[10], tonumber(ARGV[12]), tonumber(ARGV[13]))
local out = {'ok', epoch, top}
if mode == 'top' then
  return out
end

local function add(entry)
  out[#out + 1] = offset_of(entry[1])
  out[#out + 1] = tonumber(entry[2][6])
  out[#out + 1] = entry[2][2]
end

if mode == 'last' or mode == 'since' then
  local count = limit
  if mode == 'last' and tonumber(ARGV[5]) < count then
    count = tonumber(ARGV[5])
  end
  if count <= 0 then
    return out
  end
  local newest = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', count)
  local oldest_kept = now - max_age
  if mode == 'since' and now - tonumber(ARGV[5]) > oldest_kept then
    oldest_kept = now - tonumber(ARGV[5])
  end
  for i = #newest, 1, -1 do
    if tonumber(newest[i][2][6]) >= oldest_kept then
      add(newest[i])
    end
  end
  return out
end

local after = nil
if ARGV[2] ~= '' and ARGV[2] == epoch then
  after = tonumber(ARGV[3])
elseif ARGV[4] ~= '' then
  local found = redis.call('HGET', ids, ARGV[4])
  if found then
    after = tonumber(found)
  end
end
if not after then
  out[1] = (ARGV[2] ~= '') and 'epoch_changed' or 'unknown_position'
  return out
end
if after > top then
  out[1] = 'unknown_position'
  return out
end
local head = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
local first = top + 1
if head then
  first = offset_of(head[1])
end
if after + 1 < first then
  out[1] = 'evicted'
  return out
end
if top - after > limit then
  out[1] = 'too_large'
  return out
end
if after == top then
  return out
end
local entries = redis.call('XRANGE', stream, string.format('%d-0', after + 1), '+')
for _, entry in ipairs(entries) do
  if now - tonumber(entry[2][6]) > max_age then
    return {'evicted', epoch, top}
  end
  add(entry)
end
return out
