//! `response_url` posts (`../shared/specs/slack.md` §6.3): Baton may answer a click by
//! POSTing JSON to the interaction's `response_url` (e.g. "Already claimed by @Ana" as an
//! ephemeral message). The fake issues such URLs ([`super::FakeSlack::response_url`]), accepts
//! at most five posts to each, checks the body like a message plus `response_type` and the
//! `*_original` flags, and keeps what it accepted. An unknown or used-up URL is a violation
//! answered 404; a bad body is a violation answered 400.

use axum::http::Method;
use serde_json::{Value, json};

use super::ResponsePost;
use super::api::{Outcome, SlackApi, json_object};
use super::checks;
use crate::fakes::server::{Answer, Exchange, RecordedRequest};

/// A `response_url` may be used this many times (§6.3).
pub(super) const RESPONSE_URL_USES: usize = 5;

impl SlackApi {
    /// A post to an issued `response_url` (§6.3).
    pub(super) fn respond(
        &mut self,
        id: &str,
        req: &RecordedRequest,
        ex: &mut Exchange<'_, Outcome>,
    ) -> Answer {
        let Some(uses) = self.response_urls.get_mut(id) else {
            ex.violation(format!("response_url {id:?} was never issued"));
            return Answer::json(404, json!({"ok": false, "error": "invalid_url"}));
        };
        if *uses >= RESPONSE_URL_USES {
            ex.violation(format!(
                "response_url {id} used more than {RESPONSE_URL_USES} times"
            ));
            return Answer::json(404, json!({"ok": false, "error": "used_url"}));
        }
        if req.method != Method::POST {
            ex.violation(format!(
                "response_url: method must be POST, got {}",
                req.method
            ));
            return Answer::json(405, json!({"ok": false, "error": "invalid_request"}));
        }
        let body = match json_object(req) {
            Ok(b) => b,
            Err((_, what)) => {
                ex.violation(format!("response_url: {what}"));
                return Answer::json(400, json!({"ok": false, "error": "invalid_payload"}));
            }
        };
        let verdict = checks::response(&body);
        ex.violations(
            verdict
                .problems
                .iter()
                .map(|p| format!("response_url: {p}")),
        );
        if verdict.error.is_some() {
            return Answer::json(400, json!({"ok": false, "error": "invalid_payload"}));
        }
        *uses += 1;
        let (id, at) = (id.to_owned(), req.at);
        self.responses.push(ResponsePost {
            id,
            body: Value::Object(body),
            at,
        });
        Answer::json(200, json!({"ok": true}))
    }
}
