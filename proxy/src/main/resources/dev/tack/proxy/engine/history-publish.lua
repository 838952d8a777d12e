-- Stores one published item in its channel's stream and publishes it, in one step, so every node learns the
-- item's position and any node can replay it (docs/history.md "Redis").
-- KEYS: stream, meta, ids, lru, bytes
-- ARGV: 1 bus channel, 2 header line, 3 bus body, 4 stored body, 5 publisher id or '', 6 epoch for a new stream,
--       7 max items, 8 max age (ms), 9 max bytes per channel, 10 max bytes in all, 11 max channels,
--       12 '1' when a repeated id is not stored again, 13 now (ms), 14 '1' for sharded PUB/SUB, 15 channel,
--       16 key prefix
-- Returns {receivers, epoch, offset}; offset -1 when the item was a repeat and was not stored.
local stream, meta, ids, lru, total = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id, now, channel = ARGV[5], tonumber(ARGV[13]), ARGV[15]

local function publish(message)
  if ARGV[14] == '1' then
    return redis.call('SPUBLISH', ARGV[1], message)
  end
  return redis.call('PUBLISH', ARGV[1], message)
end

local epoch = channel_meta(meta, lru, channel, ARGV[6], now)
if id ~= '' and ARGV[12] == '1' and redis.call('HEXISTS', ids, id) == 1 then
  return {publish(ARGV[2] .. '\n' .. ARGV[3]), epoch, -1}
end

local offset = redis.call('HINCRBY', meta, 's', 1)
local size = string.len(ARGV[4]) + string.len(id) + 64
redis.call('XADD', stream, string.format('%d-0', offset), 'd', ARGV[4], 'i', id, 't', ARGV[13])
if id ~= '' then
  redis.call('HSET', ids, id, offset)
end
local bytes = redis.call('HINCRBY', meta, 'b', size)
redis.call('INCRBY', total, size)

-- This channel's bounds: items, bytes, age.
local max_items, max_age, max_bytes = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local count = redis.call('XLEN', stream)
while count > 0 do
  local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  local fields = oldest[2]
  if count <= max_items and bytes <= max_bytes and now - tonumber(fields[6]) <= max_age then
    break
  end
  local freed = string.len(fields[2]) + string.len(fields[4]) + 64
  redis.call('XDEL', stream, oldest[1])
  if fields[4] ~= '' and tonumber(redis.call('HGET', ids, fields[4]) or '-1') == offset_of(oldest[1]) then
    redis.call('HDEL', ids, fields[4])
  end
  bytes = redis.call('HINCRBY', meta, 'b', -freed)
  redis.call('DECRBY', total, freed)
  count = count - 1
end

-- The server's bounds: channels and bytes in all.
redis.call('ZADD', lru, now, channel)
evict(ARGV[16], lru, total, channel, tonumber(ARGV[11]), tonumber(ARGV[10]))

return {publish(ARGV[2] .. string.format(' offset=%d epoch=', offset) .. epoch .. '\n' .. ARGV[3]), epoch, offset}
