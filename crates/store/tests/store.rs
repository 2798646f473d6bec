//! The store's integration tests: round trips, filters (one line per case), paging,
//! idempotency, atomic batches, migrations, injection attempts, exports.

// Test helpers outside #[test] functions too: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use faultline_model::{
    ActorCode, ActorRef, Article, Attribution, Basis, BasisKind, BlockKind, CameoCode, Condition, Event,
    EventDate, Evidence, Field, Format, Mention, MentionKind, Modality, Pledge, Plover, Precision, Published,
    QuadClass, Quote, QuoteKind, RelatedLink, Skip, SkipReason, Span, Stance, Terms, Trigger, TriggerAction,
};
use faultline_store::synth::{article, event};
use faultline_store::{
    ArticleRecord, Bucket, CodedArticle, ContentHash, DocKey, Error, EventFilter, EventStore, EventWriter,
    ExportFormat, MatchedBy, ModalityFlag, Page, SCHEMA_VERSION, Seen, SqliteStore,
};
use jiff::civil::{Date, date};

fn store() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

fn records(coded: impl IntoIterator<Item = CodedArticle>) -> Vec<ArticleRecord> {
    coded.into_iter().map(ArticleRecord::from).collect()
}

// ---------------------------------------------------------------------------------------
// round trips

fn code(s: &str) -> ActorCode {
    s.parse().unwrap()
}

/// An article with every field set, and coded data using every variant.
fn full_article() -> CodedArticle {
    let mut b = faultline_model::ArticleBuilder::new("full-1", Format::Html);
    let title = b.push(BlockKind::Title, "Russia vows to support China");
    let standfirst = b.push(BlockKind::Standfirst, "Moscow's pledge is conditional.");
    let byline = b.push(BlockKind::Byline, "By A. Writer");
    let p1 = b.push(
        BlockKind::Paragraph,
        "MOSCOW - Russia will support China if a Taiwan contingency flares up, Lavrov said. \"We stand with Beijing,\" he said.",
    );
    let p2 = b.push(BlockKind::Paragraph, "Chinese bombers have repeatedly flown near Japan in November.");
    let signature = b.push(BlockKind::Signature, "KYODO NEWS");
    let caption = b.push(BlockKind::Caption, "Lavrov in Moscow.");
    let credit = b.push(BlockKind::Credit, "Photo: Agency");
    let related = b.push(BlockKind::Related, "More: Japan protests");
    let mut article: Article = b.finish();
    let text = article.text.clone();
    let at = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    article.url = Some("https://news.example/full-1".into());
    article.title = Some(Field::at("Russia vows to support China", title));
    article.published =
        Some(Published { date: date(2025, 11, 30), raw: "Nov 30, 2025 09:15 JST".into(), span: None });
    article.outlet = Some(Field::meta("The Synthetic Times"));
    article.site = Some("news.example".into());
    article.byline = Some(Field::at("A. Writer", byline));
    article.dateline = Some(Field::at("MOSCOW", at("MOSCOW")));
    article.agency = Some(Field::at("Kyodo News", signature));
    article.standfirst = Some(Field::at("Moscow's pledge is conditional.", standfirst));
    article.captions = vec![Field::at("Lavrov in Moscow.", caption)];
    article.credits = vec![Field::at("Agency", credit)];
    article.related = vec![RelatedLink {
        title: Field::at("Japan protests", related),
        url: Some("https://news.example/r".into()),
    }];
    article.language = Some("eng".into());
    assert!(article.check().is_ok());
    assert_eq!(article.paragraphs, vec![p1, p2]);

    let russia =
        ActorRef { code: code("RUSGOV"), text: "Russia".into(), span: at("Russia will"), name: None };
    let russia = ActorRef { span: Span { start: russia.span.start, end: russia.span.start + 6 }, ..russia };
    let china = ActorRef {
        code: code("CHN"),
        text: "China".into(),
        span: at("China if"),
        name: Some("China".into()),
    };
    let china = ActorRef { span: Span { start: china.span.start, end: china.span.start + 5 }, ..china };
    let lavrov = ActorRef {
        code: code("RUSGOV"),
        text: "Lavrov".into(),
        span: at("Lavrov said"),
        name: Some("Sergei Lavrov".into()),
    };
    let lavrov = ActorRef { span: Span { start: lavrov.span.start, end: lavrov.span.start + 6 }, ..lavrov };
    let he = at("he said");
    let he = Span { start: he.start, end: he.start + 2 };
    let quote = Quote {
        text: "We stand with Beijing,".into(),
        span: at("We stand with Beijing,"),
        kind: QuoteKind::Direct,
        speaker: Some(ActorRef {
            code: code("RUSGOV"),
            text: "he".into(),
            span: he,
            name: Some("Sergei Lavrov".into()),
        }),
        frame: Some(at("he said")),
    };
    let sentence1 = at("MOSCOW - Russia will support China if a Taiwan contingency flares up, Lavrov said.");
    let pledge = Event {
        id: "full-1#1".into(),
        article_id: "full-1".into(),
        source: russia.clone(),
        target: Some(china.clone()),
        cameo: "0311".parse::<CameoCode>().unwrap(),
        plover: Some(Plover::Agree),
        plover_mode: "pledge".into(),
        plover_context: vec!["military".into(), "territory".into()],
        goldstein: 4.5,
        quad_class: QuadClass::VerbalCooperation,
        modality: Modality {
            attribution: Attribution::Reported,
            condition: Some(Condition {
                text: "if a Taiwan contingency flares up".into(),
                span: at("if a Taiwan contingency flares up"),
                trigger: Some(Trigger {
                    source: None,
                    action: TriggerAction::Conflict,
                    target: Some(ActorRef {
                        code: code("TWN"),
                        text: "Taiwan".into(),
                        span: Span::new(
                            at("Taiwan contingency").range().start,
                            at("Taiwan contingency").range().start + 6,
                        ),
                        name: Some("Taiwan".into()),
                    }),
                    negated: false,
                    cue: "contingency".into(),
                }),
            }),
            future: true,
            hypothetical: false,
            negated: false,
            habitual: false,
        },
        quote: Some(quote.clone()),
        speaker: Some(lavrov.clone()),
        date: EventDate { date: date(2025, 11, 30), precision: Precision::Day, span: None },
        location: Some("Moscow".into()),
        evidence: Evidence {
            sentence: sentence1,
            sentence_text: sentence1.slice(&text).into(),
            trigger: {
                let will = at("will support");
                Span { start: will.start + 5, end: will.end }
            },
            rule: "verbs.txt:412 AGREE +will support".into(),
            dictionary_version: "dict-2025.11".into(),
        },
        pledge: Some(Pledge {
            beneficiary: Some(china.clone()),
            adversary: Some(ActorRef {
                code: code("USA"),
                text: "Washington".into(),
                span: Span::new(0, 6),
                name: None,
            }),
            basis: Some(Basis {
                kind: BasisKind::Treaty,
                text: "the 2001 treaty".into(),
                span: Span::new(7, 22),
                counterpart: Some(china.clone()),
                venue: Some("press conference".into()),
                cited_by: Some(lavrov.clone()),
            }),
            terms: Some(Terms { text: "mutual support".into(), span: Span::new(1, 15) }),
            stance: Stance::Possible,
            restated: true,
            topic: Some(china.clone()),
        }),
    };
    let sentence2 = at("Chinese bombers have repeatedly flown near Japan in November.");
    let flights = Event {
        id: "full-1#2".into(),
        article_id: "full-1".into(),
        source: ActorRef {
            code: code("CHNMIL"),
            text: "Chinese bombers".into(),
            span: at("Chinese bombers"),
            name: None,
        },
        target: Some(ActorRef { code: code("JPN"), text: "Japan".into(), span: at("Japan in"), name: None }),
        cameo: "15".parse().unwrap(),
        plover: None,
        plover_mode: String::new(),
        plover_context: Vec::new(),
        goldstein: -7.2,
        quad_class: QuadClass::MaterialConflict,
        modality: Modality { habitual: true, hypothetical: true, negated: true, ..Modality::default() },
        quote: None,
        speaker: None,
        date: EventDate {
            date: date(2025, 11, 1),
            precision: Precision::Month,
            span: Some(at("in November")),
        },
        location: None,
        evidence: Evidence {
            sentence: sentence2,
            sentence_text: sentence2.slice(&text).into(),
            trigger: at("flown"),
            rule: "r".into(),
            dictionary_version: "d".into(),
        },
        pledge: None,
    };
    let flights = Event {
        target: flights
            .target
            .map(|t| ActorRef { span: Span { start: t.span.start, end: t.span.start + 5 }, ..t }),
        ..flights
    };
    let kinds = [
        MentionKind::Name,
        MentionKind::Demonym,
        MentionKind::Metonym,
        MentionKind::Role,
        MentionKind::Title,
        MentionKind::Pronoun,
        MentionKind::Description,
    ];
    let mut mentions: Vec<Mention> = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| Mention {
            span: Span { start: i as u32, end: i as u32 + 3 },
            text: format!("m{i}"),
            code: code(if i % 2 == 0 { "RUSGOV" } else { "CHN" }),
            kind: *kind,
            name: (i % 3 == 0).then(|| format!("Name {i}")),
            antecedent: (i > 3).then_some(Span { start: 1, end: 2 }),
            confidence: 0.25 + i as f32 / 10.0,
        })
        .collect();
    mentions.push(Mention {
        span: lavrov.span,
        text: "Lavrov".into(),
        code: code("RUSGOV"),
        kind: MentionKind::Name,
        name: Some("Sergei Lavrov".into()),
        antecedent: None,
        confidence: 0.99,
    });
    let quotes = vec![
        quote,
        Quote {
            text: "indirect".into(),
            span: at("Russia will support"),
            kind: QuoteKind::Indirect,
            speaker: None,
            frame: None,
        },
        Quote {
            text: "partial".into(),
            span: at("stand"),
            kind: QuoteKind::Partial,
            speaker: Some(lavrov),
            frame: None,
        },
    ];
    CodedArticle { events: vec![pledge, flights], mentions, quotes, ..CodedArticle::new(article) }
}

#[test]
fn every_field_round_trips() {
    let mut store = store();
    let coded = full_article();
    let report = store.store_batch(&records([coded.clone()])).unwrap();
    assert_eq!((report.stored, report.events, report.mentions, report.quotes), (1, 2, 8, 3));

    let stored = store.article("full-1").unwrap().unwrap();
    assert_eq!(stored.article, coded.article);
    assert_eq!(stored.mentions, coded.mentions);
    assert_eq!(stored.events, coded.events);
    assert_eq!(stored.quotes, coded.quotes);
    assert_eq!(stored.content_hash, ContentHash::of_text(&coded.article.text));
    assert!(stored.added.ends_with('Z'), "{}", stored.added);

    for event in &coded.events {
        let record = store.event(&event.id).unwrap().unwrap();
        assert_eq!(&record.event, event);
        assert_eq!(record.article.id, "full-1");
        assert_eq!(record.article.url.as_deref(), Some("https://news.example/full-1"));
        assert_eq!(record.article.title.as_deref(), Some("Russia vows to support China"));
        assert_eq!(record.article.outlet.as_deref(), Some("The Synthetic Times"));
        assert_eq!(record.article.published, Some(date(2025, 11, 30)));
    }
    assert!(store.event("full-1#1").unwrap().unwrap().lead, "sentence in the first paragraph");
    assert!(!store.event("full-1#2").unwrap().unwrap().lead);
    assert_eq!(store.event("nope").unwrap(), None);
    assert_eq!(store.article("nope").unwrap(), None);
}

#[test]
fn every_skip_reason_round_trips() {
    let mut store = store();
    let reasons = [
        SkipReason::Empty,
        SkipReason::Binary,
        SkipReason::TooLarge { bytes: 9_000_000, limit: 8_000_000 },
        SkipReason::Undecodable,
        SkipReason::NotArticle,
        SkipReason::Paywall,
        SkipReason::TooShort { words: 12 },
        SkipReason::NotHtml { content_type: "application/pdf".into() },
        SkipReason::Duplicate { of: "doc-0".into() },
        SkipReason::Malformed { detail: "bad JSON at 3:14 \"quoted\"".into() },
    ];
    let skips: Vec<Skip> =
        reasons.iter().enumerate().map(|(i, r)| Skip::new(format!("skip-{i}"), r.clone())).collect();
    let batch: Vec<ArticleRecord> = skips.iter().cloned().map(ArticleRecord::from).collect();
    let report = store.store_batch(&batch).unwrap();
    assert_eq!(report.skipped, reasons.len());
    assert_eq!(report.skipped_by_reason.values().sum::<usize>(), reasons.len());
    for skip in &skips {
        assert_eq!(store.skip(&skip.id).unwrap().as_ref(), Some(skip));
        assert_eq!(
            store.seen(DocKey::Id(&skip.id)).unwrap(),
            Some(Seen::Skip { id: skip.id.clone(), reason: skip.reason.key().into() })
        );
    }
    let stats = store.stats().unwrap();
    assert_eq!(stats.skips, reasons.len() as u64);
    assert_eq!(stats.skips_by_reason.get("too_short"), Some(&1));
    assert_eq!(stats.articles, 0);
}

// ---------------------------------------------------------------------------------------
// filters: a small fictional world, one line per case

/// Events, in event order:
/// a2#3 2024-11-01 | a1#1 a1#2 2025-01-10 | a2#1 a2#2 2025-02-01 | a3#1..3 a4#1 a4#2 2025-03-15
fn world() -> SqliteStore {
    let mut store = store();
    let batch = records([
        article("a1")
            .published(date(2025, 1, 10))
            .title("Russia vows support in a Taiwan contingency")
            .event(
                event("RUSGOV", "057")
                    .target("CHN")
                    .conditional("if a contingency flares up")
                    .quoted_by("RUSGOV", Some("Sergei Lavrov")),
            )
            .event(event("CHNMIL", "190").target("TWN").habitual())
            .build(),
        article("a2")
            .published(date(2025, 2, 1))
            .event(event("CHN", "040").target("RUS"))
            .event(event("USA", "1382").target("CHN").future())
            .event(event("JPNGOV", "112").target("CHN").hypothetical().dated(
                date(2024, 11, 1),
                Precision::Month,
                "in November",
            ))
            .build(),
        article("a3")
            .published(date(2025, 3, 15))
            .paragraph("Ceasefire talks stalled in Kherson.")
            .event(event("UKR", "190").target("RUSMIL").negated())
            .event(event("RUS", "180").target("UKR").reported())
            .event(event("IGOUNO", "070").target("UKR").words("with a humanitarian convoy"))
            .build(),
        article("a4")
            .published(date(2025, 3, 15))
            .event(event("RUSGOV", "010"))
            .event(event("TWN", "111").target("CHN").words("over sanctions in the strait"))
            .build(),
    ]);
    let report = store.store_batch(&batch).unwrap();
    assert_eq!((report.stored, report.events), (4, 10));
    store
}

const ALL: &[&str] = &["a2#3", "a1#1", "a1#2", "a2#1", "a2#2", "a3#1", "a3#2", "a3#3", "a4#1", "a4#2"];

fn ids_paged(store: &SqliteStore, filter: &EventFilter, first: Page) -> Vec<String> {
    let mut ids = Vec::new();
    let mut page = first;
    for _ in 0..10_000 {
        let result = store.events(filter, &page).unwrap();
        assert!(result.events.len() <= page.effective_limit());
        ids.extend(result.events.iter().map(|r| r.event.id.clone()));
        match result.next {
            Some(next) => page = page.after(next),
            None => return ids,
        }
    }
    panic!("paging did not end");
}

/// The events `filter` selects, paged two at a time oldest first and three at a time
/// newest first: both must give `expected`.
#[track_caller]
fn check(store: &SqliteStore, filter: EventFilter, expected: &[&str]) {
    let asc = ids_paged(store, &filter, Page::first(2));
    assert_eq!(asc, expected, "{filter:?}");
    let mut desc = ids_paged(store, &filter, Page::first(3).newest_first());
    desc.reverse();
    assert_eq!(desc, expected, "{filter:?} newest first");
}

#[test]
fn filters_select_the_right_events() {
    let s = &world();
    let f = EventFilter::default;
    check(s, f(), ALL);
    // actors: prefix on either side, case-insensitive
    check(s, f().actor("RUS"), &["a1#1", "a2#1", "a3#1", "a3#2", "a4#1"]);
    check(s, f().actor("rus"), &["a1#1", "a2#1", "a3#1", "a3#2", "a4#1"]);
    check(s, f().actor("RUSGOV"), &["a1#1", "a4#1"]);
    check(s, f().actor("RUSMIL"), &["a3#1"]);
    check(s, f().actor("RU"), &["a1#1", "a2#1", "a3#1", "a3#2", "a4#1"]);
    check(s, f().actor("IGO"), &["a3#3"]);
    check(s, f().actor(""), ALL);
    check(s, f().actor("XYZ"), &[]);
    check(s, f().source("RUS"), &["a1#1", "a3#2", "a4#1"]);
    check(s, f().target("RUS"), &["a2#1", "a3#1"]);
    check(s, f().source("CHN").target("TWN"), &["a1#2"]);
    check(s, f().actor("CHN").actor("TWN"), &["a1#2", "a4#2"]);
    // dyads
    check(s, f().dyad("RUS", "CHN"), &["a1#1", "a2#1"]);
    check(s, f().dyad("CHN", "RUS"), &["a1#1", "a2#1"]);
    check(s, f().directed_dyad("RUS", "CHN"), &["a1#1"]);
    check(s, f().directed_dyad("CHN", "RUS"), &["a2#1"]);
    check(s, f().dyad("CHN", "TWN"), &["a1#2", "a4#2"]);
    check(s, f().dyad("RUSGOV", "CHN"), &["a1#1"]);
    check(s, f().dyad("UKR", "UKR"), &[]);
    check(s, f().dyad("RUS", "CHN").actor("RUSGOV"), &["a1#1"]);
    // CAMEO and PLOVER
    check(s, f().cameo("19"), &["a1#2", "a3#1"]);
    check(s, f().cameo("190"), &["a1#2", "a3#1"]);
    check(s, f().cameo("13"), &["a2#2"]);
    check(s, f().cameo("138"), &["a2#2"]);
    check(s, f().cameo("1382"), &["a2#2"]);
    check(s, f().cameo("1381"), &[]);
    check(s, f().cameo("0"), &["a1#1", "a2#1", "a3#3", "a4#1"]);
    check(s, f().cameo("x1"), &[]);
    check(s, f().cameo("12345"), &[]);
    check(s, f().cameo_root(18), &["a3#2"]);
    check(s, f().cameo_root(19).cameo("180"), &[]);
    check(s, f().plover(Plover::Assault), &["a1#2", "a3#1", "a3#2"]);
    check(s, f().plover(Plover::Consult).actor("CHN"), &["a2#1"]);
    check(s, f().plover(Plover::Aid).dyad("UKR", "IGOUNO"), &["a3#3"]);
    check(s, f().quad_class(QuadClass::MaterialConflict), &["a1#2", "a3#1", "a3#2"]);
    check(s, f().quad_class(QuadClass::VerbalConflict), &["a2#3", "a2#2", "a4#2"]);
    // modality
    check(s, f().with(ModalityFlag::Conditional), &["a1#1"]);
    check(s, f().with(ModalityFlag::Future), &["a2#2"]);
    check(s, f().with(ModalityFlag::Hypothetical), &["a2#3"]);
    check(s, f().with(ModalityFlag::Negated), &["a3#1"]);
    check(s, f().with(ModalityFlag::Habitual), &["a1#2"]);
    check(s, f().with(ModalityFlag::Reported), &["a1#1", "a3#2"]);
    check(
        s,
        f().with(ModalityFlag::Asserted),
        &["a2#3", "a1#2", "a2#1", "a2#2", "a3#1", "a3#3", "a4#1", "a4#2"],
    );
    check(s, f().with(ModalityFlag::Factual), &["a1#2", "a2#1", "a3#2", "a3#3", "a4#1", "a4#2"]);
    check(
        s,
        f().with(ModalityFlag::Factual).without(ModalityFlag::Habitual),
        &["a2#1", "a3#2", "a3#3", "a4#1", "a4#2"],
    );
    check(s, f().without(ModalityFlag::Factual), &["a2#3", "a1#1", "a2#2", "a3#1"]);
    check(s, f().dyad("RUS", "CHN").with(ModalityFlag::Conditional), &["a1#1"]);
    // dates
    check(s, f().between(date(2025, 2, 1), date(2025, 3, 1)), &["a2#1", "a2#2"]);
    check(s, f().from(date(2025, 3, 15)), &["a3#1", "a3#2", "a3#3", "a4#1", "a4#2"]);
    check(s, f().to(date(2024, 12, 31)), &["a2#3"]);
    check(s, f().between(date(2025, 3, 1), date(2025, 2, 1)), &[]);
    check(s, f().actor("CHN").from(date(2025, 1, 11)), &["a2#1", "a2#2", "a4#2"]);
    // free text: the article, or the evidence sentence
    check(s, f().text("Kherson"), &["a3#1", "a3#2", "a3#3"]);
    check(s, f().text("kherson --"), &["a3#1", "a3#2", "a3#3"]);
    check(s, f().sentence_text("Kherson"), &[]);
    check(s, f().sentence_text("convoy"), &["a3#3"]);
    check(s, f().sentence_text("convoys"), &["a3#3"]);
    check(s, f().text("Taiwan contingency"), &["a1#1", "a1#2"]);
    check(s, f().text("\"Taiwan contingency\""), &["a1#1", "a1#2"]);
    check(s, f().text("\"contingency Taiwan\""), &[]);
    check(s, f().text("sanction*"), &["a4#1", "a4#2"]);
    check(s, f().text("strait").actor("CHN"), &["a4#2"]);
    check(s, f().sentence_text("Lavrov"), &["a1#1"]);
    // one article
    check(s, f().article("a2"), &["a2#3", "a2#1", "a2#2"]);
    check(s, f().article("nope"), &[]);
}

#[test]
fn injection_attempts_are_plain_values() {
    let s = &world();
    let f = EventFilter::default;
    let attacks = [
        "'",
        "\"",
        "RUS'--",
        "'; DROP TABLE events; --",
        "\"; DROP TABLE articles; --",
        "RUS' OR '1'='1",
        ") OR 1=1 --",
        "NEAR(a b",
        "title:Kherson",
        "* OR *",
        "%",
        "_",
        "\\",
        "\0",
        "²",
        "x² ⁴",
        "\u{200b}",
        "ｆｕｌｌ",
        "🚀 rocket*",
        "ǅ",
        "\"\"\"",
        "a\"b\"c",
        "NEAR NOT",
        "AND OR NOT",
        "^title",
        "a*b*",
    ];
    for attack in attacks {
        let cases = [
            f().actor(attack),
            f().source(attack),
            f().target(attack),
            f().dyad(attack, "CHN"),
            f().directed_dyad("RUS", attack),
            f().cameo(attack),
            f().text(attack),
            f().sentence_text(attack),
            f().article(attack),
        ];
        for filter in cases {
            let result = s.events(&filter, &Page::first(50));
            let page = result.unwrap_or_else(|e| panic!("{filter:?}: {e}"));
            assert!(page.events.is_empty(), "{filter:?} matched {:?}", page.events.len());
        }
        assert!(s.dyad(attack, "RUS", Bucket::Month).is_ok());
        assert!(!s.contains(DocKey::Id(attack)).unwrap());
        assert!(!s.contains(DocKey::Url(attack)).unwrap());
        assert!(s.article(attack).unwrap().is_none());
        assert!(s.event(attack).unwrap().is_none());
    }
    // Text that mixes an attack with a real word still finds the word, and nothing broke.
    check(s, f().text("Kherson'; DROP TABLE events; --"), &[]);
    check(s, f().text("Kherson ceasefire --"), &["a3#1", "a3#2", "a3#3"]);
    assert_eq!(s.stats().unwrap().events, 10);
    check(s, f(), ALL);
}

#[test]
fn bad_cursors_are_errors_and_limits_are_clamped() {
    let s = world();
    let err = s.events(&EventFilter::default(), &Page::first(5).after("garbage")).unwrap_err();
    assert!(matches!(err, Error::Cursor(_)), "{err}");
    let page = s.events(&EventFilter::default(), &Page::first(0)).unwrap();
    assert_eq!(page.events.len(), 1, "a limit of 0 is clamped to 1");
    let page = s.events(&EventFilter::default(), &Page::first(1_000_000)).unwrap();
    assert_eq!(page.events.len(), 10);
    assert_eq!(page.next, None);
}

#[test]
fn paging_is_stable_under_inserts() {
    let mut s = world();
    let filter = EventFilter::default();
    let first = s.events(&filter, &Page::first(4)).unwrap();
    let ids: Vec<_> = first.events.iter().map(|r| r.event.id.as_str()).collect();
    assert_eq!(ids, ["a2#3", "a1#1", "a1#2", "a2#1"]);
    let cursor = first.next.clone().unwrap();
    // New events before the cursor (not shown later), on the cursor's day (after it by
    // key, so shown), and at the end.
    s.store_batch(&records([
        article("b1").published(date(2024, 1, 1)).event(event("FRA", "040")).build(),
        article("b2").published(date(2025, 2, 1)).event(event("DEU", "040")).build(),
        article("b3").published(date(2026, 1, 1)).event(event("ITA", "040")).build(),
    ]))
    .unwrap();
    let rest = ids_paged(&s, &filter, Page::first(4).after(cursor));
    assert_eq!(rest, ["a2#2", "b2#1", "a3#1", "a3#2", "a3#3", "a4#1", "a4#2", "b3#1"]);
}

// ---------------------------------------------------------------------------------------
// idempotency and atomic batches

#[test]
fn a_batch_stored_twice_is_stored_once() {
    let mut s = store();
    let batch: Vec<ArticleRecord> = faultline_store::synth::Synth::new(faultline_store::synth::SynthConfig {
        articles: 30,
        skip_rate: 0.2,
        ..Default::default()
    })
    .collect();
    let first = s.store_batch(&batch).unwrap();
    assert_eq!(first.records(), 30);
    assert!(first.duplicates.is_empty());
    let before = s.stats().unwrap();
    let second = s.store_batch(&batch).unwrap();
    assert_eq!((second.stored, second.skipped, second.events), (0, 0, 0));
    assert_eq!(second.duplicates.len(), 30);
    assert!(second.duplicates.iter().all(|d| d.by == MatchedBy::Id && d.id == d.of));
    assert_eq!(s.stats().unwrap(), before);
    assert_eq!(second.to_string(), "0 new, 30 duplicate, 0 skipped; 0 events, 0 mentions, 0 quotes");
}

#[test]
fn duplicates_by_url_hash_and_id() {
    let mut s = store();
    let original = article("orig").title("Original text").event(event("RUS", "040")).build();
    s.store_batch(&records([original.clone()])).unwrap();

    // Same URL, different text and id: the first version stays (documented behaviour).
    let mut same_url = article("updated").title("Updated text").event(event("CHN", "040")).build();
    same_url.article.url = original.article.url.clone();
    // Same text, different URL and id: a syndicated copy.
    let mut same_text = original.clone();
    same_text.article.id = "copy".into();
    same_text.article.url = Some("https://other.example/copy".into());
    for e in &mut same_text.events {
        e.article_id = "copy".into();
        e.id = e.id.replace("orig", "copy");
    }
    // Same id, different text and URL.
    let same_id = article("orig").title("Another text").url(Some("https://news.example/x")).build();
    // Without a URL, twice in one batch: the second is a duplicate of the first.
    let no_url = article("nourl").url(None).title("No URL").build();
    let mut no_url_again = no_url.clone();
    no_url_again.article.id = "nourl-2".into();

    // Blank URLs are no URLs: these two are different articles.
    let blank_1 = article("blank-1").url(Some("")).title("Blank one").build();
    let blank_2 = article("blank-2").url(Some("  ")).title("Blank two").build();

    let report = s
        .store_batch(&records([same_url, same_text, same_id, no_url, no_url_again, blank_1, blank_2]))
        .unwrap();
    assert_eq!(report.stored, 3, "the first no-URL article and the two blank-URL ones are new");
    assert_eq!(s.article("blank-2").unwrap().unwrap().article.url, None);
    let by: Vec<_> = report.duplicates.iter().map(|d| (d.id.as_str(), d.of.as_str(), d.by)).collect();
    assert_eq!(
        by,
        [
            ("updated", "orig", MatchedBy::Url),
            ("copy", "orig", MatchedBy::ContentHash),
            ("orig", "orig", MatchedBy::Id),
            ("nourl-2", "nourl", MatchedBy::ContentHash),
        ]
    );
    let kept = s.article("orig").unwrap().unwrap();
    assert_eq!(kept.article.title.unwrap().value, "Original text");
    assert_eq!(s.stats().unwrap().events, 1);

    // Lookups the pipeline uses to skip work early.
    let hash = ContentHash::of_text(&original.article.text);
    assert!(s.contains(DocKey::Hash(&hash)).unwrap());
    assert!(s.contains(DocKey::Url("https://news.example/orig")).unwrap());
    assert!(s.contains(DocKey::Id("orig")).unwrap());
    assert_eq!(s.seen(DocKey::Hash(&hash)).unwrap(), Some(Seen::Article { id: "orig".into() }));
    assert!(!s.contains(DocKey::Url("https://news.example/updated")).unwrap());
    assert!(!s.contains(DocKey::Hash(&ContentHash::of_text("nothing"))).unwrap());
    // The same in one question, any key matching.
    let nothing = ContentHash::of_text("nothing");
    let (no_id, no_url) = (DocKey::Id("none"), DocKey::Url("https://news.example/none"));
    assert!(s.holds(&[no_id, no_url, DocKey::Hash(&hash)], false).unwrap());
    assert!(s.holds(&[no_id, DocKey::Url("https://news.example/orig")], false).unwrap());
    assert!(s.holds(&[DocKey::Id("orig")], false).unwrap());
    assert!(!s.holds(&[no_id, no_url, DocKey::Hash(&nothing)], true).unwrap());
    assert!(!s.holds(&[], true).unwrap());
}

#[test]
fn skips_count_as_held_only_when_asked() {
    let mut s = store();
    s.store_batch(&[Skip::new("skipped", SkipReason::Paywall).into()]).unwrap();
    assert!(s.holds(&[DocKey::Id("skipped")], true).unwrap());
    assert!(!s.holds(&[DocKey::Id("skipped")], false).unwrap());
    assert!(!s.holds(&[DocKey::Url("skipped")], true).unwrap());
}

/// Every key a store holds, as text: `id:..`, `url:..`, `hash:..`.
fn listed_keys(s: &SqliteStore) -> Vec<String> {
    let mut keys = Vec::new();
    let listed = s
        .keys(&mut |key| {
            keys.push(match key {
                DocKey::Id(id) => format!("id:{id}"),
                DocKey::Url(url) => format!("url:{url}"),
                DocKey::Hash(hash) => format!("hash:{hash}"),
            });
        })
        .unwrap();
    assert!(listed);
    keys.sort();
    keys
}

#[test]
fn keys_lists_every_id_url_hash_and_skip() {
    let mut s = store();
    assert!(listed_keys(&s).is_empty());
    let with_url = article("a").title("With a URL").build();
    let without = article("b").url(None).title("Without one").build();
    let blank = article("c").url(Some(" ")).title("Blank is none").build();
    let hashes =
        [&with_url, &without, &blank].map(|c| format!("hash:{}", ContentHash::of_text(&c.article.text)));
    let mut batch = records([with_url, without, blank]);
    batch.push(Skip::new("skipped", SkipReason::Paywall).into());
    s.store_batch(&batch).unwrap();
    let mut expected: Vec<String> = ["id:a", "id:b", "id:c", "id:skipped", "url:https://news.example/a"]
        .into_iter()
        .map(String::from)
        .chain(hashes)
        .collect();
    expected.sort();
    assert_eq!(listed_keys(&s), expected);
}

#[test]
fn data_version_changes_with_another_connections_commits_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("versions.db");
    let mut one = SqliteStore::open(&path).unwrap();
    let mut two = SqliteStore::open(&path).unwrap();
    let reader = SqliteStore::open_reader(&path).unwrap();
    let version = one.data_version().unwrap().unwrap();
    one.store_batch(&records([article("mine").build()])).unwrap();
    assert_eq!(one.data_version().unwrap(), Some(version), "its own commit");
    assert_ne!(reader.data_version().unwrap(), None);
    let _ = reader.stats().unwrap(); // reading changes nothing
    assert_eq!(one.data_version().unwrap(), Some(version));
    two.store_batch(&records([article("theirs").build()])).unwrap();
    let after = one.data_version().unwrap().unwrap();
    assert_ne!(after, version, "another connection's commit");
    assert_eq!(one.data_version().unwrap(), Some(after));
}

#[test]
fn an_article_supersedes_its_skip_and_not_the_reverse() {
    let mut s = store();
    s.store_batch(&[Skip::new("doc", SkipReason::Paywall).into()]).unwrap();
    assert_eq!(s.stats().unwrap().skips, 1);
    let report = s.store_batch(&records([article("doc").build()])).unwrap();
    assert_eq!(report.stored, 1);
    let stats = s.stats().unwrap();
    assert_eq!((stats.articles, stats.skips), (1, 0));
    let report = s.store_batch(&[Skip::new("doc", SkipReason::Paywall).into()]).unwrap();
    assert_eq!((report.skipped, report.duplicates.len()), (0, 1));
    assert_eq!(s.seen(DocKey::Id("doc")).unwrap(), Some(Seen::Article { id: "doc".into() }));
}

#[test]
fn a_batch_that_fails_midway_leaves_nothing() {
    let mut s = store();
    let good = article("good").event(event("RUS", "040").target("CHN")).build();
    let mut bad = article("bad").event(event("CHN", "040")).build();
    bad.events[0].article_id = "someone-else".into();
    let batch = vec![good.clone().into(), Skip::new("skipped", SkipReason::Paywall).into(), bad.into()];
    let err = s.store_batch(&batch).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    // Event ids must be `{article_id}#{n}` (the model's contract; lookups rely on it).
    let mut bad_id = article("bad").event(event("CHN", "040")).build();
    bad_id.events[0].id = "elsewhere#1".into();
    let err = s.store_batch(&records([good.clone(), bad_id])).unwrap_err();
    assert!(err.to_string().contains("is not `bad#{n}`"), "{err}");
    let mut twice = article("bad").event(event("CHN", "040")).event(event("RUS", "040")).build();
    twice.events[1].id = "bad#1".into();
    let err = s.store_batch(&records([good.clone(), twice])).unwrap_err();
    assert!(err.to_string().contains("two events with id bad#1"), "{err}");
    let empty = s.stats().unwrap();
    assert_eq!((empty.articles, empty.skips, empty.events, empty.mentions, empty.actors), (0, 0, 0, 0, 0));

    // A failure inside SQLite, on the last event of the last article.
    s.connection()
        .execute_batch(
            "CREATE TEMP TRIGGER fail AFTER INSERT ON events WHEN new.id = 'late#2'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let late = article("late").event(event("UKR", "190")).event(event("RUS", "190")).build();
    let batch = records([good.clone(), late.clone()]);
    assert!(s.store_batch(&batch).is_err());
    assert_eq!(s.stats().unwrap(), empty);
    assert!(!s.contains(DocKey::Id("good")).unwrap());

    // Fixed, the same batch goes in whole.
    s.connection().execute_batch("DROP TRIGGER temp.fail").unwrap();
    let report = s.store_batch(&batch).unwrap();
    assert_eq!((report.stored, report.events), (2, 3));
}

/// The child half of `a_killed_run_loses_only_the_batch_in_flight`: stores one batch, then
/// dies in the middle of the next transaction.
#[test]
fn killed_child() {
    let Ok(path) = std::env::var("FAULTLINE_STORE_KILLED_CHILD") else { return };
    let mut s = SqliteStore::open(&path).unwrap();
    s.store_batch(&records([article("first").event(event("RUS", "040")).build()])).unwrap();
    s.connection()
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO skips (id, reason, detail) VALUES ('in-flight', 'paywall', '{\"reason\":\"paywall\"}');",
        )
        .unwrap();
    std::process::abort();
}

#[test]
fn a_killed_run_loses_only_the_batch_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.db");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "killed_child", "--nocapture", "--test-threads=1"])
        .env("FAULTLINE_STORE_KILLED_CHILD", &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child aborts");
    let mut s = SqliteStore::open(&path).unwrap();
    assert!(s.contains(DocKey::Id("first")).unwrap());
    assert!(!s.contains(DocKey::Id("in-flight")).unwrap());
    // Rerunning both batches: the first is recognised, the second goes in.
    let rerun = s
        .store_batch(&records([
            article("first").event(event("RUS", "040")).build(),
            article("second").event(event("CHN", "040")).build(),
        ]))
        .unwrap();
    assert_eq!((rerun.stored, rerun.duplicates.len()), (1, 1));
}

// ---------------------------------------------------------------------------------------
// schema

#[test]
fn a_new_file_is_migrated_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.store_batch(&records([article("x").event(event("RUS", "040")).build()])).unwrap();
        let mode: String = s.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let page_size: i64 = s.connection().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        assert_eq!(page_size, 16384, "new files get large pages (cheaper full-text merges)");
        let pgsz: i64 = s
            .connection()
            .query_row("SELECT v FROM articles_fts_config WHERE k = 'pgsz'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pgsz, 16000);
        for table in ["articles_fts", "events_fts"] {
            let automerge: i64 = s
                .connection()
                .query_row(&format!("SELECT v FROM {table}_config WHERE k = 'automerge'"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(automerge, 16, "{table}");
        }
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.stats().unwrap().events, 1);
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(SqliteStore::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::TooNew { found, known } if found == SCHEMA_VERSION + 1 && known == SCHEMA_VERSION)
    );
    assert!(err.to_string().contains("upgrade faultline"), "{err}");
    assert!(matches!(SqliteStore::open_reader(&path).unwrap_err(), Error::TooNew { .. }));
}

#[test]
fn a_foreign_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA application_id = 12345; CREATE TABLE t (x);").unwrap();
    }
    assert!(matches!(SqliteStore::open(&path).unwrap_err(), Error::NotFaultline(12345)));
}

#[test]
fn readers_see_commits_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut writer = SqliteStore::open(&path).unwrap();
    let reader = SqliteStore::open_reader(&path).unwrap();
    assert_eq!(reader.stats().unwrap().events, 0);
    writer.store_batch(&records([article("x").event(event("RUS", "040")).build()])).unwrap();
    assert_eq!(reader.stats().unwrap().events, 1);
    let mut reader = reader;
    assert!(reader.store_batch(&records([article("y").build()])).is_err());
    // A reader on a file that was never migrated is told so.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(SqliteStore::open_reader(&empty).unwrap_err(), Error::TooOld { found: 0, .. }));
    assert!(SqliteStore::open_reader(dir.path().join("missing.db")).is_err());
}

// ---------------------------------------------------------------------------------------
// actors, dyads, stats

#[test]
fn actors_dyads_and_stats() {
    let s = world();
    let actors = s.actors().unwrap();
    let chn = actors.iter().find(|a| a.code == "CHN").unwrap();
    assert_eq!((chn.n_source, chn.n_target), (1, 4));
    assert_eq!(chn.first_date, Some(date(2024, 11, 1)));
    assert_eq!(chn.last_date, Some(date(2025, 3, 15)));
    let rusgov = actors.iter().find(|a| a.code == "RUSGOV").unwrap();
    assert!(rusgov.names.iter().any(|n| n.name == "Sergei Lavrov" && n.n == 1), "{:?}", rusgov.names);
    assert_eq!(actors[0].code, "CHN", "most frequent first");

    let dyad = s.dyad("RUS", "CHN", Bucket::Month).unwrap();
    assert_eq!((dyad.a_to_b.events, dyad.b_to_a.events), (1, 1));
    assert_eq!(dyad.a_to_b.by_quad_class, [1, 0, 0, 0]);
    assert_eq!(dyad.a_to_b.factual, 0, "the pledge is conditional");
    let starts: Vec<Date> = dyad.buckets.iter().map(|b| b.start).collect();
    assert_eq!(starts, [date(2025, 1, 1), date(2025, 2, 1)]);
    let weeks = s.dyad("CHN", "USA", Bucket::Week).unwrap();
    assert_eq!(weeks.buckets[0].start, date(2025, 1, 27), "the Monday of 2025-02-01");
    assert_eq!(weeks.b_to_a.goldstein_sum, -6.0);
    let years = s.dyad("CHN", "", Bucket::Year).unwrap();
    assert_eq!((years.a_to_b.events, years.b_to_a.events), (2, 4));
    assert!(s.dyad("'", "CHN", Bucket::Day).unwrap().buckets.is_empty());

    let stats = s.stats().unwrap();
    assert_eq!((stats.articles, stats.events, stats.quotes, stats.skips), (4, 10, 1, 0));
    assert_eq!(stats.first_event, Some(date(2024, 11, 1)));
    assert_eq!(stats.last_event, Some(date(2025, 3, 15)));
    assert_eq!(stats.mentions, 20, "source, target and speaker of each event");
    assert_eq!(stats.schema_version, SCHEMA_VERSION);
}

// ---------------------------------------------------------------------------------------
// exports

fn export(s: &SqliteStore, filter: &EventFilter, format: ExportFormat) -> String {
    let mut out = Vec::new();
    faultline_store::export::export(s, filter, format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_parses_back_with_a_real_reader() {
    let mut s = world();
    let mut tricky = article("tricky")
        .title("Commas, \"quotes\"\nand lines")
        .event(event("RUS", "040").target("CHN").words("said, \"we agree\"\r\nthen left"))
        .build();
    tricky.article.url = Some("https://news.example/a,b?q=\"x\"".into());
    s.store_batch(&records([tricky])).unwrap();
    let csv_text = export(&s, &EventFilter::default(), ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let expected: Vec<&str> = faultline_store::export::CSV_COLUMNS.iter().map(|(n, _)| *n).collect();
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11);
    let col = |name: &str| expected.iter().position(|n| *n == name).unwrap();
    let last = rows.last().unwrap();
    assert_eq!(&last[col("event_id")], "tricky#1");
    assert_eq!(&last[col("title")], "Commas, \"quotes\"\nand lines");
    assert_eq!(&last[col("url")], "https://news.example/a,b?q=\"x\"");
    assert!(last[col("sentence")].contains("said, \"we agree\"\r\nthen left"));
    assert_eq!(&last[col("trigger")], "met with");
    let first = &rows[0];
    assert_eq!((&first[col("event_id")], &first[col("date_precision")]), ("a2#3", "month"));
    assert_eq!(&first[col("hypothetical")], "true");
    // An empty result still has its header.
    let empty = export(&s, &EventFilter::default().actor("XYZ"), ExportFormat::Csv);
    assert_eq!(empty.lines().count(), 1);
}

#[test]
fn csv_defuses_formulas_that_jsonl_keeps() {
    let mut s = world();
    let hostile = article("hostile")
        .title("=HYPERLINK(\"http://evil.example\",\"open\")")
        .event(event("RUS", "190"))
        .build();
    s.store_batch(&records([hostile])).unwrap();
    let filter = EventFilter::default().article("hostile");
    let csv_text = export(&s, &filter, ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let columns: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| columns.iter().position(|n| n == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][col("title")], "'=HYPERLINK(\"http://evil.example\",\"open\")");
    // A negative Goldstein score stays a number.
    assert_eq!(&rows[0][col("goldstein")], "-10");
    let jsonl = export(&s, &filter, ExportFormat::Jsonl);
    assert!(jsonl.contains(r#""title":"=HYPERLINK(\"http://evil.example\",\"open\")""#), "{jsonl}");
}

#[test]
fn gdelt_tsv_has_61_columns() {
    let s = world();
    let tsv = export(&s, &EventFilter::default(), ExportFormat::GdeltTsv);
    let lines: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 10);
    assert!(lines.iter().all(|cols| cols.len() == 61));
    let names: Vec<&str> = faultline_store::export::GDELT_COLUMNS.iter().map(|(n, _)| *n).collect();
    let row = |id: &str| {
        let key = s.event(id).unwrap().unwrap().key.to_string();
        lines.iter().find(|cols| cols[0] == key).unwrap().clone()
    };
    let get = |cols: &Vec<&str>, name: &str| cols[names.iter().position(|n| *n == name).unwrap()].to_string();
    let pledge = row("a1#1");
    assert_eq!(get(&pledge, "Day"), "20250110");
    assert_eq!(get(&pledge, "MonthYear"), "202501");
    assert_eq!(get(&pledge, "Year"), "2025");
    assert_eq!(get(&pledge, "FractionDate"), format!("{:.4}", 2025.0 + 40.0 / 365.0));
    assert_eq!(get(&pledge, "Actor1Code"), "RUSGOV");
    assert_eq!(get(&pledge, "Actor1CountryCode"), "RUS");
    assert_eq!(get(&pledge, "Actor1Type1Code"), "GOV");
    assert_eq!(get(&pledge, "Actor2Code"), "CHN");
    assert_eq!(get(&pledge, "Actor2Name"), "CHINA");
    assert_eq!(get(&pledge, "EventCode"), "057");
    assert_eq!(get(&pledge, "EventBaseCode"), "057");
    assert_eq!(get(&pledge, "EventRootCode"), "05");
    assert_eq!(get(&pledge, "QuadClass"), "1");
    assert_eq!(get(&pledge, "GoldsteinScale"), "3.5");
    assert_eq!(get(&pledge, "NumMentions"), "1");
    assert_eq!(get(&pledge, "AvgTone"), "");
    assert_eq!(get(&pledge, "IsRootEvent"), "1");
    assert_eq!(get(&pledge, "SOURCEURL"), "https://news.example/a1");
    assert_eq!(get(&pledge, "DATEADDED").len(), 14);
    let un = row("a3#3");
    assert_eq!(get(&un, "Actor1Code"), "IGOUNO");
    assert_eq!(get(&un, "Actor1CountryCode"), "");
    assert_eq!(get(&un, "Actor1KnownGroupCode"), "UNO");
    assert_eq!(get(&un, "Actor1Type1Code"), "IGO");
    assert_eq!(get(&un, "Actor1Name"), "THE UNITED NATIONS");
    let alone = row("a4#1");
    assert_eq!(get(&alone, "Actor2Code"), "");
    assert_eq!(get(&alone, "EventCode"), "010");
    let threat = row("a2#2");
    assert_eq!((get(&threat, "EventCode"), get(&threat, "EventBaseCode")), ("1382".into(), "138".into()));
}

#[test]
fn jsonl_and_table() {
    let s = world();
    let jsonl = export(&s, &EventFilter::default().actor("RUS"), ExportFormat::Jsonl);
    let records: Vec<faultline_store::EventRecord> =
        jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 5);
    assert_eq!(records[0], s.event("a1#1").unwrap().unwrap());

    let table = export(&s, &EventFilter::default().with(ModalityFlag::Conditional), ExportFormat::Table);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("DATE"));
    assert!(lines[1].starts_with("2025-01-10  RUSGOV"), "{}", lines[1]);
    assert!(lines[1].contains("cond,rep"), "{}", lines[1]);

    let mut writer = EventWriter::new(ExportFormat::Table, Vec::new());
    assert_eq!(writer.written(), 0);
    writer.write(&s.event("a4#1").unwrap().unwrap()).unwrap();
    let out = String::from_utf8(writer.finish().unwrap()).unwrap();
    assert!(out.lines().nth(1).unwrap().contains("factual"));
}

// ---------------------------------------------------------------------------------------
// text plans: the probe (common words) and the lookup (rare words) give the same pages

/// A synthetic store big enough for common words to take the probe.
fn synthetic() -> SqliteStore {
    let mut s = store();
    let config =
        faultline_store::synth::SynthConfig { articles: 450, per_day: 4, seed: 7, ..Default::default() };
    let batch: Vec<ArticleRecord> = faultline_store::synth::Synth::new(config).collect();
    for chunk in batch.chunks(100) {
        s.store_batch(chunk).unwrap();
    }
    s
}

#[test]
fn text_plans_agree() {
    use faultline_store::TextPlan;
    let f = EventFilter::default;
    let filters = [
        f().text("said"),
        f().text("the"),
        f().text("sanctions"),
        f().text("nuclear talks"),
        f().text("sanction*"),
        f().text("\"the government\""),
        f().sentence_text("the"),
        f().sentence_text("officials said"),
        f().sentence_text("military"),
        f().text("said").actor("RUS"),
        f().text("the").dyad("USA", "CHN"),
        f().text("said").plover(Plover::Assault).between(date(2023, 2, 1), date(2023, 6, 30)),
        f().sentence_text("the").with(ModalityFlag::Factual),
        f().text("of").actor("SWE"),
        // rare words: the lookup, with the matches passed as a list under Auto
        f().text("canal"),
        f().text("canal lithium"),
        f().sentence_text("canal"),
        f().text("canal").actor("USA"),
    ];
    // Time-ordered ingestion, where chunks are probed by key range; `ProbeAll` covers the
    // fallback that a shuffled store takes.
    let mut s = synthetic();
    for filter in &filters {
        for first in [Page::first(100), Page::first(1000).newest_first()] {
            s.set_text_plan(TextPlan::Lookup);
            let expected = ids_paged(&s, filter, first.clone());
            assert!(!expected.is_empty(), "{filter:?}");
            for plan in [TextPlan::Probe, TextPlan::ProbeAll, TextPlan::Auto] {
                s.set_text_plan(plan);
                let got = ids_paged(&s, filter, first.clone());
                assert_eq!(got, expected, "{plan:?} {filter:?} {first:?}");
            }
        }
    }
}

#[test]
fn totals_follow_every_batch() {
    let mut s = store();
    let batch: Vec<ArticleRecord> = faultline_store::synth::Synth::new(faultline_store::synth::SynthConfig {
        articles: 60,
        skip_rate: 0.1,
        ..Default::default()
    })
    .collect();
    s.store_batch(&batch[..30]).unwrap();
    s.store_batch(&batch).unwrap();
    let mut bad = article("bad").event(event("CHN", "040")).build();
    bad.events[0].article_id = "x".into();
    assert!(s.store_batch(&records([article("ok").build(), bad])).is_err());
    let stats = s.stats().unwrap();
    let count = |table: &str| -> u64 {
        let n: i64 =
            s.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        n as u64
    };
    assert_eq!(
        (stats.articles, stats.events, stats.mentions, stats.quotes, stats.skips),
        (count("articles"), count("events"), count("mentions"), count("quotes"), count("skips"))
    );
    assert!(stats.events > 300);
}

/// The column tables of README.md are generated from `export::CSV_COLUMNS` and
/// `export::GDELT_COLUMNS`; `FAULTLINE_BLESS=1` rewrites them.
#[test]
fn readme_column_tables_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let mut updated = readme.clone();
    for (marker, table) in [
        ("csv-columns", faultline_store::export::csv_columns_markdown()),
        ("gdelt-columns", faultline_store::export::gdelt_columns_markdown()),
    ] {
        let open = format!("<!-- {marker} -->\n");
        let close = format!("<!-- /{marker} -->");
        let start = updated.find(&open).unwrap() + open.len();
        let end = updated.find(&close).unwrap();
        updated.replace_range(start..end, &table);
    }
    if std::env::var_os("FAULTLINE_BLESS").is_some() {
        std::fs::write(&path, &updated).unwrap();
    } else {
        assert!(readme == updated, "README.md column tables are stale: rerun with FAULTLINE_BLESS=1");
    }
}

#[test]
fn a_store_can_move_to_another_thread() {
    fn is_send<T: Send>() {}
    is_send::<SqliteStore>();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("threads.db");
    let mut writer = SqliteStore::open(&path).unwrap();
    writer.store_batch(&records([article("x").event(event("RUS", "040")).build()])).unwrap();
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let reader = SqliteStore::open_reader(&path).unwrap();
            std::thread::spawn(move || {
                reader.events(&EventFilter::default(), &Page::default()).unwrap().events.len()
            })
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), 1);
    }
}

// ---------------------------------------------------------------------------------------
// schema version 2: the analysis columns

use faultline_analysis::{ArticleFingerprint, ClusterId, GroupId, fingerprint};
use faultline_store::{NearDup, PointRecord};

/// `coded` with a fingerprint of its body, `group`, and one cluster per event.
fn analysed(mut coded: CodedArticle, group: &str, clusters: &[&str]) -> CodedArticle {
    let fingerprint = ArticleFingerprint::of_text(coded.article.body());
    coded.near_dup = Some(NearDup { fingerprint, group: GroupId::of(group) });
    coded.clusters = clusters.iter().map(|c| ClusterId::of(c)).collect();
    coded
}

fn with_outlet(mut coded: CodedArticle, outlet: &str) -> CodedArticle {
    coded.article.outlet = Some(Field::meta(outlet));
    coded
}

fn all_points(store: &SqliteStore, filter: &EventFilter) -> Vec<PointRecord> {
    let mut points = Vec::new();
    let n = store
        .event_points(filter, &mut |point| {
            points.push(point);
            Ok(())
        })
        .unwrap();
    assert_eq!(n as usize, points.len());
    points
}

#[test]
fn analysis_columns_round_trip() {
    let mut s = store();
    let a1 = analysed(
        with_outlet(
            article("w1")
                .published(date(2025, 3, 1))
                .event(event("RUSMIL", "195").target("UKR").location("Kharkiv"))
                .event(event("UKRGOV", "111").target("RUS"))
                .build(),
            "Wire",
        ),
        "w1",
        &["w1#1", "w1#2"],
    );
    let a2 = analysed(
        with_outlet(
            article("w2").published(date(2025, 3, 2)).event(event("RUS", "190").target("UKR")).build(),
            "Daily",
        ),
        "w1",
        &["w1#1"],
    );
    let report = s.store_batch(&records([a1.clone(), a2])).unwrap();
    assert_eq!((report.stored, report.events), (2, 3));

    let stored = s.article("w1").unwrap().unwrap();
    assert_eq!(stored.group, Some(GroupId::of("w1")));
    assert_eq!(stored.clusters, vec![Some(ClusterId::of("w1#1")), Some(ClusterId::of("w1#2"))]);
    let page = s.events(&EventFilter::default().article("w2"), &Page::first(10)).unwrap();
    assert_eq!(page.events[0].cluster, Some(ClusterId::of("w1#1")));

    let points = all_points(&s, &EventFilter::default());
    let ids: Vec<&str> = points.iter().map(|p| p.point.id.as_str()).collect();
    assert_eq!(ids, ["w1#1", "w1#2", "w2#1"], "store order");
    let first = &points[0];
    assert_eq!(first.cluster, Some(ClusterId::of("w1#1")));
    assert_eq!(first.point.outlet.as_deref(), Some("Wire"));
    assert_eq!(first.point.group, Some(GroupId::of("w1")));
    assert_eq!(first.point.reported, date(2025, 3, 1));
    assert_eq!(first.point.evidence, fingerprint::sentence(&a1.events[0].evidence.sentence_text));
    assert_eq!(first.point.location, fingerprint::place("Kharkiv"));
    assert!(first.point.evidence.is_some() && first.point.location.is_some());
    // The point is the analysis crate's own projection of the event, plus the article's facts.
    let expected = faultline_analysis::EventPoint::from(&a1.events[0])
        .with_outlet("Wire")
        .with_group(GroupId::of("w1"))
        .reported_on(date(2025, 3, 1));
    assert_eq!(first.point, expected);

    // Filters apply, several branches included; order stays the store's.
    let dyad = all_points(&s, &EventFilter::default().dyad("UKR", "RUS"));
    let ids: Vec<&str> = dyad.iter().map(|p| p.point.id.as_str()).collect();
    assert_eq!(ids, ["w1#1", "w1#2", "w2#1"]);
    assert!(all_points(&s, &EventFilter::default().source("UKR")).len() == 1);
    assert!(all_points(&s, &EventFilter::default().cameo("99")).is_empty());

    // Restore material: the events of the last n articles, the fingerprints of the last
    // n articles, oldest first.
    let recent: Vec<String> = s.recent_points(1).unwrap().into_iter().map(|p| p.point.id).collect();
    assert_eq!(recent, ["w2#1"]);
    let recent: Vec<String> = s.recent_points(5).unwrap().into_iter().map(|p| p.point.id).collect();
    assert_eq!(recent, ["w1#1", "w1#2", "w2#1"]);
    assert!(s.recent_points(0).unwrap().is_empty());
    let fps = s.recent_fingerprints(10).unwrap();
    assert_eq!(fps.iter().map(|f| f.article_id.as_str()).collect::<Vec<_>>(), ["w1", "w2"]);
    assert_eq!(fps[0].fingerprint, ArticleFingerprint::of_text(a1.article.body()));
    assert_eq!(fps[1].published, date(2025, 3, 2));
    // A fingerprint an older faultline stored (another version byte, another signature)
    // is computed again from the stored text; a damaged one is an error.
    let mut old_version = vec![1u8];
    old_version.extend_from_slice(&[7u8; 4 + 4 * faultline_analysis::fingerprint::NUM_HASHES]);
    s.connection().execute("UPDATE articles SET neardup_fp = ?1 WHERE id = 'w1'", [&old_version]).unwrap();
    assert_eq!(
        s.recent_fingerprints(10).unwrap()[0].fingerprint,
        ArticleFingerprint::of_text(a1.article.body())
    );
    s.connection().execute("UPDATE articles SET neardup_fp = x'0203' WHERE id = 'w1'", []).unwrap();
    assert!(matches!(s.recent_fingerprints(10).unwrap_err(), Error::Corrupt { .. }));
    s.connection()
        .execute(
            "UPDATE articles SET neardup_fp = ?1 WHERE id = 'w1'",
            [ArticleFingerprint::of_text(a1.article.body()).to_bytes()],
        )
        .unwrap();

    let counts =
        s.cluster_counts(&[ClusterId::of("w1#1"), ClusterId::of("nothing"), ClusterId::of("w1#2")]).unwrap();
    assert_eq!(counts.len(), 2);
    assert_eq!((counts[0].reports, counts[0].articles, counts[0].outlets), (2, 2, 2));
    assert_eq!((counts[0].first, counts[0].last), (date(2025, 3, 1), date(2025, 3, 2)));
    assert_eq!(counts[1].reports, 1);

    // Cluster ids must match the events one for one.
    let mut bad = analysed(article("w3").event(event("RUS", "190")).build(), "w3", &[]);
    bad.clusters = vec![ClusterId::of("a"), ClusterId::of("b")];
    assert!(matches!(s.store_batch(&records([bad])).unwrap_err(), Error::Invalid { .. }));
    assert_eq!(s.stats().unwrap().articles, 2);
}

/// Takes a current database back to schema version 2: what an older faultline wrote
/// (checked against the tables the version-1 and version-2 steps alone make).
fn downgrade_to_v2(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP INDEX events_pledge;
         ALTER TABLE events DROP COLUMN condition_trigger; ALTER TABLE events DROP COLUMN pledge;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    let v2 = rusqlite::Connection::open_in_memory().unwrap();
    v2.execute_batch(faultline_store::V1_SQL).unwrap();
    v2.execute_batch(faultline_store::V2_SQL).unwrap();
    assert_eq!(schema_of(&conn), schema_of(&v2));
}

/// Every table's columns and every index's name, sorted.
fn schema_of(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
             UNION ALL SELECT 'index ' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Takes a current database back to schema version 1: what an older faultline wrote.
fn downgrade_to_v1(path: &std::path::Path) {
    downgrade_to_v2(path);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP INDEX events_cluster; DROP INDEX articles_group;
         ALTER TABLE events DROP COLUMN cluster_id; ALTER TABLE events DROP COLUMN evidence_fp;
         ALTER TABLE events DROP COLUMN location_fp;
         ALTER TABLE articles DROP COLUMN neardup_fp; ALTER TABLE articles DROP COLUMN neardup_group;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    // The same tables and columns as a database made by the version-1 schema alone.
    let v1 = rusqlite::Connection::open_in_memory().unwrap();
    v1.execute_batch(faultline_store::V1_SQL).unwrap();
    let columns = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(columns(&conn), columns(&v1));
}

#[test]
fn a_version_1_database_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.store_batch(&records([
            article("old").event(event("RUSGOV", "057").target("CHN").location("Moscow")).build(),
            full_article(),
        ]))
        .unwrap();
    }
    downgrade_to_v1(&path);
    assert!(matches!(
        SqliteStore::open_reader(&path).unwrap_err(),
        Error::TooOld { found: 1, known: SCHEMA_VERSION }
    ));

    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    // Version-1 rows read as before, without analysis (nor triggers and pledges, which
    // version 1 did not keep).
    let full = s.article("full-1").unwrap().unwrap();
    assert_eq!(full.article, full_article().article);
    assert_eq!(full.events, without_commitments(full_article().events));
    assert_eq!((full.group, full.clusters), (None, vec![None, None]));
    assert_eq!(s.stats().unwrap().events, 3);
    // Their points have the fingerprints computed from the stored text.
    let points = all_points(&s, &EventFilter::default());
    assert_eq!(points.len(), 3);
    let old = &points[0];
    assert_eq!(old.cluster, None);
    let old_event = &s.article("old").unwrap().unwrap().events[0];
    assert_eq!(old.point.evidence, fingerprint::sentence(&old_event.evidence.sentence_text));
    assert_eq!(old.point.location, fingerprint::place("Moscow"));
    assert!(s.recent_fingerprints(10).unwrap().is_empty());
    // New batches carry analysis; old and new rows query together.
    s.store_batch(&records([analysed(
        article("new").event(event("CHN", "040").target("RUS")).build(),
        "new",
        &["new#1"],
    )]))
    .unwrap();
    let points = all_points(&s, &EventFilter::default().dyad("RUS", "CHN"));
    let (new, old) = points.split_last().unwrap();
    assert_eq!((new.point.id.as_str(), new.cluster), ("new#1", Some(ClusterId::of("new#1"))));
    assert!(!old.is_empty() && old.iter().all(|p| p.cluster.is_none()));
    assert_eq!(s.recent_fingerprints(10).unwrap().len(), 1);
    let plan = s
        .connection()
        .prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE cluster_id = 1")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(plan.contains("events_cluster"), "{plan}");
    drop(s);
    assert_eq!(SqliteStore::open_reader(&path).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
}

/// Events as a store before version 3 kept them: no condition trigger, no pledge.
fn without_commitments(events: Vec<Event>) -> Vec<Event> {
    events
        .into_iter()
        .map(|mut event| {
            if let Some(condition) = &mut event.modality.condition {
                condition.trigger = None;
            }
            event.pledge = None;
            event
        })
        .collect()
}

fn pledge_ids(s: &SqliteStore) -> Vec<String> {
    let mut ids = Vec::new();
    let n = s
        .pledge_events(&mut |record| {
            ids.push(record.event.id);
            Ok(())
        })
        .unwrap();
    assert_eq!(n as usize, ids.len());
    ids
}

#[test]
fn a_version_2_database_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.store_batch(&records([analysed(full_article(), "full", &["c1", "c2"])])).unwrap();
    }
    downgrade_to_v2(&path);
    assert!(matches!(
        SqliteStore::open_reader(&path).unwrap_err(),
        Error::TooOld { found: 2, known: SCHEMA_VERSION }
    ));

    let mut s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), 3);
    // Version-2 rows read as before: their analysis kept, no trigger nor pledge.
    let full = s.article("full-1").unwrap().unwrap();
    assert_eq!(full.events, without_commitments(full_article().events));
    assert_eq!(full.clusters, vec![Some(ClusterId::of("c1")), Some(ClusterId::of("c2"))]);
    assert!(pledge_ids(&s).is_empty(), "a version-2 row has no pledge to stream");
    // New rows keep both, and old and new rows list together.
    let mut again = full_article();
    again.article.id = "full-2".into();
    again.article.url = Some("https://news.example/full-2".into());
    again.article.text.push(' ');
    for event in &mut again.events {
        event.id = event.id.replace("full-1", "full-2");
        event.article_id = "full-2".into();
    }
    s.store_batch(&records([again.clone()])).unwrap();
    assert_eq!(s.article("full-2").unwrap().unwrap().events, again.events);
    assert_eq!(pledge_ids(&s), vec!["full-2#1"]);
    assert_eq!(s.events(&EventFilter::default(), &Page::first(10)).unwrap().events.len(), 4);
    drop(s);
    assert_eq!(SqliteStore::open_reader(&path).unwrap().schema_version().unwrap(), 3);
}

#[test]
fn pledge_events_stream_in_event_order_through_their_index() {
    use faultline_store::synth::trigger;
    let mut s = store();
    let pledge = |beneficiary: &str| Pledge {
        beneficiary: Some(faultline_store::synth::actor(beneficiary)),
        ..Pledge::default()
    };
    // Stored out of date order, with events that pledge nothing around them.
    s.store_batch(&records([
        article("late")
            .event(event("CHNMIL", "190").target("TWN"))
            .event(
                event("RUSGOV", "0312")
                    .target("CHN")
                    .future()
                    .conditional("if a contingency flares up")
                    .trigger(trigger("any", "conflict", "TWN"))
                    .pledge(pledge("CHN"))
                    .on(date(2025, 12, 28)),
            )
            .build(),
        article("early")
            .event(
                event("JPNGOV", "138")
                    .target("CHN")
                    .hypothetical()
                    .pledge(pledge("USA"))
                    .on(date(2025, 11, 1)),
            )
            .event(event("JPNGOV", "040").target("USA"))
            .build(),
        article("same-day")
            .event(event("RUSGOV", "032").target("CHN").pledge(pledge("CHN")).on(date(2025, 12, 28)))
            .build(),
    ]))
    .unwrap();
    assert_eq!(s.stats().unwrap().events, 5);
    // (date, key): the same day keeps the order of arrival.
    assert_eq!(pledge_ids(&s), vec!["early#1", "late#2", "same-day#1"]);
    // Every field comes back, as from the other reads.
    let mut streamed = Vec::new();
    s.pledge_events(&mut |record| {
        streamed.push(record);
        Ok(())
    })
    .unwrap();
    for record in &streamed {
        assert_eq!(Some(record), s.event(&record.event.id).unwrap().as_ref());
        assert!(record.event.pledge.is_some());
    }
    let late = &streamed[1].event;
    assert_eq!(late.modality.condition.as_ref().unwrap().trigger, Some(trigger("any", "conflict", "TWN")));
    // A sink's error stops the scan.
    let mut seen = 0;
    let err = s
        .pledge_events(&mut |_| {
            seen += 1;
            Err(Error::Invalid { id: "x".into(), detail: "stop".into() })
        })
        .unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }));
    assert_eq!(seen, 1);
    // The partial index serves the scan: only pledge rows are read.
    let plan = s
        .connection()
        .prepare("EXPLAIN QUERY PLAN SELECT pk FROM events WHERE pledge IS NOT NULL ORDER BY date, pk")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(plan.contains("events_pledge") && !plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn exports_per_report_and_per_cluster() {
    use faultline_store::ExportOptions;
    use faultline_store::export::Unit;
    let mut s = store();
    // One strike reported by three outlets (one cluster), and a condemnation.
    let strike = |id: &str, outlet: &str| {
        analysed(
            with_outlet(article(id).event(event("RUSMIL", "195").target("UKR")).build(), outlet),
            "w1",
            &["strike"],
        )
    };
    let other = analysed(article("o1").event(event("UKRGOV", "111").target("RUS")).build(), "o1", &["other"]);
    s.store_batch(&records([strike("w1", "Wire"), strike("w2", "Daily"), strike("w3", "Daily"), other]))
        .unwrap();
    let run = |format, unit| {
        let mut out = Vec::new();
        let options = ExportOptions { unit, ..ExportOptions::new(format) };
        let n =
            faultline_store::export::export_with(&s, &EventFilter::default(), &options, &mut out).unwrap();
        (n, String::from_utf8(out).unwrap())
    };
    let names: Vec<&str> = faultline_store::export::GDELT_COLUMNS.iter().map(|(n, _)| *n).collect();
    let col = |row: &str, name: &str| {
        row.split('\t').nth(names.iter().position(|n| *n == name).unwrap()).unwrap().to_string()
    };

    let (n, per_report) = run(ExportFormat::GdeltTsv, Unit::Report);
    assert_eq!(n, 4);
    assert!(per_report.lines().all(|row| col(row, "NumMentions") == "1" && col(row, "NumArticles") == "1"));
    let (n, per_cluster) = run(ExportFormat::GdeltTsv, Unit::Cluster);
    assert_eq!(n, 2);
    let first = per_cluster.lines().next().unwrap();
    assert_eq!(
        (col(first, "NumMentions"), col(first, "NumSources"), col(first, "NumArticles")),
        ("3".into(), "2".into(), "3".into())
    );
    assert!(col(first, "SOURCEURL").ends_with("/w1"), "the first report stands for the cluster");

    let (_, csv_text) = run(ExportFormat::Csv, Unit::Report);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][at("cluster")], ClusterId::of("strike").to_string());
    assert_eq!((&rows[1][at("cluster_reports")], &rows[1][at("cluster_outlets")]), ("3", "2"));

    let (_, jsonl) = run(ExportFormat::Jsonl, Unit::Cluster);
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["cluster_counts"]["reports"], 3);
    assert_eq!(lines[0]["cluster"], ClusterId::of("strike").to_string());
    let (_, table) = run(ExportFormat::Table, Unit::Report);
    assert!(table.lines().next().unwrap().contains(" N "), "{table}");

    let limited = ExportOptions { limit: Some(3), ..ExportOptions::new(ExportFormat::Jsonl) };
    let n =
        faultline_store::export::export_with(&s, &EventFilter::default(), &limited, std::io::sink()).unwrap();
    assert_eq!(n, 3);
}

/// Regression: `PRAGMA optimize` on a new database recorded the full-text index tables
/// as holding two rows; FTS5's segment deletes then scanned the whole index on every
/// merge, and a 100,000-article ingest spent half its time re-reading it.
#[test]
fn full_text_merges_delete_by_range_however_small_the_store_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stats.db");
    let plan = |s: &SqliteStore| -> String {
        s.connection()
            .prepare("EXPLAIN QUERY PLAN DELETE FROM articles_fts_data WHERE id >= ?1 AND id <= ?2")
            .unwrap()
            .query_map([1, 2], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join(" ")
    };
    {
        let mut s = SqliteStore::open(&path).unwrap();
        assert!(plan(&s).contains("SEARCH"), "{}", plan(&s));
        s.store_batch(&records([article("x").event(event("RUS", "040")).build()])).unwrap();
        s.analyze().unwrap();
        assert!(plan(&s).contains("SEARCH"), "{}", plan(&s));
    }
    // Reopened after the small store was analysed (and optimised on close).
    let s = SqliteStore::open(&path).unwrap();
    assert!(plan(&s).contains("SEARCH"), "{}", plan(&s));
    let fts_rows: String = s
        .connection()
        .query_row("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles_fts_data'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fts_rows, "1000000");
}
