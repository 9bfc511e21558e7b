//! The one error type of the crate, and the one place where responses become errors.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// What a call of this crate can fail with.
///
/// ```no_run
/// # async fn run(client: ossaat::Client) {
/// match client.plans().get("pl_missing").await {
///     Err(e) if e.is_not_found() => println!("no such plan"),
///     Err(ossaat::Error::Api { status, problem }) => println!("{status}: {}", problem.title),
///     Err(e) => println!("failed: {e}"),
///     Ok(plan) => println!("{}", plan.goal),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine answered with an error status; `problem` is its RFC 9457 body.
    #[error("{problem}")]
    Api {
        /// The HTTP status code.
        status: u16,
        /// The decoded `application/problem+json` body (or one made from the status when the body is not JSON);
        /// boxed to keep `Result`s small.
        problem: Box<Problem>,
    },
    /// The request did not get an answer: connection refused or reset, bad TLS, a broken stream.
    #[error("http: {0}")]
    Http(#[source] reqwest::Error),
    /// The answer arrived but is not what the API promises.
    #[error("decode: {message}")]
    Decode {
        /// What was being decoded and why it failed.
        message: String,
        /// The JSON error, when there is one.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// An argument was refused before anything was sent (an empty goal, a limit out of range, a bad URL).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The request took longer than the client's timeout.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
}

/// Shorthand for `Result<T, ossaat::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status when the engine answered with an error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The problem body when the engine answered with an error.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Api { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// 404: the plan, step or SLO does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// 409: the call does not fit the current state (approving a step that does not wait, cancelling a finished plan).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(409)
    }

    /// 429: too many requests; [`Problem::retry_after`] says when to come back.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(429)
    }

    /// 401: no token or a token the engine does not know.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// 403: the token's role may not do this (the problem's detail names the role needed).
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }

    /// Whether sending the same request again may succeed: 429, 502, 503, 504 and transport failures.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Error::Api { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Http(_) => true,
            _ => false,
        }
    }

    pub(crate) fn retry_after(&self) -> Option<Duration> {
        self.problem().and_then(|p| p.retry_after)
    }

    pub(crate) fn decode(what: &str, source: serde_json::Error) -> Error {
        Error::Decode {
            message: format!("{what}: {source}"),
            source: Some(source),
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error, timeout: Duration) -> Error {
        if e.is_timeout() {
            Error::Timeout(timeout)
        } else {
            Error::Http(e)
        }
    }
}

/// An RFC 9457 problem: what the engine says went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// The problem `type` URI (`about:blank` for plain HTTP errors).
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    /// A short summary, e.g. `Not Found`, `Invalid request`.
    #[serde(default)]
    pub title: String,
    /// The HTTP status the engine put in the body.
    #[serde(default)]
    pub status: u16,
    /// This occurrence explained, e.g. `plan 'x' does not exist`.
    #[serde(default)]
    pub detail: Option<String>,
    /// Which fields of the request were wrong, for 400s.
    #[serde(default)]
    pub errors: Vec<FieldError>,
    /// From the `Retry-After` header (seconds), on 429 and 503.
    #[serde(skip)]
    pub retry_after: Option<Duration>,
}

/// One field of a request that the engine refused.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FieldError {
    /// The field's name, e.g. `goal`.
    pub field: String,
    /// What is wrong with it, e.g. `is required`.
    pub message: String,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.title)?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

/// Turns an error answer into [`Error::Api`]: the problem+json body when there is one, else a problem made from
/// the status and the start of the body.
pub(crate) fn api_error(
    status: reqwest::StatusCode,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Error {
    let mut problem = serde_json::from_slice::<Problem>(body).unwrap_or_else(|_| {
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        Problem {
            type_uri: about_blank(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: (!text.is_empty()).then(|| text.chars().take(512).collect()),
            errors: Vec::new(),
            retry_after: None,
        }
    });
    if problem.status == 0 {
        problem.status = status.as_u16();
    }
    problem.retry_after = retry_after;
    Error::Api {
        status: status.as_u16(),
        problem: Box::new(problem),
    }
}

/// `Retry-After` in seconds; the HTTP-date form is not used by the engine and is ignored.
pub(crate) fn parse_retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_body_is_decoded_with_its_field_errors() {
        let body = br#"{"type":"about:blank","title":"Invalid request","status":400,"detail":"goal: is required",
            "errors":[{"field":"goal","message":"is required"}]}"#;
        let err = api_error(reqwest::StatusCode::BAD_REQUEST, None, body);
        let problem = err.problem().unwrap();
        assert_eq!(problem.title, "Invalid request");
        assert_eq!(problem.errors[0].field, "goal");
        assert_eq!(err.to_string(), "400 Invalid request: goal: is required");
    }

    #[test]
    fn a_body_that_is_not_json_still_gives_an_api_error_with_the_status() {
        let err = api_error(
            reqwest::StatusCode::BAD_GATEWAY,
            Some(Duration::from_secs(2)),
            b"<html>upstream down</html>",
        );
        assert_eq!(err.status(), Some(502));
        let problem = err.problem().unwrap();
        assert_eq!(problem.title, "Bad Gateway");
        assert_eq!(
            problem.detail.as_deref(),
            Some("<html>upstream down</html>")
        );
        assert_eq!(problem.retry_after, Some(Duration::from_secs(2)));
        assert!(err.is_transient());
    }
}
