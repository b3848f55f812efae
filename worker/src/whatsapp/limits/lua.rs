//! The Redis scripts of the send limits. Each runs atomically in Redis, so every worker replica
//! sees one schedule per business number. Times are milliseconds of the calling worker's
//! clock (`now`, always passed: the tests pass their own to check the arithmetic without
//! waiting). Asking Redis (`TIME`) instead would cost one more command per send; what trusting
//! the workers' clocks costs is bounded by their skew: a replica whose clock runs ahead by `d`
//! can take a slot up to `d` early once (a burst of at most `d × rate` sends) and pushes the
//! others' next slot out by as much — with NTP-synchronised nodes (milliseconds), well inside
//! the second Meta counts in. Fractional times are stored with `%.3f` (Lua's `tostring` keeps
//! only 14 significant digits).
//!
//! Every script touches only the keys of one business number, all carrying the number as
//! their hash tag (`Keys::send_tat`, `send_learned`, `send_pair`), so each runs on one Redis
//! Cluster slot. The keys are plain strings written with `SET … PX`, so a write and its
//! lifetime are one command: the common path ([`ADMIT`] going ahead) is one `MGET` and one
//! `SET`.

/// Parsing of the two compound values, and the rate in effect: the learned rate climbing back
/// linearly to the configured one over `recovery` ms after the cut (`recovery` 0: it stays
/// where it was learned).
const HELPERS: &str = r"
local function pair(v)
  if not v then return 0, 0 end
  local u, s = string.match(v, '^(%S+) (%S+)$')
  return tonumber(u) or 0, tonumber(s) or 0
end
local function learned(v)
  if not v then return nil, nil end
  local r, c = string.match(v, '^(%S+) (%S+)$')
  return tonumber(r), tonumber(c)
end
local function effective(configured, rate, cut_at, recovery, now)
  if not rate then return configured end
  if recovery > 0 and cut_at then
    rate = rate + (now - cut_at) * configured / recovery
  end
  return math.min(configured, rate)
end
local function set_tat(key, tat, now)
  redis.call('SET', key, string.format('%.3f', tat), 'PX', math.max(1, math.ceil(tat - now)) + 1000)
end
";

/// `admit`: may this send go, and when?
///
/// KEYS: the number's next free slot (`tat`), its learned rate, the recipient's pair-rate
/// delay. ARGV: configured rate (per second), max wait (ms), recovery (ms), now.
/// Returns `{status, ms, now}`: 0 = go after `ms` (the slot is reserved: the next one is one
/// interval later); 2 = this recipient must wait `ms` (131056); 3 = the next free slot is
/// `ms` away, more than the max wait (nothing reserved). (1, every send paused, is the
/// breaker's, checked before: `SendLimits::admit`.)
///
/// The slot key lives until its slot has passed (then "no key" and "a slot in the past" mean
/// the same: go now), so an idle number keeps nothing.
pub const ADMIT: &str = r"
local now = tonumber(ARGV[4])
local v = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
local pair_until = pair(v[3])
if pair_until > now then return {2, math.ceil(pair_until - now), now} end
local lr, cut_at = learned(v[2])
local rate = effective(tonumber(ARGV[1]), lr, cut_at, tonumber(ARGV[3]), now)
local tat = math.max(tonumber(v[1]) or 0, now)
local wait = tat - now
if wait > tonumber(ARGV[2]) then return {3, math.ceil(wait), now} end
set_tat(KEYS[1], tat + 1000 / rate, now)
return {0, math.ceil(wait), now}
";

/// `throttled`: Meta refused a send with 130429. Lowers the rate by `factor` (not below
/// `floor`) — once per burst of evidence: a refusal of a send whose slot was reserved before
/// the last cut says nothing about the new rate and is ignored — and pushes the next slot one
/// new interval out.
///
/// KEYS: the number's slot key and learned-rate key. ARGV: configured rate, recovery (ms), the
/// learned rate's lifetime (ms, 0: kept), the refused send's reservation time (ms), factor,
/// floor, now. Returns `{cut, rate × 1000}`: cut 1 when this call lowered the rate.
pub const THROTTLED: &str = r"
local now = tonumber(ARGV[7])
local v = redis.call('MGET', KEYS[1], KEYS[2])
local configured = tonumber(ARGV[1])
local lr, cut_at = learned(v[2])
local rate = effective(configured, lr, cut_at, tonumber(ARGV[2]), now)
if cut_at and tonumber(ARGV[4]) < cut_at then return {0, math.floor(rate * 1000)} end
local lowered = math.max(tonumber(ARGV[6]), rate * tonumber(ARGV[5]))
local value = string.format('%.3f', lowered) .. ' ' .. now
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], value, 'PX', ARGV[3])
else
  redis.call('SET', KEYS[2], value)
end
set_tat(KEYS[1], math.max(tonumber(v[1]) or 0, now) + 1000 / lowered, now)
return {1, math.floor(lowered * 1000)}
";

/// `pair_refused`: Meta refused a send to this recipient with 131056. The recipient waits
/// 4^X s, X being the refusals in a row (spec §6.4); the count is forgotten a minute after the
/// last delay ends.
///
/// KEYS: the recipient's pair key (`until strikes`). ARGV: highest exponent, now. Returns the
/// delay in ms.
pub const PAIR_REFUSED: &str = r"
local now = tonumber(ARGV[2])
local _, strikes = pair(redis.call('GET', KEYS[1]))
local delay = 1000 * math.pow(4, math.min(strikes, tonumber(ARGV[1])))
redis.call('SET', KEYS[1], (now + delay) .. ' ' .. (strikes + 1), 'PX', math.floor(delay) + 60000)
return math.floor(delay)
";

/// `rate`: the rate in effect for a number, × 1000 (for `worker sends status` and tests).
///
/// KEYS: the number's learned-rate key. ARGV: configured rate, recovery (ms), now.
pub const RATE: &str = r"
local now = tonumber(ARGV[3])
local lr, cut_at = learned(redis.call('GET', KEYS[1]))
local rate = effective(tonumber(ARGV[1]), lr, cut_at, tonumber(ARGV[2]), now)
return math.floor(rate * 1000)
";

/// A script with the shared helpers in front.
pub fn script(body: &str) -> redis::Script {
    redis::Script::new(&format!("{HELPERS}{body}"))
}
