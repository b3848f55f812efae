//! Markers of completed Synap writes, so a redelivered record is not sent again.
//!
//! `conversations/messages` has no dedup key (spec §8.4), so after a record's requests all
//! succeeded, `{ns}:memory:synap-written:{document_id}` is set for 30 days, and a record
//! whose marker exists is skipped. Best effort by design: Redis trouble (or a slow Redis,
//! bounded at 500 ms) reads as "not written", so the write is sent again (`memories/create`
//! then dedups by `document_id`; a turn's message may repeat). Keys hold only the hashed
//! document id.

use std::time::Duration;

use baton_shared::redis::Keys;
use baton_shared::redis::Pool;

const TTL_SECS: u64 = 30 * 24 * 3600;
const TIMEOUT: Duration = Duration::from_millis(500);

pub(crate) struct Written {
    pool: Pool,
    keys: Keys,
}

impl Written {
    pub fn new(pool: Pool, keys: Keys) -> Self {
        Written { pool, keys }
    }

    fn key(&self, doc_id: &str) -> String {
        self.keys.synap_written(doc_id)
    }

    /// Whether a completed write of this document is on record.
    pub async fn contains(&self, doc_id: &str) -> bool {
        let check = async {
            let mut c = self.pool.get().await.ok()?;
            let cmd = redis::cmd("EXISTS").arg(self.key(doc_id)).clone();
            cmd.query_async::<bool>(&mut *c).await.ok()
        };
        matches!(tokio::time::timeout(TIMEOUT, check).await, Ok(Some(true)))
    }

    /// Records a completed write (failures are only logged at debug).
    pub async fn insert(&self, doc_id: &str) {
        let set = async {
            let mut c = self.pool.get().await.ok()?;
            let cmd = redis::cmd("SET")
                .arg(self.key(doc_id))
                .arg(1)
                .arg("EX")
                .arg(TTL_SECS)
                .clone();
            cmd.query_async::<()>(&mut *c).await.ok()
        };
        if !matches!(tokio::time::timeout(TIMEOUT, set).await, Ok(Some(()))) {
            tracing::debug!(document_id = %doc_id, "memory: could not record the written marker");
        }
    }
}
