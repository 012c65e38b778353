-- Reads of the list with a write among them: wrk ... -s mixed.lua URL -- TOKEN EVERY
-- Every EVERY-th request (per wrk thread) is a POST of a new message, the others GET the page; each write
-- moves the list's generation on, so the next read of each page runs the query again.
local token, every, count = nil, 100, 0
local read, write

init = function(args)
  token = args[1]
  every = tonumber(args[2]) or every
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  read = wrk.format("GET", nil, headers)
  write = wrk.format("POST", nil, headers, '{"text":"Load benchmark write: a sentence of ordinary length."}')
end

request = function()
  count = count + 1
  if count % every == 0 then return write end
  return read
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
