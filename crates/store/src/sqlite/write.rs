//! Writing a batch: one transaction, prepared statements, duplicates recognised.

use super::codec::{ArticleFieldsRef, attribution_str, precision_str, quote_kind_str};
use crate::record::{ArticleRecord, BatchReport, CodedArticle, ContentHash, Duplicate, MatchedBy};
use crate::{Error, Result};
use faultline_analysis::{ClusterId, fingerprint};
use faultline_model::{ActorRef, Article, Event, Mention, Quote, Skip, Span};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

const INSERT_ARTICLE: &str = "
INSERT INTO articles (id, url, content_hash, format, title, published, outlet, site, byline,
                      dateline, agency, standfirst, language, text, fields, neardup_fp, neardup_group)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
ON CONFLICT DO NOTHING";

const INSERT_MENTION: &str = "
INSERT INTO mentions (article_pk, span_start, span_end, text, code, kind, name,
                      antecedent_start, antecedent_end, confidence)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

const INSERT_QUOTE: &str = "
INSERT INTO quotes (article_pk, text, span_start, span_end, kind, speaker_code, speaker_text,
                    speaker_start, speaker_end, speaker_name, frame_start, frame_end)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

const INSERT_EVENT: &str = "
INSERT INTO events (id, article_pk, date, date_precision, date_start, date_end,
    source_code, source_root, source_country, source_text, source_start, source_end, source_name,
    target_code, target_root, target_country, target_text, target_start, target_end, target_name,
    cameo, cameo_root, plover, plover_mode, plover_context, goldstein, quad_class,
    attribution, condition_text, condition_start, condition_end,
    future, hypothetical, negated, habitual, factual,
    quote_text, quote_start, quote_end, quote,
    speaker_code, speaker_text, speaker_start, speaker_end, speaker_name,
    location, sentence_start, sentence_end, sentence_text, trigger_start, trigger_end,
    rule, dictionary_version, lead, cluster_id, evidence_fp, location_fp, condition_trigger, pledge)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
    ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39,
    ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53, ?54, ?55, ?56, ?57, ?58, ?59)";

const INSERT_SKIP: &str = "INSERT INTO skips (id, reason, detail) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

const UPSERT_ACTOR: &str = "
INSERT INTO actors (code, n_source, n_target, n_mentions, first_date, last_date)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (code) DO UPDATE SET
    n_source = n_source + excluded.n_source,
    n_target = n_target + excluded.n_target,
    n_mentions = n_mentions + excluded.n_mentions,
    first_date = min(coalesce(first_date, excluded.first_date), coalesce(excluded.first_date, first_date)),
    last_date = max(coalesce(last_date, excluded.last_date), coalesce(excluded.last_date, last_date))";

const UPSERT_ACTOR_NAME: &str = "
INSERT INTO actor_names (code, name, n) VALUES (?1, ?2, ?3)
ON CONFLICT (code, name) DO UPDATE SET n = n + excluded.n";

/// Stores one batch inside `tx`. The caller commits; any error leaves the transaction
/// to be rolled back, so a batch is stored whole or not at all.
pub(crate) fn store_batch(tx: &Transaction<'_>, records: &[ArticleRecord]) -> Result<BatchReport> {
    let mut report = BatchReport::default();
    let mut tally = ActorTally::default();
    // Rows of this batch get keys above the current maxima (no other writer inside our
    // transaction; INTEGER PRIMARY KEY without AUTOINCREMENT takes max + 1).
    let last_article: i64 =
        tx.prepare_cached("SELECT coalesce(max(pk), 0) FROM articles")?.query_row([], |r| r.get(0))?;
    let last_event: i64 =
        tx.prepare_cached("SELECT coalesce(max(pk), 0) FROM events")?.query_row([], |r| r.get(0))?;
    for record in records {
        match record {
            ArticleRecord::Coded(coded) => store_article(tx, coded, &mut report, &mut tally)?,
            ArticleRecord::Skipped(skip) => store_skip(tx, skip, &mut report)?,
        }
    }
    tally.flush(tx)?;
    let mut add = tx.prepare_cached("UPDATE totals SET n = n + ?2 WHERE name = ?1")?;
    for (name, n) in [
        ("articles", report.stored),
        ("events", report.events),
        ("mentions", report.mentions),
        ("quotes", report.quotes),
    ] {
        if n > 0 {
            add.execute(params![name, i64::try_from(n).unwrap_or(i64::MAX)])?;
        }
    }
    // The full-text indexes last, in one statement each (see the schema's note).
    if report.stored > 0 {
        tx.prepare_cached(
            "INSERT INTO articles_fts (rowid, title, text) SELECT pk, title, text FROM articles WHERE pk > ?1",
        )?
        .execute([last_article])?;
    }
    if report.events > 0 {
        tx.prepare_cached(
            "INSERT INTO events_fts (rowid, sentence_text) SELECT pk, sentence_text FROM events WHERE pk > ?1",
        )?
        .execute([last_event])?;
    }
    Ok(report)
}

fn store_article(
    tx: &Transaction<'_>,
    coded: &CodedArticle,
    report: &mut BatchReport,
    tally: &mut ActorTally,
) -> Result<()> {
    let article = &coded.article;
    let mut ids = std::collections::HashSet::with_capacity(coded.events.len());
    for event in &coded.events {
        if !ids.insert(event.id.as_str()) {
            return Err(Error::Invalid {
                id: article.id.clone(),
                detail: format!("two events with id {}", event.id),
            });
        }
        if event.article_id != article.id {
            return Err(Error::Invalid {
                id: article.id.clone(),
                detail: format!("event {} names article {:?}", event.id, event.article_id),
            });
        }
        if event_article_id(&event.id) != Some(article.id.as_str()) {
            return Err(Error::Invalid {
                id: article.id.clone(),
                detail: format!("event id {:?} is not `{}#{{n}}`", event.id, article.id),
            });
        }
    }
    if !coded.clusters.is_empty() && coded.clusters.len() != coded.events.len() {
        return Err(Error::Invalid {
            id: article.id.clone(),
            detail: format!("{} cluster ids for {} events", coded.clusters.len(), coded.events.len()),
        });
    }
    let hash = ContentHash::of_text(&article.text);
    let fields = serde_json::to_string(&ArticleFieldsRef::of(article))?;
    let near_dup = coded.near_dup.as_ref();
    let inserted = tx.prepare_cached(INSERT_ARTICLE)?.execute(params![
        article.id,
        stored_url(article),
        hash.as_bytes().as_slice(),
        article.format.to_string(),
        value(&article.title),
        article.published.as_ref().map(|p| p.date.to_string()),
        value(&article.outlet),
        article.site,
        value(&article.byline),
        value(&article.dateline),
        value(&article.agency),
        value(&article.standfirst),
        article.language,
        article.text,
        fields,
        near_dup.map(|n| n.fingerprint.to_bytes()),
        near_dup.map(|n| n.group.as_i64()),
    ])?;
    if inserted == 0 {
        report.duplicates.push(find_duplicate(tx, article, &hash)?);
        return Ok(());
    }
    let article_pk = tx.last_insert_rowid();
    // An article supersedes an earlier skip of the same document.
    tx.prepare_cached("DELETE FROM skips WHERE id = ?1")?.execute([&article.id])?;

    let mut insert_mention = tx.prepare_cached(INSERT_MENTION)?;
    for mention in &coded.mentions {
        insert_mention.execute(params![
            article_pk,
            mention.span.start,
            mention.span.end,
            mention.text,
            mention.code.as_str(),
            mention.kind.as_str(),
            mention.name,
            mention.antecedent.map(|s| s.start),
            mention.antecedent.map(|s| s.end),
            f64::from(mention.confidence),
        ])?;
        tally.mention(mention);
    }
    let mut insert_quote = tx.prepare_cached(INSERT_QUOTE)?;
    for quote in &coded.quotes {
        insert_quote_row(&mut insert_quote, article_pk, quote)?;
    }
    let mut insert_event = tx.prepare_cached(INSERT_EVENT)?;
    for (n, event) in coded.events.iter().enumerate() {
        let cluster = coded.clusters.get(n).copied();
        insert_event_row(&mut insert_event, article_pk, article, event, cluster)?;
        tally.event(event);
    }
    report.stored += 1;
    report.mentions += coded.mentions.len();
    report.quotes += coded.quotes.len();
    report.events += coded.events.len();
    Ok(())
}

/// The URL as stored: a blank URL is no URL (else every blank-URL article would be a
/// duplicate of the first).
fn stored_url(article: &Article) -> Option<&str> {
    article.url.as_deref().filter(|url| !url.trim().is_empty())
}

/// The value of an optional field.
fn value(field: &Option<faultline_model::Field>) -> Option<&str> {
    field.as_ref().map(|f| f.value.as_str())
}

/// The article id of an event id `{article_id}#{n}`.
pub(crate) fn event_article_id(event_id: &str) -> Option<&str> {
    event_id.rsplit_once('#').map(|(article, _)| article)
}

/// Which stored article made the insert a no-op.
fn find_duplicate(tx: &Transaction<'_>, article: &Article, hash: &ContentHash) -> Result<Duplicate> {
    let by_id: Option<String> = tx
        .prepare_cached("SELECT id FROM articles WHERE id = ?1")?
        .query_row([&article.id], |row| row.get(0))
        .optional()?;
    if let Some(of) = by_id {
        return Ok(Duplicate { id: article.id.clone(), of, by: MatchedBy::Id });
    }
    if let Some(url) = stored_url(article) {
        let by_url: Option<String> = tx
            .prepare_cached("SELECT id FROM articles WHERE url = ?1")?
            .query_row([url], |row| row.get(0))
            .optional()?;
        if let Some(of) = by_url {
            return Ok(Duplicate { id: article.id.clone(), of, by: MatchedBy::Url });
        }
    }
    let of: String = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash.as_bytes().as_slice()], |row| row.get(0))?;
    Ok(Duplicate { id: article.id.clone(), of, by: MatchedBy::ContentHash })
}

fn store_skip(tx: &Transaction<'_>, skip: &Skip, report: &mut BatchReport) -> Result<()> {
    let article: Option<String> = tx
        .prepare_cached("SELECT id FROM articles WHERE id = ?1")?
        .query_row([&skip.id], |row| row.get(0))
        .optional()?;
    if let Some(of) = article {
        report.duplicates.push(Duplicate { id: skip.id.clone(), of, by: MatchedBy::Id });
        return Ok(());
    }
    let detail = serde_json::to_string(&skip.reason)?;
    let key = skip.reason.key();
    let inserted = tx.prepare_cached(INSERT_SKIP)?.execute(params![skip.id, key, detail])?;
    if inserted == 0 {
        report.duplicates.push(Duplicate { id: skip.id.clone(), of: skip.id.clone(), by: MatchedBy::Id });
    } else {
        report.skipped += 1;
        *report.skipped_by_reason.entry(key.to_string()).or_default() += 1;
    }
    Ok(())
}

/// A 64-bit fingerprint as an SQLite INTEGER (the same bits).
pub(crate) fn fp_i64(fp: u64) -> i64 {
    i64::from_ne_bytes(fp.to_ne_bytes())
}

fn span_cols(span: Option<Span>) -> (Option<u32>, Option<u32>) {
    (span.map(|s| s.start), span.map(|s| s.end))
}

fn insert_quote_row(stmt: &mut rusqlite::CachedStatement<'_>, article_pk: i64, quote: &Quote) -> Result<()> {
    let speaker = quote.speaker.as_ref();
    let (frame_start, frame_end) = span_cols(quote.frame);
    stmt.execute(params![
        article_pk,
        quote.text,
        quote.span.start,
        quote.span.end,
        quote_kind_str(quote.kind),
        speaker.map(|s| s.code.as_str()),
        speaker.map(|s| s.text.as_str()),
        speaker.map(|s| s.span.start),
        speaker.map(|s| s.span.end),
        speaker.and_then(|s| s.name.as_deref()),
        frame_start,
        frame_end,
    ])?;
    Ok(())
}

/// True when the sentence lies in the title or the first paragraph.
fn is_lead(article: &Article, sentence: Span) -> bool {
    let in_title = article.title.as_ref().and_then(|t| t.span).is_some_and(|t| t.contains(sentence));
    let in_first = article.paragraphs.first().is_some_and(|p| p.contains(sentence));
    in_title || in_first
}

/// The columns of one side of an event: code, root, country, text, span, name.
type SideColumns<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<u32>,
    Option<u32>,
    Option<&'a str>,
);

fn side(actor: Option<&ActorRef>) -> SideColumns<'_> {
    (
        actor.map(|a| a.code.as_str()),
        actor.map(|a| a.code.root()),
        actor.and_then(|a| a.code.country()),
        actor.map(|a| a.text.as_str()),
        actor.map(|a| a.span.start),
        actor.map(|a| a.span.end),
        actor.and_then(|a| a.name.as_deref()),
    )
}

fn insert_event_row(
    stmt: &mut rusqlite::CachedStatement<'_>,
    article_pk: i64,
    article: &Article,
    event: &Event,
    cluster: Option<ClusterId>,
) -> Result<()> {
    let source = &event.source;
    let target = event.target.as_ref();
    let speaker = event.speaker.as_ref();
    let modality = &event.modality;
    let condition = modality.condition.as_ref();
    let quote = event.quote.as_ref();
    let quote_json = quote.map(serde_json::to_string).transpose()?;
    let context = serde_json::to_string(&event.plover_context)?;
    let trigger_json = condition.and_then(|c| c.trigger.as_ref()).map(serde_json::to_string).transpose()?;
    let pledge_json = event.pledge.as_ref().map(serde_json::to_string).transpose()?;
    let (date_start, date_end) = span_cols(event.date.span);
    let evidence = &event.evidence;
    let (s_code, s_root, s_country, s_text, s_start, s_end, s_name) = side(Some(source));
    let (t_code, t_root, t_country, t_text, t_start, t_end, t_name) = side(target);
    stmt.execute(params![
        event.id,
        article_pk,
        event.date.date.to_string(),
        precision_str(event.date.precision),
        date_start,
        date_end,
        s_code,
        s_root,
        s_country,
        s_text,
        s_start,
        s_end,
        s_name,
        t_code,
        t_root,
        t_country,
        t_text,
        t_start,
        t_end,
        t_name,
        event.cameo.as_str(),
        event.cameo.root(),
        event.plover.map(|p| p.as_str()),
        event.plover_mode,
        context,
        f64::from(event.goldstein),
        u8::from(event.quad_class),
        attribution_str(modality.attribution),
        condition.map(|c| c.text.as_str()),
        condition.map(|c| c.span.start),
        condition.map(|c| c.span.end),
        modality.future,
        modality.hypothetical,
        modality.negated,
        modality.habitual,
        modality.is_factual(),
        quote.map(|q| q.text.as_str()),
        quote.map(|q| q.span.start),
        quote.map(|q| q.span.end),
        quote_json,
        speaker.map(|s| s.code.as_str()),
        speaker.map(|s| s.text.as_str()),
        speaker.map(|s| s.span.start),
        speaker.map(|s| s.span.end),
        speaker.and_then(|s| s.name.as_deref()),
        event.location,
        evidence.sentence.start,
        evidence.sentence.end,
        evidence.sentence_text,
        evidence.trigger.start,
        evidence.trigger.end,
        evidence.rule,
        evidence.dictionary_version,
        is_lead(article, evidence.sentence),
        cluster.map(ClusterId::as_i64),
        fingerprint::sentence(&evidence.sentence_text).map(fp_i64),
        event.location.as_deref().and_then(fingerprint::place).map(fp_i64),
        trigger_json,
        pledge_json,
    ])?;
    Ok(())
}

/// Per-batch actor counts, written with one upsert per code at the end of the batch.
#[derive(Default)]
struct ActorTally {
    actors: HashMap<String, ActorCounts>,
    names: HashMap<(String, String), i64>,
}

#[derive(Default)]
struct ActorCounts {
    n_source: i64,
    n_target: i64,
    n_mentions: i64,
    first: Option<jiff::civil::Date>,
    last: Option<jiff::civil::Date>,
}

impl ActorTally {
    fn counts(&mut self, code: &str) -> &mut ActorCounts {
        self.actors.entry(code.to_string()).or_default()
    }

    fn name(&mut self, code: &str, name: &str) {
        *self.names.entry((code.to_string(), name.to_string())).or_default() += 1;
    }

    fn mention(&mut self, mention: &Mention) {
        self.counts(mention.code.as_str()).n_mentions += 1;
        if let Some(name) = &mention.name {
            self.name(mention.code.as_str(), name);
        } else if mention.kind == faultline_model::MentionKind::Name {
            self.name(mention.code.as_str(), &mention.text);
        }
    }

    fn event(&mut self, event: &Event) {
        let date = event.date.date;
        let mut side = |actor: &ActorRef, is_source: bool| {
            let counts = self.counts(actor.code.as_str());
            if is_source {
                counts.n_source += 1;
            } else {
                counts.n_target += 1;
            }
            counts.first = Some(counts.first.map_or(date, |d| d.min(date)));
            counts.last = Some(counts.last.map_or(date, |d| d.max(date)));
        };
        side(&event.source, true);
        if let Some(target) = &event.target {
            side(target, false);
        }
        for actor in [Some(&event.source), event.target.as_ref()].into_iter().flatten() {
            if let Some(name) = &actor.name {
                self.name(actor.code.as_str(), name);
            }
        }
    }

    fn flush(self, tx: &Transaction<'_>) -> Result<()> {
        let mut upsert = tx.prepare_cached(UPSERT_ACTOR)?;
        for (code, c) in &self.actors {
            upsert.execute(params![
                code,
                c.n_source,
                c.n_target,
                c.n_mentions,
                c.first.map(|d| d.to_string()),
                c.last.map(|d| d.to_string()),
            ])?;
        }
        let mut upsert_name = tx.prepare_cached(UPSERT_ACTOR_NAME)?;
        for ((code, name), n) in &self.names {
            upsert_name.execute(params![code, name, n])?;
        }
        Ok(())
    }
}
