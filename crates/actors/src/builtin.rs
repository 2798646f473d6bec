//! The project's own dictionaries, embedded in the binary so the tool is self-contained.

macro_rules! dictionary {
    ($name:literal) => {
        ($name, include_str!(concat!("../../../dictionaries/actors/", $name)))
    };
}

/// Roles, titles, honorifics and modifiers: English words, no world knowledge.
pub(crate) const AGENTS: (&str, &str) = dictionary!("agents.txt");

/// Every built-in file, in the order they are layered.
pub(crate) const FILES: &[(&str, &str)] = &[
    dictionary!("countries.txt"),
    dictionary!("organisations.txt"),
    dictionary!("media.txt"),
    dictionary!("people.txt"),
    AGENTS,
    dictionary!("descriptions.txt"),
];

/// The names and texts of the built-in dictionary files.
#[must_use]
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}
