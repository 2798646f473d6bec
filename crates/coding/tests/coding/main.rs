//! The coder's tests: a tiny fictional world (invented countries, people, outlets and
//! verbs), one-line cases per CAMEO root and per modality on the real dictionaries, and
//! the seed article.

mod dictionaries;
mod odd;
mod pledges;
mod real_seed;
mod seed;
mod support;
mod world;
