-- POST /v3/Token with the refresh grant; refresh tokens are single-use, so each request takes the next unused one
-- of TOKENS_FILE (thread k of n takes lines k, k+n, …).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end
local tokens = {}
local position = 0
function init(args)
  local n = 0
  local stride = tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    n = n + 1
    if #line > 0 and (n - index) % stride == 0 then tokens[#tokens + 1] = line end
  end
end
request = function()
  position = position + 1
  local token = tokens[position] or "exhausted"
  return wrk.format("POST", "/v3/Token", {["Content-Type"] = "application/x-www-form-urlencoded"},
    "grant_type=refresh_token&refresh_token=" .. token)
end
done = report
