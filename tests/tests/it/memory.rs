//! Memory backends: the Synap client against the fake Synap server ([`synap`]: request
//! shapes, ids, seed documents, idempotency, error mapping, phone hashing) and the local
//! backend against the real Redis ([`local`]: dedupe, cap, context, search, cleanup).
//! Each test uses its own Redis namespace and deletes its keys.

mod local;
mod synap;

use std::sync::Arc;

use baton_shared::redis::Keys;
use baton_tests::fakes::synap::FakeSynap;
use baton_worker::memory::{
    self, HandoffEvent, Identity, MemoryBackend, MemoryConfig, Record, Role,
};

const KEY: &str = "synap_test_key";
const PHONE: &str = "15551234567";

fn who() -> Identity {
    Identity {
        business: "1098765".into(),
        customer: PHONE.into(),
        phone: Some(PHONE.into()),
    }
}

fn config(url: Option<&str>, key: &str, extra: &[(&str, &str)]) -> MemoryConfig {
    MemoryConfig::from_lookup(|k| match k {
        "SYNAP_API_KEY" => url.map(|_| key.to_owned()),
        "SYNAP_BASE_URL" => url.map(str::to_owned),
        "CUSTOMER_ID" => Some("acme".into()),
        _ => extra
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string()),
    })
    .expect("memory config")
}

/// A unique namespace on the real Redis; `cleanup` deletes its keys.
struct Ns {
    pool: baton_shared::redis::Pool,
    keys: Keys,
}

impl Ns {
    fn new(name: &str) -> Ns {
        let url = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
        let ns = format!(
            "t-mem-{name}-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Ns {
            pool: baton_shared::redis::pool(&url).expect("redis pool"),
            keys: Keys::new(&ns),
        }
    }

    async fn key_names(&self) -> Vec<String> {
        let mut c = self.pool.get().await.expect("redis");
        redis::cmd("KEYS")
            .arg(self.keys.pattern())
            .query_async(&mut *c)
            .await
            .expect("KEYS")
    }

    async fn cleanup(self) {
        let mut c = self.pool.get().await.expect("redis");
        for k in self.key_names().await {
            let _: () = redis::cmd("DEL")
                .arg(k)
                .query_async(&mut *c)
                .await
                .expect("DEL");
        }
        assert!(self.key_names().await.is_empty());
    }
}

async fn synap(fake: &FakeSynap, ns: &Ns, extra: &[(&str, &str)]) -> Arc<dyn MemoryBackend> {
    let cfg = config(Some(&fake.url), KEY, extra);
    memory::backend(&cfg, ns.pool.clone(), ns.keys.clone())
        .await
        .expect("synap backend")
}

fn turn(id: &str, role: Role, text: &str) -> Record {
    Record::Turn {
        id: id.into(),
        role,
        text: text.into(),
        at_ms: 1_788_340_364_120,
    }
}

fn handoff(id: &str, event: HandoffEvent, reason: Option<&str>, summary: Option<&str>) -> Record {
    Record::Handoff {
        id: id.into(),
        event,
        reason: reason.map(str::to_owned),
        summary: summary.map(str::to_owned),
        actor: None,
        note: None,
        at_ms: 1_788_340_365_000,
    }
}

fn fact(id: &str, content: &str) -> Record {
    Record::Fact {
        id: id.into(),
        content: content.into(),
        at_ms: 1_788_340_366_000,
    }
}

/// The seed's conversation: customer, AI, handoff, human, release.
fn arc() -> Vec<Record> {
    vec![
        turn(
            "wamid.C1",
            Role::Customer,
            "I never got it. I want to talk to a person.",
        ),
        turn(
            "turn.A1",
            Role::Ai,
            "Of course, connecting you with a teammate now.",
        ),
        handoff(
            &format!("{PHONE}:handoff:1"),
            HandoffEvent::HandedOff,
            Some("customer_asked"),
            Some("2nd missing order"),
        ),
        turn(
            "turn.H1",
            Role::Human,
            "I'm reissuing #ORD-22-R immediately.",
        ),
        handoff(
            &format!("{PHONE}:handoff:2"),
            HandoffEvent::Released,
            None,
            None,
        ),
    ]
}
