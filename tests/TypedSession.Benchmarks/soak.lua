-- wrk script for soak.sh: every thread has ONE connection (run wrk with -t equal to -c), so each response belongs to
-- the thread's last request, even a 500 whose headers the server dropped. Each thread owns a slice of SESSIONS
-- slots; a slot is one simulated user with a session cookie, visited in turn with a mix of operations:
--   start (no session yet), read 50 %, write 35 % (counter + 1), login 10 % (regenerate: the cookie changes),
--   logout 5 % (destroy: the slot starts a new session next time).
-- Per session (the slot's current tag) it counts the acknowledged writes (acks) and the writes whose outcome is
-- unknown (unacked: a failed or unanswered write may or may not have reached the store), and it checks every answer:
-- the counter must stay within [acks, acks + unacked]. After SECONDS each thread writes its live slots to
-- $SOAK_ACKS_FILE.<thread> (read back by soak-verify.py) and its counters to $SOAK_SUMMARY_FILE.<thread>, and stops;
-- give wrk a -d a little longer than SECONDS (wrk itself runs for -d whatever its threads do).
-- Usage: SOAK_ACKS_FILE=f SOAK_SUMMARY_FILE=g wrk -tN -cN -d615s -s soak.lua http://127.0.0.1:PORT/ -- SESSIONS N SECONDS

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

-- Per thread.
local slots = {}
local first, count, cursor = 0, 0, 0
local pending = nil
local deadline = 0
local finished = false
local stats = { requests = 0, ok = 0, failed = 0, conflicts = 0, lost_writes = 0, phantom_writes = 0,
                abandoned = 0, unanswered = 0, logouts = 0, logins = 0, writes_acked = 0, starts = 0 }
local errors_by_second = {}

function init(args)
  local sessions = tonumber(args[1] or "10000")
  local total = tonumber(args[2] or "1")
  local n = thread_number or 1
  count = math.floor(sessions / total) + ((n <= sessions % total) and 1 or 0)
  first = (n - 1) * math.floor(sessions / total) + math.min(n - 1, sessions % total)
  for i = 1, count do
    slots[i] = { id = first + i - 1, generation = 0, cookie = nil, tag = nil, acks = 0, unacked = 0 }
  end
  deadline = os.time() + tonumber(args[3] or "600")
  math.randomseed(os.time() + n * 7919)
end

local function reset(slot)
  -- The slot's session ended, or its state is unknown: start a new one next time. An abandoned session may stay in the
  -- store until it expires; soak.sh reports them.
  slot.cookie, slot.tag, slot.acks, slot.unacked = nil, nil, 0, 0
  slot.generation = slot.generation + 1
end

local function failed(p, status)
  if status ~= 0 then
    -- An HTTP error; unanswered requests (status 0) are counted apart, as wrk counts socket errors.
    stats.failed = stats.failed + 1
    local by_status = "status_" .. status
    stats[by_status] = (stats[by_status] or 0) + 1
    local second = os.time()
    errors_by_second[second] = (errors_by_second[second] or 0) + 1
  end
  if p.op == "write" then
    p.slot.unacked = p.slot.unacked + 1
  elseif p.op ~= "read" then
    -- start, login, logout: the cookie the client holds may no longer open the session.
    stats.abandoned = stats.abandoned + 1
    reset(p.slot)
  end
end

function request()
  if pending ~= nil and stats.requests == 1 and stats.ok + stats.failed + stats.unanswered == 0 then
    -- wrk calls request() once on the first thread's state to check the script (script_verify_request) and never
    -- sends that request: forget it.
    stats.requests = 0
    cursor = 0
    pending = nil
  elseif pending ~= nil then
    -- The previous request got no answer (wrk reconnected after an error or a timeout).
    stats.unanswered = stats.unanswered + 1
    failed(pending, 0)
    pending = nil
  end
  cursor = cursor % count + 1
  local slot = slots[cursor]
  local op
  if slot.cookie == nil then
    op = "start"
    slot.tag = "s" .. slot.id .. "g" .. slot.generation
  else
    local r = math.random()
    if r < 0.50 then op = "read" elseif r < 0.85 then op = "write" elseif r < 0.95 then op = "login" else op = "logout" end
  end
  pending = { slot = slot, op = op }
  stats.requests = stats.requests + 1
  local headers = {}
  if slot.cookie ~= nil then headers["Cookie"] = slot.cookie end
  return wrk.format("GET", "/soak/" .. op .. "?tag=" .. slot.tag, headers)
end

local handle, finish

local function set_cookie(headers)
  for name, value in pairs(headers) do
    if string.lower(name) == "set-cookie" then return value end
  end
  return nil
end

function response(status, headers, body)
  local p = pending
  pending = nil
  if p == nil or finished then return end
  handle(p, status, headers, body)
  if os.time() >= deadline then finish() end
end

handle = function(p, status, headers, body)
  local slot = p.slot
  if status ~= 200 then
    if status == 409 then stats.conflicts = stats.conflicts + 1 end
    failed(p, status)
    if status == 409 then reset(slot) end
    return
  end
  stats.ok = stats.ok + 1

  local cookie = set_cookie(headers)
  if cookie ~= nil then
    local pair = string.match(cookie, "^([^;]*)")
    if string.match(pair, "=$") or string.find(cookie, "expires=Thu, 01 Jan 1970", 1, true) then
      slot.cookie = nil
    else
      slot.cookie = pair
    end
  end

  local counter = tonumber(string.match(body, "counter=(%d+)"))
  if p.op == "start" then
    slot.acks, slot.unacked = 0, 0
    stats.starts = stats.starts + 1
    if slot.cookie == nil then
      stats.abandoned = stats.abandoned + 1
      reset(slot)
    end
    return
  end
  if p.op == "write" then
    slot.acks = slot.acks + 1
    stats.writes_acked = stats.writes_acked + 1
  end
  if counter == nil or counter < slot.acks then
    stats.lost_writes = stats.lost_writes + 1
  elseif counter > slot.acks + slot.unacked then
    stats.phantom_writes = stats.phantom_writes + 1
  end
  if p.op == "login" then
    stats.logins = stats.logins + 1
  elseif p.op == "logout" then
    stats.logouts = stats.logouts + 1
    reset(slot)
  end
end

-- Writes this thread's live slots and counters, then stops the thread: called from response(), so nothing of this
-- thread is in flight and every slot's state is known. wrk's copy of tables between threads (thread:get) crashes on
-- tables this large, so each thread writes files of its own, which soak.sh concatenates.
finish = function()
  local acks = assert(io.open(os.getenv("SOAK_ACKS_FILE") .. "." .. thread_number, "w"))
  for _, slot in ipairs(slots) do
    if slot.cookie ~= nil then
      acks:write(string.format("%d %s %s %d %d ok\n", slot.id, slot.cookie, slot.tag, slot.acks, slot.unacked))
    end
  end
  acks:close()
  local out = assert(io.open(os.getenv("SOAK_SUMMARY_FILE") .. "." .. thread_number, "w"))
  for name, value in pairs(stats) do out:write(string.format("%s %d\n", name, value)) end
  for second, n in pairs(errors_by_second) do out:write(string.format("error_second %d %d\n", second, n)) end
  out:close()
  finished = true
  wrk.thread:stop()
end
