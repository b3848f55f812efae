//! Who is calling: the agent behind a console token.
//!
//! A request carries its token as `Authorization: Bearer <token>` (scripts, the API) or in the
//! `baton_console` cookie (the web page: `EventSource` cannot set headers). The cookie is set
//! by `POST /console/login` (a form field or JSON `token`) as `HttpOnly` (no script reads it)
//! and `SameSite=Strict` (no other site's page sends it), plus `Secure` behind a TLS proxy
//! (`X-Forwarded-Proto: https`); `POST /console/logout` clears it.
//!
//! Tokens are compared in constant time against every configured token — the check always
//! visits all of them — through SHA-256 digests compared with `subtle` (fixed length, so
//! neither the content nor the length of a token leaks through timing). The agent's name comes
//! from the matching token, never from the request. Anything else is 401 with a JSON error.

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use baton_shared::config::AgentToken;
use secrecy::ExposeSecret;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::body::ApiJson;
use crate::AppState;
use crate::error::ApiError;

/// The cookie holding a console token.
pub const COOKIE: &str = "baton_console";

/// The configured tokens, as digests.
pub struct Tokens(Vec<(String, [u8; 32])>);

impl Tokens {
    pub fn new(agents: &[AgentToken]) -> Tokens {
        Tokens(
            agents
                .iter()
                .map(|a| (a.agent.clone(), digest(a.token.expose_secret())))
                .collect(),
        )
    }

    /// The agent whose token `given` is (constant time over every configured token).
    pub fn agent(&self, given: &str) -> Option<&str> {
        let given = digest(given);
        let mut found = None;
        for (agent, expected) in &self.0 {
            if bool::from(expected.ct_eq(&given)) {
                found = Some(agent.as_str());
            }
        }
        found
    }
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The authenticated agent's name.
pub struct Agent(pub String);

impl std::ops::Deref for Agent {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The `baton_console` cookie's value, if the request carries one.
pub(super) fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(&parts.headers)
            .or_else(|| cookie(&parts.headers))
            .ok_or(ApiError::Unauthorized)?;
        match state.console.tokens.agent(token) {
            Some(agent) => Ok(Agent(agent.to_owned())),
            None => Err(ApiError::Unauthorized),
        }
    }
}

/// The login body (other fields, such as a form's submit button, are ignored).
#[derive(Deserialize)]
struct Login {
    token: String,
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn set_cookie(headers: &HeaderMap, value: &str, max_age: Option<u32>) -> HeaderValue {
    let tls = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let mut c = format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if tls {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("tokens are cookie-safe (checked at start)")
}

/// `POST /console/login`: a form (the page; answered 303 to `/console`) or JSON (answered
/// 200 `{"agent": …}`), setting the cookie when the token is valid.
pub async fn login(State(state): State<AppState>, req: Request) -> Result<Response, ApiError> {
    let headers = req.headers().clone();
    let form = is_form(&headers);
    let login: Login = if form {
        Form::<Login>::from_request(req, &())
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?
            .0
    } else {
        ApiJson::<Login>::from_request(req, &()).await?.0
    };
    let Some(agent) = state.console.tokens.agent(&login.token) else {
        return Err(ApiError::Unauthorized);
    };
    let cookie = set_cookie(&headers, &login.token, Some(12 * 3600));
    let mut res = if form {
        (StatusCode::SEE_OTHER, [(header::LOCATION, "/console")]).into_response()
    } else {
        Json(serde_json::json!({ "agent": agent })).into_response()
    };
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}

/// `POST /console/logout`: clears the cookie (204).
pub async fn logout(headers: HeaderMap) -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, set_cookie(&headers, "", Some(0)));
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    fn tokens() -> Tokens {
        Tokens::new(&[
            AgentToken {
                agent: "maria".into(),
                token: SecretString::from("maria-token-0123456789".to_owned()),
            },
            AgentToken {
                agent: "li".into(),
                token: SecretString::from("li-token-0123456789ab".to_owned()),
            },
        ])
    }

    #[test]
    fn the_token_names_the_agent() {
        let t = tokens();
        assert_eq!(t.agent("maria-token-0123456789"), Some("maria"));
        assert_eq!(t.agent("li-token-0123456789ab"), Some("li"));
        assert_eq!(t.agent("maria-token-012345678"), None);
        assert_eq!(t.agent(""), None);
        assert_eq!(Tokens::new(&[]).agent("anything"), None);
    }

    #[test]
    fn bearer_and_cookie_are_read() {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&h), None);
        h.insert(
            header::COOKIE,
            "theme=dark; baton_console=tok:en; x=1".parse().unwrap(),
        );
        assert_eq!(cookie(&h), Some("tok:en"));
        let set = set_cookie(&h, "tok", Some(60));
        assert_eq!(
            set.to_str().unwrap(),
            "baton_console=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=60"
        );
        h.insert("x-forwarded-proto", "https".parse().unwrap());
        assert!(
            set_cookie(&h, "tok", None)
                .to_str()
                .unwrap()
                .ends_with("; Secure")
        );
    }
}
