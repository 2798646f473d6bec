//! What the analysis needs from the store (schema version 2): event points with their
//! clusters, the recent fingerprints and points that rebuild the ingest's analysis state
//! after a restart, and per-cluster counts.

use super::query::filter_where;
use crate::record::{ClusterCount, FingerprintRecord, PointRecord};
use crate::{Error, EventFilter, Result};
use faultline_analysis::{ArticleFingerprint, ClusterId, EventPoint, GroupId, fingerprint};
use faultline_model::QuadClass;
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

/// The SELECT list of [`point_from_row`], over `events e JOIN articles a`. The evidence
/// sentence and location are read only where their fingerprints were not stored.
const POINT_COLUMNS: &str = "
    e.pk, e.id, a.id, coalesce(a.outlet, a.site),
    e.source_code, e.target_code, e.cameo, e.plover, e.quad_class, e.goldstein,
    e.date, e.date_precision, coalesce(a.published, substr(a.added, 1, 10)), e.factual,
    e.evidence_fp, CASE WHEN e.evidence_fp IS NULL THEN e.sentence_text END,
    a.neardup_group,
    e.location_fp, CASE WHEN e.location_fp IS NULL THEN e.location END,
    e.cluster_id";

fn corrupt(column: &'static str, detail: impl ToString) -> Error {
    Error::Corrupt { table: "events", column, detail: detail.to_string() }
}

fn fp_u64(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
}

fn point_from_row(row: &Row<'_>) -> Result<PointRecord> {
    let mut c = super::codec::Cols::new(row, "events");
    let key: i64 = c.get()?;
    let id: String = c.get()?;
    let article_id: String = c.get()?;
    let outlet: Option<String> = c.get()?;
    let source = c.actor_code("source_code")?;
    let target = c.opt_actor_code("target_code")?;
    let cameo = c.cameo("cameo")?;
    let plover = c.opt_plover("plover")?;
    let quad: i64 = c.get()?;
    let quad = u8::try_from(quad)
        .ok()
        .and_then(|q| QuadClass::try_from(q).ok())
        .ok_or_else(|| corrupt("quad_class", quad))?;
    let goldstein: f64 = c.get()?;
    let date = c.date("date")?;
    let precision = c.parsed("date_precision", super::codec::parse_precision)?;
    let reported = c.date("published")?;
    let factual: bool = c.get()?;
    let evidence_fp: Option<i64> = c.get()?;
    let sentence: Option<String> = c.get()?;
    let group: Option<i64> = c.get()?;
    let location_fp: Option<i64> = c.get()?;
    let location: Option<String> = c.get()?;
    let cluster: Option<i64> = c.get()?;
    let point = EventPoint {
        id,
        article_id,
        outlet,
        source,
        target,
        cameo,
        plover,
        quad,
        goldstein: goldstein as f32,
        date,
        precision,
        reported,
        factual,
        evidence: evidence_fp.map(fp_u64).or_else(|| sentence.as_deref().and_then(fingerprint::sentence)),
        group: group.map(GroupId::from_i64),
        location: location_fp.map(fp_u64).or_else(|| location.as_deref().and_then(fingerprint::place)),
    };
    Ok(PointRecord { key, point, cluster: cluster.map(ClusterId::from_i64) })
}

/// Every event matching `filter` as a point, in store order, to `sink`.
pub(crate) fn event_points(
    conn: &Connection,
    filter: &EventFilter,
    sink: &mut dyn FnMut(PointRecord) -> Result<()>,
) -> Result<u64> {
    let Some((condition, params)) = filter_where(filter) else { return Ok(0) };
    let sql = format!(
        "SELECT {POINT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
         WHERE {condition} ORDER BY e.pk"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        sink(point_from_row(row)?)?;
        n += 1;
    }
    Ok(n)
}

/// The events of the last `articles` articles stored, in store order.
pub(crate) fn recent_points(conn: &Connection, articles: usize) -> Result<Vec<PointRecord>> {
    if articles == 0 {
        return Ok(Vec::new());
    }
    // The key of the oldest article of the window: a walk down the primary key.
    let offset = i64::try_from(articles - 1).unwrap_or(i64::MAX);
    let first: i64 = conn
        .prepare_cached("SELECT coalesce((SELECT pk FROM articles ORDER BY pk DESC LIMIT 1 OFFSET ?1), 0)")?
        .query_row([offset], |row| row.get(0))?;
    let sql = format!(
        "SELECT {POINT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk
         WHERE e.article_pk >= ?1 ORDER BY e.pk"
    );
    super::read::collect(&mut *conn.prepare_cached(&sql)?, [first], point_from_row)
}

/// The last `limit` articles stored with a fingerprint, oldest first.
pub(crate) fn recent_fingerprints(conn: &Connection, limit: usize) -> Result<Vec<FingerprintRecord>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT pk, id, coalesce(published, substr(added, 1, 10)), neardup_fp, neardup_group
         FROM articles WHERE neardup_fp IS NOT NULL AND neardup_group IS NOT NULL
         ORDER BY pk DESC LIMIT ?1",
    )?;
    let mut rows = stmt.query([limit])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut c = super::codec::Cols::new(row, "articles");
        let key: i64 = c.get()?;
        let article_id: String = c.get()?;
        let published = c.date("published")?;
        let bytes: Vec<u8> = c.get()?;
        let group: i64 = c.get()?;
        let fingerprint = match ArticleFingerprint::from_bytes(&bytes) {
            Ok(fingerprint) => fingerprint,
            // Stored by an older faultline: computed again from the stored text.
            Err(faultline_analysis::Error::FingerprintVersion { .. }) => refingerprint(conn, key)?,
            Err(e) => {
                return Err(Error::Corrupt {
                    table: "articles",
                    column: "neardup_fp",
                    detail: e.to_string(),
                });
            }
        };
        out.push(FingerprintRecord {
            key,
            article_id,
            published,
            fingerprint,
            group: GroupId::from_i64(group),
        });
    }
    out.reverse();
    Ok(out)
}

/// The fingerprint of the stored article `pk`'s body, as the engine computes it at
/// ingest. For fingerprints of an older [`fingerprint::VERSION`].
fn refingerprint(conn: &Connection, pk: i64) -> Result<ArticleFingerprint> {
    let (text, fields): (String, String) = conn
        .prepare_cached("SELECT text, fields FROM articles WHERE pk = ?1")?
        .query_row([pk], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let fields: super::codec::ArticleFields = serde_json::from_str(&fields).map_err(|e| Error::Corrupt {
        table: "articles",
        column: "fields",
        detail: e.to_string(),
    })?;
    let article = fields.into_article(String::new(), None, faultline_model::Format::Text, text, None, None);
    Ok(ArticleFingerprint::of_text(article.body()))
}

/// Counts of the stored reports of each of `clusters` (unknown ones are left out), in
/// the order given.
pub(crate) fn cluster_counts(conn: &Connection, clusters: &[ClusterId]) -> Result<Vec<ClusterCount>> {
    let mut out = Vec::with_capacity(clusters.len());
    let mut stmt = conn.prepare_cached(
        "SELECT count(*), count(DISTINCT e.article_pk), count(DISTINCT coalesce(a.outlet, a.site)),
                min(e.date), max(e.date)
         FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.cluster_id = ?1",
    )?;
    for &cluster in clusters {
        let (reports, articles, outlets, first, last) =
            stmt.query_row([Value::Integer(cluster.as_i64())], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                ))
            })?;
        let (Some(first), Some(last)) = (first, last) else { continue };
        let date = |text: String| text.parse().map_err(|e| corrupt("date", format!("{text:?}: {e}")));
        out.push(ClusterCount {
            cluster,
            reports: u64::try_from(reports).unwrap_or(0),
            articles: u64::try_from(articles).unwrap_or(0),
            outlets: u64::try_from(outlets).unwrap_or(0),
            first: date(first)?,
            last: date(last)?,
        });
    }
    Ok(out)
}
