-- bench:api's load for wrk (https://github.com/wg/wrk, Debian package "wrk"): payments of 0.01 CNY
-- between random users (POST /v1/transfers with the PIN and a new Idempotency-Key each), read from
-- the file named after "--": one "user_id session_token" per line. At the end it prints one line,
-- "WRK {json}", that bench/api.ts reads.

local threadCount = 0

function setup(thread)
  threadCount = threadCount + 1
  thread:set("prefix", "w" .. threadCount)
end

local users = {}
local sequence = 0

function init(args)
  for line in io.lines(args[1]) do
    local id, token = line:match("^(%S+) (%S+)$")
    if id then users[#users + 1] = { id = id, token = token } end
  end
  math.randomseed(os.time() + #prefix)
end

function request()
  sequence = sequence + 1
  local count = #users
  local fromIndex = math.random(count)
  -- Another user: an offset of 1 to count - 1 from the payer.
  local to = users[((fromIndex - 1 + math.random(count - 1)) % count) + 1]
  local body = '{"to":"' .. to.id .. '","amount":"0.01","currency":"CNY","pin":"123456"}'
  local headers = {
    ["content-type"] = "application/json",
    ["authorization"] = "Bearer " .. users[fromIndex].token,
    ["idempotency-key"] = prefix .. "-" .. sequence,
  }
  return wrk.format("POST", "/v1/transfers", headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"socket_errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
