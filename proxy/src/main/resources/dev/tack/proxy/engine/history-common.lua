-- Shared by history-publish.lua and history-read.lua (docs/history.md "Redis"); the two scripts are this text
-- followed by their own. One channel's keys, <p> being [tack] engine_prefix followed by ".h":
--   <p>.s.<channel>  the stream: one entry per item, id <offset>-0, fields d (the item, as the publish API takes
--                    it), i (its publisher id, or empty) and t (when it was stored, in milliseconds)
--   <p>.m.<channel>  e (the epoch), s (the top offset) and b (the bytes stored)
--   <p>.i.<channel>  publisher id -> offset, for the items still in the stream
-- and of the whole server: <p>.lru (channels by last use, in milliseconds) and <p>.bytes (bytes stored).

-- The channel's epoch and top offset; a channel without history starts one with the epoch the node offered.
local function channel_meta(meta, lru, channel, candidate, now)
  local epoch = redis.call('HGET', meta, 'e')
  if epoch then
    return epoch, tonumber(redis.call('HGET', meta, 's'))
  end
  redis.call('HSET', meta, 'e', candidate, 's', 0, 'b', 0)
  redis.call('ZADD', lru, now, channel)
  return candidate, 0
end

-- Evicts whole channels, least recently used first (never 'keep'), until the server is within its caps.
local function evict(prefix, lru, total, keep, max_channels, total_bytes)
  while redis.call('ZCARD', lru) > max_channels or tonumber(redis.call('GET', total) or '0') > total_bytes do
    local oldest = redis.call('ZRANGE', lru, 0, 1)
    local victim = oldest[1]
    if victim == keep then
      victim = oldest[2]
    end
    if not victim then
      return
    end
    local meta = prefix .. '.m.' .. victim
    local bytes = tonumber(redis.call('HGET', meta, 'b') or '0')
    redis.call('DEL', prefix .. '.s.' .. victim, meta, prefix .. '.i.' .. victim)
    redis.call('DECRBY', total, bytes)
    redis.call('ZREM', lru, victim)
  end
end

-- The offset of a stream entry id '<offset>-0'.
local function offset_of(entry_id)
  return tonumber(string.match(entry_id, '^(%d+)-'))
end
