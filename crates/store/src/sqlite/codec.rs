//! Model values to SQL columns and back.

use crate::{Error, Result};
use faultline_model::{
    ActorCode, ActorRef, Article, Attribution, Block, BlockKind, CameoCode, Field, Format, MentionKind,
    Plover, Precision, Published, QuoteKind, RelatedLink, Span,
};
use jiff::civil::Date;
use rusqlite::Row;
use rusqlite::types::FromSql;
use serde::{Deserialize, Serialize};

pub(crate) fn precision_str(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

pub(crate) fn attribution_str(attribution: Attribution) -> &'static str {
    match attribution {
        Attribution::Asserted => "asserted",
        Attribution::Reported => "reported",
    }
}

pub(crate) fn quote_kind_str(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
    }
}

/// The article's fields other than the text and the plain columns, stored as JSON in
/// `articles.fields`: everything needed to give the article back with all its spans.
/// Absent fields and empty lists are left out, and so are the paragraphs when they are
/// exactly the paragraph blocks (as `ArticleBuilder` makes them): about half the size.
#[derive(Serialize)]
pub(crate) struct ArticleFieldsRef<'a> {
    blocks: &'a [Block],
    #[serde(skip_serializing_if = "Option::is_none")]
    title: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: &'a Option<Published>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standfirst: &'a Option<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<&'a [Span]>,
    #[serde(skip_serializing_if = "<[Field]>::is_empty")]
    captions: &'a [Field],
    #[serde(skip_serializing_if = "<[Field]>::is_empty")]
    credits: &'a [Field],
    #[serde(skip_serializing_if = "<[RelatedLink]>::is_empty")]
    related: &'a [RelatedLink],
}

fn paragraph_blocks(blocks: &[Block]) -> impl Iterator<Item = Span> + '_ {
    blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| b.span)
}

impl<'a> ArticleFieldsRef<'a> {
    pub(crate) fn of(article: &'a Article) -> ArticleFieldsRef<'a> {
        let derived = paragraph_blocks(&article.blocks).eq(article.paragraphs.iter().copied());
        ArticleFieldsRef {
            blocks: &article.blocks,
            title: &article.title,
            published: &article.published,
            outlet: &article.outlet,
            byline: &article.byline,
            dateline: &article.dateline,
            agency: &article.agency,
            standfirst: &article.standfirst,
            paragraphs: (!derived).then_some(&article.paragraphs),
            captions: &article.captions,
            credits: &article.credits,
            related: &article.related,
        }
    }
}

/// Owned twin of [`ArticleFieldsRef`], for reading.
#[derive(Deserialize)]
pub(crate) struct ArticleFields {
    #[serde(default)]
    blocks: Vec<Block>,
    #[serde(default)]
    title: Option<Field>,
    #[serde(default)]
    published: Option<Published>,
    #[serde(default)]
    outlet: Option<Field>,
    #[serde(default)]
    byline: Option<Field>,
    #[serde(default)]
    dateline: Option<Field>,
    #[serde(default)]
    agency: Option<Field>,
    #[serde(default)]
    standfirst: Option<Field>,
    /// `None`: the paragraph blocks.
    #[serde(default)]
    paragraphs: Option<Vec<Span>>,
    #[serde(default)]
    captions: Vec<Field>,
    #[serde(default)]
    credits: Vec<Field>,
    #[serde(default)]
    related: Vec<RelatedLink>,
}

impl ArticleFields {
    /// Rebuilds the article from its columns and this JSON.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn into_article(
        self,
        id: String,
        url: Option<String>,
        format: Format,
        text: String,
        site: Option<String>,
        language: Option<String>,
    ) -> Article {
        let paragraphs = self.paragraphs.unwrap_or_else(|| paragraph_blocks(&self.blocks).collect());
        Article {
            id,
            url,
            format,
            text,
            blocks: self.blocks,
            title: self.title,
            published: self.published,
            outlet: self.outlet,
            site,
            byline: self.byline,
            dateline: self.dateline,
            agency: self.agency,
            standfirst: self.standfirst,
            paragraphs,
            captions: self.captions,
            credits: self.credits,
            related: self.related,
            language,
        }
    }
}

fn corrupt(table: &'static str, column: &'static str, detail: impl ToString) -> Error {
    Error::Corrupt { table, column, detail: detail.to_string() }
}

/// Reads the columns of a row in order, so that SELECT lists and readers stay in step
/// without looking columns up by name.
pub(crate) struct Cols<'a, 'r> {
    row: &'a Row<'r>,
    next: usize,
    table: &'static str,
}

impl<'a, 'r> Cols<'a, 'r> {
    pub(crate) fn new(row: &'a Row<'r>, table: &'static str) -> Cols<'a, 'r> {
        Cols { row, next: 0, table }
    }

    pub(crate) fn get<T: FromSql>(&mut self) -> Result<T> {
        let value = self.row.get(self.next)?;
        self.next += 1;
        Ok(value)
    }

    pub(crate) fn span(&mut self, column: &'static str) -> Result<Span> {
        let start: i64 = self.get()?;
        let end: i64 = self.get()?;
        make_span(self.table, column, start, end)
    }

    pub(crate) fn opt_span(&mut self, column: &'static str) -> Result<Option<Span>> {
        let start: Option<i64> = self.get()?;
        let end: Option<i64> = self.get()?;
        match (start, end) {
            (Some(start), Some(end)) => make_span(self.table, column, start, end).map(Some),
            (None, None) => Ok(None),
            _ => Err(corrupt(self.table, column, "half a span")),
        }
    }

    pub(crate) fn date(&mut self, column: &'static str) -> Result<Date> {
        let text: String = self.get()?;
        text.parse().map_err(|e| corrupt(self.table, column, format!("{text:?}: {e}")))
    }

    pub(crate) fn opt_date(&mut self, column: &'static str) -> Result<Option<Date>> {
        let text: Option<String> = self.get()?;
        text.map(|text| text.parse().map_err(|e| corrupt(self.table, column, format!("{text:?}: {e}"))))
            .transpose()
    }

    pub(crate) fn actor_code(&mut self, column: &'static str) -> Result<ActorCode> {
        let text: String = self.get()?;
        ActorCode::new(text).map_err(|e| corrupt(self.table, column, e))
    }

    pub(crate) fn opt_actor_code(&mut self, column: &'static str) -> Result<Option<ActorCode>> {
        let text: Option<String> = self.get()?;
        text.map(|t| ActorCode::new(t).map_err(|e| corrupt(self.table, column, e))).transpose()
    }

    pub(crate) fn cameo(&mut self, column: &'static str) -> Result<CameoCode> {
        let text: String = self.get()?;
        CameoCode::new(text).map_err(|e| corrupt(self.table, column, e))
    }

    pub(crate) fn opt_plover(&mut self, column: &'static str) -> Result<Option<Plover>> {
        let text: Option<String> = self.get()?;
        text.map(|t| t.parse::<Plover>().map_err(|e| corrupt(self.table, column, e))).transpose()
    }

    /// An actor from code, text, span and name columns; all NULL is `None`.
    pub(crate) fn opt_actor(&mut self, column: &'static str) -> Result<Option<ActorRef>> {
        let code = self.opt_actor_code(column)?;
        let text: Option<String> = self.get()?;
        let span = self.opt_span(column)?;
        let name: Option<String> = self.get()?;
        match (code, text, span) {
            (Some(code), Some(text), Some(span)) => Ok(Some(ActorRef { code, text, span, name })),
            (None, None, None) => Ok(None),
            _ => Err(corrupt(self.table, column, "incomplete actor")),
        }
    }

    pub(crate) fn parsed<T>(&mut self, column: &'static str, parse: fn(&str) -> Option<T>) -> Result<T> {
        let text: String = self.get()?;
        parse(&text).ok_or_else(|| corrupt(self.table, column, format!("unknown value {text:?}")))
    }
}

fn make_span(table: &'static str, column: &'static str, start: i64, end: i64) -> Result<Span> {
    let start = u32::try_from(start).map_err(|e| corrupt(table, column, e))?;
    let end = u32::try_from(end).map_err(|e| corrupt(table, column, e))?;
    if start > end {
        return Err(corrupt(table, column, format!("span {start}..{end}")));
    }
    Ok(Span { start, end })
}

pub(crate) fn parse_precision(s: &str) -> Option<Precision> {
    Some(match s {
        "day" => Precision::Day,
        "week" => Precision::Week,
        "month" => Precision::Month,
        "year" => Precision::Year,
        _ => return None,
    })
}

pub(crate) fn parse_attribution(s: &str) -> Option<Attribution> {
    Some(match s {
        "asserted" => Attribution::Asserted,
        "reported" => Attribution::Reported,
        _ => return None,
    })
}

pub(crate) fn parse_mention_kind(s: &str) -> Option<MentionKind> {
    Some(match s {
        "name" => MentionKind::Name,
        "demonym" => MentionKind::Demonym,
        "metonym" => MentionKind::Metonym,
        "role" => MentionKind::Role,
        "title" => MentionKind::Title,
        "pronoun" => MentionKind::Pronoun,
        "description" => MentionKind::Description,
        _ => return None,
    })
}

pub(crate) fn parse_quote_kind(s: &str) -> Option<QuoteKind> {
    Some(match s {
        "direct" => QuoteKind::Direct,
        "partial" => QuoteKind::Partial,
        "indirect" => QuoteKind::Indirect,
        _ => return None,
    })
}

pub(crate) fn parse_format(s: &str) -> Option<Format> {
    Some(match s {
        "html" => Format::Html,
        "text" => Format::Text,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(article: &Article) -> (Article, String) {
        let json = serde_json::to_string(&ArticleFieldsRef::of(article)).unwrap();
        let fields: ArticleFields = serde_json::from_str(&json).unwrap();
        let back = fields.into_article(
            article.id.clone(),
            article.url.clone(),
            article.format,
            article.text.clone(),
            article.site.clone(),
            article.language.clone(),
        );
        (back, json)
    }

    #[test]
    fn article_fields_round_trip_compactly() {
        let mut b = faultline_model::ArticleBuilder::new("a", Format::Text);
        b.push(BlockKind::Title, "Title");
        b.push(BlockKind::Paragraph, "One.");
        b.push(BlockKind::Caption, "A caption.");
        b.push(BlockKind::Paragraph, "Two.");
        let article = b.finish();
        let (back, json) = round_trip(&article);
        assert_eq!(back, article);
        assert!(!json.contains("paragraphs") && !json.contains("null") && !json.contains("[]"), "{json}");

        // Paragraphs that are not the paragraph blocks are kept as they are.
        let mut odd = article.clone();
        odd.paragraphs.pop();
        let (back, json) = round_trip(&odd);
        assert_eq!(back, odd);
        assert!(json.contains("paragraphs"), "{json}");
        let mut none = article;
        none.paragraphs.clear();
        assert_eq!(round_trip(&none).0, none);
    }

    #[test]
    fn enum_strings_round_trip() {
        for p in [Precision::Day, Precision::Week, Precision::Month, Precision::Year] {
            assert_eq!(parse_precision(precision_str(p)), Some(p));
        }
        for a in [Attribution::Asserted, Attribution::Reported] {
            assert_eq!(parse_attribution(attribution_str(a)), Some(a));
        }
        for k in [
            MentionKind::Name,
            MentionKind::Demonym,
            MentionKind::Metonym,
            MentionKind::Role,
            MentionKind::Title,
            MentionKind::Pronoun,
            MentionKind::Description,
        ] {
            assert_eq!(parse_mention_kind(k.as_str()), Some(k));
        }
        for k in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect] {
            assert_eq!(parse_quote_kind(quote_kind_str(k)), Some(k));
        }
        for f in [Format::Html, Format::Text] {
            assert_eq!(parse_format(&f.to_string()), Some(f));
        }
    }
}
