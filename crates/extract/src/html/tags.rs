//! Element names the extractor knows, and what it needs to know about each.

/// An HTML element name. Names the extractor has no rule for are [`Tag::Other`] (their
/// lowercase name's hash is kept on the node so that end tags still match).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Tag {
    /// The document node (not an element).
    Root,
    /// A text node (not an element).
    Text,
    Other,
    A,
    Abbr,
    Address,
    Area,
    Article,
    Aside,
    Audio,
    B,
    Base,
    Big,
    Blockquote,
    Body,
    Br,
    Button,
    Canvas,
    Caption,
    Center,
    Cite,
    Code,
    Col,
    Colgroup,
    Dd,
    Del,
    Details,
    Dialog,
    Dir,
    Div,
    Dl,
    Dt,
    Em,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Font,
    Footer,
    Form,
    Frame,
    Frameset,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hgroup,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Ins,
    Kbd,
    Label,
    Legend,
    Li,
    Link,
    Main,
    Map,
    Mark,
    Marquee,
    Math,
    Menu,
    Meta,
    Nav,
    Nobr,
    Noembed,
    Noframes,
    Noscript,
    Object,
    Ol,
    Optgroup,
    Option,
    Output,
    P,
    Param,
    Picture,
    Plaintext,
    Pre,
    Q,
    S,
    Samp,
    Script,
    Section,
    Select,
    Small,
    Source,
    Span,
    Strike,
    Strong,
    Style,
    Sub,
    Summary,
    Sup,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    Track,
    Tt,
    U,
    Ul,
    Var,
    Video,
    Wbr,
    Xmp,
}

/// The number of [`Tag`] values, for per-tag tables.
pub(crate) const N_TAGS: usize = Tag::Xmp as usize + 1;

impl Tag {
    /// The tag for an element name (any case).
    pub(crate) fn from_name(name: &[u8]) -> Tag {
        // Names are short: lowercase into a small buffer, then match.
        let mut buf = [0u8; 10];
        if name.len() > buf.len() || name.is_empty() {
            return Tag::Other;
        }
        for (dst, &src) in buf.iter_mut().zip(name) {
            *dst = src.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"a" => Tag::A,
            b"abbr" => Tag::Abbr,
            b"address" => Tag::Address,
            b"area" => Tag::Area,
            b"article" => Tag::Article,
            b"aside" => Tag::Aside,
            b"audio" => Tag::Audio,
            b"b" => Tag::B,
            b"base" => Tag::Base,
            b"big" => Tag::Big,
            b"blockquote" => Tag::Blockquote,
            b"body" => Tag::Body,
            b"br" => Tag::Br,
            b"button" => Tag::Button,
            b"canvas" => Tag::Canvas,
            b"caption" => Tag::Caption,
            b"center" => Tag::Center,
            b"cite" => Tag::Cite,
            b"code" => Tag::Code,
            b"col" => Tag::Col,
            b"colgroup" => Tag::Colgroup,
            b"dd" => Tag::Dd,
            b"del" => Tag::Del,
            b"details" => Tag::Details,
            b"dialog" => Tag::Dialog,
            b"dir" => Tag::Dir,
            b"div" => Tag::Div,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"em" => Tag::Em,
            b"embed" => Tag::Embed,
            b"fieldset" => Tag::Fieldset,
            b"figcaption" => Tag::Figcaption,
            b"figure" => Tag::Figure,
            b"font" => Tag::Font,
            b"footer" => Tag::Footer,
            b"form" => Tag::Form,
            b"frame" => Tag::Frame,
            b"frameset" => Tag::Frameset,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"head" => Tag::Head,
            b"header" => Tag::Header,
            b"hgroup" => Tag::Hgroup,
            b"hr" => Tag::Hr,
            b"html" => Tag::Html,
            b"i" => Tag::I,
            b"iframe" => Tag::Iframe,
            b"img" | b"image" => Tag::Img,
            b"input" => Tag::Input,
            b"ins" => Tag::Ins,
            b"kbd" => Tag::Kbd,
            b"label" => Tag::Label,
            b"legend" => Tag::Legend,
            b"li" => Tag::Li,
            b"link" => Tag::Link,
            b"main" => Tag::Main,
            b"map" => Tag::Map,
            b"mark" => Tag::Mark,
            b"marquee" => Tag::Marquee,
            b"math" => Tag::Math,
            b"menu" => Tag::Menu,
            b"meta" => Tag::Meta,
            b"nav" => Tag::Nav,
            b"nobr" => Tag::Nobr,
            b"noembed" => Tag::Noembed,
            b"noframes" => Tag::Noframes,
            b"noscript" => Tag::Noscript,
            b"object" => Tag::Object,
            b"ol" => Tag::Ol,
            b"optgroup" => Tag::Optgroup,
            b"option" => Tag::Option,
            b"output" => Tag::Output,
            b"p" => Tag::P,
            b"param" => Tag::Param,
            b"picture" => Tag::Picture,
            b"plaintext" => Tag::Plaintext,
            b"pre" | b"listing" => Tag::Pre,
            b"q" => Tag::Q,
            b"s" => Tag::S,
            b"samp" => Tag::Samp,
            b"script" => Tag::Script,
            b"section" => Tag::Section,
            b"select" => Tag::Select,
            b"small" => Tag::Small,
            b"source" => Tag::Source,
            b"span" => Tag::Span,
            b"strike" => Tag::Strike,
            b"strong" => Tag::Strong,
            b"style" => Tag::Style,
            b"sub" => Tag::Sub,
            b"summary" => Tag::Summary,
            b"sup" => Tag::Sup,
            b"svg" => Tag::Svg,
            b"table" => Tag::Table,
            b"tbody" => Tag::Tbody,
            b"td" => Tag::Td,
            b"template" => Tag::Template,
            b"textarea" => Tag::Textarea,
            b"tfoot" => Tag::Tfoot,
            b"th" => Tag::Th,
            b"thead" => Tag::Thead,
            b"time" => Tag::Time,
            b"title" => Tag::Title,
            b"tr" => Tag::Tr,
            b"track" => Tag::Track,
            b"tt" => Tag::Tt,
            b"u" => Tag::U,
            b"ul" => Tag::Ul,
            b"var" => Tag::Var,
            b"video" => Tag::Video,
            b"wbr" => Tag::Wbr,
            b"xmp" => Tag::Xmp,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content or an end tag.
    pub(crate) fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
                | Tag::Frame
        )
    }

    /// Elements whose content is text up to the matching end tag, never markup.
    /// (`noscript` is read as a browser with scripting on reads it.)
    pub(crate) fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
        )
    }

    /// Start tags that close an open `<p>` (HTML's "close a p element" list).
    pub(crate) fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Dir
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Ul
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Plaintext
                | Tag::Xmp
        )
    }

    /// HTML's "special" elements: an end tag for an inline element that meets one of
    /// these on the way up the stack of open elements is ignored.
    pub(crate) fn is_special(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Root
                    | Tag::Html
                    | Tag::Head
                    | Tag::Body
                    | Tag::Table
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Caption
                    | Tag::Colgroup
                    | Tag::Button
                    | Tag::Select
                    | Tag::Textarea
                    | Tag::Object
                    | Tag::Marquee
                    | Tag::Template
                    | Tag::Iframe
                    | Tag::Frameset
                    | Tag::Noscript
                    | Tag::Script
                    | Tag::Style
                    | Tag::Title
                    | Tag::Svg
                    | Tag::Math
            )
    }

    /// Elements that bound the search for an open element when a block end tag comes
    /// (HTML's "has an element in scope"): `</div>` inside a table cell does not close a
    /// `<div>` outside the table.
    pub(crate) fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Root
                | Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Marquee
                | Tag::Object
                | Tag::Template
                | Tag::Svg
                | Tag::Math
        )
    }

    /// Elements that start and end a block of text (a line break before and after).
    pub(crate) fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Root
                | Tag::Html
                | Tag::Body
                | Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Caption
                | Tag::Center
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Dir
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::Frameset
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Legend
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::Option
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
                | Tag::Xmp
                | Tag::Plaintext
        )
    }

    pub(crate) fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Elements whose content is never article text (scripts, embedded media, form
    /// controls, inert templates).
    pub(crate) fn is_never_text(self) -> bool {
        matches!(
            self,
            Tag::Head
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Svg
                | Tag::Math
                | Tag::Iframe
                | Tag::Object
                | Tag::Embed
                | Tag::Canvas
                | Tag::Video
                | Tag::Audio
                | Tag::Picture
                | Tag::Map
                | Tag::Button
                | Tag::Select
                | Tag::Option
                | Tag::Optgroup
                | Tag::Textarea
                | Tag::Input
                | Tag::Label
                | Tag::Dialog
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Frameset
                | Tag::Title
                | Tag::Output
                | Tag::Xmp
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(Tag::from_name(b"DIV"), Tag::Div);
        assert_eq!(Tag::from_name(b"Blockquote"), Tag::Blockquote);
        assert_eq!(Tag::from_name(b"amp-img"), Tag::Other);
        assert_eq!(Tag::from_name(b""), Tag::Other);
        assert_eq!(Tag::from_name(b"averyveryverylongname"), Tag::Other);
        assert_eq!(N_TAGS, Tag::Xmp as usize + 1);
    }
}
