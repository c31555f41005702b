-- wrk script for e2e.sh: each request carries the cookie of the next session from a file of "name=value" lines,
-- so that the load is spread over many sessions, as on a real site, instead of hammering one.
-- Usage: wrk ... -s many-sessions.lua URL -- cookies.txt

local cookies = {}
local next_index = 1
local threads = 0

-- Runs in the main script once per thread: gives each thread its own starting place in the list, so that the
-- threads do not walk the same sessions in step.
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      cookies[#cookies + 1] = line
    end
  end
  if #cookies == 0 then
    error("no cookies in " .. tostring(args[1]))
  end
  next_index = ((thread_number or 1) - 1) * 7919 % #cookies + 1
end

function request()
  local cookie = cookies[next_index]
  next_index = next_index % #cookies + 1
  return wrk.format(nil, nil, { ["Cookie"] = cookie })
end
