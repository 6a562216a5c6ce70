-- wrk script: Keycloak's refresh-token grant (the peer's POST /api/v1/auth/token), each request with
-- the next of many distinct sessions' refresh tokens (bench/keycloak.sh writes them to REFRESH_FILE).
local tokens = {}
for line in io.lines(os.getenv("REFRESH_FILE")) do tokens[#tokens + 1] = line end
local path = os.getenv("TOKEN_PATH")
local i = 0
request = function()
  i = i + 1
  local t = tokens[(i % #tokens) + 1]
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=refresh_token&client_id=bench&refresh_token=" .. t)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
