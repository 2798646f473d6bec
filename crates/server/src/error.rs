//! The server's one error type, and how each error becomes an HTTP answer.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use thiserror::Error;

/// What can go wrong serving a request (or starting the server).
///
/// Clients see the message of `BadRequest` and `NotFound` errors; every other error is
/// answered `500 internal error` and its detail goes to the server's log only.
#[derive(Debug, Error)]
pub enum Error {
    /// A malformed query parameter or path: 400, with a message that says what was wrong.
    #[error("{0}")]
    BadRequest(String),

    /// 404, with a message that names what was not found.
    #[error("{0}")]
    NotFound(String),

    #[error(transparent)]
    Store(#[from] faultline_store::Error),

    #[error(transparent)]
    Analysis(#[from] faultline_analysis::Error),

    #[error(transparent)]
    Io(#[from] std::io::Error),

    /// Something that should not happen (a failed blocking task, a template error).
    #[error("{0}")]
    Internal(String),
}

/// The server's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn bad(message: impl Into<String>) -> Error {
        Error::BadRequest(message.into())
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Error {
        Error::NotFound(message.into())
    }

    /// The status this error is answered with.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) | Error::Store(faultline_store::Error::Cursor(_)) => StatusCode::BAD_REQUEST,
            Error::Analysis(faultline_analysis::Error::Config(_)) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message a client may see: the error itself for client errors, nothing of the
    /// internals otherwise (those are logged).
    #[must_use]
    pub fn public_message(&self) -> String {
        match self {
            Error::Store(faultline_store::Error::Cursor(_)) => {
                "invalid cursor: use the `next` value of a previous page".to_string()
            }
            _ if self.status().is_client_error() => self.to_string(),
            _ => "internal error".to_string(),
        }
    }

    /// Logs server-side failures (client errors are not the server's problem).
    pub(crate) fn log(&self) {
        if self.status().is_server_error() {
            eprintln!("faultline serve: error: {self}");
        }
    }
}

/// The JSON body of an error: `{"error": {"status": 404, "message": "..."}}`.
#[derive(Debug, serde::Serialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, serde::Serialize)]
struct ErrorDetail {
    status: u16,
    message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let body =
            ErrorBody { error: ErrorDetail { status: status.as_u16(), message: self.public_message() } };
        (status, axum::Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internals_are_not_shown() {
        let err = Error::Internal("/home/me/secret.db: disk I/O error".into());
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(err.public_message(), "internal error");
        let err = Error::bad("limit: expected 1 to 1000");
        assert_eq!(err.public_message(), "limit: expected 1 to 1000");
        let err = Error::Store(faultline_store::Error::Cursor("x".into()));
        assert_eq!(err.status(), StatusCode::BAD_REQUEST);
    }
}
