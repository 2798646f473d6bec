//! The `faultline` binary, run as users run it.

mod code;
mod commitments;
