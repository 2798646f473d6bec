//! The HTML extractor. (Design notes: being written.)

// Work in progress: parts of the tree API are used by the metadata reader to come.
#![allow(dead_code)]

mod blocks;
mod content;
mod dom;
mod entities;
mod entity_table;
mod hints;
mod lexer;
mod tags;

use faultline_model::{Article, ArticleBuilder, BlockKind, Format, RawDocument, SkipReason};

pub(crate) fn extract(doc: &RawDocument, html: &str) -> Result<Article, SkipReason> {
    if html.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let dom = dom::Dom::parse(html);
    let page = content::Page::analyse(&dom);
    let body = content::find_body(&dom, &page);
    let mut builder = ArticleBuilder::new(doc.id.clone(), Format::Html);
    for &i in &body.kept {
        let text = body.blocks.text_of(&body.blocks.list[i]);
        builder.push(BlockKind::Paragraph, text);
    }
    let article = builder.finish();
    if article.paragraphs.is_empty() {
        return Err(SkipReason::NotArticle);
    }
    Ok(article)
}

#[cfg(test)]
mod debug {
    #[test]
    fn debug_page() {
        let Ok(path) = std::env::var("DEBUG_PAGE") else { return };
        let html = std::fs::read_to_string(path).unwrap();
        let dom = super::dom::Dom::parse(&html);
        let page = super::content::Page::analyse(&dom);
        let body = super::content::find_body(&dom, &page);
        eprintln!(
            "nodes {} container {} {:?} {:?}",
            dom.nodes.len(),
            body.container,
            dom.tag(body.container),
            dom.attr(body.container, "class")
        );
        for (i, b) in body.blocks.list.iter().enumerate() {
            let t = body.blocks.text_of(b);
            eprintln!(
                "{} {:?} owner={} {:?} c={} l={} {}",
                if body.kept.contains(&i) { "K" } else { " " },
                super::content::rate(b),
                b.owner,
                dom.tag(b.owner),
                b.chars,
                b.link_chars,
                &t.chars().take(100).collect::<String>()
            );
        }
    }
}
