//! The article's fields that live in the page around the body: title, standfirst,
//! byline, captions, photo credits and related links.

use super::content::{Body, Page};
use super::dom::{Dom, NONE, NodeId};
use super::entities::decode;
use super::hints;
use super::metadata::{MAX_NODES_READ, PageMeta, clean, strip_by, text_content};
use super::tags::Tag;

/// What was found around the body, as text ready to become blocks.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub title: Option<String>,
    pub standfirst: Option<String>,
    /// The byline as the page printed it (`By Jane Roe`), and the names it gives.
    pub byline_shown: Option<String>,
    pub byline: Option<String>,
    pub captions: Vec<String>,
    pub credits: Vec<String>,
    pub related: Vec<(String, String)>,
}

/// The most captions, credits and related links kept for one article.
const MAX_ITEMS: usize = 24;

pub(crate) fn read(dom: &Dom<'_>, page: &Page, meta: &PageMeta, body: &Body, host: Option<&str>) -> Fields {
    let scope = article_scope(dom, body.container);
    let mut fields = Fields { title: title(dom, meta, scope, host), ..Fields::default() };
    let first_body_node = body.kept.first().map(|&i| body.blocks.list[i].owner);
    for node in dom.descendants(scope) {
        let tag = dom.tag(node);
        if tag == Tag::Text {
            continue;
        }
        let h = page.hints[node as usize];
        let parent_h = page.hints.get(dom.node(node).parent as usize).copied().unwrap_or(0);
        if tag == Tag::Figcaption || (h & hints::CAPTION != 0 && parent_h & hints::CAPTION == 0) {
            if tag != Tag::Figcaption && inside(dom, node, Tag::Figcaption) {
                continue;
            }
            let (caption, credit) = caption_text(dom, page, node);
            push_unique(&mut fields.captions, caption);
            if let Some(credit) = credit {
                push_unique(&mut fields.credits, credit);
            }
        } else if h & hints::CREDIT != 0
            && parent_h & hints::CREDIT == 0
            && !inside(dom, node, Tag::Figcaption)
        {
            let credit = credit_value(&text_content(dom, node));
            push_unique(&mut fields.credits, credit);
        } else if h & hints::STANDFIRST != 0
            && fields.standfirst.is_none()
            && parent_h & hints::STANDFIRST == 0
            && first_body_node.is_some_and(|first| node < first)
            && !dom.is_within(body.container, node)
        {
            let text = text_content(dom, node);
            if (30..=600).contains(&text.chars().count()) {
                fields.standfirst = Some(text);
            }
        } else if h & hints::BYLINE != 0 && fields.byline_shown.is_none() && parent_h & hints::BYLINE == 0 {
            let text = byline_part(&text_without(dom, page, node, hints::DATE));
            if looks_like_byline(&text) {
                fields.byline_shown = Some(text);
            }
        }
    }
    if fields.byline_shown.is_none() {
        fields.byline_shown = rel_author(dom);
    }
    fields.byline =
        meta.byline().or_else(|| fields.byline_shown.as_deref().map(|shown| strip_by(shown).to_owned()));
    if fields.standfirst.is_none() {
        fields.standfirst = description_standfirst(meta, body, fields.title.as_deref());
    }
    fields.related = related_links(dom, page, body);
    for &i in &body.captions {
        let text = body.blocks.text_of(&body.blocks.list[i]);
        match split_credit(text) {
            Some((caption, credit)) => {
                push_unique(&mut fields.captions, caption);
                push_unique(&mut fields.credits, credit);
            }
            None => push_unique(&mut fields.captions, text.to_owned()),
        }
    }
    fields
}

/// The element that holds the article around its body: the nearest `<article>` or
/// `<main>`, else a few levels above the body.
fn article_scope(dom: &Dom<'_>, container: NodeId) -> NodeId {
    let mut current = container;
    let mut levels = 0;
    let mut fallback = container;
    while current != NONE {
        if matches!(dom.tag(current), Tag::Article | Tag::Main) {
            return current;
        }
        if levels < 3 {
            fallback = current;
        }
        levels += 1;
        current = dom.node(current).parent;
    }
    fallback
}

fn inside(dom: &Dom<'_>, node: NodeId, tag: Tag) -> bool {
    let mut current = dom.node(node).parent;
    while current != NONE {
        if dom.tag(current) == tag {
            return true;
        }
        current = dom.node(current).parent;
    }
    false
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty()
        && list.len() < MAX_ITEMS
        && !list.iter().any(|v| v.to_lowercase() == value.to_lowercase())
    {
        list.push(value);
    }
}

/// A caption's text without its credit, and the credit (from a credit element inside
/// it, or a `Photo: X` / `(X/Reuters)` tail).
fn caption_text(dom: &Dom<'_>, page: &Page, node: NodeId) -> (String, Option<String>) {
    let mut raw = String::new();
    let mut credit = None;
    let mut id = dom.node(node).first_child;
    let mut visited = 0;
    while id != NONE && visited < MAX_NODES_READ && raw.len() < 4096 {
        visited += 1;
        let h = page.hints[id as usize];
        let tag = dom.tag(id);
        let skip = if tag == Tag::Text {
            raw.push_str(dom.raw_text(id));
            false
        } else if h & hints::CREDIT != 0 {
            let text = credit_value(&text_content(dom, id));
            if !text.is_empty() && credit.is_none() {
                credit = Some(text);
            }
            true
        } else {
            page.hard_drop[id as usize] && !matches!(tag, Tag::Figcaption)
        };
        if tag.is_block() || tag == Tag::Br {
            raw.push(' ');
        }
        id = if !skip && dom.node(id).first_child != NONE {
            dom.node(id).first_child
        } else {
            dom.next_skipping_children(id, node)
        };
    }
    let mut caption = clean(&decode(&raw, false));
    if credit.is_none() {
        if let Some((before, found)) = split_credit(&caption) {
            credit = Some(found);
            caption = before;
        }
    }
    (caption, credit)
}

/// Cuts a `Photo: X` or `(Photo: X)` credit off a caption.
fn split_credit(caption: &str) -> Option<(String, String)> {
    let lower = caption.to_lowercase();
    for marker in
        ["photo:", "photograph:", "photo by", "image:", "picture:", "credit:", "foto:", "photo credit:"]
    {
        if let Some(at) = lower.rfind(marker) {
            // Byte offsets of `lower` match `caption` only when lowercasing kept lengths.
            if lower.len() != caption.len() {
                return None;
            }
            let before = caption[..at].trim_end().trim_end_matches(['(', '[', '-', '|']).trim_end();
            let value = credit_value(&caption[at..]);
            if value.is_empty() || value.chars().count() > 80 {
                return None;
            }
            return Some((before.to_owned(), value));
        }
    }
    None
}

/// A credit's value: without `Photo:`-style labels and brackets.
fn credit_value(text: &str) -> String {
    let mut value = text.trim().trim_matches(['(', ')', '[', ']']).trim();
    let lower = value.to_lowercase();
    for label in
        ["photo credit:", "photograph:", "photo by", "photo:", "image:", "picture:", "credit:", "foto:", "©"]
    {
        if lower.starts_with(label) && lower.len() == value.len() {
            value = value[label.len()..].trim();
            break;
        }
    }
    clean(value.trim_matches(['(', ')', '[', ']']))
}

/// A byline without what pages print beside it (`Jane Roe | November 18, 2019`,
/// `Jane Roe • Print this article`).
fn byline_part(text: &str) -> String {
    let first = text
        .split(['|', '\u{2022}', '\u{b7}', '\n'])
        .map(str::trim)
        .find(|part| !part.is_empty())
        .unwrap_or("");
    clean(first)
}

/// The text of a subtree without the elements that have any of `hints_to_skip` (a
/// byline without its timestamp).
fn text_without(dom: &Dom<'_>, page: &Page, root: NodeId, hints_to_skip: u16) -> String {
    let mut raw = String::new();
    let mut id = dom.node(root).first_child;
    let mut visited = 0;
    while id != NONE && raw.len() < 4096 && visited < MAX_NODES_READ {
        visited += 1;
        let tag = dom.tag(id);
        let skip = tag != Tag::Text && (page.hints[id as usize] & hints_to_skip != 0 || tag == Tag::Time);
        if tag == Tag::Text {
            raw.push_str(dom.raw_text(id));
        } else if tag.is_block() || tag == Tag::Br {
            raw.push(' ');
        }
        id = if !skip && dom.node(id).first_child != NONE {
            dom.node(id).first_child
        } else {
            dom.next_skipping_children(id, root)
        };
    }
    clean(&decode(&raw, false))
}

fn looks_like_byline(text: &str) -> bool {
    let n_words = text.split_whitespace().count();
    (1..=12).contains(&n_words) && text.chars().count() <= 120 && !text.contains("://")
}

fn rel_author(dom: &Dom<'_>) -> Option<String> {
    dom.nodes.iter().enumerate().find_map(|(index, node)| {
        let id = index as NodeId;
        let is_author =
            node.tag == Tag::A && dom.attr(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
        is_author.then(|| text_content(dom, id)).filter(|t| looks_like_byline(t))
    })
}

/// The page's description as a standfirst, unless it is only the opening of the body or
/// the title again.
fn description_standfirst(meta: &PageMeta, body: &Body, title: Option<&str>) -> Option<String> {
    let description = meta.description()?;
    if description.chars().count() < 30 {
        return None;
    }
    let key = |s: &str| -> String {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).take(80).collect()
    };
    let description_key = key(description.trim_end_matches(['.', '\u{2026}']));
    if title.is_some_and(|t| key(t) == description_key) {
        return None;
    }
    let opening: String =
        body.kept.iter().take(2).map(|&i| body.blocks.text_of(&body.blocks.list[i])).collect();
    let opening_key = key(&opening);
    let n = description_key.chars().count().min(opening_key.chars().count()).min(60);
    let prefix = |s: &str| s.chars().take(n).collect::<String>();
    if n >= 20 && prefix(&description_key) == prefix(&opening_key) {
        return None;
    }
    if opening_key.contains(&description_key.chars().take(40).collect::<String>()) {
        return None;
    }
    Some(description.to_owned())
}

/// The title: the page's own headline, without the site's name.
fn title(dom: &Dom<'_>, meta: &PageMeta, scope: NodeId, host: Option<&str>) -> Option<String> {
    let h1 = dom
        .descendants(scope)
        .find(|&n| dom.tag(n) == Tag::H1)
        .or_else(|| dom.nodes.iter().position(|n| n.tag == Tag::H1).map(|i| i as NodeId))
        .map(|id| text_content(dom, id))
        .filter(|t| !t.is_empty() && t.chars().count() <= 300);
    let outlet = meta.outlet();
    let candidates = [meta.og_title.as_deref(), meta.headline.as_deref(), meta.twitter_title.as_deref()];
    let from_meta =
        candidates.into_iter().flatten().map(|t| strip_site(t, outlet, host)).find(|t| !t.is_empty());
    if let (Some(h1), Some(meta_title)) = (&h1, &from_meta) {
        // The visible headline when it is the same story's headline (meta titles are
        // often the SEO variant).
        if same_words(h1, meta_title) {
            return Some(h1.clone());
        }
    }
    from_meta
        .or(h1)
        .or_else(|| meta.doc_title.as_deref().map(|t| strip_site(t, outlet, host)).filter(|t| !t.is_empty()))
}

fn same_words(a: &str, b: &str) -> bool {
    let key =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    key(a) == key(b)
}

/// `Story title - Site` or `Site | Story title` without the site part.
pub(crate) fn strip_site(title: &str, outlet: Option<&str>, host: Option<&str>) -> String {
    let title = clean(title);
    const SEPARATORS: [&str; 7] = [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} ", " // "];
    let key =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let host_key = host.map(|h| key(h.split('.').next().unwrap_or(h))).filter(|k| k.len() >= 3);
    let outlet_key = outlet.map(key).filter(|k| !k.is_empty());
    let is_site = |part: &str| {
        let part_key = key(part);
        !part_key.is_empty()
            && (outlet_key.as_deref() == Some(&part_key)
                || host_key
                    .as_deref()
                    .is_some_and(|h| part_key.contains(h) || h.contains(&part_key) && part_key.len() >= 4))
    };
    for separator in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if is_site(tail) && !head.trim().is_empty() {
                return strip_site(head, outlet, host);
            }
        }
        if let Some((head, tail)) = title.split_once(separator) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title
}

/// Headlines and links of related-story lists: lists marked as related by their class,
/// or under a "Related"/"More on this" heading. Never body text.
fn related_links(dom: &Dom<'_>, page: &Page, body: &Body) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut index = 0;
    while index < dom.nodes.len() {
        let id = index as NodeId;
        let node = dom.node(id);
        let marked = node.tag != Tag::Text
            && page.hints[index] & hints::RELATED != 0
            && page.hints.get(node.parent as usize).is_some_and(|h| h & hints::RELATED == 0);
        let under_heading = matches!(
            node.tag,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::B | Tag::Strong
        ) && is_related_heading(&text_content(dom, id));
        let list_root = if marked {
            Some(id)
        } else if under_heading {
            Some(node.parent)
        } else {
            None
        };
        // A list around the body would make every link of the page "related".
        if let Some(root) = list_root.filter(|&r| r != NONE && !dom.is_within(body.container, r)) {
            for link in dom.descendants(root).take(MAX_NODES_READ) {
                if out.len() >= MAX_ITEMS {
                    break;
                }
                if dom.tag(link) != Tag::A {
                    continue;
                }
                let Some(href) = dom.attr(link, "href") else { continue };
                let href = decode(href.trim(), true);
                if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
                    continue;
                }
                let text = text_content(dom, link);
                if text.split_whitespace().count() < 3 || text.chars().count() > 250 {
                    continue;
                }
                if out.len() < MAX_ITEMS && !out.iter().any(|(t, u)| *u == href || *t == text) {
                    out.push((text, href));
                }
            }
            if marked {
                // Skip the subtree just read.
                let next = dom.next_skipping_children(id, 0);
                if next == NONE {
                    break;
                }
                index = next as usize;
                continue;
            }
        }
        index += 1;
    }
    out
}

fn is_related_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    const STARTS: [&str; 11] = [
        "related",
        "more on this",
        "more from",
        "more stories",
        "read more",
        "read next",
        "see also",
        "you may also like",
        "you might also like",
        "recommended",
        "more on",
    ];
    lower.chars().count() <= 60 && STARTS.iter().any(|s| lower.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        let host = Some("straitstimes.com");
        let outlet = Some("The Straits Times");
        assert_eq!(
            strip_site("Russia vows support | The Straits Times", outlet, host),
            "Russia vows support"
        );
        assert_eq!(strip_site("Russia vows support - straitstimes.com", None, host), "Russia vows support");
        assert_eq!(
            strip_site("The Straits Times - Russia vows support", outlet, host),
            "Russia vows support"
        );
        assert_eq!(strip_site("Brexit - what happens next", outlet, host), "Brexit - what happens next");
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("Sergei Lavrov in Moscow. Photo: EPA"),
            Some(("Sergei Lavrov in Moscow.".to_owned(), "EPA".to_owned()))
        );
        assert_eq!(credit_value("(Photo: Reuters)"), "Reuters");
        assert_eq!(credit_value("\u{a9} AFP"), "AFP");
        assert_eq!(split_credit("A caption without credit"), None);
    }
}
