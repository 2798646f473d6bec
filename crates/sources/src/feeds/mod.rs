//! RSS and Atom feeds: the feed list.
//!
//! **The feed list** ([`read_feed_list`]) is one feed URL a line, optionally followed by
//! the outlet's name; blank lines and `#` lines are ignored; errors name file and line.

mod list;

pub use list::{FeedSpec, parse_feed_list, read_feed_list};
