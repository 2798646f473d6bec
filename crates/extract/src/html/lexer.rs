//! A small HTML tokenizer: tags, attributes and text as byte ranges of the page.
//!
//! It follows the HTML tokenizer where it matters for reading text (comments, doctype,
//! bogus comments, `<` that opens no tag, raw-text elements, unquoted and missing
//! attribute values, end of input inside a tag) and skips what does not (character
//! references are decoded later, only in the text that is kept). It never allocates per
//! token: attributes go into a caller's vector, text stays a range of the input. One
//! forward pass; `memchr` finds the next `<`.

use super::tags::Tag;
use memchr::memchr;
use memchr::memmem;

/// An attribute: the ranges of its name and of its raw value (character references not
/// yet decoded) in the page.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr {
    pub name_start: u32,
    pub name_end: u32,
    pub value_start: u32,
    pub value_end: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Text {
        start: u32,
        end: u32,
    },
    /// A start tag; its attributes are `attrs[first_attr..]` of the caller's vector.
    Start {
        tag: Tag,
        name_hash: u32,
        self_closing: bool,
    },
    End {
        tag: Tag,
        name_hash: u32,
    },
}

#[derive(Debug)]
pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Set after a raw-text start tag: the next token is its text, up to this end tag.
    raw: Option<(Tag, u32)>,
}

/// FNV-1a of a tag name, lowercased: tells apart the end tags of elements that have no
/// [`Tag`] of their own.
pub(crate) fn name_hash(name: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in name {
        hash ^= u32::from(b.to_ascii_lowercase());
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Lexer<'a> {
    /// A lexer over a page. Pages of 4 GiB or more are cut (the sources cap them far
    /// below that).
    pub(crate) fn new(src: &'a str) -> Lexer<'a> {
        let bytes = src.as_bytes();
        let bytes = &bytes[..bytes.len().min(u32::MAX as usize - 1)];
        Lexer { src: bytes, pos: 0, raw: None }
    }

    /// Reads the content of the element just opened as raw text, up to its end tag.
    pub(crate) fn set_raw(&mut self, tag: Tag, name_hash: u32) {
        self.raw = Some((tag, name_hash));
    }

    /// The next token, or `None` at the end of the page. Start tags push their
    /// attributes on `attrs`.
    pub(crate) fn next_token(&mut self, attrs: &mut Vec<Attr>) -> Option<Token> {
        if let Some((tag, hash)) = self.raw.take() {
            return Some(self.raw_text(tag, hash));
        }
        let src = self.src;
        loop {
            if self.pos >= src.len() {
                return None;
            }
            let start = self.pos;
            if src[start] != b'<' {
                let end = memchr(b'<', &src[start..]).map_or(src.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text { start: to_u32(start), end: to_u32(end) });
            }
            // At a '<'.
            match src.get(start + 1) {
                Some(b) if b.is_ascii_alphabetic() => {
                    if let Some(token) = self.start_tag(attrs) {
                        return Some(token);
                    }
                    // End of input inside the tag: the tag is dropped.
                    return None;
                }
                Some(b'/') => match src.get(start + 2) {
                    Some(b) if b.is_ascii_alphabetic() => {
                        let name_start = start + 2;
                        let name_end = name_start
                            + src[name_start..]
                                .iter()
                                .position(|&b| is_space(b) || b == b'/' || b == b'>')
                                .unwrap_or(src.len() - name_start);
                        let Some(gt) = memchr(b'>', &src[name_end..]) else {
                            self.pos = src.len();
                            return None;
                        };
                        self.pos = name_end + gt + 1;
                        let name = &src[name_start..name_end];
                        let tag = Tag::from_name(name);
                        let name_hash = if tag == Tag::Other { name_hash(name) } else { 0 };
                        return Some(Token::End { tag, name_hash });
                    }
                    Some(b'>') => {
                        // `</>` is ignored.
                        self.pos = start + 3;
                    }
                    Some(_) => self.skip_past(b'>', start + 2),
                    None => {
                        self.pos = src.len();
                        return Some(Token::Text { start: to_u32(start), end: to_u32(src.len()) });
                    }
                },
                Some(b'!') => {
                    let rest = &src[start + 2..];
                    if rest.starts_with(b"--") {
                        // A comment: up to `-->` (or `<!-->`, `<!--->`), else to the end.
                        let body = start + 4;
                        if src[body..].starts_with(b">") {
                            self.pos = body + 1;
                        } else if src[body..].starts_with(b"->") {
                            self.pos = body + 2;
                        } else {
                            self.pos = memmem::find(&src[body..], b"-->").map_or(src.len(), |i| body + i + 3);
                        }
                    } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"[CDATA[") {
                        let body = start + 9;
                        self.pos = memmem::find(&src[body..], b"]]>").map_or(src.len(), |i| body + i + 3);
                    } else {
                        // Doctype or bogus comment.
                        self.skip_past(b'>', start + 2);
                    }
                }
                Some(b'?') => self.skip_past(b'>', start + 2),
                _ => {
                    // A '<' that opens nothing is text, up to the next '<'.
                    let end = memchr(b'<', &src[start + 1..]).map_or(src.len(), |i| start + 1 + i);
                    self.pos = end;
                    return Some(Token::Text { start: to_u32(start), end: to_u32(end) });
                }
            }
        }
    }

    fn skip_past(&mut self, byte: u8, from: usize) {
        let from = from.min(self.src.len());
        self.pos = memchr(byte, &self.src[from..]).map_or(self.src.len(), |i| from + i + 1);
    }

    /// Parses a start tag at `self.pos` (a '<' followed by a letter).
    fn start_tag(&mut self, attrs: &mut Vec<Attr>) -> Option<Token> {
        let src = self.src;
        let name_start = self.pos + 1;
        let mut i = name_start;
        while i < src.len() && !is_space(src[i]) && src[i] != b'/' && src[i] != b'>' {
            i += 1;
        }
        let name = &src[name_start..i];
        let tag = Tag::from_name(name);
        let name_hash = if tag == Tag::Other { name_hash(name) } else { 0 };
        let first_attr = attrs.len();
        let mut self_closing = false;
        loop {
            while i < src.len() && is_space(src[i]) {
                i += 1;
            }
            let &b = src.get(i)?;
            match b {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if src.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // An attribute name: up to space, '/', '>' or '=' (a leading '=' belongs to it).
            let attr_name_start = i;
            i += 1;
            while i < src.len() && !is_space(src[i]) && !matches!(src[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr_name_end = i;
            while i < src.len() && is_space(src[i]) {
                i += 1;
            }
            let (mut value_start, mut value_end) = (i, i);
            if src.get(i) == Some(&b'=') {
                i += 1;
                while i < src.len() && is_space(src[i]) {
                    i += 1;
                }
                match src.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        value_start = i + 1;
                        let close = memchr(quote, &src[value_start..])?;
                        value_end = value_start + close;
                        i = value_end + 1;
                    }
                    Some(_) => {
                        value_start = i;
                        while i < src.len() && !is_space(src[i]) && src[i] != b'>' {
                            i += 1;
                        }
                        value_end = i;
                    }
                    None => return None,
                }
            }
            if attrs.len() - first_attr < 64 {
                attrs.push(Attr {
                    name_start: to_u32(attr_name_start),
                    name_end: to_u32(attr_name_end),
                    value_start: to_u32(value_start),
                    value_end: to_u32(value_end),
                });
            }
        }
        self.pos = i;
        Some(Token::Start { tag, name_hash, self_closing })
    }

    /// The text of a raw-text element up to its end tag (`</script`, any case, then a
    /// space, '/' or '>'), then that end tag. Without an end tag the text runs to the end.
    fn raw_text(&mut self, tag: Tag, hash: u32) -> Token {
        let src = self.src;
        let start = self.pos;
        let mut from = start;
        let finder = memmem::Finder::new(b"</");
        while let Some(i) = finder.find(&src[from..]) {
            let lt = from + i;
            let name_start = lt + 2;
            let name_end = name_start
                + src[name_start..]
                    .iter()
                    .position(|&b| is_space(b) || b == b'/' || b == b'>')
                    .unwrap_or(src.len() - name_start);
            let name = &src[name_start..name_end];
            let matches = if tag == Tag::Other {
                !name.is_empty() && name_hash(name) == hash
            } else {
                Tag::from_name(name) == tag
            };
            if matches && name_end < src.len() {
                // Leave the end tag for the next call.
                self.pos = lt;
                return Token::Text { start: to_u32(start), end: to_u32(lt) };
            }
            from = lt + 2;
        }
        self.pos = src.len();
        Token::Text { start: to_u32(start), end: to_u32(src.len()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        let mut lexer = Lexer::new(html);
        let mut attrs = Vec::new();
        let mut out = Vec::new();
        while let Some(token) = lexer.next_token(&mut attrs) {
            out.push(match token {
                Token::Text { start, end } => format!("'{}'", &html[start as usize..end as usize]),
                Token::Start { tag, self_closing, .. } => {
                    if tag.is_raw_text() {
                        lexer.set_raw(tag, 0);
                    }
                    let list: Vec<String> = attrs
                        .drain(..)
                        .map(|a| {
                            format!(
                                "{}={}",
                                &html[a.name_start as usize..a.name_end as usize],
                                &html[a.value_start as usize..a.value_end as usize]
                            )
                        })
                        .collect();
                    format!("<{tag:?}{}{}>", list.join(","), if self_closing { "/" } else { "" })
                }
                Token::End { tag, .. } => format!("</{tag:?}>"),
            });
        }
        out
    }

    #[test]
    fn tags_text_and_attributes() {
        assert_eq!(
            tokens(r#"<P class="a b" id=x data-k='v>' hidden>Hi <b>you</b></p>"#),
            ["<Pclass=a b,id=x,data-k=v>,hidden=>", "'Hi '", "<B>", "'you'", "</B>", "</P>"]
        );
        assert_eq!(tokens("<br/><img src=a.png />"), ["<Br/>", "<Imgsrc=a.png/>"]);
    }

    #[test]
    fn comments_doctype_and_stray_lt() {
        assert_eq!(tokens("<!DOCTYPE html><!-- <p>no</p> -->a < b<?php x ?>c"), ["'a '", "'< b'", "'c'"]);
        assert_eq!(tokens("x<!-->y<!--->z"), ["'x'", "'y'", "'z'"]);
        assert_eq!(tokens("a<!-- unterminated"), ["'a'"]);
        assert_eq!(tokens("a</>b</ x>c"), ["'a'", "'b'", "'c'"]);
    }

    #[test]
    fn raw_text() {
        assert_eq!(
            tokens("<script>if (a<b) { x = '</p>'; }</SCRIPT >after"),
            ["<Script>", "'if (a<b) { x = '</p>'; }'", "</Script>", "'after'"]
        );
        assert_eq!(tokens("<style>p{}"), ["<Style>", "'p{}'"]);
        assert_eq!(tokens("<title>A &amp; B</title>"), ["<Title>", "'A &amp; B'", "</Title>"]);
    }

    #[test]
    fn truncated_tags_are_dropped() {
        assert_eq!(tokens("text<div class=\"x"), ["'text'"]);
        assert_eq!(tokens("text<div"), ["'text'"]);
        assert_eq!(tokens("text</div"), ["'text'"]);
        assert_eq!(tokens("text<"), ["'text'", "'<'"]);
    }
}
