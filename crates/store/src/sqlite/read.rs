//! Reading rows back into model values.

use super::codec::{
    ArticleFields, Cols, parse_attribution, parse_format, parse_mention_kind, parse_precision,
    parse_quote_kind,
};
use crate::record::{ArticleRef, ContentHash, EventRecord, StoredArticle};
use crate::{Error, Result};
use faultline_analysis::{ClusterId, GroupId};
use faultline_model::{Condition, Event, EventDate, Evidence, Mention, Modality, Pledge, QuadClass, Quote};
use rusqlite::{Connection, OptionalExtension, Row};

/// The SELECT list that [`event_from_row`] reads, over `events e JOIN articles a`.
pub(crate) const EVENT_COLUMNS: &str = "
    e.pk, e.id, a.id, e.lead,
    e.date, e.date_precision, e.date_start, e.date_end,
    e.source_code, e.source_text, e.source_start, e.source_end, e.source_name,
    e.target_code, e.target_text, e.target_start, e.target_end, e.target_name,
    e.cameo, e.plover, e.plover_mode, e.plover_context, e.goldstein, e.quad_class,
    e.attribution, e.condition_text, e.condition_start, e.condition_end,
    e.future, e.hypothetical, e.negated, e.habitual,
    e.quote,
    e.speaker_code, e.speaker_text, e.speaker_start, e.speaker_end, e.speaker_name,
    e.location,
    e.sentence_start, e.sentence_end, e.sentence_text, e.trigger_start, e.trigger_end,
    e.rule, e.dictionary_version,
    a.url, a.title, a.outlet, a.published, a.added,
    e.cluster_id, e.condition_trigger, e.pledge";

fn corrupt(column: &'static str, detail: impl ToString) -> Error {
    Error::Corrupt { table: "events", column, detail: detail.to_string() }
}

pub(crate) fn event_from_row(row: &Row<'_>) -> Result<EventRecord> {
    let mut c = Cols::new(row, "events");
    let key: i64 = c.get()?;
    let id: String = c.get()?;
    let article_id: String = c.get()?;
    let lead: bool = c.get()?;
    let date = c.date("date")?;
    let precision = c.parsed("date_precision", parse_precision)?;
    let date_span = c.opt_span("date")?;
    let source = c.opt_actor("source")?.ok_or_else(|| corrupt("source_code", "no source"))?;
    let target = c.opt_actor("target")?;
    let cameo = c.cameo("cameo")?;
    let plover = c.opt_plover("plover")?;
    let plover_mode: String = c.get()?;
    let context_json: String = c.get()?;
    let plover_context: Vec<String> =
        serde_json::from_str(&context_json).map_err(|e| corrupt("plover_context", e))?;
    let goldstein: f64 = c.get()?;
    let quad: i64 = c.get()?;
    let quad_class = u8::try_from(quad)
        .ok()
        .and_then(|q| QuadClass::try_from(q).ok())
        .ok_or_else(|| corrupt("quad_class", quad))?;
    let attribution = c.parsed("attribution", parse_attribution)?;
    let condition_text: Option<String> = c.get()?;
    let condition_span = c.opt_span("condition")?;
    let mut condition = match (condition_text, condition_span) {
        (Some(text), Some(span)) => Some(Condition { text, span, trigger: None }),
        (None, None) => None,
        _ => return Err(corrupt("condition_text", "condition without its span")),
    };
    let future: bool = c.get()?;
    let hypothetical: bool = c.get()?;
    let negated: bool = c.get()?;
    let habitual: bool = c.get()?;
    let quote_json: Option<String> = c.get()?;
    let quote: Option<Quote> =
        quote_json.map(|json| serde_json::from_str(&json)).transpose().map_err(|e| corrupt("quote", e))?;
    let speaker = c.opt_actor("speaker")?;
    let location: Option<String> = c.get()?;
    let sentence = c.span("sentence")?;
    let sentence_text: String = c.get()?;
    let trigger = c.span("trigger")?;
    let rule: String = c.get()?;
    let dictionary_version: String = c.get()?;
    let article = ArticleRef {
        id: article_id.clone(),
        url: c.get()?,
        title: c.get()?,
        outlet: c.get()?,
        published: c.opt_date("published")?,
        added: c.get()?,
    };
    let cluster: Option<i64> = c.get()?;
    let trigger_json: Option<String> = c.get()?;
    match (&mut condition, trigger_json) {
        (Some(condition), Some(json)) => {
            condition.trigger =
                Some(serde_json::from_str(&json).map_err(|e| corrupt("condition_trigger", e))?);
        }
        (None, Some(_)) => return Err(corrupt("condition_trigger", "a trigger without a condition")),
        (_, None) => {}
    }
    let pledge_json: Option<String> = c.get()?;
    let pledge: Option<Pledge> =
        pledge_json.map(|json| serde_json::from_str(&json)).transpose().map_err(|e| corrupt("pledge", e))?;
    let event = Event {
        id,
        article_id,
        source,
        target,
        cameo,
        plover,
        plover_mode,
        plover_context,
        // Stored from an f32, so the round trip is exact.
        goldstein: goldstein as f32,
        quad_class,
        modality: Modality { attribution, condition, future, hypothetical, negated, habitual },
        quote,
        speaker,
        date: EventDate { date, precision, span: date_span },
        location,
        evidence: Evidence { sentence, sentence_text, trigger, rule, dictionary_version },
        pledge,
    };
    Ok(EventRecord { key, event, lead, article, cluster: cluster.map(ClusterId::from_i64) })
}

/// Every event with a pledge, in event order (date, pk), handed to `sink` one at a time:
/// the reports the commitments register can use, read through the partial index
/// `events_pledge` (the other events are never read).
pub(crate) fn pledge_events(
    conn: &Connection,
    sink: &mut dyn FnMut(EventRecord) -> Result<()>,
) -> Result<u64> {
    // `INDEXED BY`: the partial index is the plan whatever the statistics say (a scan
    // of every event is what this query exists to avoid).
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e INDEXED BY events_pledge JOIN articles a ON a.pk = e.article_pk
         WHERE e.pledge IS NOT NULL ORDER BY e.date, e.pk"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        sink(event_from_row(row)?)?;
        n += 1;
    }
    Ok(n)
}

/// Reads rows of `stmt` with `read`, collecting the first error.
pub(crate) fn collect<T>(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
    read: fn(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read(row)?);
    }
    Ok(out)
}

fn mention_from_row(row: &Row<'_>) -> Result<Mention> {
    let mut c = Cols::new(row, "mentions");
    let span = c.span("span")?;
    let text: String = c.get()?;
    let code = c.actor_code("code")?;
    let kind = c.parsed("kind", parse_mention_kind)?;
    let name: Option<String> = c.get()?;
    let antecedent = c.opt_span("antecedent")?;
    let confidence: f64 = c.get()?;
    Ok(Mention { span, text, code, kind, name, antecedent, confidence: confidence as f32 })
}

fn quote_from_row(row: &Row<'_>) -> Result<Quote> {
    let mut c = Cols::new(row, "quotes");
    let text: String = c.get()?;
    let span = c.span("span")?;
    let kind = c.parsed("kind", parse_quote_kind)?;
    let speaker = c.opt_actor("speaker")?;
    let frame = c.opt_span("frame")?;
    Ok(Quote { text, span, kind, speaker, frame })
}

/// The article with this id and everything coded from it.
pub(crate) fn article(conn: &Connection, id: &str) -> Result<Option<StoredArticle>> {
    let head = conn
        .prepare_cached(
            "SELECT pk, id, url, format, text, site, language, fields, content_hash, added,
                    neardup_group
             FROM articles WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, Vec<u8>>(8)?,
                row.get::<_, String>(9)?,
                row.get::<_, Option<i64>>(10)?,
            ))
        })
        .optional()?;
    let Some((pk, id, url, format, text, site, language, fields, hash, added, group)) = head else {
        return Ok(None);
    };
    let format = parse_format(&format).ok_or_else(|| Error::Corrupt {
        table: "articles",
        column: "format",
        detail: format!("unknown format {format:?}"),
    })?;
    let fields: ArticleFields = serde_json::from_str(&fields).map_err(|e| Error::Corrupt {
        table: "articles",
        column: "fields",
        detail: e.to_string(),
    })?;
    let content_hash = <[u8; 32]>::try_from(hash.as_slice()).map(ContentHash).map_err(|_| {
        Error::Corrupt { table: "articles", column: "content_hash", detail: format!("{} bytes", hash.len()) }
    })?;
    let article = fields.into_article(id, url, format, text, site, language);

    let mentions = collect(
        &mut *conn.prepare_cached(
            "SELECT span_start, span_end, text, code, kind, name, antecedent_start, antecedent_end,
                    confidence
             FROM mentions WHERE article_pk = ?1 ORDER BY pk",
        )?,
        [pk],
        mention_from_row,
    )?;
    let quotes = collect(
        &mut *conn.prepare_cached(
            "SELECT text, span_start, span_end, kind, speaker_code, speaker_text, speaker_start,
                    speaker_end, speaker_name, frame_start, frame_end
             FROM quotes WHERE article_pk = ?1 ORDER BY pk",
        )?,
        [pk],
        quote_from_row,
    )?;
    let records = collect(
        &mut *conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
             WHERE e.article_pk = ?1 ORDER BY e.pk"
        ))?,
        [pk],
        event_from_row,
    )?;
    let clusters = records.iter().map(|record| record.cluster).collect();
    let events = records.into_iter().map(|record| record.event).collect();
    Ok(Some(StoredArticle {
        key: pk,
        article,
        content_hash,
        added,
        mentions,
        events,
        quotes,
        group: group.map(GroupId::from_i64),
        clusters,
    }))
}
