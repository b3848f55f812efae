//! From a route's `{customer}` (and `?number=`) to a conversation.
//!
//! `{customer}` is the customer's phone number (`wa_id`, with or without `+`), their
//! business-scoped user id, or the conversation's customer key; the worker's index maps each
//! of them to the conversation (`baton_shared::state::index`). The business number is
//! `?number=` when given, else `WABA_PHONE_NUMBER_ID`, else the only number Baton has seen
//! (several and none chosen: 400). Unknown → 404. Ids are checked before any lookup: they
//! become parts of Redis keys.

use std::collections::HashMap;

use baton_shared::event::Conversation;
use baton_shared::state::{ConversationState, conversation, index};

use super::Console;
use crate::error::ApiError;

/// A conversation the request is about.
pub struct Found {
    /// The conversation key (`{number}:{customer}`).
    pub key: String,
    pub number: String,
    pub customer: String,
    pub state: ConversationState,
}

impl Found {
    /// The conversation as events carry it.
    pub fn conversation(&self) -> Conversation {
        Conversation {
            number: self.number.clone(),
            customer: self.customer.clone(),
            wa_id: self.state.wa_id.clone(),
            user_id: self.state.user_id.clone(),
            name: self.state.name.clone(),
        }
    }
}

/// True for a plausible phone number, user id or phone-number id.
fn plausible_id(id: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    !id.is_empty() && id.len() <= 128 && id.chars().all(ok)
}

/// The business number of the request.
pub async fn number(
    console: &Console,
    query: &HashMap<String, String>,
) -> Result<String, ApiError> {
    if let Some(n) = query.get("number") {
        if !plausible_id(n) {
            return Err(ApiError::BadRequest(
                "number: expected a phone_number_id".into(),
            ));
        }
        return Ok(n.clone());
    }
    if let Some(n) = &console.default_number {
        return Ok(n.clone());
    }
    let all = index::numbers(&console.redis, &console.keys).await?;
    match all.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(ApiError::NotFound("no conversations yet".into())),
        several => Err(ApiError::BadRequest(format!(
            "several business numbers: add ?number= (one of {})",
            several.join(", ")
        ))),
    }
}

/// The conversation with `customer` on the request's business number.
pub async fn find(
    console: &Console,
    customer: &str,
    query: &HashMap<String, String>,
) -> Result<Found, ApiError> {
    let id = customer.strip_prefix('+').unwrap_or(customer);
    if !plausible_id(id) {
        return Err(ApiError::BadRequest(
            "customer: expected a phone number or a business-scoped user id".into(),
        ));
    }
    let number = number(console, query).await?;
    let unknown = || ApiError::NotFound("no conversation with this customer".into());
    let key = index::resolve(&console.redis, &console.keys, &number, id)
        .await?
        .ok_or_else(unknown)?;
    let (number, customer) = key.split_once(':').ok_or_else(unknown)?;
    let state = conversation::get(&console.redis, &console.keys, &key).await?;
    Ok(Found {
        number: number.to_owned(),
        customer: customer.to_owned(),
        state,
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_they_reach_a_key() {
        for ok in ["5511988887777", "BR.77001234", "US.134_9-1"] {
            assert!(plausible_id(ok), "{ok}");
        }
        for bad in ["", "a:b", "a*", "x y", "<script>", &"9".repeat(129)] {
            assert!(!plausible_id(bad), "{bad}");
        }
    }
}
