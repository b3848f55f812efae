//! The Redis scripts of the send limits. Each runs atomically in Redis, so every worker replica
//! sees one bucket per business number. Times are milliseconds from Redis's own clock (`TIME`),
//! so replicas with skewed clocks still share one schedule; a caller may pass `now` instead
//! (the tests, to check the arithmetic without waiting). Fractional times are stored with
//! `%.3f` (Lua's `tostring` keeps only 14 significant digits).

/// The rate in effect: the learned rate climbing back linearly to the configured one over
/// `recovery` ms after the cut (`recovery` 0: it stays where it was learned).
const EFFECTIVE: &str = r"
local function now_ms(arg)
  if arg ~= nil and arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function effective(configured, learned, cut_at, recovery, now)
  if not learned then return configured end
  if recovery > 0 and cut_at then
    learned = learned + (now - cut_at) * configured / recovery
  end
  return math.min(configured, learned)
end
";

/// `admit`: may this send go, and when?
///
/// KEYS: rate hash of the number, breaker, pair hash of the recipient.
/// ARGV: configured rate (per second), max wait (ms), recovery (ms), key lifetime (ms), now.
/// Returns `{status, ms, now}`: 0 = go after `ms` (the slot is reserved: the next one is one
/// interval later); 1 = every send is paused; 2 = this recipient must wait `ms` (131056);
/// 3 = the next free slot is `ms` away, more than the max wait (nothing reserved).
pub const ADMIT: &str = r"
local now = now_ms(ARGV[5])
if redis.call('EXISTS', KEYS[2]) == 1 then return {1, 0, now} end
local pair_until = tonumber(redis.call('HGET', KEYS[3], 'until') or '0') or 0
if pair_until > now then return {2, math.ceil(pair_until - now), now} end
local h = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'cut_at')
local rate = effective(tonumber(ARGV[1]), tonumber(h[2]), tonumber(h[3]), tonumber(ARGV[3]), now)
local tat = math.max(tonumber(h[1]) or 0, now)
local wait = tat - now
if wait > tonumber(ARGV[2]) then return {3, math.ceil(wait), now} end
redis.call('HSET', KEYS[1], 'tat', string.format('%.3f', tat + 1000 / rate))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {0, math.ceil(wait), now}
";

/// `throttled`: Meta refused a send with 130429. Lowers the rate by `factor` (not below
/// `floor`) — once per burst of evidence: a refusal of a send whose slot was reserved before
/// the last cut says nothing about the new rate and is ignored — and pushes the next slot one
/// new interval out.
///
/// KEYS: rate hash. ARGV: configured rate, recovery (ms), key lifetime (ms), the refused send's
/// reservation time (ms), factor, floor, now.
/// Returns `{cut, rate × 1000}`: cut 1 when this call lowered the rate.
pub const THROTTLED: &str = r"
local now = now_ms(ARGV[7])
local h = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'cut_at')
local configured = tonumber(ARGV[1])
local cut_at = tonumber(h[3])
local rate = effective(configured, tonumber(h[2]), cut_at, tonumber(ARGV[2]), now)
if cut_at and tonumber(ARGV[4]) < cut_at then return {0, math.floor(rate * 1000)} end
local lowered = math.max(tonumber(ARGV[6]), rate * tonumber(ARGV[5]))
local tat = math.max(tonumber(h[1]) or 0, now) + 1000 / lowered
redis.call('HSET', KEYS[1], 'rate', string.format('%.3f', lowered), 'cut_at', now,
  'tat', string.format('%.3f', tat))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, math.floor(lowered * 1000)}
";

/// `pair_refused`: Meta refused a send to this recipient with 131056. The recipient waits
/// 4^X s, X being the refusals in a row (spec §6.4); the count is forgotten a minute after the
/// last delay ends.
///
/// KEYS: pair hash. ARGV: highest exponent, now. Returns the delay in ms.
pub const PAIR_REFUSED: &str = r"
local now = now_ms(ARGV[2])
local strikes = tonumber(redis.call('HGET', KEYS[1], 'strikes') or '0') or 0
local delay = 1000 * math.pow(4, math.min(strikes, tonumber(ARGV[1])))
redis.call('HSET', KEYS[1], 'until', now + delay, 'strikes', strikes + 1)
redis.call('PEXPIRE', KEYS[1], math.floor(delay) + 60000)
return math.floor(delay)
";

/// `rate`: the rate in effect for a number, × 1000 (for `worker sends status` and tests).
///
/// KEYS: rate hash. ARGV: configured rate, recovery (ms), now.
pub const RATE: &str = r"
local now = now_ms(ARGV[3])
local h = redis.call('HMGET', KEYS[1], 'rate', 'cut_at')
local rate = effective(tonumber(ARGV[1]), tonumber(h[1]), tonumber(h[2]), tonumber(ARGV[2]), now)
return math.floor(rate * 1000)
";

/// A script with the shared helpers in front.
pub fn script(body: &str) -> redis::Script {
    redis::Script::new(&format!("{EFFECTIVE}{body}"))
}
