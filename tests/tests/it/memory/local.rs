//! The local backend against the real Redis.

use baton_worker::memory::{self, Record, Role};

use super::{Ns, PHONE, arc, config, fact, who};

#[tokio::test]
async fn local_backend_dedupes_and_serves_context_and_search() {
    let ns = Ns::new("local");
    let cfg = config(None, "", &[]);
    let mem = memory::backend(&cfg, ns.pool.clone(), ns.keys.clone())
        .await
        .unwrap();
    assert_eq!(mem.name(), "local");
    let mut records = arc();
    records.push(fact("f1", "Customer lives at 12 Oak St"));
    for r in records.iter().chain(records.iter()) {
        mem.write(&who(), r).await.expect("write");
    }
    let user = cfg.ids(&who()).user_id;
    let docs = ns.keys.memory_docs(&user);
    let mut c = ns.pool.get().await.unwrap();
    let len: i64 = redis::cmd("HLEN")
        .arg(&docs)
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(len, 6, "each record once");
    let ttl: i64 = redis::cmd("TTL")
        .arg(&docs)
        .query_async(&mut *c)
        .await
        .unwrap();
    assert!(ttl > 89 * 24 * 3600);
    assert!(
        ns.key_names().await.iter().all(|k| !k.contains(PHONE)),
        "no phone in key names"
    );

    let ctx = mem.context(&who(), "reissue").await.expect("context");
    let lines: Vec<&str> = ctx.lines().collect();
    assert_eq!(lines[0], "Handoffs and notes:");
    assert!(
        lines[1].ends_with(
            "AI handed off to human. Reason: customer_asked. Summary: 2nd missing order"
        )
    );
    assert!(lines[2].ends_with("Human released thread back to AI."));
    assert!(lines[3].ends_with("Customer lives at 12 Oak St"));
    assert_eq!(lines[4], "Recent turns:");
    assert!(lines[5].ends_with("Customer: I never got it. I want to talk to a person."));
    assert_eq!(lines.len(), 8);

    let hits = mem
        .search(&who(), "where does the customer live? Oak street", 2)
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits[0].ends_with("Customer lives at 12 Oak St"), "{hits:?}");
    assert!(mem.search(&who(), "pizza", 5).await.unwrap().is_empty());
    drop(c);
    ns.cleanup().await;
}

#[tokio::test]
async fn local_backend_caps_records() {
    let ns = Ns::new("cap");
    let cfg = config(None, "", &[]);
    let mem = memory::backend(&cfg, ns.pool.clone(), ns.keys.clone())
        .await
        .unwrap();
    let cap = memory::local::RECORDS_CAP;
    let docs = ns.keys.memory_docs(&cfg.ids(&who()).user_id);
    let len = || async {
        let mut c = ns.pool.get().await.unwrap();
        redis::cmd("HLEN")
            .arg(&docs)
            .query_async::<usize>(&mut *c)
            .await
            .unwrap()
    };
    // Writes alone stay bounded: one write in TRIM_EVERY checks the size and trims.
    for i in 0..(cap + 200) {
        let record = Record::Turn {
            id: format!("t{i}"),
            role: Role::Customer,
            text: format!("hi {i}"),
            at_ms: 1_788_340_364_120 + i as i64 * 1000,
        };
        mem.write(&who(), &record).await.unwrap();
    }
    let after_writes = len().await;
    assert!(
        after_writes >= cap && after_writes < cap + 200,
        "trimmed while writing: {after_writes}"
    );
    // A read trims to the cap exactly, keeping the newest.
    let ctx = mem.context(&who(), "hi").await.unwrap();
    assert_eq!(len().await, cap);
    assert!(
        ctx.ends_with(&format!("Customer: hi {}", cap + 199)),
        "{ctx}"
    );
    let hits = mem.search(&who(), "hi", cap + 10).await.unwrap();
    assert_eq!(hits.len(), cap, "the oldest beyond the cap are gone");
    assert!(!hits.iter().any(|h| h.ends_with("Customer: hi 0")));
    ns.cleanup().await;
}
