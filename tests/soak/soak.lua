-- Soak mix: 8 in 10 requests carry the valid token (expect 200), 1 a forged one (expect 401),
-- 1 reads /health/ready (expect 200). Anything else is an error, counted per thread and summed in done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local token = os.getenv("TOKEN")
local forged = token:sub(1, #token - 8) .. "AAAAAAAA"
local n = 0
unexpected = 0
statuses = {}

function request()
  n = n + 1
  local k = n % 10
  if k == 0 then
    expected = 200
    return wrk.format("GET", "/health/ready")
  elseif k == 5 then
    expected = 401
    return wrk.format("GET", "/api/messages", { ["Authorization"] = "Bearer " .. forged })
  end
  expected = 200
  return wrk.format("GET", "/api/messages", { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  -- wrk pipelines nothing here (one request in flight per connection), so the last expectation holds.
  if status ~= 200 and status ~= 401 then
    unexpected = unexpected + 1
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = 0
  local counts = {}
  for _, t in ipairs(threads) do
    total = total + t:get("unexpected")
    for status, count in pairs(t:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  io.write(string.format("soak: requests %d, socket errors %d, unexpected statuses %d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, total))
  for status, count in pairs(counts) do
    io.write(string.format("soak: status %d: %d\n", status, count))
  end
end
