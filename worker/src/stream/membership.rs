//! Membership and partition leases in Redis.
//!
//! - Membership: every worker writes its id with the current time into `{ns}:members` (a sorted
//!   set) each heartbeat; entries older than the lease TTL are removed by whoever looks.
//! - Target: [`assign`] gives partition `p` to the `p mod N`-th live member in id order; every
//!   worker computes the same answer, and the split is even to within one partition.
//! - Leases: a worker consumes partition `p` only while `{ns}:lease:p` holds its id. Acquiring
//!   is set-if-absent (or already ours) with a TTL, renewing and releasing are compare-and-set,
//!   so a worker can never extend or delete a lease another worker took. All leases of a
//!   worker are renewed every third of the lease TTL ([`renew_all`]). On one Redis server that
//!   is one script (an `MGET` and a `PEXPIRE` per lease still ours: 18 commands for 16
//!   leases). Each lease is in its own partition's hash slot (`{p:<n>}`, with the partition's
//!   parked set), so on a Redis Cluster it is one compare-and-extend script per lease, all
//!   sent in one pipeline (three commands per lease). Nothing needs the leases renewed
//!   together — each lease is judged on its own, and a pipeline cut short by a failure leaves
//!   the rest to expire or be renewed next time, exactly as a failed single script does.
//!
//! Fails with [`RedisError`]; the partition manager then stops trusting its leases once they
//! may have expired (see `partitions`).

use baton_shared::redis::Pool;
use redis::{self, Script};

use baton_shared::event::now_ms;
use baton_shared::redis::{Keys, RedisError};

/// Partitions owned by `me` when `members` are alive: the `p mod N`-th member takes `p`.
pub fn assign(partitions: u16, members: &[String], me: &str) -> Vec<u16> {
    let mut sorted: Vec<&String> = members.iter().collect();
    sorted.sort();
    sorted.dedup();
    let Some(idx) = sorted.iter().position(|m| *m == me) else {
        return Vec::new();
    };
    (0..partitions)
        .filter(|p| usize::from(*p) % sorted.len() == idx)
        .collect()
}

const HEARTBEAT: &str = r#"
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
return redis.call('ZRANGE', KEYS[1], 0, -1)
"#;

/// Heartbeats `me` and returns the live members (including `me`).
pub async fn heartbeat(
    pool: &Pool,
    keys: &Keys,
    me: &str,
    ttl_ms: u64,
) -> Result<Vec<String>, RedisError> {
    let mut conn = pool.get().await?;
    let now = now_ms();
    Ok(heartbeat_script(keys)
        .arg(me)
        .arg(now)
        .arg(now - ttl_ms as i64)
        .invoke_async(&mut *conn)
        .await?)
}

/// The heartbeat script with its one key (also what the key-slot test checks).
pub fn heartbeat_script(keys: &Keys) -> redis::ScriptInvocation<'static> {
    static SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(HEARTBEAT));
    let mut inv = SCRIPT.prepare_invoke();
    inv.key(keys.members());
    inv
}

/// Removes `me` from the members (clean shutdown).
pub async fn leave(pool: &Pool, keys: &Keys, me: &str) -> Result<(), RedisError> {
    let mut conn = pool.get().await?;
    redis::cmd("ZREM")
        .arg(keys.members())
        .arg(me)
        .query_async::<()>(&mut *conn)
        .await?;
    Ok(())
}

const ACQUIRE: &str = r#"
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if v then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"#;

const RELEASE: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
"#;

/// The script acquiring (or, `release`, releasing) lease `p`, with its one key (also what the
/// key-slot test checks).
pub fn lease_script(keys: &Keys, p: u16, release: bool) -> redis::ScriptInvocation<'static> {
    static ACQUIRE_SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(ACQUIRE));
    static RELEASE_SCRIPT: std::sync::LazyLock<Script> =
        std::sync::LazyLock::new(|| Script::new(RELEASE));
    let script: &'static Script = if release {
        &RELEASE_SCRIPT
    } else {
        &ACQUIRE_SCRIPT
    };
    let mut inv = script.prepare_invoke();
    inv.key(keys.lease(p));
    inv
}

async fn run_script(
    pool: &Pool,
    keys: &Keys,
    p: u16,
    release: bool,
    me: &str,
    ttl_ms: u64,
) -> Result<bool, RedisError> {
    let mut conn = pool.get().await?;
    let n: i64 = lease_script(keys, p, release)
        .arg(me)
        .arg(ttl_ms)
        .invoke_async(&mut *conn)
        .await?;
    Ok(n == 1)
}

/// Takes lease `p` if it is free (or already ours); true when we hold it afterwards.
pub async fn acquire(
    pool: &Pool,
    keys: &Keys,
    p: u16,
    me: &str,
    ttl_ms: u64,
) -> Result<bool, RedisError> {
    run_script(pool, keys, p, false, me, ttl_ms).await
}

const RENEW: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
"#;

/// The renewal of lease `p`: one script on one key (also what the key-slot test checks).
pub fn renew_cmd(keys: &Keys, p: u16, me: &str, ttl_ms: u64) -> redis::Cmd {
    let mut cmd = redis::cmd("EVAL");
    cmd.arg(RENEW).arg(1).arg(keys.lease(p)).arg(me).arg(ttl_ms);
    cmd
}

/// Every lease of a worker at once, on one Redis server (the cluster refuses its key set).
const RENEW_ALL: &str = r#"
local holders = redis.call('MGET', unpack(KEYS))
local lost = {}
for i, v in ipairs(holders) do
  if v == ARGV[1] then redis.call('PEXPIRE', KEYS[i], ARGV[2]) else table.insert(lost, i) end
end
return lost
"#;

static RENEW_ALL_SCRIPT: std::sync::LazyLock<Script> =
    std::sync::LazyLock::new(|| Script::new(RENEW_ALL));

/// Extends every lease of `partitions` still ours (see the module doc: one script on one
/// server, a pipeline of one script per lease on a cluster); returns the partitions whose
/// lease is no longer ours.
pub async fn renew_all(
    pool: &Pool,
    keys: &Keys,
    partitions: &[u16],
    me: &str,
    ttl_ms: u64,
) -> Result<Vec<u16>, RedisError> {
    if partitions.is_empty() {
        return Ok(Vec::new());
    }
    if !pool.is_cluster() {
        let mut script = RENEW_ALL_SCRIPT.prepare_invoke();
        for p in partitions {
            script.key(keys.lease(*p));
        }
        let mut conn = pool.get().await?;
        let lost: Vec<usize> = script.arg(me).arg(ttl_ms).invoke_async(&mut *conn).await?;
        return Ok(lost
            .into_iter()
            .filter_map(|i| partitions.get(i.checked_sub(1)?).copied())
            .collect());
    }
    let mut pipe = redis::pipe();
    for p in partitions {
        pipe.add_command(renew_cmd(keys, *p, me, ttl_ms));
    }
    let mut conn = pool.get().await?;
    let kept: Vec<i64> = pipe.query_async(&mut *conn).await?;
    Ok(partitions
        .iter()
        .zip(kept)
        .filter(|(_, k)| *k != 1)
        .map(|(p, _)| *p)
        .collect())
}

/// Deletes lease `p` if it is ours.
pub async fn release(pool: &Pool, keys: &Keys, p: u16, me: &str) -> Result<bool, RedisError> {
    run_script(pool, keys, p, true, me, 0).await
}

/// Who holds lease `p` (operators, tests).
pub async fn holder(pool: &Pool, keys: &Keys, p: u16) -> Result<Option<String>, RedisError> {
    let mut conn = pool.get().await?;
    Ok(redis::cmd("GET")
        .arg(keys.lease(p))
        .query_async(&mut *conn)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("w{i}")).collect()
    }

    #[test]
    fn split_is_even_within_one_and_complete() {
        for n in 1..=5 {
            let members = ids(n);
            let mut all = Vec::new();
            let sizes: Vec<usize> = members
                .iter()
                .map(|m| {
                    let mine = assign(16, &members, m);
                    all.extend(mine.iter().copied());
                    mine.len()
                })
                .collect();
            all.sort();
            assert_eq!(all, (0..16).collect::<Vec<_>>(), "n={n}");
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(max - min <= 1, "n={n} sizes={sizes:?}");
        }
    }

    #[test]
    fn order_of_members_does_not_matter() {
        let a = vec!["b".to_string(), "a".to_string()];
        let b = vec!["a".to_string(), "b".to_string()];
        assert_eq!(assign(8, &a, "a"), assign(8, &b, "a"));
        assert!(assign(8, &a, "c").is_empty());
    }
}
