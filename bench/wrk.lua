-- wrk script of bench/run. With WRK_JSONRPC set, every request is a JSON-RPC POST of
-- eth_blockNumber; otherwise a plain GET of the URL given to wrk. At the end it prints one
-- machine-readable line: requests/s, p99 latency (microseconds), and the error count.
if os.getenv("WRK_JSONRPC") then
  wrk.method = "POST"
  wrk.body = '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}'
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("BENCH rps=%.1f p99_us=%d requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99), summary.requests, errors))
end
