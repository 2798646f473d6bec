//! Word lists of the scraped-text extractor: stopwords (to tell prose from menus), the
//! boilerplate lexicon (promos, share prompts, legal lines, cookie notices), caption
//! and credit openings, the markers that end an article (comments, related headlines,
//! copyright) and paywall prompts.
//!
//! Every test here is on a line's lowercase text. Lists are small and general: they name
//! kinds of page furniture every news site has, never one site's wording.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: a fast hash for short keys (stopwords, token hashes), no dependency.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Keys that are already hashes: mix once.
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 ^= self.0 >> 29;
    }
}

pub(crate) type FnvSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;

/// Function words of the languages news is most often scraped in. A line of prose has
/// some; a menu, a headline list or a tag cloud has few.
const STOPWORDS: &[&str] = &[
    // English
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
    "not", "no", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his",
    "her", "their", "our", "your", "my", "me", "him", "them", "us", "who", "whom", "which", "what", "when",
    "where", "why", "how", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    "than", "then", "there", "here", "also", "so", "such", "only", "just", "about", "into", "over", "after",
    "before", "under", "between", "through", "during", "while", "because", "since", "until", "up", "out",
    "more", "most", "other", "some", "any", "all", "each", "both", "very", "said", "says", "say",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "а", "к", "но", "из", "у", "за", "от", "о", "же", "это",
    "то", "для", "так", "его", "она", "он", "они", "ещё", "мы", "вы", "бы", "до", // German
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "im", "ein", "eine", "auf", "für",
    "sich", "dem", "des", "auch", "es", "sie", "wir", // French
    "de", "la", "le", "les", "et", "des", "un", "une", "du", "en", "est", "pour", "que", "qui", "dans",
    "pas", "sur", "au", "par", "avec", "il", "elle", // Portuguese and Spanish
    "o", "e", "do", "da", "em", "um", "uma", "para", "com", "não", "os", "as", "no", "na", "se", "por",
    "mais", "foi", "é", "el", "los", "las", "y", "del", "con", "su", "es", "al", "lo", "como",
    // Indonesian and Malay
    "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada", "juga",
    "ke", "karena", "ada", "kita", "saya", "atau", "bisa", // Italian
    "il", "che", "è", "per", "non", "sono", "della", "gli", "si", // Dutch
    "het", "een", "van", "en", "dat", "op", "te", "zijn", "niet", "met", "voor",
];

/// Function words that a headline capitalises and a sentence does not (`Talks In
/// Tokyo End Without A Deal`).
const TITLE_FUNCTION_WORDS: &[&str] = &[
    "of", "to", "in", "for", "and", "with", "on", "at", "from", "after", "by", "the", "a", "an", "as", "is",
    "are", "over", "into", "about", "against", "amid",
];

fn stopword_set() -> &'static FnvSet<&'static str> {
    static SET: OnceLock<FnvSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

/// Whether a lowercase word is a stopword.
pub(crate) fn is_stopword(lower: &str) -> bool {
    stopword_set().contains(lower)
}

/// Whether a lowercase word is a function word a headline would capitalise.
pub(crate) fn is_title_function_word(lower: &str) -> bool {
    TITLE_FUNCTION_WORDS.contains(&lower)
}

/// Openings of promo, share, sign-in, legal and navigation lines.
const BOILERPLATE_OPENINGS: &[&str] = &[
    "sign up",
    "subscribe",
    "read more",
    "read also",
    "related:",
    "follow us",
    "follow ",
    "share this",
    "share on",
    "advertisement",
    "copyright",
    "©",
    "all rights reserved",
    "click here",
    "click to",
    "see more",
    "also read",
    "also on",
    "you may also like",
    "log in",
    "sign in",
    "newsletter",
    "get the latest",
    "this article",
    "tags:",
    "tag:",
    "filed under",
    "topics:",
    "previous article",
    "next article",
    "download the app",
    "need help",
    "you are commenting",
    "continue reading",
    "skip to",
    "want to",
    "don't miss",
    "don’t miss",
    "get our",
    "join our",
    "listen to",
    "watch:",
    "watch the",
    "advertise",
    "read the full",
    "to read the full",
];

/// Phrases that make a short line boilerplate wherever they occur in it.
const BOILERPLATE_PHRASES: &[&str] = &[
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "sign up for",
    "subscribe to",
    "newsletter",
    "click here",
    "javascript",
    "your browser",
    "©",
];

/// Openings of photo captions and credits.
const CAPTION_OPENINGS: &[&str] = &[
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image copyright",
    "image caption",
    "picture:",
    "credit:",
    "pictured:",
    "caption:",
    "file photo",
    "file:",
    "illustration:",
    "(photo",
    "[photo",
];

/// Phrases that mark a caption or credit inside a line.
const CAPTION_PHRASES: &[&str] = &[
    "(ap photo",
    "reuters/",
    "getty images",
    "/afp",
    "afp/",
    "photo credit",
    "image credit",
    "/ap photo",
    "photo/",
    "shutterstock",
    "(photo:",
    "(credit:",
    "(image:",
];

/// Whole lines (lowercase, brackets, counts and colons stripped) that head what comes
/// after an article: comments, related and recommended headlines, tags.
const END_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "response",
    "replies",
    "reply",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the discussion",
    "join the conversation",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "related reading",
    "more on this topic",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "read next",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "trending",
    "trending now",
    "trending stories",
    "popular stories",
    "popular posts",
    "popular articles",
    "tag",
    "tags",
    "topics",
    "about the author",
    "latest",
    "latest news",
    "latest stories",
    "top stories",
    "more stories",
    "further reading",
    "see also",
];

/// End headers after which nothing is the article (comments).
const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "comment",
    "responses",
    "response",
    "replies",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the discussion",
    "join the conversation",
];

/// Headers that introduce related headlines (`More on this topic`).
const RELATED_HEADERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "related reading",
    "more on this topic",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "read next",
    "read more",
    "more stories",
    "further reading",
    "see also",
];

/// Inline openings of a related link inside the body (`Read more: ...`).
pub(crate) const RELATED_INLINE: &[&str] = &[
    "related:",
    "read more:",
    "read also:",
    "also read:",
    "see also:",
    "more:",
    "recommended:",
    "watch:",
    "read:",
];

/// Prompts of a paywall or subscription stub.
const PAYWALL_PHRASES: &[&str] = &[
    "to read the full story",
    "to continue reading",
    "subscribe to continue",
    "subscribe to read",
    "subscribers only",
    "subscriber-only",
    "for subscribers",
    "already a subscriber",
    "sign in to continue",
    "log in to continue",
    "this content is only available",
    "this article is only available",
    "premium content",
    "become a member to",
    "unlock this article",
    "start your subscription",
];

/// A header line's key: lowercase without surrounding brackets, a leading count, a
/// trailing colon or count (`[ 167 comments ]` → `comments`, `Comments (12)` →
/// `comments`).
fn header_key(lower: &str) -> &str {
    let key = lower.trim().trim_matches(|c: char| {
        matches!(c, '[' | ']' | '(' | ')' | ':' | '»' | '›' | '>') || c.is_whitespace()
    });
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
    key.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | ':')).trim_end()
}

/// Whether a lowercase line is a header of what follows an article.
pub(crate) fn is_end_header(lower: &str) -> bool {
    if lower.len() > 60 {
        return false;
    }
    let key = header_key(lower);
    END_HEADERS.contains(&key)
        || (key.starts_with("more from ") && key.len() <= 40)
        || (key.starts_with("also in ") && key.len() <= 40)
}

/// Whether a lowercase line heads comments, or is a copyright or "all rights reserved"
/// line: after it (once an article has been read) nothing is the article.
pub(crate) fn is_hard_end(lower: &str) -> bool {
    if lower.len() <= 60 && COMMENT_HEADERS.contains(&header_key(lower)) {
        return true;
    }
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &lower[digits..];
        if rest.starts_with(" comments ") || rest.starts_with(" responses ") {
            return true;
        }
    }
    if lower.contains("comments feed")
        || lower.contains("comment feed")
        || lower.contains("all rights reserved")
    {
        return true;
    }
    for opening in ["©", "copyright"] {
        if let Some(rest) = lower.strip_prefix(opening) {
            let rest = rest.trim_start();
            if rest.starts_with("by") || rest.bytes().take(4).filter(u8::is_ascii_digit).count() == 4 {
                return true;
            }
        }
    }
    false
}

/// Whether a lowercase line heads a block of related headlines.
pub(crate) fn is_related_header(lower: &str) -> bool {
    lower.len() <= 60 && {
        let key = header_key(lower);
        RELATED_HEADERS.contains(&key) || (key.starts_with("more from ") && key.len() <= 40)
    }
}

/// Whether a lowercase line is a promo, share, sign-in, legal or cookie line.
pub(crate) fn is_boilerplate(lower: &str, n_words: usize) -> bool {
    if lower.contains("cookie")
        && ["website", "browser", "consent", "we use", "this site"].iter().any(|w| lower.contains(w))
    {
        return true;
    }
    BOILERPLATE_OPENINGS.iter().any(|o| lower.starts_with(o))
        || (n_words <= 40 && BOILERPLATE_PHRASES.iter().any(|p| lower.contains(p)))
}

/// Whether a lowercase line is a photo caption or credit (or a gallery counter,
/// `1 of 4 ...`, `Image 1 of 23`).
pub(crate) fn is_caption(lower: &str, n_words: usize) -> bool {
    is_gallery_counter(lower)
        || CAPTION_OPENINGS.iter().any(|o| lower.starts_with(o))
        || (n_words <= 60 && CAPTION_PHRASES.iter().any(|p| lower.contains(p)))
}

/// `1 of 4 ...`, `Image 1 of 23`, `photo 3/12`.
fn is_gallery_counter(lower: &str) -> bool {
    let rest = lower.strip_prefix("image ").or_else(|| lower.strip_prefix("photo ")).unwrap_or(lower);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &rest[digits..];
    let rest =
        rest.strip_prefix(" of ").or_else(|| rest.strip_prefix(" / ")).or_else(|| rest.strip_prefix('/'));
    rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a lowercase line is a paywall prompt.
pub(crate) fn is_paywall_prompt(lower: &str) -> bool {
    lower.len() < 400 && PAYWALL_PHRASES.iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        for (line, end, hard, related) in [
            ("more on this topic", true, false, true),
            ("[ 167 comments ]", true, true, false),
            ("comments (12)", true, true, false),
            ("34 comments feed for comments back to top", false, true, false),
            ("related articles:", true, false, true),
            ("© 2019 associated press. all rights reserved.", false, true, false),
            ("copyright 2025 sph media", false, true, false),
            ("© john brecher needle poking skin", false, false, false),
            ("more from wired", true, false, true),
            ("the comments were rejected by the minister.", false, false, false),
        ] {
            assert_eq!(is_end_header(line), end, "end {line}");
            assert_eq!(is_hard_end(line), hard, "hard {line}");
            assert_eq!(is_related_header(line), related, "related {line}");
        }
    }

    #[test]
    fn furniture() {
        for (line, boiler, caption) in [
            ("sign up now: get insights on asia's fast-moving developments", true, false),
            ("follow topic:", true, false),
            ("this website uses cookies to improve your experience while you navigate.", true, false),
            ("1 of 4 a shopper looks at extension cords", false, true),
            ("image 1 of 23", false, true),
            ("photo: epa", false, true),
            ("traders work on the floor. reuters/brendan mcdermid", false, true),
            ("russia will support china if a taiwan contingency flares up.", false, false),
            ("following the talks, the ministers met again.", false, false),
        ] {
            let n = line.split_whitespace().count();
            assert_eq!(is_boilerplate(line, n), boiler, "boiler {line}");
            assert_eq!(is_caption(line, n), caption, "caption {line}");
        }
    }
}
