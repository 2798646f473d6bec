//! The scraped-text extractor: a page whose markup is gone but whose menus, promos,
//! captions, related headlines and footers remain as lines, in; the article out.
//!
//! # Approach
//!
//! Every decision is a general rule about how news pages are laid out (line length,
//! sentence-likeness, capitalisation, position relative to the headline, runs of prose
//! and of furniture, a small lexicon of furniture every site has); nothing names a site.
//!
//! 1. **Lines** ([`lines::split`], [`lines::rejoin`]). The page is split into trimmed,
//!    non-empty lines. A line that does not end a sentence, followed by one that starts
//!    in lower case (or with `,` `;` `)`), is one sentence broken where the page had a
//!    link, and they are rejoined with a space — when one of them is long enough to be
//!    prose, or the first ends with a comma or a function word (`with`, `the`).
//! 2. **Measure and classify** each line on its own ([`lines::measure_with`],
//!    [`lines::classify`]): words (CJK text: characters / 2.5), stopwords of a dozen
//!    languages, lowercase and capitalised words, capitalised function words (`Talks In
//!    Tokyo`), a title-case lead run into a sentence (a related-article teaser),
//!    terminal punctuation (a trailing wire signature, `... he said. KYODO NEWS`, does
//!    not hide it), and the lexicon ([`lexicon`]): promo, share, sign-in, legal and
//!    cookie lines, captions and credits, bylines and date lines, reporting credits,
//!    end headers (`Comments`, `More on this topic`, a copyright line), paywall prompts.
//!    A line is *prose* when it is long enough, sentence-like (stopwords, or mostly
//!    lowercase words) and ends a sentence, or is long and full of stopwords. Other
//!    kinds: menu item, headline, teaser, short line, meta, caption, boilerplate. Prose
//!    that repeats earlier prose (80 % of its word 4-grams seen) is a duplicate.
//! 3. **Find the body region** ([`layout::layout`]). Each line gets a score: prose its
//!    length in words, furniture a small penalty (a promo more than a menu item, an end
//!    header a large one). Prose with no prose neighbour counts half (teaser lists,
//!    comments), and penalties grow along a run of furniture (a lone subheading costs
//!    little, a menu of thirty items a lot). The headline — the line that best repeats
//!    the page title, which scrapers print first — gets a bonus, so the region under it
//!    wins over an equally long footer. A comments header (or a copyright line) after
//!    enough prose is a wall: nothing after it is the article. The body region is the
//!    run of lines with the largest total score (Kadane's maximum subarray), starting
//!    after the headline.
//! 4. **Keep** the region's prose lines, its short lines only between two prose lines
//!    (subheadings), and numbered lists that run from the body (`1) ... 2) ... 3) ...`).
//!    A lone first paragraph just under the headline, set off from the body by
//!    furniture, is the standfirst, not body.
//! 5. **Metadata** from the lines around the body, with the finders of [`crate::meta`]
//!    that the HTML extractor shares: a date header (`date 2025-12-28 Straitstimes.com
//!    header logo`) gives the date and the site (and through `data/outlets.tsv` the
//!    outlet), a date line near the headline the date, a byline line the authors, the
//!    first paragraph its dateline — which **stays in the paragraph**, as printed;
//!    `article.dateline` points at the place with a span — the end of the last
//!    paragraph a wire signature (moved to its own `Signature` block, with reporting
//!    credits lines), a credit line (`PHOTO: EPA`) the credit and, with the line above
//!    it, the caption; headlines under a related header, and inline `Read more: ...`
//!    lines, become related links. The agency is taken from the signature, else the
//!    dateline's parenthesis, else the byline. The language is guessed from the body
//!    (plainly English text is recognised by its function words; other text goes to
//!    `whatlang`).
//!
//! The article text is then: title, standfirst, byline, paragraphs, signatures,
//! captions, credits, related headlines, each a block (see `faultline_model::Article`).
//!
//! # Skips
//!
//! Empty input is [`SkipReason::Empty`]; no body region [`SkipReason::NotArticle`] (an
//! index of headlines has no prose), or [`SkipReason::Paywall`] when the page has a
//! subscription prompt and fewer than 60 body words; fewer than 15 body words is
//! [`SkipReason::TooShort`].
//!
//! # Cost
//!
//! Linear in the page: one pass to split, one ASCII-lowercased copy of the page, one
//! pass over each line's words, an Aho-Corasick pass over each line for the phrase
//! lexicon (a `memmem` check on long lines, where few phrases count),
//! one hash set of (sampled) word 4-grams, one maximum-subarray scan. About 5,500 AEB
//! pages (50 MB) a second on one core; a 50 MB page takes under a second.

mod layout;
mod lexicon;
mod lines;

use crate::meta;
use crate::outlets::outlet_for_host;
use faultline_model::{
    Article, ArticleBuilder, BlockKind, Field, Format, Published, RawDocument, RelatedLink, SkipReason,
};
use layout::Layout;
use lines::{Kind, Line};

/// Fewer body words than this is not an article.
const MIN_BODY_WORDS: u32 = 15;
/// A page with a paywall prompt and fewer body words than this is a paywall stub.
const PAYWALL_BODY_WORDS: u32 = 60;
/// Inputs beyond this are refused (spans are `u32`).
const MAX_INPUT_BYTES: usize = 1 << 30;
/// Lines above the body where a byline is looked for.
const BYLINE_DISTANCE: usize = 12;
/// Characters of the body the language is guessed from.
const LANGUAGE_SAMPLE_CHARS: usize = 600;
/// At most this many captions and related links are kept.
const MAX_LIST: usize = 20;

/// Extracts the article from a scraped-text page.
pub(crate) fn extract(doc: &RawDocument, input: &str) -> Result<Article, SkipReason> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(SkipReason::TooLarge { bytes: input.len() as u64, limit: MAX_INPUT_BYTES as u64 });
    }
    if input.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let mut lines = lines::lines(input);
    let layout = layout::layout(&mut lines);
    let paywall = lines.iter().any(|l| l.features.paywall);
    // Words, or for CJK text characters / 2.5 (no spaces between words).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let body_words: u32 =
        layout.body.iter().map(|&i| lines::effective_words(&lines[i].features) as u32).sum();
    if layout.body.is_empty() {
        return Err(if paywall { SkipReason::Paywall } else { SkipReason::NotArticle });
    }
    if paywall && body_words < PAYWALL_BODY_WORDS {
        return Err(SkipReason::Paywall);
    }
    if body_words < MIN_BODY_WORDS {
        return Err(SkipReason::TooShort { words: body_words });
    }
    Ok(Assembly::new(doc, &lines, &layout).build())
}

/// Strips a site name from a page title (`Opening Bell - Dealbreaker` → `Opening Bell`).
fn strip_site_suffix(title: &str) -> &str {
    for separator in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let (head_words, tail_words) = (head.split_whitespace().count(), tail.split_whitespace().count());
            if tail_words <= 4 && head_words >= 3 {
                return strip_site_suffix(head.trim());
            }
        }
    }
    title
}

/// Whether a line reads like a related headline (`Why Japan will not yield ...`).
fn is_headline_line(line: &Line<'_>) -> bool {
    let words = line.features.n_words;
    matches!(line.kind, Kind::Head | Kind::Short | Kind::Teaser | Kind::Menu)
        && (4..=30).contains(&words)
        && !line.text.trim_end().ends_with('.')
}

/// The pieces of an article picked from the lines, before its text is written.
struct Assembly<'p, 'a> {
    doc: &'p RawDocument,
    lines: &'p [Line<'a>],
    layout: &'p Layout,
}

impl<'p, 'a> Assembly<'p, 'a> {
    fn new(doc: &'p RawDocument, lines: &'p [Line<'a>], layout: &'p Layout) -> Assembly<'p, 'a> {
        Assembly { doc, lines, layout }
    }

    fn text(&self, index: usize) -> &'p str {
        &self.lines[index].text
    }

    /// The title: the headline line, else the page title without its site suffix.
    fn title(&self) -> Option<&'p str> {
        let index = self.layout.headline?;
        let line = &self.lines[index];
        if line.features.n_words < 2
            || line.features.n_words > 40
            || matches!(line.kind, Kind::Boiler | Kind::Caption)
        {
            return None;
        }
        let text = self.text(index);
        Some(if Some(index) == self.layout.title_line { strip_site_suffix(text) } else { text })
    }

    /// Where the article starts and ends among the lines (headline to last body line).
    fn bounds(&self) -> (usize, usize) {
        let first_body = self.layout.body.first().copied().unwrap_or(0);
        let start = self.layout.headline.unwrap_or(first_body).min(first_body);
        let end = self.layout.body.last().copied().unwrap_or(start);
        (start, end)
    }

    fn build(&self) -> Article {
        let mut builder = ArticleBuilder::new(self.doc.id.clone(), Format::Text);
        let (start, end) = self.bounds();
        let first_body = self.layout.body.first().copied().unwrap_or(start);

        if let Some(title) = self.title() {
            let span = builder.push(BlockKind::Title, title);
            builder.article_mut().title = Some(Field::at(title, span));
        }
        if let Some(index) = self.layout.standfirst.or_else(|| self.standfirst_above(start, first_body)) {
            let text = self.text(index);
            let span = builder.push(BlockKind::Standfirst, text);
            builder.article_mut().standfirst = Some(Field::at(text, span));
        }
        let mut agency: Option<Field> = None;
        let byline = (start.max(first_body.saturating_sub(BYLINE_DISTANCE))..first_body)
            .find_map(|i| meta::find_byline(self.text(i)).map(|b| (i, b)));
        if let Some((index, byline)) = byline {
            let text = self.text(index);
            let span = builder.push(BlockKind::Byline, text);
            builder.article_mut().byline =
                Some(Field::at(&text[byline.span.clone()], meta::span_in(span, byline.span)));
            if let Some(mention) = byline.agency {
                agency = Some(Field::at(mention.name, meta::span_in(span, mention.span)));
            }
        }
        self.header(&mut builder);
        if builder.article_mut().published.is_none() {
            self.published_near(&mut builder, start.saturating_sub(3), first_body);
        }

        // Body paragraphs; a signature ending the last one moves to its own block.
        let mut paragraphs: Vec<&str> = self.layout.body.iter().map(|&i| self.text(i)).collect();
        let mut signatures: Vec<(&str, Option<meta::AgencyMention>)> = Vec::new();
        signatures.extend(meta::split_signature(&mut paragraphs));
        for index in end + 1..(end + 4).min(self.lines.len()) {
            let line = &self.lines[index];
            if line.features.signature {
                let signature = meta::find_signature(&line.text);
                signatures.push((self.text(index), signature.and_then(|s| s.agency)));
            } else if line.kind == Kind::Prose {
                break;
            }
        }
        let mut first_paragraph = None;
        for paragraph in &paragraphs {
            let span = builder.push(BlockKind::Paragraph, paragraph);
            first_paragraph.get_or_insert((span, *paragraph));
        }
        if let Some((span, text)) = first_paragraph {
            let (dateline, dateline_agency) = meta::dateline_fields(text, span);
            builder.article_mut().dateline = dateline;
            if dateline_agency.is_some() {
                agency = dateline_agency;
            }
        }
        for (text, mention) in signatures {
            let span = builder.push(BlockKind::Signature, text);
            if let Some(mention) = mention {
                // The signature is the strongest evidence of the agency.
                agency = Some(Field::at(mention.name, meta::span_in(span, mention.span)));
            }
        }
        builder.article_mut().agency = agency;

        self.captions_and_credits(&mut builder, start, end);
        self.related(&mut builder, end);
        let mut article = builder.finish();
        article.language = language(article.body());
        article
    }

    /// A prose line between the headline and the body (the sentence under the headline).
    fn standfirst_above(&self, start: usize, first_body: usize) -> Option<usize> {
        let headline = self.layout.headline?;
        (start.max(headline + 1)..first_body)
            .take(layout::PARAMS.standfirst_distance)
            .find(|&i| self.lines[i].kind == Kind::Prose)
    }

    /// Date header lines above the title (`date 2025-12-28 Straitstimes.com header
    /// logo`): the published date and the site.
    fn header(&self, builder: &mut ArticleBuilder) {
        let title_line = self.layout.title_line.unwrap_or(0);
        for index in 0..title_line {
            let text = self.text(index);
            let Some(found) = meta::find_date_line(text) else { continue };
            let article = builder.article_mut();
            if article.published.is_none() {
                let raw = &text[found.span.clone()];
                article.published = Some(Published { date: found.date, raw: raw.to_owned(), span: None });
            }
            if let Some(site) = found.site {
                let host = text[site].to_ascii_lowercase();
                let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
                if article.outlet.is_none() {
                    article.outlet = outlet_for_host(&host).map(Field::meta);
                }
                article.site.get_or_insert(host);
            }
        }
    }

    /// A date line near the headline (`Published 2:16 AM EST Nov 20, 2019`).
    fn published_near(&self, builder: &mut ArticleBuilder, from: usize, to: usize) {
        for index in from..to.min(from + 30) {
            if self.lines[index].kind != Kind::Meta {
                continue;
            }
            if let Some(found) = meta::find_date_line(self.text(index)) {
                let raw = self.text(index)[found.span].to_owned();
                builder.article_mut().published = Some(Published { date: found.date, raw, span: None });
                return;
            }
        }
    }

    /// Captions and credits between the headline and the end of the body: a credit line
    /// (`PHOTO: EPA`) with the caption above it, or a caption with its credit inside.
    fn captions_and_credits(&self, builder: &mut ArticleBuilder, start: usize, end: usize) {
        let body_or_front = |i: usize| {
            self.layout.body.contains(&i)
                || Some(i) == self.layout.standfirst
                || Some(i) == self.layout.headline
        };
        let mut captions: Vec<(usize, Option<meta::Credit>)> = Vec::new();
        let mut credits: Vec<(usize, meta::Credit)> = Vec::new();
        for index in start..=end.min(self.lines.len().saturating_sub(1)) {
            if self.lines[index].kind != Kind::Caption || captions.len() + credits.len() >= MAX_LIST {
                continue;
            }
            let credit = meta::find_credit(self.text(index));
            match credit {
                Some(credit) if credit.whole_line => {
                    let above = index.checked_sub(1).filter(|&i| {
                        i >= start
                            && !body_or_front(i)
                            && matches!(self.lines[i].kind, Kind::Dup | Kind::Prose | Kind::Short)
                            && self.lines[i].features.n_words >= 5
                    });
                    if let Some(above) = above {
                        captions.push((above, None));
                    }
                    credits.push((index, credit));
                }
                credit => {
                    if self.lines[index].features.n_words >= 4 {
                        captions.push((index, credit));
                    }
                }
            }
        }
        for (index, credit) in captions {
            let text = self.text(index);
            let span = builder.push(BlockKind::Caption, text);
            let article = builder.article_mut();
            article.captions.push(Field::at(text, span));
            if let Some(credit) = credit {
                article.credits.push(Field::at(credit.source.clone(), meta::span_in(span, credit.span)));
            }
        }
        for (index, credit) in credits {
            let span = builder.push(BlockKind::Credit, self.text(index));
            builder
                .article_mut()
                .credits
                .push(Field::at(credit.source.clone(), meta::span_in(span, credit.span)));
        }
    }

    /// Related headlines: inline `Related: ...` lines in the body region, and the
    /// headlines under a related header after the body.
    fn related(&self, builder: &mut ArticleBuilder, end: usize) {
        let mut titles: Vec<&str> = Vec::new();
        if let Some((first, last)) = self.layout.region {
            for index in first..=last {
                let text = self.text(index);
                let head = text.as_bytes().get(..16).unwrap_or(text.as_bytes());
                if let Some(prefix) = lexicon::RELATED_INLINE
                    .iter()
                    .find(|p| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
                {
                    let rest = text.get(prefix.len()..).unwrap_or("").trim();
                    if rest.split_whitespace().count() >= 3 {
                        titles.push(rest);
                    }
                }
            }
        }
        let header =
            (end + 1..(end + 8).min(self.lines.len())).find(|&i| self.lines[i].features.related_header);
        if let Some(header) = header {
            for line in &self.lines[header + 1..] {
                if !is_headline_line(line) || titles.len() >= MAX_LIST {
                    break;
                }
                titles.push(&line.text);
            }
        }
        for title in titles.into_iter().take(MAX_LIST) {
            let span = builder.push(BlockKind::Related, title);
            builder.article_mut().related.push(RelatedLink { title: Field::at(title, span), url: None });
        }
    }
}

/// The ISO 639-3 code of the body's language, from its first few hundred characters
/// (enough for a reliable guess; the whole body would cost more than the extraction).
fn language(body: &str) -> Option<String> {
    let end = body.char_indices().nth(LANGUAGE_SAMPLE_CHARS).map_or(body.len(), |(i, _)| i);
    if lexicon::is_plainly_english(&body[..end]) {
        return Some("eng".to_owned());
    }
    // whatlang is costly: a shorter sample for it.
    let end = body.char_indices().nth(LANGUAGE_SAMPLE_CHARS / 2).map_or(body.len(), |(i, _)| i);
    let info = whatlang::detect(&body[..end])?;
    info.is_reliable().then(|| info.lang().code().to_owned())
}
