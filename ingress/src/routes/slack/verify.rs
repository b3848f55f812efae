//! Slack's request signature (`../shared/specs/slack.md` §7): `X-Slack-Signature` is `v0=` and
//! the lowercase hex HMAC-SHA256, keyed with `SLACK_SIGNING_SECRET`, of
//! `v0:{X-Slack-Request-Timestamp}:{raw body}`. Checked over the raw bytes before any parsing
//! (JSON or form), compared in constant time (`Mac::verify_slice`), and refused when the
//! timestamp is more than [`WINDOW_SECS`] from now in either direction: a captured request
//! replayed later does not verify. The only way to a [`SlackBody`] is [`verify`].

use bytes::Bytes;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// Slack's replay window (five minutes).
pub const WINDOW_SECS: i64 = 300;

/// Why a request was refused (401).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlackSignatureError {
    #[error("missing X-Slack-Signature or X-Slack-Request-Timestamp")]
    Missing,
    #[error("malformed Slack signature headers")]
    Malformed,
    #[error("timestamp outside the five-minute window")]
    Stale,
    #[error("signature does not match")]
    Mismatch,
}

/// A body Slack signed, within the window.
#[derive(Clone, Debug)]
pub struct SlackBody(Bytes);

impl SlackBody {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Checks the two headers against `body` at time `now` (Unix seconds).
pub fn verify(
    secret: &SecretString,
    timestamp: Option<&[u8]>,
    signature: Option<&[u8]>,
    body: Bytes,
    now: i64,
) -> Result<SlackBody, SlackSignatureError> {
    let (Some(ts), Some(sig)) = (timestamp, signature) else {
        return Err(SlackSignatureError::Missing);
    };
    let ts_text = std::str::from_utf8(ts)
        .map_err(|_| SlackSignatureError::Malformed)?
        .trim();
    let at: i64 = ts_text
        .parse()
        .map_err(|_| SlackSignatureError::Malformed)?;
    let hex_sig = sig
        .trim_ascii()
        .strip_prefix(b"v0=")
        .ok_or(SlackSignatureError::Malformed)?;
    let expected = hex::decode(hex_sig).map_err(|_| SlackSignatureError::Malformed)?;
    if expected.len() != 32 {
        return Err(SlackSignatureError::Malformed);
    }
    if (now - at).abs() > WINDOW_SECS {
        return Err(SlackSignatureError::Stale);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(b"v0:");
    mac.update(ts_text.as_bytes());
    mac.update(b":");
    mac.update(&body);
    mac.verify_slice(&expected)
        .map_err(|_| SlackSignatureError::Mismatch)?;
    Ok(SlackBody(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
    const BODY: &str = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const SIG: &str = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    const TS: i64 = 1531420618;

    fn check(ts: &str, sig: &str, body: &str, now: i64) -> Result<SlackBody, SlackSignatureError> {
        let secret = SecretString::from(SECRET.to_owned());
        verify(
            &secret,
            Some(ts.as_bytes()),
            Some(sig.as_bytes()),
            Bytes::from(body.to_owned()),
            now,
        )
    }

    /// Slack's documented test vector (§7).
    #[test]
    fn the_spec_vector_verifies_within_the_window_only() {
        assert!(check("1531420618", SIG, BODY, TS + 10).is_ok());
        assert!(check("1531420618", SIG, BODY, TS - 300).is_ok());
        assert_eq!(
            check("1531420618", SIG, BODY, TS + 301).unwrap_err(),
            SlackSignatureError::Stale
        );
        assert_eq!(
            check("1531420618", SIG, &format!("{BODY}x"), TS).unwrap_err(),
            SlackSignatureError::Mismatch
        );
        assert_eq!(
            check("1531420619", SIG, BODY, TS).unwrap_err(),
            SlackSignatureError::Mismatch
        );
    }

    #[test]
    fn malformed_headers_are_refused() {
        assert_eq!(
            check("x", SIG, BODY, TS).unwrap_err(),
            SlackSignatureError::Malformed
        );
        assert_eq!(
            check("1531420618", "v1=00", BODY, TS).unwrap_err(),
            SlackSignatureError::Malformed
        );
        let secret = SecretString::from(SECRET.to_owned());
        assert_eq!(
            verify(&secret, None, Some(SIG.as_bytes()), Bytes::new(), TS).unwrap_err(),
            SlackSignatureError::Missing
        );
    }
}
