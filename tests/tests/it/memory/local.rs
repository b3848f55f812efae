//! The local backend against the real Redis.

use baton_worker::memory::{self, Role};

use super::{Ns, PHONE, arc, config, fact, turn, who};

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
    let list = ns.keys.memory_records(&user);
    let mut c = ns.pool.get().await.unwrap();
    let len: i64 = redis::cmd("LLEN")
        .arg(&list)
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(len, 6, "each record once");
    let ttl: i64 = redis::cmd("TTL")
        .arg(&list)
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
    for i in 0..(memory::local::RECORDS_CAP + 10) {
        mem.write(&who(), &turn(&format!("t{i}"), Role::Customer, "hi"))
            .await
            .unwrap();
    }
    let list = ns
        .keys
        .other(&format!("memory:{}:records", cfg.ids(&who()).user_id));
    let mut c = ns.pool.get().await.unwrap();
    let len: i64 = redis::cmd("LLEN")
        .arg(&list)
        .query_async(&mut *c)
        .await
        .unwrap();
    assert_eq!(len, memory::local::RECORDS_CAP);
    drop(c);
    ns.cleanup().await;
}
