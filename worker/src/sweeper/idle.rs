//! Inactivity releases due: human-owned conversations whose last human activity (their score
//! in `{ns}:owned:human`, `baton_shared::state::activity`) is older than `HUMAN_IDLE_RELEASE`.
//! Each gets `Event::idle_release` with the activity time seen and a note for the AI and the
//! humans ("Released to the AI after 1h without a human message").

use std::collections::HashSet;
use std::time::Duration;

use baton_shared::event::Event;
use baton_shared::redis::RedisError;
use baton_shared::state::activity;

use super::{BATCH, Sweeper};

/// The note of an inactivity release after `idle`.
pub fn note(idle: Duration) -> String {
    let idle = Duration::from_secs(idle.as_secs().max(1));
    format!(
        "Released to the AI after {} without a human message",
        humantime::format_duration(idle)
    )
}

/// The releases due at `now` on the partitions in `held`.
pub async fn due(s: &Sweeper, held: &HashSet<u16>, now: i64) -> Result<Vec<Event>, RedisError> {
    let idle = s.timing.idle_release;
    let before = now - idle.as_millis() as i64;
    let found = activity::idle(&s.redis, &s.keys, before, BATCH).await?;
    let found = s.mine(found, held);
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = found.iter().map(|(k, _)| k.clone()).collect();
    let convs = s.conversations(&keys).await?;
    let note = note(idle);
    Ok(convs
        .into_iter()
        .zip(found)
        .map(|(conv, (_, seen))| Event::idle_release(conv, seen, &note))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_how_long() {
        assert_eq!(
            note(Duration::from_secs(3600)),
            "Released to the AI after 1h without a human message"
        );
        assert_eq!(
            note(Duration::from_millis(2500)),
            "Released to the AI after 2s without a human message"
        );
        assert_eq!(
            note(Duration::from_secs(5400)),
            "Released to the AI after 1h 30m without a human message"
        );
    }
}
