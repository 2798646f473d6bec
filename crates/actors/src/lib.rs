//! faultline actors: dictionaries, gazetteer and coreference: mentions of political
//! actors.
//!
//! Dictionaries are built, then used. An [`ActorDictionaryBuilder`] stacks layers (the
//! project's own dictionaries embedded in the binary, files in the project's format,
//! PETRARCH-2/Phoenix dictionaries read as they are) and compiles them into an
//! immutable [`ActorDictionary`] (`Send + Sync`): one Aho-Corasick automaton over every
//! name plus the tables behind it. [`ActorDictionary::mentions`] then finds the actors
//! of an article, sentence by sentence, as [`Mention`]s with byte spans:
//!
//! - names, demonyms and capitals (`Russia`, `Russian`, `Beijing` as `CHNGOV`), on word
//!   boundaries and in the dictionary's letter case (`US` is never `us`);
//! - compounds as one mention (`Russian Foreign Minister Sergei Lavrov` is `RUSGOV`,
//!   `Japan’s Defence Ministry` is `JPNMIL`);
//! - people by the code of the office they held on the article date ([`Actor::code_at`]);
//! - titles, pronouns and definite descriptions resolved to earlier mentions
//!   (`Mr Lavrov`, `he`, `the democratic island`), with the antecedent's span.
//!
//! The lookup side ([`ActorDictionary::describe`], [`ActorDictionary::is_media`],
//! [`ActorDictionary::person`]) serves later stages: the coder must never make a media
//! actor the source or target of an event.
//!
//! ```
//! use faultline_actors::{ActorDictionary, rough_sentences};
//! use faultline_model::MentionKind;
//!
//! let dictionary = ActorDictionary::builtin()?;
//! let text = "Russian Foreign Minister Sergei Lavrov met Chinese officials. Mr Lavrov said \
//!             Beijing agreed.";
//! let date = jiff::civil::date(2025, 12, 28);
//! let mentions = dictionary.mentions(text, &rough_sentences(text), Some(date));
//! let found: Vec<(&str, &str)> = mentions.iter().map(|m| (m.text.as_str(), m.code.as_str())).collect();
//! assert_eq!(
//!     found,
//!     [
//!         ("Russian Foreign Minister Sergei Lavrov", "RUSGOV"),
//!         ("Chinese officials", "CHNGOV"),
//!         ("Mr Lavrov", "RUSGOV"),
//!         ("Beijing", "CHNGOV"),
//!     ]
//! );
//! assert_eq!(mentions[2].kind, MentionKind::Title);
//! assert_eq!(mentions[2].antecedent, Some(mentions[0].span));
//! # Ok::<(), faultline_actors::Error>(())
//! ```
//!
//! The dictionary format is documented for analysts in `docs/dictionaries.md`.
//!
//! [`Mention`]: faultline_model::Mention

mod actor;
mod builtin;
mod dictionary;
mod error;
mod layer;
mod mentions;
mod own;
mod phoenix;
mod roles;
mod sentences;

pub use actor::{Actor, ActorKind, Gender, Origin, Person, Term, is_media_code};
pub use builtin::files as builtin_files;
pub use dictionary::{ActorDictionary, ActorDictionaryBuilder, CodeInfo, DictionaryStats};
pub use error::{Error, Result};
pub use phoenix::{PhoenixNote, PhoenixReport};
pub use roles::{NON_STATE_ROOTS, SECTORS, sector_label};
pub use sentences::rough_sentences;
