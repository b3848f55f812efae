//! The worker's layers, checked on its sources: `lib → stream → pipeline ← conversation →
//! {state, memory, signals, llm, whatsapp}` (ARCHITECTURE §10). The stream runtime and the
//! pipeline contract must not import the domain, and the leaves must not import the stream,
//! the engine or the operator's side. The sweeper (beside them under `lib`) publishes events
//! and reads the shared read model only. Slack (like memory, a leaf with its own queue)
//! settles its deliveries through the stream's retry tiers but knows nothing of the engine.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Lines of `module`'s sources that name one of `forbidden` (as `crate::<name>`).
fn violations(module: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(module);
    let files = if root.is_dir() {
        sources(&root)
    } else {
        vec![root.with_extension("rs")]
    };
    assert!(!files.is_empty(), "no sources for {module}");
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(&format!("crate::{f}")) {
                    out.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    out
}

#[test]
fn the_stream_and_the_pipeline_know_nothing_of_the_domain() {
    let domain = [
        "conversation",
        "memory",
        "signals",
        "llm",
        "whatsapp",
        "slack",
        "ops",
    ];
    for module in ["stream", "pipeline"] {
        let v = violations(module, &domain);
        assert!(
            v.is_empty(),
            "{module} imports the domain:\n{}",
            v.join("\n")
        );
    }
}

#[test]
fn the_leaves_do_not_point_back_up() {
    let up = ["stream", "conversation", "ops", "pipeline"];
    for module in ["signals", "llm", "whatsapp"] {
        let v = violations(module, &up);
        assert!(v.is_empty(), "{module} points back up:\n{}", v.join("\n"));
    }
}

#[test]
fn the_engine_does_not_reach_into_the_stream_or_the_operators_side() {
    let v = violations("conversation", &["stream", "ops"]);
    assert!(v.is_empty(), "conversation imports:\n{}", v.join("\n"));
}

#[test]
fn the_sweeper_only_publishes_events() {
    let v = violations(
        "sweeper",
        &[
            "conversation",
            "stream",
            "pipeline",
            "memory",
            "signals",
            "llm",
            "whatsapp",
            "ops",
        ],
    );
    assert!(v.is_empty(), "sweeper imports:\n{}", v.join("\n"));
}

#[test]
fn slack_knows_nothing_of_the_engine() {
    let v = violations(
        "slack",
        &[
            "conversation",
            "pipeline",
            "ops",
            "memory",
            "signals",
            "llm",
            "whatsapp",
        ],
    );
    assert!(v.is_empty(), "slack imports:\n{}", v.join("\n"));
}
