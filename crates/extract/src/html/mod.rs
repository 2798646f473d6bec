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
    use std::io::Read;

    fn dump(html: &str) -> String {
        let dom = super::dom::Dom::parse(html);
        let page = super::content::Page::analyse(&dom);
        let body = super::content::find_body(&dom, &page);
        let mut lines = Vec::new();
        lines.push(format!(
            "#container {} {:?} class={:?} id={:?}",
            body.container,
            dom.tag(body.container),
            dom.attr(body.container, "class"),
            dom.attr(body.container, "id")
        ));
        for (i, b) in body.blocks.list.iter().enumerate() {
            let t = body.blocks.text_of(b);
            let inside = dom.is_within(b.owner, body.container);
            let mut why = String::new();
            let mut hints = 0u16;
            let mut a = b.owner;
            while a != super::dom::NONE {
                let parent = dom.node(a).parent;
                if dom.is_within(a, body.container) {
                    hints |= page.hints[a as usize];
                }
                if body.furniture[a as usize]
                    && (parent == super::dom::NONE || !body.furniture[parent as usize])
                {
                    why = format!(
                        "F:{:?}.{}#{}",
                        dom.tag(a),
                        dom.attr(a, "class")
                            .unwrap_or("")
                            .chars()
                            .take(50)
                            .collect::<String>()
                            .replace(char::is_whitespace, " "),
                        dom.attr(a, "id").unwrap_or("").chars().take(30).collect::<String>()
                    );
                }
                a = parent;
            }
            lines.push(format!(
                "{}{}\t{:?}\t{}\t{:?}.{}\t{}\t{}\t{}\th{}l{}t{}q{}\t{}\t{}",
                if body.kept.contains(&i) { "K" } else { "-" },
                if inside { "i" } else { " " },
                super::content::rate(b, t),
                b.owner,
                dom.tag(b.owner),
                dom.attr(b.owner, "class")
                    .unwrap_or("")
                    .chars()
                    .take(40)
                    .collect::<String>()
                    .replace(char::is_whitespace, " "),
                b.chars,
                b.link_chars,
                why,
                b.heading,
                u8::from(b.in_list_item),
                u8::from(b.in_table_cell),
                u8::from(b.in_blockquote),
                hints,
                t.replace('\n', " / ")
            ));
        }
        lines.join("\n")
    }

    #[test]
    fn debug_page() {
        let Ok(path) = std::env::var("DEBUG_PAGE") else { return };
        let html = std::fs::read_to_string(path).unwrap();
        std::fs::write("/tmp/debug_blocks.txt", dump(&html)).unwrap();
    }

    #[test]
    fn debug_all() {
        let Ok(dir) = std::env::var("DEBUG_ALL") else { return };
        std::fs::create_dir_all("/tmp/dbg").unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let mut html = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                .read_to_string(&mut html)
                .unwrap();
            let name = path.file_name().unwrap().to_str().unwrap().split('.').next().unwrap().to_owned();
            std::fs::write(format!("/tmp/dbg/{name}.txt"), dump(&html)).unwrap();
        }
    }
}
