-- wrk script: Keycloak's refresh-token grant (the peer's POST /api/v1/auth/token), each request with
-- the next of many distinct sessions' refresh tokens (bench/keycloak.sh writes them to REFRESH_FILE).
-- Each thread formats its requests once, in init, as token-refresh.lua does for ours.
local requests = {}
local i = 0
init = function(args)
  local path = os.getenv("TOKEN_PATH")
  for line in io.lines(os.getenv("REFRESH_FILE")) do
    requests[#requests + 1] = wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
      "grant_type=refresh_token&client_id=bench&refresh_token=" .. line)
  end
end
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
