//! Finding the article body among the page's blocks.
//!
//! 1. Every element gets its hints (class, id, role, itemprop, hidden) and a hard-drop
//!    flag (scripts, forms controls, embedded media, hidden elements, `<nav>`,
//!    `<figure>`); dropped subtrees are never walked.
//! 2. The page is cut into blocks (see [`blocks`]); each block is rated as prose (long
//!    enough, few links, sentence punctuation), a short line, or links.
//! 3. Page furniture (comments, share bars, related lists, bylines, captions, ads) is
//!    marked from the hints, unless the element holds most of the page's prose (a
//!    `tag-politics` class on the article itself must not remove the article).
//! 4. Prose and non-prose characters are summed up the tree; the container is the
//!    element with the best balance of prose inside it against the rest.
//! 5. Inside the container, blocks are kept or dropped one by one: prose is kept, link
//!    lists and furniture are dropped, short lines are kept after the first paragraph,
//!    headings are dropped after the last.

use super::blocks::{self, Block, Blocks};
use super::dom::{Dom, NodeId};
use super::hints;
use super::tags::Tag;

/// What the analysis knows about each node, indexed by [`NodeId`].
#[derive(Debug)]
pub(crate) struct Page {
    pub hints: Vec<u16>,
    /// Never article text, nor anything else we read from the body.
    pub hard_drop: Vec<bool>,
}

impl Page {
    pub(crate) fn analyse(dom: &Dom<'_>) -> Page {
        let n = dom.nodes.len();
        let mut hints_of = vec![0u16; n];
        let mut hard_drop = vec![false; n];
        let mut scratch = String::new();
        for (index, node) in dom.nodes.iter().enumerate() {
            let id = index as NodeId;
            if matches!(node.tag, Tag::Text | Tag::Root) {
                if index > 0 {
                    hard_drop[index] = hard_drop[node.parent as usize];
                }
                continue;
            }
            // One pass over the attributes (the first of duplicates wins, as in browsers).
            let (mut class, mut id_attr, mut itemprop, mut role) = (None, None, None, None);
            let mut hidden = false;
            for (name, value) in dom.attrs(id) {
                match name.len() {
                    2 if name.eq_ignore_ascii_case("id") => id_attr = id_attr.or(Some(value)),
                    4 if name.eq_ignore_ascii_case("role") => role = role.or(Some(value)),
                    5 if name.eq_ignore_ascii_case("class") => class = class.or(Some(value)),
                    5 if name.eq_ignore_ascii_case("style") => hidden |= hides(value),
                    6 if name.eq_ignore_ascii_case("hidden") => hidden = true,
                    8 if name.eq_ignore_ascii_case("itemprop") => itemprop = itemprop.or(Some(value)),
                    11 if name.eq_ignore_ascii_case("aria-hidden") => {
                        hidden |= value.trim().eq_ignore_ascii_case("true")
                    }
                    _ => {}
                }
            }
            // The page's outer elements carry site-wide classes (feature flags, themes),
            // not hints about their content.
            let mut h = if matches!(node.tag, Tag::Html | Tag::Body) {
                0
            } else {
                hints::of(class, id_attr, &mut scratch)
            };
            if let Some(itemprop) = itemprop {
                if itemprop.eq_ignore_ascii_case("articleBody") || itemprop.eq_ignore_ascii_case("reviewBody")
                {
                    h |= hints::BODY;
                }
                if itemprop.eq_ignore_ascii_case("author") {
                    h |= hints::BYLINE;
                }
            }
            if let Some(role) = role {
                const FURNITURE_ROLES: [&str; 8] = [
                    "navigation",
                    "complementary",
                    "contentinfo",
                    "banner",
                    "menu",
                    "menubar",
                    "dialog",
                    "alert",
                ];
                if FURNITURE_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
                    h |= hints::FURNITURE;
                }
            }
            hints_of[index] = h;
            // Hints are read inside dropped subtrees too (a credit inside a figure).
            let parent_dropped = hard_drop.get(node.parent as usize).copied().unwrap_or(false);
            hard_drop[index] = parent_dropped
                || node.tag.is_never_text()
                || matches!(node.tag, Tag::Nav | Tag::Figure | Tag::Figcaption)
                || h & hints::HIDDEN != 0
                || hidden;
        }
        Page { hints: hints_of, hard_drop }
    }
}

/// Whether an inline style hides its element.
fn hides(style: &str) -> bool {
    if !style.contains("none") && !style.contains("hidden") {
        return false;
    }
    let compact: String =
        style.chars().filter(|c| !c.is_ascii_whitespace()).map(|c| c.to_ascii_lowercase()).collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// How a block reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rating {
    /// A paragraph of running text.
    Prose,
    /// Some text, too short to tell.
    Short,
    /// Mostly links.
    Links,
    /// An image caption in the flow of the text (`... (Photo: Agency)`).
    Caption,
}

pub(crate) fn rate(block: &Block, text: &str) -> Rating {
    let ld = block.link_density();
    if ld > 0.5 || (ld > 0.3 && block.chars < 150) {
        return Rating::Links;
    }
    // A headline link followed by its summary: a teaser for another page. (A linked
    // sentence that opens a paragraph ends as sentences do; a headline does not.)
    if block.leading_link_chars >= 25 && block.leading_link_chars < block.chars {
        let end = block.leading_link_end as usize;
        let headline = text.get(..end).unwrap_or("");
        let next = text.get(end..).and_then(|rest| rest.chars().next());
        if !ends_sentence(headline) && !matches!(next, Some('.' | '!' | '?' | ',' | ';' | ':')) {
            return Rating::Links;
        }
    }
    if block.chars <= 20 && is_ui_label(text) {
        return Rating::Links;
    }
    if block.chars <= 300 && block.heading == 0 && ends_with_credit(text) {
        return Rating::Caption;
    }
    if block.heading == 0 && block.chars >= 60 && (block.stops > 0 || block.chars >= 150) {
        return Rating::Prose;
    }
    Rating::Short
}

/// The body: the kept blocks, in order.
#[derive(Debug)]
pub(crate) struct Body {
    pub blocks: Blocks,
    pub kept: Vec<usize>,
    pub container: NodeId,
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the test-only block dump"))]
    pub furniture: Vec<bool>,
    pub ratings: Vec<Rating>,
    /// Captions in the flow of the body (blocks rated [`Rating::Caption`]).
    pub captions: Vec<usize>,
}

/// How much a character of non-prose text (links, furniture) counts against a
/// container, and a character of a short line; prose counts 1.
const NON_PROSE_WEIGHT: f32 = 0.5;
const SHORT_WEIGHT: f32 = 0.1;
/// A container named like an article body (`article-body`, `itemprop=articleBody`) gets
/// this factor on its score.
const BODY_HINT_BONUS: f32 = 1.15;
/// An element named like furniture is kept when it holds at least half of the page's
/// prose in at least this many paragraphs (a `tag-politics` class on the article).
const PROTECT_MIN_PROSE_BLOCKS: f32 = 3.0;

pub(crate) fn find_body(dom: &Dom<'_>, page: &Page) -> Body {
    let blocks = blocks::collect(dom, 0, &page.hard_drop);
    let n = dom.nodes.len();
    let mut ratings: Vec<Rating> = blocks.list.iter().map(|b| rate(b, blocks.text_of(b))).collect();
    mark_teasers(dom, &blocks, &mut ratings);

    // Under each element, before any furniture is removed: prose characters, prose
    // blocks, characters, quoted characters (an embedded post is a blockquote in a
    // "social" wrapper).
    // Inside an element named like an article body?
    let mut in_body_hint = vec![false; n];
    for (index, node) in dom.nodes.iter().enumerate().skip(1) {
        in_body_hint[index] = in_body_hint[node.parent as usize] || page.hints[index] & hints::BODY != 0;
    }
    let mut sums = vec![[0f32; 5]; n];
    for (block, rating) in blocks.list.iter().zip(&ratings) {
        let sum = &mut sums[block.owner as usize];
        if *rating == Rating::Prose {
            sum[0] += (block.chars - block.link_chars) as f32;
            sum[1] += 1.0;
            if in_body_hint[block.owner as usize] {
                sum[4] += (block.chars - block.link_chars) as f32;
            }
        }
        sum[2] += block.chars as f32;
        if block.in_blockquote {
            sum[3] += block.chars as f32;
        }
    }
    sum_up(dom, &mut sums);
    let total_prose = sums[0][0].max(1.0);

    // Furniture, top-down: an element is furniture if it or an ancestor says so, unless
    // it holds most of the page's prose.
    let mut furniture = vec![false; n];
    for (index, node) in dom.nodes.iter().enumerate().skip(1) {
        if furniture[node.parent as usize] {
            furniture[index] = true;
            continue;
        }
        let h = page.hints[index];
        let says_furniture = h & hints::FURNITURE != 0 && h & hints::BODY == 0;
        let structural = matches!(node.tag, Tag::Aside | Tag::Footer | Tag::Header | Tag::Form);
        if says_furniture || structural {
            let [prose, prose_blocks, chars, quoted, body_prose] = sums[index];
            let share = prose / total_prose;
            // A comment section can outweigh the article; an opinion piece's wrapper
            // (`content--type-comment`) holds the article body itself.
            let holds_body = body_prose / total_prose >= 0.5;
            let holds_most_prose = (share >= 0.5 && prose_blocks >= PROTECT_MIN_PROSE_BLOCKS
                || share >= 0.9 && prose_blocks >= 2.0)
                && (h & (hints::COMMENTS | hints::RELATED) == 0 || holds_body);
            let is_quote = chars > 0.0 && quoted >= 0.8 * chars && !structural;
            let protected = holds_most_prose || is_quote;
            furniture[index] = !protected;
        }
    }

    // Scores: prose against everything else, summed up the tree.
    let mut scores = vec![[0f32; 2]; n];
    for (block, rating) in blocks.list.iter().zip(&ratings) {
        let owner = block.owner as usize;
        let [good, bad] = &mut scores[owner];
        if furniture[owner] {
            *bad += block.chars as f32;
            continue;
        }
        match rating {
            Rating::Prose => *good += (block.chars - block.link_chars) as f32,
            Rating::Short | Rating::Caption => *bad += block.chars as f32 * SHORT_WEIGHT,
            Rating::Links => *bad += block.chars as f32,
        }
    }
    sum_up(dom, &mut scores);
    let mut best = 0;
    let mut best_score = f32::MIN;
    for (index, node) in dom.nodes.iter().enumerate() {
        if node.tag == Tag::Text || furniture[index] || page.hard_drop[index] {
            continue;
        }
        let [good, bad] = scores[index];
        let mut score = good - NON_PROSE_WEIGHT * bad;
        if page.hints[index] & hints::BODY != 0 {
            score *= BODY_HINT_BONUS;
        }
        if score >= best_score {
            best_score = score;
            best = index;
        }
    }
    let container = best as NodeId;

    // Blocks of the container (its subtree is a run of node ids), kept or not.
    let end = match dom.next_skipping_children(container, 0) {
        super::dom::NONE => NodeId::MAX,
        next => next,
    };
    let inside: Vec<usize> = (0..blocks.list.len())
        .filter(|&i| {
            let owner = blocks.list[i].owner;
            (container..end).contains(&owner) && !furniture[owner as usize]
        })
        .collect();
    let mut kept = Vec::new();
    let mut captions = Vec::new();
    let first_prose = inside.iter().position(|&i| ratings[i] == Rating::Prose);
    let last_prose = inside.iter().rposition(|&i| ratings[i] == Rating::Prose);
    for (pos, &i) in inside.iter().enumerate() {
        let block = &blocks.list[i];
        let text = blocks.text_of(block);
        // Inside the body, a line that is partly a link reads as a short line.
        let rating = match ratings[i] {
            Rating::Links if block.link_density() < MIXED_LINK_DENSITY => Rating::Short,
            rating => rating,
        };
        let keep = match rating {
            Rating::Prose => true,
            Rating::Links | Rating::Caption => false,
            Rating::Short if block.heading == 1 => false,
            Rating::Short if first_prose.is_some_and(|f| pos < f) => {
                // Before the body: a lede in a list or table, or a full sentence; not a
                // kicker, byline or date.
                block.heading == 0
                    && (block.in_list_item || block.in_table_cell || block.chars >= 30 && ends_sentence(text))
            }
            Rating::Short if last_prose.is_some_and(|l| pos > l) => block.heading == 0,
            Rating::Short => true,
        };
        if keep {
            kept.push(i);
        } else if rating == Rating::Caption {
            captions.push(i);
        }
    }
    Body { blocks, kept, container, furniture, ratings, captions }
}

/// Below this link density a line inside the body is kept as a short line.
const MIXED_LINK_DENSITY: f32 = 0.6;

/// A line that is a page's label for an ad slot or a control, never article text.
fn is_ui_label(text: &str) -> bool {
    let label = text.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    const LABELS: [&str; 24] = [
        "advertisement",
        "advert",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "anzeige",
        "werbung",
        "publicidad",
        "publicité",
        "pubblicità",
        "publicidade",
        "реклама",
        "iklan",
        "광고",
        "広告",
        "share",
        "share this",
        "share this article",
        "print",
        "email",
        "comments",
        "comment",
        "skip advert",
    ];
    LABELS.contains(&label.as_str())
}

/// Whether a text ends with a photo credit (`... (Image: Getty)`, `... Photo: AFP`,
/// `... (AP Photo/Jane Roe)`): a caption, not a paragraph.
pub(crate) fn ends_with_credit(text: &str) -> bool {
    let tail_start = text.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let tail = text[tail_start..].to_lowercase();
    const LABELS: [&str; 9] = [
        "(image:",
        "(photo:",
        "(photo by",
        "(picture:",
        "(credit:",
        "(ap photo",
        " photo: ",
        " image: ",
        " credit: ",
    ];
    LABELS.iter().any(|label| tail.contains(label)) || tail.trim_end().ends_with("getty images)")
}

/// Whether a text ends as a sentence does.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '\u{2026}', '"', '\u{201D}', '\u{3002}', ')'])
}

/// Rates as links the prose blocks that are a teaser's summary: alone in a small
/// container (a "card") with a headline that is a link.
fn mark_teasers(dom: &Dom<'_>, blocks: &Blocks, ratings: &mut [Rating]) {
    // Under each element: headline links, prose blocks, characters.
    let mut sums = vec![[0f32; 3]; dom.nodes.len()];
    for (block, rating) in blocks.list.iter().zip(ratings.iter()) {
        let sum = &mut sums[block.owner as usize];
        if block.link_density() >= 0.8 && block.words >= 3 && block.chars >= 15 {
            sum[0] += 1.0;
        }
        if *rating == Rating::Prose {
            sum[1] += 1.0;
        }
        sum[2] += block.chars as f32;
    }
    sum_up(dom, &mut sums);
    let longest = blocks
        .list
        .iter()
        .zip(ratings.iter())
        .enumerate()
        .filter(|(_, (_, r))| **r == Rating::Prose)
        .max_by_key(|(_, (b, _))| b.chars)
        .map(|(i, _)| i);
    let mut teasers = Vec::new();
    for (index, block) in blocks.list.iter().enumerate() {
        if ratings[index] != Rating::Prose || Some(index) == longest {
            continue;
        }
        let mut ancestor = block.owner;
        for _ in 0..CARD_LEVELS {
            let [headlines, prose_blocks, chars] = sums[ancestor as usize];
            if prose_blocks > 1.0 || chars > CARD_CHARS {
                break;
            }
            if headlines >= 1.0 {
                teasers.push(index);
                break;
            }
            ancestor = dom.node(ancestor).parent;
            if ancestor == super::dom::NONE {
                break;
            }
        }
    }
    // Teasers come in lists: one card alone is more likely the article itself.
    if teasers.len() >= 2 {
        for index in teasers {
            ratings[index] = Rating::Links;
        }
    }
}

/// How far up from a summary its card may be, and how large.
const CARD_LEVELS: usize = 4;
const CARD_CHARS: f32 = 1200.0;

/// Adds each node's values to its parent's, bottom-up (children come after parents).
fn sum_up<const K: usize>(dom: &Dom<'_>, values: &mut [[f32; K]]) {
    for index in (1..dom.nodes.len().min(values.len())).rev() {
        let parent = dom.nodes[index].parent as usize;
        let child = values[index];
        for (total, value) in values[parent].iter_mut().zip(child) {
            *total += value;
        }
    }
}
