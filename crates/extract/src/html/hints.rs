//! What an element's `class` and `id` say about it: page furniture (share buttons,
//! comments, related links, newsletters, ads, menus) or the article body.
//!
//! Names are read as web developers write them: `article-body`, `articleBody`,
//! `article__body` and `ArticleBody` are the same words. Short words must match a
//! whole word (`ad` in `ad-slot`, not in `header` or `shadow`); long, unambiguous ones
//! match anywhere (`sharedaddy`, `newsletter`).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Hints, as bit flags.
pub(crate) const FURNITURE: u16 = 1;
/// Names of article-body containers (`article-body`, `entry-content`, `story-text`).
pub(crate) const BODY: u16 = 1 << 1;
/// Comment sections.
pub(crate) const COMMENTS: u16 = 1 << 2;
/// Related, recommended, "more on this" lists.
pub(crate) const RELATED: u16 = 1 << 3;
/// Bylines and author boxes.
pub(crate) const BYLINE: u16 = 1 << 4;
/// Captions and photo credits.
pub(crate) const CAPTION: u16 = 1 << 5;
pub(crate) const CREDIT: u16 = 1 << 6;
/// Standfirsts, decks, summaries.
pub(crate) const STANDFIRST: u16 = 1 << 7;
/// Hidden by a utility class (`hidden`, `sr-only`, `d-none`).
pub(crate) const HIDDEN: u16 = 1 << 8;
/// Words that lean towards content (`content`, `article`, `story`, `post`, `text`).
pub(crate) const CONTENTISH: u16 = 1 << 9;
/// Paywall and subscription prompts.
pub(crate) const PAYWALL: u16 = 1 << 10;
/// Dates and timestamps.
pub(crate) const DATE: u16 = 1 << 11;

/// What a whole word (after splitting names into words) means.
fn word_flags(word: &str) -> u16 {
    match word {
        "ad" => FURNITURE,
        "ads" => FURNITURE,
        "adv" => FURNITURE,
        "advert" => FURNITURE,
        "adslot" => FURNITURE,
        "adunit" => FURNITURE,
        "dfp" => FURNITURE,
        "gpt" => FURNITURE,
        "sponsor" => FURNITURE,
        "sponsored" => FURNITURE,
        "promo" => FURNITURE,
        "promos" => FURNITURE,
        "promotion" => FURNITURE,
        "promoted" => FURNITURE,
        "comment" => FURNITURE | COMMENTS,
        "comments" => FURNITURE | COMMENTS,
        "commentlist" => FURNITURE | COMMENTS,
        "reply" => FURNITURE | COMMENTS,
        "replies" => FURNITURE | COMMENTS,
        "share" => FURNITURE,
        "shares" => FURNITURE,
        "sharing" => FURNITURE,
        "sharebar" => FURNITURE,
        "social" => FURNITURE,
        "related" => FURNITURE | RELATED,
        "recirc" => FURNITURE | RELATED,
        "recirculation" => FURNITURE | RELATED,
        "recommended" => FURNITURE | RELATED,
        "recommendations" => FURNITURE | RELATED,
        "trending" => FURNITURE,
        "popular" => FURNITURE,
        "mostread" => FURNITURE,
        "subscribe" => FURNITURE | PAYWALL,
        "subscription" => FURNITURE | PAYWALL,
        "signup" => FURNITURE,
        "login" => FURNITURE,
        "cookie" => FURNITURE,
        "cookies" => FURNITURE,
        "gdpr" => FURNITURE,
        "consent" => FURNITURE,
        "popup" => FURNITURE,
        "modal" => FURNITURE,
        "sidebar" => FURNITURE,
        "breadcrumb" => FURNITURE,
        "breadcrumbs" => FURNITURE,
        "footer" => FURNITURE,
        "masthead" => FURNITURE,
        "menu" => FURNITURE,
        "nav" => FURNITURE,
        "navbar" => FURNITURE,
        "navigation" => FURNITURE,
        "pagination" => FURNITURE,
        "pager" => FURNITURE,
        "toolbar" => FURNITURE,
        "byline" => FURNITURE | BYLINE,
        "bylines" => FURNITURE | BYLINE,
        "author" => FURNITURE | BYLINE,
        "authors" => FURNITURE | BYLINE,
        "caption" => FURNITURE | CAPTION,
        "captions" => FURNITURE | CAPTION,
        "figcaption" => FURNITURE | CAPTION,
        "credit" => FURNITURE | CREDIT,
        "credits" => FURNITURE | CREDIT,
        "copyright" => FURNITURE | CREDIT,
        "tags" => FURNITURE,
        "keywords" => FURNITURE,
        "rating" => FURNITURE,
        "skyscraper" => FURNITURE,
        "shoutbox" => FURNITURE,
        "widget" => FURNITURE,
        "banner" => FURNITURE,
        "header" => FURNITURE,
        "timestamp" => FURNITURE | DATE,
        "dateline" => DATE,
        "date" => FURNITURE | DATE,
        "published" => DATE,
        "datetime" => DATE,
        "dates" => DATE,
        "pubdate" => DATE,
        "meta" => FURNITURE,
        "slideshow" => FURNITURE,
        "carousel" => FURNITURE,
        "gallery" => FURNITURE,
        "lightbox" => FURNITURE,
        "paywall" => PAYWALL,
        "deck" => STANDFIRST,
        "dek" => STANDFIRST,
        "standfirst" => STANDFIRST,
        "subtitle" => STANDFIRST,
        "subheadline" => STANDFIRST,
        "summary" => STANDFIRST,
        "excerpt" => STANDFIRST,
        "lede" => STANDFIRST,
        "content" => CONTENTISH,
        "article" => CONTENTISH,
        "story" => CONTENTISH,
        "post" => CONTENTISH,
        "entry" => CONTENTISH,
        "text" => CONTENTISH,
        "body" => CONTENTISH,
        "main" => CONTENTISH,
        _ => 0,
    }
}

/// Strings that mean the same anywhere in a name (matched on the name with its
/// separators removed, lowercased).
const ANYWHERE: &[(&str, u16)] = &[
    ("advertis", FURNITURE),
    ("sharedaddy", FURNITURE),
    ("socialshare", FURNITURE),
    ("newsletter", FURNITURE),
    ("outbrain", FURNITURE | RELATED),
    ("taboola", FURNITURE | RELATED),
    ("disqus", FURNITURE | COMMENTS),
    ("morestories", FURNITURE | RELATED),
    ("morefrom", FURNITURE | RELATED),
    ("morenews", FURNITURE | RELATED),
    ("moreon", FURNITURE | RELATED),
    ("readmore", FURNITURE | RELATED),
    ("readnext", FURNITURE | RELATED),
    ("youmayalso", FURNITURE | RELATED),
    ("mightalso", FURNITURE | RELATED),
    ("alsoread", FURNITURE | RELATED),
    ("mostpopular", FURNITURE),
    ("relatedcontent", FURNITURE | RELATED),
    ("authorbio", FURNITURE | BYLINE),
    ("aboutauthor", FURNITURE | BYLINE),
    ("articlebody", BODY),
    ("articlecontent", BODY),
    ("articletext", BODY),
    ("articlecopy", BODY),
    ("storybody", BODY),
    ("storycontent", BODY),
    ("storytext", BODY),
    ("entrycontent", BODY),
    ("entrybody", BODY),
    ("postcontent", BODY),
    ("postbody", BODY),
    ("posttext", BODY),
    ("postentry", BODY),
    ("bodytext", BODY),
    ("bodycopy", BODY),
    ("contentbody", BODY),
    ("textcontent", BODY),
    ("richtext", BODY),
    ("articlesection", BODY),
    ("paywall", PAYWALL),
    ("premium", PAYWALL),
];

/// Whole class names that hide an element.
const HIDING: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "d-none",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screenreader-only",
    "invisible",
    "u-hidden",
    "offscreen",
];

fn anywhere() -> Option<&'static AhoCorasick> {
    static AUTOMATON: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AUTOMATON.get_or_init(|| AhoCorasick::new(ANYWHERE.iter().map(|(p, _)| p)).ok()).as_ref()
}

/// The hints of a `class` and an `id` attribute value.
pub(crate) fn of(class: Option<&str>, id: Option<&str>, scratch: &mut String) -> u16 {
    let mut flags = 0;
    scratch.clear();
    for name in class.into_iter().flat_map(str::split_ascii_whitespace).chain(id) {
        flags |= of_name(name, scratch);
        scratch.push(' ');
    }
    // Long strings, matched once over all names' words (a space between names, so
    // that no match spans two names).
    if let Some(automaton) = anywhere() {
        for found in automaton.find_overlapping_iter(scratch.as_str()) {
            if let Some(&(_, f)) = ANYWHERE.get(found.pattern().as_usize()) {
                flags |= f;
            }
        }
    }
    flags
}

/// The hints of one name's words; appends the lowercase words to `scratch`.
fn of_name(name: &str, scratch: &mut String) -> u16 {
    if name.len() > 80 {
        return 0;
    }
    let mut flags = 0;
    if name.len() <= 20 && HIDING.iter().any(|h| name.eq_ignore_ascii_case(h)) {
        flags |= HIDDEN;
    }
    // Words: split at separators and at lower-to-upper case changes.
    let bytes = name.as_bytes();
    let mut word_start = 0;
    for i in 0..=bytes.len() {
        let boundary = match bytes.get(i) {
            None => true,
            Some(b) if !b.is_ascii_alphanumeric() => true,
            Some(b) if b.is_ascii_uppercase() => {
                i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_lowercase) && i > word_start
            }
            Some(_) => false,
        };
        if boundary {
            if i > word_start {
                let word = &name[word_start..i];
                if word.len() <= 16 {
                    let mut lower = [0u8; 16];
                    for (dst, src) in lower.iter_mut().zip(word.bytes()) {
                        *dst = src.to_ascii_lowercase();
                    }
                    if let Ok(lower) = std::str::from_utf8(&lower[..word.len()]) {
                        flags |= word_flags(lower);
                        scratch.push_str(lower);
                    }
                }
            }
            word_start = if bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) { i } else { i + 1 };
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(class: &str) -> u16 {
        of(Some(class), None, &mut String::new())
    }

    #[test]
    fn words_and_names() {
        assert_eq!(hints("article-body"), BODY | CONTENTISH);
        assert_eq!(hints("articleBody"), BODY | CONTENTISH);
        assert_eq!(hints("ArticleBody__inner"), BODY | CONTENTISH);
        assert_ne!(hints("ad-slot") & FURNITURE, 0);
        assert_eq!(hints("header-shadow") & !FURNITURE, 0);
        assert_eq!(hints("shadow"), 0);
        assert_eq!(hints("heading"), 0);
        assert_ne!(hints("sharedaddy sd-sharing-enabled") & FURNITURE, 0);
        assert_ne!(hints("js-newsletter-signup") & FURNITURE, 0);
        assert_ne!(hints("comment-list") & COMMENTS, 0);
        assert_eq!(hints("commentary") & COMMENTS, 0);
        assert_ne!(hints("sr-only") & HIDDEN, 0);
        assert_eq!(hints("hidden-xs") & HIDDEN, 0);
        assert_ne!(of(None, Some("relatedStories"), &mut String::new()) & RELATED, 0);
    }
}
