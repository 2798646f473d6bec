//! A tuning aid, test-only: writes the blocks of pages with what the extractor decided
//! about each (kept, inside the container, rating, owner element, counts, furniture,
//! hints) as tab-separated lines.
//!
//! `FAULTLINE_DUMP_PAGE=page.html cargo test -p faultline-extract dump_page` writes
//! `faultline-page.blocks` in the temporary folder; `FAULTLINE_DUMP_DIR=dir` (of `*.html.gz`, such as the AEB pages)
//! with `dump_dir` writes `<name>.txt` files into `FAULTLINE_DUMP_OUT` (default: the
//! temporary folder's `faultline-blocks`).

use std::io::Read;

use super::content::{Page, find_body, rate};
use super::dom::{Dom, NONE};

fn one_line(text: &str, max: usize) -> String {
    text.chars().take(max).collect::<String>().replace(char::is_whitespace, " ")
}

fn dump(html: &str) -> String {
    let dom = Dom::parse(html);
    let page = Page::analyse(&dom);
    let body = find_body(&dom, &page);
    let mut lines = vec![format!(
        "#container {} {:?} class={:?} id={:?}",
        body.container,
        dom.tag(body.container),
        dom.attr(body.container, "class"),
        dom.attr(body.container, "id")
    )];
    for (i, block) in body.blocks.list.iter().enumerate() {
        let text = body.blocks.text_of(block);
        let inside = dom.is_within(block.owner, body.container);
        let mut furniture = String::new();
        let mut hints = 0u16;
        let mut a = block.owner;
        while a != NONE {
            let parent = dom.node(a).parent;
            if dom.is_within(a, body.container) {
                hints |= page.hints[a as usize];
            }
            if body.furniture[a as usize] && (parent == NONE || !body.furniture[parent as usize]) {
                furniture = format!(
                    "F:{:?}.{}#{}",
                    dom.tag(a),
                    one_line(dom.attr(a, "class").unwrap_or(""), 50),
                    one_line(dom.attr(a, "id").unwrap_or(""), 30)
                );
            }
            a = parent;
        }
        lines.push(format!(
            "{}{}\t{:?}\t{}\t{:?}.{}\t{}\t{}\t{}\th{}l{}t{}q{}\t{}\t{}",
            if body.kept.contains(&i) { "K" } else { "-" },
            if inside { "i" } else { " " },
            rate(block, text),
            block.owner,
            dom.tag(block.owner),
            one_line(dom.attr(block.owner, "class").unwrap_or(""), 40),
            block.chars,
            block.link_chars,
            furniture,
            block.heading,
            u8::from(block.in_list_item),
            u8::from(block.in_table_cell),
            u8::from(block.in_blockquote),
            hints,
            text.replace('\n', " / ")
        ));
    }
    lines.join("\n")
}

#[test]
fn dump_page() {
    let Some(path) = std::env::var_os("FAULTLINE_DUMP_PAGE") else { return };
    let html = std::fs::read_to_string(&path).expect("readable page");
    let out = std::env::temp_dir().join("faultline-page.blocks");
    std::fs::write(out, dump(&html)).expect("writable dump");
}

#[test]
fn dump_dir() {
    let Some(dir) = std::env::var_os("FAULTLINE_DUMP_DIR") else { return };
    let dir = std::path::PathBuf::from(dir);
    let out_dir = std::env::var_os("FAULTLINE_DUMP_OUT")
        .map_or_else(|| std::env::temp_dir().join("faultline-blocks"), std::path::PathBuf::from);
    std::fs::create_dir_all(&out_dir).expect("writable dump folder");
    for entry in std::fs::read_dir(&dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        let mut html = String::new();
        let file = std::fs::File::open(&path).expect("readable page");
        if flate2::read::GzDecoder::new(file).read_to_string(&mut html).is_err() {
            continue;
        }
        let name =
            path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("page");
        std::fs::write(out_dir.join(format!("{name}.txt")), dump(&html)).expect("writable dump");
    }
}
