//! Page text as blocks: the runs of text between block-level boundaries, each with the
//! counts the scorer needs.
//!
//! One iterative walk over the tree. Text is decoded (character references) and its white
//! space collapsed as a browser renders it; `<br>` is a line break inside a block and two
//! of them in a row end the block (old pages separate paragraphs that way); `<pre>`
//! keeps its line breaks. Subtrees the caller marks as dropped are not walked.

use super::dom::{Dom, NONE, NodeId};
use super::entities::decode_into;
use super::tags::Tag;

/// A run of text between block boundaries.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    /// The innermost block-level element holding the text.
    pub owner: NodeId,
    /// Byte range in [`Blocks::text`].
    pub start: u32,
    pub end: u32,
    /// Characters that are not white space.
    pub chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// Characters in links before the first character outside a link (a teaser starts
    /// with its headline's link).
    pub leading_link_chars: u32,
    /// Where that leading link text ends, as a byte offset from the block's start.
    pub leading_link_end: u32,
    /// Words (runs of non-space characters).
    pub words: u32,
    /// Sentence punctuation: `.`, `!`, `?`, `。` and friends, and commas.
    pub stops: u32,
    pub commas: u32,
    /// The heading level (1-6) when the block is in an `<h1>`..`<h6>`, else 0.
    pub heading: u8,
    pub in_list_item: bool,
    pub in_blockquote: bool,
    pub in_table_cell: bool,
}

impl Block {
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f32 / self.chars as f32 }
    }
}

/// All blocks of a subtree, and their text.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    pub text: String,
    pub list: Vec<Block>,
}

impl Blocks {
    pub(crate) fn text_of(&self, block: &Block) -> &str {
        self.text.get(block.start as usize..block.end as usize).unwrap_or("")
    }
}

/// Context flags that change while walking.
#[derive(Default)]
struct Context {
    link_depth: u32,
    heading: Vec<u8>,
    list_item: u32,
    blockquote: u32,
    table_cell: u32,
    pre: u32,
}

struct Builder<'d, 'a> {
    dom: &'d Dom<'a>,
    holds_blocks: Vec<bool>,
    out: Blocks,
    ctx: Context,
    /// The current block: its start in `out.text` and its counts.
    current: Option<Block>,
    /// A space is due before the next visible character.
    pending_space: bool,
    /// Line breaks (from `<br>`) due before the next visible character.
    pending_breaks: u32,
    block_owners: Vec<NodeId>,
    scratch: String,
}

/// Splits the subtree of `root` into blocks, not walking into nodes for which
/// `dropped` is true.
///
/// Table cells are blocks only when they hold blocks themselves (a layout table); the
/// cells of a data table are read as a row, one line per `<tr>`.
pub(crate) fn collect(dom: &Dom<'_>, root: NodeId, dropped: &[bool]) -> Blocks {
    let mut holds_blocks = vec![false; dom.nodes.len()];
    for index in (1..dom.nodes.len()).rev() {
        let node = &dom.nodes[index];
        if node.tag.is_block() && !matches!(node.tag, Tag::Td | Tag::Th) || holds_blocks[index] {
            holds_blocks[node.parent as usize] = true;
        }
    }
    let mut builder = Builder {
        holds_blocks,
        dom,
        out: Blocks { text: String::with_capacity(dom.src.len() / 8), list: Vec::new() },
        ctx: Context::default(),
        current: None,
        pending_space: false,
        pending_breaks: 0,
        block_owners: vec![root],
        scratch: String::new(),
    };
    builder.walk(root, dropped);
    builder.flush();
    builder.out
}

impl Builder<'_, '_> {
    fn walk(&mut self, root: NodeId, dropped: &[bool]) {
        let dom = self.dom;
        let mut id = dom.node(root).first_child;
        if id == NONE {
            return;
        }
        loop {
            // Enter `id`.
            let node = dom.node(id);
            let is_dropped = dropped.get(id as usize).copied().unwrap_or(false);
            let mut descend = false;
            if !is_dropped {
                match node.tag {
                    Tag::Text => self.text(id),
                    tag => {
                        self.enter(id, tag);
                        descend = node.first_child != NONE;
                        if !descend {
                            self.leave(id, tag);
                        }
                    }
                }
            }
            if descend {
                id = node.first_child;
                continue;
            }
            // Move on: to the next sibling, leaving finished parents.
            let mut current = id;
            loop {
                let current_node = dom.node(current);
                if current_node.next_sibling != NONE {
                    id = current_node.next_sibling;
                    break;
                }
                let parent = current_node.parent;
                if parent == root || parent == NONE {
                    return;
                }
                self.leave(parent, dom.tag(parent));
                current = parent;
            }
        }
    }

    fn is_block(&self, id: NodeId, tag: Tag) -> bool {
        match tag {
            Tag::Td | Tag::Th => self.holds_blocks[id as usize],
            _ => tag.is_block(),
        }
    }

    fn enter(&mut self, id: NodeId, tag: Tag) {
        if self.is_block(id, tag) {
            self.flush();
            self.block_owners.push(id);
        } else if matches!(tag, Tag::Td | Tag::Th) {
            self.pending_space = true;
        }
        match tag {
            Tag::A => self.ctx.link_depth += 1,
            Tag::Br => self.line_break(),
            Tag::Li | Tag::Dd | Tag::Dt => self.ctx.list_item += 1,
            Tag::Blockquote => self.ctx.blockquote += 1,
            Tag::Td | Tag::Th => self.ctx.table_cell += 1,
            Tag::Pre => self.ctx.pre += 1,
            t if t.is_heading() => self.ctx.heading.push(t as u8 - Tag::H1 as u8 + 1),
            _ => {}
        }
    }

    fn leave(&mut self, id: NodeId, tag: Tag) {
        match tag {
            Tag::A => self.ctx.link_depth = self.ctx.link_depth.saturating_sub(1),
            Tag::Li | Tag::Dd | Tag::Dt => self.ctx.list_item = self.ctx.list_item.saturating_sub(1),
            Tag::Blockquote => self.ctx.blockquote = self.ctx.blockquote.saturating_sub(1),
            Tag::Td | Tag::Th => self.ctx.table_cell = self.ctx.table_cell.saturating_sub(1),
            Tag::Pre => self.ctx.pre = self.ctx.pre.saturating_sub(1),
            t if t.is_heading() => {
                self.ctx.heading.pop();
            }
            _ => {}
        }
        if self.is_block(id, tag) {
            self.flush();
            if self.block_owners.len() > 1 {
                self.block_owners.pop();
            }
        }
    }

    fn line_break(&mut self) {
        if self.current.is_none() {
            return;
        }
        if self.pending_breaks >= 1 {
            // A second `<br>` in a row: a paragraph break.
            self.flush();
        } else {
            self.pending_breaks = 1;
        }
    }

    fn text(&mut self, id: NodeId) {
        let raw = self.dom.raw_text(id);
        if raw.is_empty() {
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        decode_into(raw, &mut scratch, false);
        let in_pre = self.ctx.pre > 0;
        let in_link = self.ctx.link_depth > 0;
        for c in scratch.chars() {
            if is_invisible(c) {
                continue;
            }
            if in_pre && c == '\n' {
                if self.current.is_some() {
                    self.pending_breaks = self.pending_breaks.max(1);
                    self.pending_space = false;
                }
                continue;
            }
            if is_space(c) {
                self.pending_space = true;
                continue;
            }
            self.push_char(c, in_link);
        }
        self.scratch = scratch;
    }

    fn push_char(&mut self, c: char, in_link: bool) {
        let text_len = u32::try_from(self.out.text.len()).unwrap_or(u32::MAX);
        match &mut self.current {
            None => {
                let owner = self.block_owners.last().copied().unwrap_or(0);
                self.current = Some(Block {
                    owner,
                    start: text_len,
                    end: text_len,
                    chars: 0,
                    link_chars: 0,
                    leading_link_chars: 0,
                    leading_link_end: 0,
                    words: 1,
                    stops: 0,
                    commas: 0,
                    heading: self.ctx.heading.last().copied().unwrap_or(0),
                    in_list_item: self.ctx.list_item > 0,
                    in_blockquote: self.ctx.blockquote > 0,
                    in_table_cell: self.ctx.table_cell > 0,
                });
            }
            Some(block) => {
                if self.pending_breaks > 0 {
                    self.out.text.push('\n');
                    block.words += 1;
                } else if self.pending_space {
                    self.out.text.push(' ');
                    block.words += 1;
                }
            }
        }
        self.pending_space = false;
        self.pending_breaks = 0;
        if let Some(block) = &mut self.current {
            block.chars += 1;
            if in_link {
                block.link_chars += 1;
                if block.link_chars == block.chars {
                    block.leading_link_chars += 1;
                    let end = self.out.text.len() + c.len_utf8();
                    block.leading_link_end =
                        u32::try_from(end).unwrap_or(u32::MAX).saturating_sub(block.start);
                }
            }
            match c {
                '.' | '!' | '?' | ':' | ';' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{0964}' => {
                    block.stops += 1
                }
                ',' | '\u{3001}' | '\u{FF0C}' | '\u{060C}' => block.commas += 1,
                _ => {}
            }
        }
        self.out.text.push(c);
    }

    fn flush(&mut self) {
        self.pending_space = false;
        self.pending_breaks = 0;
        if let Some(mut block) = self.current.take() {
            block.end = u32::try_from(self.out.text.len()).unwrap_or(u32::MAX);
            self.out.list.push(block);
        }
    }
}

/// White space as rendering collapses it (including no-break and other Unicode spaces).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Characters that render as nothing and only split words: soft hyphens, zero-width
/// spaces, byte-order marks.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let dropped = vec![false; dom.nodes.len()];
        let blocks = collect(&dom, 0, &dropped);
        blocks.list.iter().map(|b| blocks.text_of(b).to_owned()).collect()
    }

    #[test]
    fn blocks_and_white_space() {
        assert_eq!(blocks("<p>  Hello\n  <b>big</b>   world </p><p>Two</p>"), ["Hello big world", "Two"]);
        assert_eq!(blocks("<div>a<p>b</p>c</div>"), ["a", "b", "c"]);
        assert_eq!(blocks("<p>one<br>two<br><br>three</p>"), ["one\ntwo", "three"]);
        assert_eq!(blocks("<p>a&nbsp;&amp;&#160;b</p>"), ["a & b"]);
        assert_eq!(blocks("<p>soft\u{AD}hyphen zero\u{200B}width</p>"), ["softhyphen zerowidth"]);
        assert_eq!(blocks("<pre>line 1\nline 2</pre>"), ["line 1\nline 2"]);
        assert_eq!(blocks("<p>a<span> </span>b</p>"), ["a b"]);
        assert_eq!(
            blocks("<table><tr><td>1</td><td>Kyle</td></tr><tr><td>2<td>Bo</table>"),
            ["1 Kyle", "2 Bo"]
        );
        assert_eq!(blocks("<table><tr><td><p>a</p>b</td><td>c</td></tr></table>"), ["a", "b", "c"]);
    }

    #[test]
    fn link_counts() {
        let dom = Dom::parse("<p>read <a href=x>this link</a> now</p>");
        let blocks = collect(&dom, 0, &vec![false; dom.nodes.len()]);
        let block = blocks.list[0];
        assert_eq!((block.chars, block.link_chars, block.words), (15, 8, 4));
    }
}
