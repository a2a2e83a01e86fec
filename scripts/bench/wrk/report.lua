-- Shared by every scenario: one machine-readable line at the end of a wrk run.
-- RESULT <req/s> <p50 ms> <p99 ms> <non-2xx + socket errors> <requests>
function report(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status + e.connect + e.read + e.write + e.timeout, summary.requests))
end
