//! Meta's webhook signature (`X-Hub-Signature-256`) and verify-token checks.
//!
//! The signature is an HMAC-SHA256 of the *raw* body bytes keyed with the app secret, sent as
//! `sha256=<lowercase hex>`. It must be checked before any parsing: re-serialised JSON differs
//! from Meta's bytes (`\uXXXX` escapes, `\/`), so only the received bytes verify. The only way
//! to obtain a [`VerifiedBody`] is through [`verify_signature`]; the publisher accepts nothing
//! else. Comparison is constant-time (`Mac::verify_slice`). Several secrets may be configured
//! during a rotation; any one of them verifies.

use bytes::Bytes;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// Why a request was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("missing X-Hub-Signature-256 header")]
    Missing,
    #[error("malformed X-Hub-Signature-256 header")]
    Malformed,
    #[error("signature does not match")]
    Mismatch,
}

/// A body whose signature was checked.
#[derive(Clone, Debug)]
pub struct VerifiedBody(Bytes);

impl VerifiedBody {
    pub fn bytes(&self) -> &Bytes {
        &self.0
    }
}

/// Checks `header` (the `X-Hub-Signature-256` value) against `body` with each secret.
pub fn verify_signature(
    secrets: &[SecretString],
    header: Option<&[u8]>,
    body: Bytes,
) -> Result<VerifiedBody, SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let hex_sig = header
        .strip_prefix(b"sha256=")
        .ok_or(SignatureError::Malformed)?;
    let expected = hex::decode(hex_sig.trim_ascii()).map_err(|_| SignatureError::Malformed)?;
    if expected.len() != 32 {
        return Err(SignatureError::Malformed);
    }
    for secret in secrets {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
            .expect("HMAC takes keys of any length");
        mac.update(&body);
        if mac.verify_slice(&expected).is_ok() {
            return Ok(VerifiedBody(body));
        }
    }
    Err(SignatureError::Mismatch)
}

/// Signs `body` the way Meta does (used by tests, the sandbox and the load generator).
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Constant-time equality of the verify token (GET handshake).
pub fn token_matches(expected: &SecretString, given: &str) -> bool {
    use sha2::Digest;
    // Compare fixed-length digests so neither length nor content leaks through timing.
    let a = Sha256::digest(expected.expose_secret().as_bytes());
    let b = Sha256::digest(given.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(s: &[&str]) -> Vec<SecretString> {
        s.iter()
            .map(|s| SecretString::from(s.to_string()))
            .collect()
    }

    #[test]
    fn accepts_meta_bytes_with_escapes() {
        // Meta escapes non-ASCII as \uXXXX and '/' as '\/'; re-serialising would change both.
        let body = Bytes::from_static(br#"{"text":{"body":"caf\u00e9 \/ 50% off"}}"#);
        let sig = sign("s3cret", &body);
        assert!(
            verify_signature(&secrets(&["s3cret"]), Some(sig.as_bytes()), body.clone()).is_ok()
        );
        let reserialised =
            serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&body).unwrap())
                .unwrap();
        assert_ne!(reserialised, body.to_vec());
        let err = verify_signature(
            &secrets(&["s3cret"]),
            Some(sig.as_bytes()),
            reserialised.into(),
        );
        assert_eq!(err.unwrap_err(), SignatureError::Mismatch);
    }

    #[test]
    fn refuses_missing_malformed_and_wrong() {
        let body = Bytes::from_static(b"{}");
        let s = secrets(&["a"]);
        assert_eq!(
            verify_signature(&s, None, body.clone()).unwrap_err(),
            SignatureError::Missing
        );
        assert_eq!(
            verify_signature(&s, Some(b"sha1=00"), body.clone()).unwrap_err(),
            SignatureError::Malformed
        );
        let wrong = sign("b", &body);
        assert_eq!(
            verify_signature(&s, Some(wrong.as_bytes()), body.clone()).unwrap_err(),
            SignatureError::Mismatch
        );
    }

    #[test]
    fn any_rotated_secret_verifies() {
        let body = Bytes::from_static(b"{}");
        let sig = sign("new", &body);
        assert!(verify_signature(&secrets(&["old", "new"]), Some(sig.as_bytes()), body).is_ok());
    }

    #[test]
    fn verify_token_comparison() {
        let t = SecretString::from("tok".to_string());
        assert!(token_matches(&t, "tok"));
        assert!(!token_matches(&t, "tok2"));
        assert!(!token_matches(&t, ""));
    }
}
