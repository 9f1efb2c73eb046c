-- wrk script for the benchmark: POSTs one GraphQL body (BENCH_BODY) with an optional bearer token (BENCH_TOKEN).
-- "{{n}}" in the body becomes a string unique to each request (new subjects, idempotency keys; BENCH_RUN names the run);
-- "{{r}}" one of BENCH_REPEAT values (repeat subjects). BENCH_DELAY_MS paces each connection (a fixed offered rate).
-- Answers that are not 2xx or that carry GraphQL "errors" are counted apart: a run with any is reported as failed.
local body = os.getenv("BENCH_BODY")
local token = os.getenv("BENCH_TOKEN") or ""
local repeatCount = tonumber(os.getenv("BENCH_REPEAT") or "1000")
local delayMs = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local dynamic = string.find(body, "{{", 1, true) ~= nil

local threads = {}
local threadCount = 0

function setup(thread)
  threadCount = threadCount + 1
  thread:set("id", threadCount)
  table.insert(threads, thread)
end

function init(args)
  failed = 0
  sample = ""
  counter = 0
  wrk.method = "POST"
  wrk.headers["content-type"] = "application/json"
  if token ~= "" then wrk.headers["authorization"] = "Bearer " .. token end
  wrk.body = body
  prefix = (os.getenv("BENCH_RUN") or "run") .. "-" .. tostring(id)
end

-- Defined only when needed: wrk sends a cached request otherwise, which keeps its own CPU share small.
if dynamic then
  function request()
    counter = counter + 1
    local unique = prefix .. "-" .. tostring(counter)
    local cycling = tostring(((counter * 7919 + id * 104729) % repeatCount) + 1)
    local filled = string.gsub(string.gsub(body, "{{n}}", unique), "{{r}}", cycling)
    return wrk.format(nil, nil, nil, filled)
  end
end

if delayMs > 0 then
  function delay()
    return delayMs
  end
end

function response(status, headers, answer)
  if status < 200 or status > 299 or string.find(answer, '"errors"', 1, true) then
    failed = failed + 1
    if sample == "" then sample = string.gsub(tostring(status) .. " " .. string.sub(answer, 1, 300), '[%c"\\]', " ") end
  end
end

function done(summary, latency, requests)
  local failures = 0
  local firstSample = ""
  for _, thread in ipairs(threads) do
    failures = failures + thread:get("failed")
    if firstSample == "" then firstSample = thread:get("sample") end
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"failed":%d,"socketErrors":%d,"sample":"%s"}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), failures,
    errors.connect + errors.read + errors.write + errors.timeout, firstSample))
end
