-- wrk script: POST /api/v1/auth/token, each request with the next of many
-- distinct session cookies (bench/auth-token.sh writes them to cookies.txt).
-- Each thread formats its requests once, in init: wrk shares the two cores with
-- the service, and formatting every request took 40 % of wrk's user CPU.
local requests = {}
local i = 0
init = function(args)
  for line in io.lines(os.getenv("COOKIES_FILE")) do
    requests[#requests + 1] = wrk.format("POST", "/api/v1/auth/token", { ["Cookie"] = "wevion_session=" .. line }, nil)
  end
end
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
end
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-result.lua")
