//! The crate's one integration-test binary. Tests are data: a `check` per feature, then
//! one-line cases.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they set up

mod lookup;
mod mentions;
mod phoenix;
mod seed;
mod validation;
mod world;

use faultline_actors::{ActorDictionary, rough_sentences};
use faultline_model::Mention;
use jiff::civil::Date;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The built-in dictionary, built once for the whole binary.
pub fn builtin() -> &'static ActorDictionary {
    static DICTIONARY: OnceLock<ActorDictionary> = OnceLock::new();
    DICTIONARY.get_or_init(|| ActorDictionary::builtin().expect("the built-in dictionaries are valid"))
}

/// The seed article's date: the default date of the one-line cases.
pub const SEED_DATE: Date = jiff::civil::date(2025, 12, 28);

/// Mentions of `text`, split into sentences roughly, on `date`.
pub fn mentions_of(dictionary: &ActorDictionary, text: &str, date: Option<Date>) -> Vec<Mention> {
    dictionary.mentions(text, &rough_sentences(text), date)
}

/// Asserts the mentions of `text` on `date` are exactly `expected`, as (text, code) in order.
#[track_caller]
pub fn check_with(dictionary: &ActorDictionary, date: Option<Date>, text: &str, expected: &[(&str, &str)]) {
    let found = mentions_of(dictionary, text, date);
    let found: Vec<(&str, &str)> = found.iter().map(|m| (m.text.as_str(), m.code.as_str())).collect();
    assert_eq!(found, expected, "mentions of {text:?}");
}

/// [`check_with`] on the built-in dictionary and the seed's date.
#[track_caller]
pub fn check(text: &str, expected: &[(&str, &str)]) {
    check_with(builtin(), Some(SEED_DATE), text, expected);
}

/// The shared folder (`FAULTLINE_SHARED`, else `<workspace>/../shared`), when present.
pub fn shared() -> Option<PathBuf> {
    let path = std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("note: {} is absent: tests on the shared data are skipped", path.display());
        None
    }
}

#[test]
fn the_dictionary_is_shared_by_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ActorDictionary>();
}
