-- Prints one parseable line when wrk is done: requests, duration, errors and latency percentiles (µs).
-- Non-2xx/3xx answers count as errors.status; the tool checks it against the status each case expects.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
