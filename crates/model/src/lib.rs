//! Plain data types shared by every faultline crate, and validated codes. No I/O.
//!
//! The pipeline's nouns live here: a [`RawDocument`] (bytes plus what its source knows)
//! becomes an [`Article`] (cleaned text plus fields, each tied to a [`Span`]) or a
//! [`Skip`] with its [`SkipReason`]; coding turns an article into [`Mention`]s,
//! [`Event`]s and [`Quote`]s; a conditional event's [`Condition`] carries its coded
//! [`Trigger`], and an event about a commitment its [`Pledge`] (beneficiary, adversary,
//! [`Basis`], [`Stance`]); the register's rows are [`Commitment`]s. Codes are validated newtypes: [`ActorCode`] (`RUSGOV`),
//! [`CameoCode`] (`0312`), [`Plover`] (`AGREE`), [`QuadClass`].
//!
//! ```
//! use faultline_model::{ActorCode, CameoCode, Plover, QuadClass};
//! let actor: ActorCode = "RUSGOV".parse().unwrap();
//! assert_eq!(actor.country(), Some("RUS"));
//! let code: CameoCode = "0312".parse().unwrap();
//! assert_eq!(code.quad_class(), QuadClass::VerbalCooperation);
//! assert_eq!("agree".parse::<Plover>().unwrap(), Plover::Agree);
//! ```

mod article;
mod codes;
mod commitment;
mod document;
mod event;
mod skip;
mod span;
pub mod text;

pub use article::{Article, ArticleBuilder, Block, BlockKind, Field, Published, RelatedLink};
pub use codes::{ActorCode, CameoCode, CodeError, Plover, QuadClass};
pub use commitment::{
    Basis, BasisKind, Commitment, CommitmentClass, CommitmentReport, CommitmentStatus, Pledge, ReportEffect,
    Stance, Terms, Trigger, TriggerAction, date_text,
};
pub use document::{Format, Origin, RawDocument};
pub use event::{
    ActorRef, Attribution, Condition, Event, EventDate, Evidence, Mention, MentionKind, Modality, Precision,
    Quote, QuoteKind,
};
pub use skip::{Skip, SkipReason};
pub use span::Span;
