-- wrk script: POST /api/v1/auth/token, each request with the next of many
-- distinct session cookies (bench/auth-token.sh writes them to cookies.txt).
local cookies = {}
for line in io.lines(os.getenv("COOKIES_FILE")) do cookies[#cookies + 1] = line end
local i = 0
request = function()
  i = i + 1
  local c = cookies[(i % #cookies) + 1]
  return wrk.format("POST", "/api/v1/auth/token", { ["Cookie"] = "wevion_session=" .. c }, nil)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
