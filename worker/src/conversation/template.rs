//! `human_template`: an approved WhatsApp template from a human agent — the one way to write
//! to a customer more than 24 hours after their last message (free-form replies are refused
//! there).
//!
//! Like a reply, it is an implicit takeover (the agent owns the conversation afterwards), it
//! is sent at most once per command (the wamid is marked in the journal, `template:sent`,
//! right after Graph accepts it), and it is recorded as the human's turn: the
//! transcript line and memory (`send::record_sent`). The template's body parameters become
//! one `body` component of text parameters. It waits for its turn within Meta's limits like
//! every send (`pace`); other retryable Graph errors retry the event (resuming); a permanent one (an unknown template, a paused number) is shown to humans (`send_failed`)
//! and ends the command as failed, never retried.

use baton_shared::event::{Event, Template};
use serde_json::{Value, json};
use tracing::warn;

use super::human::take_over_for_message;
use super::outcome::Settled;
use super::send::{self, Outgoing, SendProblem};
use super::{Engine, pace};
use crate::memory::Role;
use crate::pipeline::{StepCx, StepError};

const SENT: &str = "template:sent";
const FAILED: &str = "template:failed";

/// The Graph `components` of a template with body parameters `params`.
pub fn components(params: &[String]) -> Value {
    if params.is_empty() {
        return Value::Null;
    }
    let parameters: Vec<Value> = params
        .iter()
        .map(|p| json!({ "type": "text", "text": p }))
        .collect();
    json!([{ "type": "body", "parameters": parameters }])
}

/// How the template shows in the transcript and to memory.
pub fn describe(t: &Template) -> String {
    let mut line = format!("[template {} ({})]", t.name, t.language);
    if !t.parameters.is_empty() {
        line.push(' ');
        line.push_str(&t.parameters.join(" | "));
    }
    line
}

/// Sends `t` for `agent` on `ev`'s conversation, resuming after what was done.
pub async fn send(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    agent: &str,
    t: &Template,
) -> Result<Settled, StepError> {
    take_over_for_message(e, cx, ev, agent).await?;
    let text = describe(t);
    let out = Outgoing {
        prefix: "template",
        role: Role::Human,
        agent: Some(agent),
        text: &text,
        quote: None,
    };
    if let Some(message) = cx.journal.get(FAILED).await? {
        return Ok(Settled::Failed { message });
    }
    let wamid = match cx.journal.get(SENT).await? {
        Some(w) => w,
        None => match send_once(e, cx, ev, t, &out).await? {
            Ok(w) => w,
            Err(message) => return Ok(Settled::Failed { message }),
        },
    };
    let wamids = vec![wamid];
    send::record_sent(e, cx, ev, &out, &wamids).await?;
    Ok(Settled::Applied { wamids })
}

/// One Graph call, marked: the wamid, or Graph's permanent refusal (already reported).
async fn send_once(
    e: &Engine,
    cx: &StepCx,
    ev: &Event,
    t: &Template,
    out: &Outgoing<'_>,
) -> Result<Result<String, String>, StepError> {
    let to = send::recipient(cx, ev).await?;
    let number = &ev.conversation.number;
    let mut refusals = 0;
    let err = loop {
        let ticket = pace::turn(e, number, &to).await?;
        if cx.fenced() {
            return Err(StepError::Transient(
                "partition lease lost before sending".into(),
            ));
        }
        let components = components(&t.parameters);
        let err = match e
            .graph
            .send_template(number, &to, &t.name, &t.language, components)
            .await
        {
            Ok(sent) => {
                send::mark_sent(cx, SENT, &sent.wamid).await?;
                return Ok(Ok(sent.wamid));
            }
            Err(err) => err,
        };
        if !pace::refused(e, ev, &to, &ticket, &err, &mut refusals).await? {
            break err;
        }
    };
    if err.is_retryable() {
        return Err(StepError::Transient(format!("whatsapp template: {err}")));
    }
    warn!(error = %err, code = ?err.code(), "WhatsApp refused the template; shown to humans");
    let problem = SendProblem {
        code: err.code(),
        error: err.to_string(),
        window_closed: err.window_closed(),
    };
    send::report_unsent(cx, ev, out, &problem).await?;
    Ok(Err(problem.error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_one_body_component() {
        assert_eq!(components(&[]), Value::Null);
        let c = components(&["Anish".into(), "ORD-22".into()]);
        assert_eq!(c[0]["type"], "body");
        assert_eq!(
            c[0]["parameters"][1],
            json!({ "type": "text", "text": "ORD-22" })
        );
        let t = Template {
            name: "order_update".into(),
            language: "en_US".into(),
            parameters: vec!["Anish".into()],
        };
        assert_eq!(describe(&t), "[template order_update (en_US)] Anish");
    }
}
