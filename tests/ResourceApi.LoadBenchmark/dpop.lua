-- A DPoP-bound token with a fresh proof on each request (RFC 9449: each proof is accepted once):
--   wrk ... -s dpop.lua URL -- TOKEN proofs.txt
-- The proofs file holds one pre-made proof per line, made for this URL just before the run; a run that
-- used them all would replay the first ones, which the API refuses (401), and the report flags that.
local token
local proofs = {}
local next_index = 1

init = function(args)
  token = args[1]
  for line in io.lines(args[2]) do
    if #line > 0 then proofs[#proofs + 1] = line end
  end
  if #proofs == 0 then error("no proofs in " .. args[2]) end
end

request = function()
  local proof = proofs[next_index]
  next_index = next_index % #proofs + 1
  return wrk.format(nil, nil, { ["Authorization"] = "DPoP " .. token, ["DPoP"] = proof })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
