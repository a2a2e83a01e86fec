-- GET PATH_PREFIX .. random line of IDS_FILE .. PATH_SUFFIX with Authorization: Bearer TOKEN (both optional).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local ids = {}
local file = os.getenv("IDS_FILE")
if file then for line in io.lines(file) do if #line > 0 then ids[#ids + 1] = line end end end
local prefix = os.getenv("PATH_PREFIX") or "/"
local suffix = os.getenv("PATH_SUFFIX") or ""
local headers = {}
local token = os.getenv("TOKEN")
if token then headers["Authorization"] = "Bearer " .. token end
math.randomseed(os.time())
request = function()
  local id = #ids > 0 and ids[math.random(#ids)] or ""
  return wrk.format("GET", prefix .. id .. suffix, headers)
end
done = report
