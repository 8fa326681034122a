-- wrk script for bench/proxy-load.sh: POSTs a chat completion request (BODY_FILE, default
-- bench/chat-4k.json) and prints one machine-readable RESULT line at the end.
-- UNIQUE=1 makes every request's prompt different: the first UNIQUE_MARK in the body (default the ticket
-- number "48213") is replaced by 8 letters from SEED (set per wrk run by the harness), the wrk thread
-- and a per-thread counter, so no request repeats one of any earlier run and a scan cache never hits.
-- DELAY_MS > 0 paces each connection (wait that long after each response); 0 runs flat out.
local body_file = os.getenv("BODY_FILE") or "bench/chat-4k.json"
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-placeholder-token"

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local function letters(n, width)
  local out = {}
  for i = width, 1, -1 do
    out[i] = string.char(97 + n % 26)
    n = math.floor(n / 26)
  end
  return table.concat(out)
end

if os.getenv("UNIQUE") == "1" then
  local mark = os.getenv("UNIQUE_MARK") or "48213"
  local at = assert(string.find(body, mark, 1, true), "UNIQUE_MARK not in BODY_FILE")
  local head = string.sub(body, 1, at - 1)
  local tail = string.sub(body, at + #mark)
  local seed = letters(tonumber(os.getenv("SEED") or "0"), 2)
  local counter = 0
  function request()
    counter = counter + 1
    local token = seed .. letters(tid or 0, 1) .. letters(counter, 5)
    return wrk.format(nil, nil, nil, head .. token .. tail)
  end
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
