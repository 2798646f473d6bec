//! The sources crate's integration tests: one binary, one module per input.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they set up

mod samples;
mod warc;
#[cfg(feature = "http")]
mod watch;
