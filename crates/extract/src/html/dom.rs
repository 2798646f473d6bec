//! A light document tree: nodes in one vector, linked by indices.
//!
//! The builder follows the HTML tree-construction rules that shape where text ends up:
//! implied end tags (`<p>` closed by a block, `<li>` by the next `<li>`, table cells and
//! rows), end tags matched through the stack of open elements within HTML's scopes, and
//! stray end tags ignored. It leaves out what does not move text between blocks (the
//! adoption agency's re-opening of formatting elements, foster parenting, implied
//! `<html>`/`<head>`/`<body>`). Depth is capped: deeper start tags become leaves, so no
//! walk over the tree can recurse without bound and every pass stays linear.

use super::lexer::{Attr, Lexer, Token};
use super::tags::{N_TAGS, Tag};

/// A node index. The document node is 0.
pub(crate) type NodeId = u32;

/// No node.
pub(crate) const NONE: NodeId = u32::MAX;

/// Deepest nesting kept; deeper elements are attached as leaves.
pub(crate) const MAX_DEPTH: usize = 256;

/// How many open elements an inline end tag may look through for its start tag.
const INLINE_END_SEARCH: usize = 64;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub tag: Tag,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    /// Text nodes: the byte range of the raw text in the page. Elements: the range of
    /// their attributes in [`Dom::attrs`].
    pub start: u32,
    pub end: u32,
    /// For [`Tag::Other`] elements, the hash of the lowercase name.
    pub name_hash: u32,
}

/// The parsed page.
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
}

impl<'a> Dom<'a> {
    /// Parses a page. Never fails: any input gives a tree.
    pub(crate) fn parse(src: &'a str) -> Dom<'a> {
        Builder::new(src).run()
    }

    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub(crate) fn tag(&self, id: NodeId) -> Tag {
        self.nodes[id as usize].tag
    }

    /// The children of a node, in order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children { dom: self, next: self.nodes[id as usize].first_child }
    }

    /// The raw (undecoded) text of a text node.
    pub(crate) fn raw_text(&self, id: NodeId) -> &'a str {
        let node = &self.nodes[id as usize];
        self.src.get(node.start as usize..node.end as usize).unwrap_or("")
    }

    /// An element's attributes as (name, raw value), in order.
    pub(crate) fn attrs(&self, id: NodeId) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        let node = &self.nodes[id as usize];
        let range = if matches!(node.tag, Tag::Text | Tag::Root) {
            0..0
        } else {
            node.start as usize..node.end as usize
        };
        let src = self.src;
        self.attrs.get(range).unwrap_or(&[]).iter().filter_map(move |attr| {
            let name = src.get(attr.name_start as usize..attr.name_end as usize)?;
            let value = src.get(attr.value_start as usize..attr.value_end as usize)?;
            Some((name, value))
        })
    }

    /// The raw value of an attribute (character references not decoded), by ASCII
    /// case-insensitive name. The first of duplicates wins, as in browsers.
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&'a str> {
        let node = &self.nodes[id as usize];
        if matches!(node.tag, Tag::Text | Tag::Root) {
            return None;
        }
        let attrs = self.attrs.get(node.start as usize..node.end as usize)?;
        attrs.iter().find_map(|attr| {
            let attr_name = self.src.get(attr.name_start as usize..attr.name_end as usize)?;
            if attr_name.eq_ignore_ascii_case(name) {
                self.src.get(attr.value_start as usize..attr.value_end as usize)
            } else {
                None
            }
        })
    }

    /// The nodes of a subtree in document order, the root included (iterative).
    pub(crate) fn descendants(&self, root: NodeId) -> Descendants<'_, 'a> {
        Descendants { dom: self, root, next: root }
    }

    /// Whether `ancestor` is `node` or one of its ancestors.
    pub(crate) fn is_within(&self, node: NodeId, ancestor: NodeId) -> bool {
        let mut current = node;
        while current != NONE {
            if current == ancestor {
                return true;
            }
            current = self.nodes[current as usize].parent;
        }
        false
    }

    /// The next node after `id`'s subtree in document order, within `root`.
    pub(crate) fn next_skipping_children(&self, id: NodeId, root: NodeId) -> NodeId {
        let mut current = id;
        loop {
            if current == root {
                return NONE;
            }
            let node = &self.nodes[current as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            current = node.parent;
            if current == NONE {
                return NONE;
            }
        }
    }
}

#[derive(Debug)]
pub(crate) struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

#[derive(Debug)]
pub(crate) struct Descendants<'d, 'a> {
    dom: &'d Dom<'a>,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        let node = &self.dom.nodes[id as usize];
        self.next = if node.first_child != NONE {
            node.first_child
        } else {
            self.dom.next_skipping_children(id, self.root)
        };
        Some(id)
    }
}

struct Builder<'a> {
    lexer: Lexer<'a>,
    dom: Dom<'a>,
    stack: Vec<NodeId>,
    /// How many elements of each tag are open.
    open: [u32; N_TAGS],
    /// Open elements inside `<svg>`/`<math>` (where `<x/>` closes itself).
    foreign: u32,
    /// Bumped whenever the stack changes; with `last_ignored`, makes a run of the same
    /// stray end tag cost nothing.
    version: u64,
    last_ignored: (Tag, u32, u64),
    seen_body: bool,
    seen_html: bool,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Builder<'a> {
        let root = Node {
            tag: Tag::Root,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: 0,
            end: 0,
            name_hash: 0,
        };
        let mut nodes = Vec::with_capacity(src.len() / 40 + 16);
        nodes.push(root);
        Builder {
            lexer: Lexer::new(src),
            dom: Dom { src, nodes, attrs: Vec::with_capacity(src.len() / 60 + 16) },
            stack: vec![0],
            open: [0; N_TAGS],
            foreign: 0,
            version: 0,
            last_ignored: (Tag::Root, 0, u64::MAX),
            seen_body: false,
            seen_html: false,
        }
    }

    fn run(mut self) -> Dom<'a> {
        let mut attrs = std::mem::take(&mut self.dom.attrs);
        loop {
            let first_attr = attrs.len();
            let Some(token) = self.lexer.next_token(&mut attrs) else { break };
            match token {
                Token::Text { start, end } => self.text(start, end),
                Token::Start { tag, name_hash, self_closing } => {
                    self.start_tag(tag, name_hash, self_closing, first_attr, attrs.len());
                }
                Token::End { tag, name_hash } => self.end_tag(tag, name_hash),
            }
        }
        self.dom.attrs = attrs;
        self.dom
    }

    fn top(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, parent: NodeId, mut node: Node) -> NodeId {
        let id = u32::try_from(self.dom.nodes.len()).unwrap_or(NONE - 1);
        node.parent = parent;
        let last = self.dom.nodes[parent as usize].last_child;
        if last == NONE {
            self.dom.nodes[parent as usize].first_child = id;
        } else {
            self.dom.nodes[last as usize].next_sibling = id;
        }
        self.dom.nodes[parent as usize].last_child = id;
        self.dom.nodes.push(node);
        id
    }

    fn text(&mut self, start: u32, end: u32) {
        if start >= end {
            return;
        }
        let parent = self.top();
        let last = self.dom.nodes[parent as usize].last_child;
        if last != NONE {
            let prev = &mut self.dom.nodes[last as usize];
            if prev.tag == Tag::Text && prev.end == start {
                prev.end = end;
                return;
            }
        }
        self.append(
            parent,
            Node {
                tag: Tag::Text,
                parent,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
                start,
                end,
                name_hash: 0,
            },
        );
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(id) = self.stack.pop() {
            let tag = self.dom.nodes[id as usize].tag;
            self.open[tag as usize] = self.open[tag as usize].saturating_sub(1);
            if matches!(tag, Tag::Svg | Tag::Math) || self.foreign > 0 {
                self.foreign = self.foreign.saturating_sub(1);
            }
            self.version += 1;
        }
    }

    /// Pops elements up to and including the one at stack position `index`.
    fn pop_through(&mut self, index: usize) {
        while self.stack.len() > index.max(1) {
            self.pop();
        }
    }

    /// The stack position of the nearest open element for which `is_target` holds,
    /// looking down from the top and giving up at an element for which `stop` holds.
    fn find_open(&self, is_target: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for index in (1..self.stack.len()).rev() {
            let tag = self.dom.nodes[self.stack[index] as usize].tag;
            if is_target(tag) {
                return Some(index);
            }
            if stop(tag) {
                return None;
            }
        }
        None
    }

    fn close_if_open(&mut self, is_target: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) {
        if let Some(index) = self.find_open(is_target, stop) {
            self.pop_through(index);
        }
    }

    fn start_tag(
        &mut self,
        tag: Tag,
        name_hash: u32,
        self_closing: bool,
        first_attr: usize,
        end_attr: usize,
    ) {
        match tag {
            Tag::Html if self.seen_html => return,
            Tag::Body if self.seen_body => return,
            Tag::Html => self.seen_html = true,
            Tag::Body => self.seen_body = true,
            Tag::Form if self.open[Tag::Form as usize] > 0 => return,
            _ => {}
        }
        if self.foreign > 0 && breaks_out_of_foreign(tag) {
            // An HTML element inside `<svg>` ends the svg (a page that never closed it).
            while self.foreign > 0 && self.stack.len() > 1 {
                self.pop();
            }
        }
        if self.open[Tag::Head as usize] > 0 && !in_head(tag) {
            // Body content ends an unclosed `<head>`.
            self.close_if_open(|t| t == Tag::Head, |_| false);
        }
        if self.foreign == 0 {
            self.implied_end_tags(tag);
        }
        let parent = self.top();
        let id = self.append(
            parent,
            Node {
                tag,
                parent,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
                start: u32::try_from(first_attr).unwrap_or(0),
                end: u32::try_from(end_attr).unwrap_or(0),
                name_hash,
            },
        );
        let leaf = tag.is_void()
            || (self_closing && self.foreign > 0)
            || (self.stack.len() >= MAX_DEPTH && !tag.is_raw_text());
        if leaf {
            return;
        }
        self.stack.push(id);
        self.open[tag as usize] += 1;
        if self.foreign > 0 || matches!(tag, Tag::Svg | Tag::Math) {
            self.foreign += 1;
        }
        self.version += 1;
        if tag.is_raw_text() || tag == Tag::Plaintext {
            self.lexer.set_raw(tag, name_hash);
        }
    }

    /// Closes what a start tag implicitly ends.
    fn implied_end_tags(&mut self, tag: Tag) {
        if tag.closes_p() && self.open[Tag::P as usize] > 0 {
            self.close_if_open(|t| t == Tag::P, |t| t.is_scope_boundary() || t == Tag::Button);
        }
        match tag {
            Tag::Li if self.open[Tag::Li as usize] > 0 => self.close_if_open(
                |t| t == Tag::Li,
                |t| t.is_special() && !matches!(t, Tag::Address | Tag::Div | Tag::P),
            ),
            Tag::Dd | Tag::Dt if self.open[Tag::Dd as usize] + self.open[Tag::Dt as usize] > 0 => self
                .close_if_open(
                    |t| matches!(t, Tag::Dd | Tag::Dt),
                    |t| t.is_special() && !matches!(t, Tag::Address | Tag::Div | Tag::P),
                ),
            Tag::Td | Tag::Th if self.open[Tag::Table as usize] > 0 => {
                self.close_if_open(|t| matches!(t, Tag::Td | Tag::Th), |t| matches!(t, Tag::Tr | Tag::Table));
            }
            Tag::Tr if self.open[Tag::Table as usize] > 0 => {
                self.close_if_open(
                    |t| t == Tag::Tr,
                    |t| matches!(t, Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot),
                );
            }
            Tag::Tbody | Tag::Thead | Tag::Tfoot if self.open[Tag::Table as usize] > 0 => {
                self.close_if_open(
                    |t| matches!(t, Tag::Tbody | Tag::Thead | Tag::Tfoot),
                    |t| t == Tag::Table,
                );
            }
            Tag::Option | Tag::Optgroup => {
                if self.dom.nodes[self.top() as usize].tag == Tag::Option {
                    self.pop();
                }
                if tag == Tag::Optgroup && self.dom.nodes[self.top() as usize].tag == Tag::Optgroup {
                    self.pop();
                }
            }
            t if t.is_heading() && self.dom.nodes[self.top() as usize].tag.is_heading() => self.pop(),
            Tag::A if self.open[Tag::A as usize] > 0 => {
                self.close_if_open(|t| t == Tag::A, Tag::is_scope_boundary);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: Tag, name_hash: u32) {
        match tag {
            Tag::Br => {
                // `</br>` is read as `<br>`.
                self.start_tag(Tag::Br, 0, false, 0, 0);
                return;
            }
            Tag::Html | Tag::Body => return,
            _ => {}
        }
        if self.open[tag as usize] == 0 {
            return;
        }
        if self.last_ignored == (tag, name_hash, self.version) {
            return;
        }
        let found = if matches!(
            tag,
            Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot | Tag::Tr | Tag::Td | Tag::Th | Tag::Caption
        ) {
            let stop = if tag == Tag::Table {
                |t: Tag| matches!(t, Tag::Root | Tag::Html | Tag::Template)
            } else {
                |t: Tag| matches!(t, Tag::Root | Tag::Html | Tag::Template | Tag::Table)
            };
            self.find_open(|t| t == tag, stop)
        } else if tag.is_special() {
            let list_scope = matches!(tag, Tag::Li);
            self.find_open(
                |t| t == tag,
                |t| t.is_scope_boundary() || (list_scope && matches!(t, Tag::Ul | Tag::Ol)),
            )
        } else {
            // An inline element: the nearest open one of the same name, unless a block
            // ("special") element is open above it.
            let mut found = None;
            let lowest = self.stack.len().saturating_sub(INLINE_END_SEARCH).max(1);
            for index in (lowest..self.stack.len()).rev() {
                let node = &self.dom.nodes[self.stack[index] as usize];
                if node.tag == tag && (tag != Tag::Other || node.name_hash == name_hash) {
                    found = Some(index);
                    break;
                }
                if node.tag.is_special() {
                    break;
                }
            }
            found
        };
        match found {
            Some(index) => self.pop_through(index),
            None => self.last_ignored = (tag, name_hash, self.version),
        }
    }
}

/// Elements that may appear in `<head>`.
fn in_head(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Meta
            | Tag::Link
            | Tag::Title
            | Tag::Script
            | Tag::Style
            | Tag::Base
            | Tag::Noscript
            | Tag::Template
            | Tag::Other
    )
}

/// HTML start tags that end foreign content (`<svg>`, `<math>`) in a browser.
fn breaks_out_of_foreign(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::B
            | Tag::Big
            | Tag::Blockquote
            | Tag::Body
            | Tag::Br
            | Tag::Center
            | Tag::Code
            | Tag::Dd
            | Tag::Div
            | Tag::Dl
            | Tag::Dt
            | Tag::Em
            | Tag::Embed
            | Tag::H1
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6
            | Tag::Head
            | Tag::Hr
            | Tag::I
            | Tag::Img
            | Tag::Li
            | Tag::Menu
            | Tag::Meta
            | Tag::Nobr
            | Tag::Ol
            | Tag::P
            | Tag::Pre
            | Tag::S
            | Tag::Small
            | Tag::Span
            | Tag::Strong
            | Tag::Strike
            | Tag::Sub
            | Tag::Sup
            | Tag::Table
            | Tag::Tt
            | Tag::U
            | Tag::Ul
            | Tag::Var
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as `tag(children)`, text as `'text'`, for comparing structures.
    fn outline(html: &str) -> String {
        let dom = Dom::parse(html);
        let mut out = String::new();
        write_node(&dom, 0, &mut out);
        out
    }

    fn write_node(dom: &Dom<'_>, id: NodeId, out: &mut String) {
        for (i, child) in dom.children(id).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match dom.tag(child) {
                Tag::Text => {
                    out.push('\'');
                    out.push_str(dom.raw_text(child));
                    out.push('\'');
                }
                tag => {
                    out.push_str(&format!("{tag:?}").to_lowercase());
                    if dom.node(child).first_child != NONE {
                        out.push('(');
                        write_node(dom, child, out);
                        out.push(')');
                    }
                }
            }
        }
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(outline("<p>a<p>b<div>c</div>"), "p('a') p('b') div('c')");
        assert_eq!(outline("<ul><li>a<li>b</ul>"), "ul(li('a') li('b'))");
        assert_eq!(
            outline("<table><tr><td>a<td>b<tr><td>c</table>"),
            "table(tr(td('a') td('b')) tr(td('c')))"
        );
        assert_eq!(outline("<h2>a<h3>b</h3>"), "h2('a') h3('b')");
        assert_eq!(outline("<head><title>t</title><body>b"), "head(title('t')) body('b')");
        assert_eq!(outline("<head><meta><div>b"), "head(meta) div('b')");
        assert_eq!(outline("<dl><dt>a<dd>b<dt>c</dl>"), "dl(dt('a') dd('b') dt('c'))");
    }

    #[test]
    fn end_tags() {
        // A stray inline end tag does not close the block it is in.
        assert_eq!(outline("<div><p>a</span>b</p></div>"), "div(p('a' 'b'))");
        // A block end tag closes inline elements left open.
        assert_eq!(outline("<div><b>a</div>c"), "div(b('a')) 'c'");
        // `</div>` in a cell does not close the div around the table.
        assert_eq!(
            outline("<div><table><tr><td>a</div>b</td></tr></table>c</div>d"),
            "div(table(tr(td('a' 'b'))) 'c') 'd'"
        );
        assert_eq!(outline("a</br>b"), "'a' br 'b'");
        assert_eq!(outline("<x-a>t</x-b>u</x-a>v"), "other('t' 'u') 'v'");
    }

    #[test]
    fn raw_text_and_void() {
        assert_eq!(outline("<script>a<b>c</script><img src=x>d"), "script('a<b>c') img 'd'");
        assert_eq!(outline("<svg><path/><title>t</title></svg>x"), "svg(other title('t')) 'x'");
        assert_eq!(outline("<div/>a</div>b"), "div('a') 'b'");
        assert_eq!(outline("<svg><g><p>x</p>"), "svg(other) p('x')");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = "<div>".repeat(10_000) + "text" + &"</div>".repeat(10_000);
        let dom = Dom::parse(&html);
        let mut depth = 0;
        let mut id = dom.nodes.len() as u32 - 1;
        while id != NONE {
            depth += 1;
            id = dom.node(id).parent;
        }
        assert!(depth <= MAX_DEPTH + 2, "{depth}");
        assert_eq!(dom.descendants(0).filter(|&n| dom.tag(n) == Tag::Text).count(), 1);
    }
}
