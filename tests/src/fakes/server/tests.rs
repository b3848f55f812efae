//! Tests of the generic fake server with a tiny echo API.

use serde_json::json;

use super::*;
use crate::http;

/// Answers a scripted status if one is queued, 400 with a violation on `/bad`, else 200
/// with what it saw; `/hang` never answers.
struct Echo;

impl FakeApi for Echo {
    type Script = u16;

    fn handle(&mut self, req: &RecordedRequest, ex: &mut Exchange<'_, u16>) -> Answer {
        match req.path.as_str() {
            "/hang" => Answer::Hang,
            "/bad" => {
                ex.violation("bad path");
                Answer::json(400, json!({}))
            }
            _ => {
                let status = ex.next_script().unwrap_or(200);
                Answer::json(status, json!({"query": req.query, "body": req.json().ok()}))
            }
        }
    }
}

#[tokio::test]
async fn records_requests_and_answers_through_the_api() {
    let fake = FakeServer::start(Echo).await;
    fake.script([503, 429]);
    let url = format!("{}/x?a=1", fake.url());
    let headers = [("x-test", "yes")];
    let statuses = [
        http::post_json(&url, &json!({"n": 1}), &headers)
            .await
            .status,
        http::get(&url, &[]).await.status,
        http::get(&url, &[]).await.status,
        http::get(&format!("{}/bad", fake.url()), &[]).await.status,
    ];
    assert_eq!(statuses, [503, 429, 200, 400]);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 4);
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path.as_str()),
        ("POST", "/x")
    );
    assert_eq!(reqs[0].query.as_deref(), Some("a=1"));
    assert_eq!(reqs[0].header("x-test"), Some("yes"));
    assert!(reqs[0].content_type_is("application/json"));
    assert_eq!(reqs[0].json(), Ok(json!({"n": 1})));
    assert!(reqs.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(fake.violations(), vec!["bad path"]);
    let echoed = http::get(&url, &[]).await.json().unwrap_or_default();
    assert_eq!(echoed["query"], "a=1");
}

#[tokio::test]
async fn requests_are_recorded_before_the_latency() {
    let fake = FakeServer::start(Echo).await;
    fake.set_latency(Duration::from_millis(600));
    let url = format!("{}/slow", fake.url());
    let call = tokio::spawn(async move { http::get(&url, &[]).await.status });
    let seen = fake
        .wait_until(Duration::from_millis(400), |_, reqs| !reqs.is_empty())
        .await;
    assert!(seen, "the request is visible while the answer is delayed");
    assert!(!call.is_finished());
    assert_eq!(call.await.ok(), Some(200));
}

#[tokio::test]
async fn a_hanging_answer_ends_when_the_fake_is_dropped() {
    let fake = FakeServer::start(Echo).await;
    let url = format!("{}/hang", fake.url());
    let call = tokio::spawn(async move { http::get(&url, &[]).await.status });
    assert!(
        fake.wait_until(Duration::from_secs(2), |_, r| !r.is_empty())
            .await
    );
    drop(fake);
    let status = tokio::time::timeout(Duration::from_secs(5), call).await;
    assert_eq!(status.ok().and_then(Result::ok), Some(503));
}
