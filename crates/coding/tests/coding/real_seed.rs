//! The real seed page (`../shared/seed/`), when present: the six required events of
//! EXPECTED.md, the four quotes with their speakers, and none of its false positives.
//! The page goes through the scraped-text extractor; the test also builds the article
//! from the page's lines by hand, so that a change in the extractor shows here as its
//! own failure. Nothing of the page is copied into the project.

use crate::support::render;
use faultline_coding::{Coded, EventCoder};
use faultline_model::{
    Article, ArticleBuilder, BlockKind, Event, Field, Format, Plover, Precision, Published,
};
use std::path::PathBuf;

pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    dir.is_dir().then_some(dir)
}

/// The seed page's blocks, from its lines: header, title, promo, standfirst, caption,
/// credit, widget, body paragraphs (lines broken at links joined back), signature,
/// related headlines, footer.
pub fn seed_article(page: &str) -> Article {
    let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut b = ArticleBuilder::new("seed", Format::Text);
    let title = b.push(BlockKind::Title, lines[1]);
    let standfirst = b.push(BlockKind::Standfirst, lines[3]);
    // lines[4] repeats the standfirst as a photo caption, lines[5] is the credit.
    let body_start =
        lines.iter().position(|l| l.starts_with("TOKYO -")).expect("the body starts with the dateline");
    let related = lines.iter().position(|l| *l == "More on this topic").expect("a related block");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in &lines[body_start..related] {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        let ends = line.ends_with(['.', '”', '"']) || line.ends_with("NEWS");
        if ends {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    let mut signature = None;
    for p in &mut paragraphs {
        if let Some(body) = p.strip_suffix(" KYODO NEWS") {
            *p = body.to_string();
            signature = Some("KYODO NEWS");
        }
    }
    let mut dateline = None;
    for (i, p) in paragraphs.iter().enumerate() {
        let span = b.push(BlockKind::Paragraph, p);
        if i == 0 {
            dateline =
                Some(faultline_model::Span::new(span.start as usize, span.start as usize + "TOKYO".len()));
        }
    }
    if let Some(sig) = signature {
        b.push(BlockKind::Signature, sig);
    }
    b.push(BlockKind::Caption, lines[4]);
    b.push(BlockKind::Credit, lines[5]);
    for line in &lines[related + 1..related + 3] {
        b.push(BlockKind::Related, line);
    }
    let mut article = b.finish();
    article.title = Some(Field::at(lines[1], title));
    article.standfirst = Some(Field::at(lines[3], standfirst));
    article.dateline = dateline.map(|span| Field::at("TOKYO", span));
    let date = jiff::civil::date(2025, 12, 28);
    article.published = Some(Published { date, raw: "2025-12-28".into(), span: None });
    article
}

fn seed_page() -> Option<String> {
    let Some(dir) = shared_dir() else {
        eprintln!("note: ../shared is absent; the real seed test is skipped");
        return None;
    };
    std::fs::read_to_string(dir.join("seed/000_866e2b0e9ed6430e.txt")).ok()
}

/// The seed page through the extractor.
fn extracted(page: &str) -> Article {
    let doc = faultline_model::RawDocument::new(
        "000_866e2b0e9ed6430e",
        faultline_model::Origin::Inline,
        page.as_bytes().to_vec(),
    );
    faultline_extract::extract(&doc, page, Format::Text).expect("the seed page is an article")
}

fn code(article: &Article) -> Coded {
    let coder = EventCoder::builtin().expect("built-in dictionaries");
    coder.code_article(article, jiff::civil::date(2025, 12, 28)).expect("codes")
}

fn find<'e>(events: &'e [Event], source: &str, target: &str, root: u8) -> Option<&'e Event> {
    events.iter().find(|e| {
        e.source.code.as_str().starts_with(source)
            && e.target.as_ref().is_some_and(|t| t.code.as_str().starts_with(target))
            && e.cameo.root() == root
    })
}

#[test]
fn real_seed_through_the_extractor() {
    let Some(page) = seed_page() else { return };
    let article = extracted(&page);
    assert_eq!(article.published.as_ref().map(|p| p.date), Some(jiff::civil::date(2025, 12, 28)));
    check_seed(&article, &code(&article));
}

#[test]
fn real_seed_from_its_lines() {
    let Some(page) = seed_page() else { return };
    let article = seed_article(&page);
    check_seed(&article, &code(&article));
}

fn check_seed(article: &Article, coded: &Coded) {
    let events = &coded.events;
    let all: Vec<String> = events
        .iter()
        .map(|e| format!("{}  | {}  <- {}", render(e), e.evidence.sentence_text, e.evidence.rule))
        .collect();
    let all = all.join("\n");
    eprintln!("{all}");
    let date = jiff::civil::date(2025, 12, 28);

    let e1 = find(events, "RUSGOV", "CHN", 3).unwrap_or_else(|| panic!("E1 missing:\n{all}"));
    assert_eq!(e1.plover, Some(Plover::Agree));
    assert!(e1.modality.future, "{all}");
    assert_eq!(
        e1.modality.condition.as_ref().map(|c| c.text.as_str()),
        Some("if a Taiwan contingency flares up")
    );
    assert_eq!(e1.modality.attribution, faultline_model::Attribution::Reported);
    assert_eq!((e1.date.date, e1.date.precision), (date, Precision::Day));

    let e2 = find(events, "RUSGOV", "JPN", 11).unwrap_or_else(|| panic!("E2 missing:\n{all}"));
    assert_eq!(e2.plover, Some(Plover::Accuse));
    assert_eq!(e2.modality.attribution, faultline_model::Attribution::Reported);

    let e3 = find(events, "JPNGOV", "CHN", 13).unwrap_or_else(|| panic!("E3 missing:\n{all}"));
    assert_eq!(e3.plover, Some(Plover::Threaten));
    assert!(e3.modality.hypothetical, "{all}");
    assert!(
        e3.modality.condition.as_ref().is_some_and(|c| c.text.contains("Chinese attack on Taiwan")),
        "{all}"
    );
    assert_eq!((e3.date.date, e3.date.precision), (jiff::civil::date(2025, 11, 1), Precision::Month));

    // The commitments' raw material: triggers, beneficiaries, adversaries, bases, terms.
    let trigger =
        |e: &Event| e.modality.condition.as_ref().and_then(|c| c.trigger.as_ref()).map(ToString::to_string);
    assert_eq!(trigger(e1).as_deref(), Some("(any, conflict, TWN)"), "{all}");
    assert_eq!(trigger(e3).as_deref(), Some("(CHN, 190 ASSAULT, TWN)"), "{all}");
    let p1 = e1.pledge.as_ref().unwrap_or_else(|| panic!("E1 has no pledge:\n{all}"));
    assert_eq!(p1.beneficiary.as_ref().map(|a| a.code.as_str()), Some("CHN"));
    assert_eq!(p1.stance, faultline_model::Stance::Firm);
    let basis = p1.basis.as_ref().unwrap_or_else(|| panic!("E1 has no basis:\n{all}"));
    assert_eq!(
        (basis.kind, basis.text.as_str()),
        (faultline_model::BasisKind::Treaty, "a treaty with China")
    );
    assert_eq!(basis.cited_by.as_ref().map(|a| a.code.as_str()), Some("RUSGOV"));
    assert_eq!(
        p1.terms.as_ref().map(|t| t.text.as_str()),
        Some("mutual support in defending national unity and territorial integrity")
    );
    let p3 = e3.pledge.as_ref().unwrap_or_else(|| panic!("E3 has no pledge:\n{all}"));
    assert_eq!(p3.beneficiary.as_ref().map(|a| a.code.as_str()), Some("USA"));
    assert_eq!(p3.adversary.as_ref().map(|a| a.code.as_str()), Some("CHN"));
    assert_eq!(p3.stance, faultline_model::Stance::Possible);
    let basis = p3.basis.as_ref().unwrap_or_else(|| panic!("E3 has no basis:\n{all}"));
    assert_eq!(
        (basis.kind, basis.venue.as_deref()),
        (faultline_model::BasisKind::Statement, Some("parliament"))
    );
    assert!(p3.terms.as_ref().is_some_and(|t| t.text.contains("defence forces")), "{all}");

    for (a, b) in [("CHN", "RUS"), ("RUS", "CHN")] {
        let e4 = find(events, a, b, 6).unwrap_or_else(|| panic!("E4 {a}-{b} missing:\n{all}"));
        assert_eq!(e4.plover, Some(Plover::Cooperate));
        assert!(e4.modality.habitual, "{all}");
    }

    for b in ["CHN", "RUS"] {
        let e5 = find(events, "JPN", b, 11).unwrap_or_else(|| panic!("E5 JPN-{b} missing:\n{all}"));
        assert_eq!(e5.plover, Some(Plover::Accuse));
    }

    let e6 = find(events, "CHN", "TWN", 13).unwrap_or_else(|| panic!("E6 missing:\n{all}"));
    assert_eq!(e6.plover, Some(Plover::Threaten));
    assert!(e6.modality.habitual, "{all}");

    // False positives: media and page furniture never act; the standfirst and its caption
    // copy add nothing the body has; related headlines are not coded.
    for e in events {
        for actor in std::iter::once(&e.source).chain(e.target.as_ref()) {
            assert!(!actor.code.as_str().ends_with("MED"), "media actor:\n{all}");
            assert!(
                !["Tass", "Kyodo", "EPA", "SPH"].iter().any(|m| actor.text.contains(m)),
                "media actor:\n{all}"
            );
        }
        let s = &e.evidence.sentence_text;
        assert!(
            !s.contains("will not yield") && !s.contains("delegation highlights"),
            "related headline coded:\n{all}"
        );
        assert!(
            article.body_span().is_some_and(|b| b.contains(e.evidence.sentence)),
            "outside the body:\n{all}"
        );
    }

    // Quotes and speakers.
    let quotes: Vec<(String, String)> = coded
        .quotes
        .iter()
        .map(|q| (q.text.clone(), q.speaker.as_ref().map_or("?".into(), |s| s.code.to_string())))
        .collect();
    for (start, speaker) in [
        ("mutual support in defending national unity", "RUSGOV"),
        ("Our Japanese neighbours should have weighted", "RUSGOV"),
        ("clearly intended for demonstration of force", "JPN"),
        ("survival-threatening situation", "JPNGOV"),
    ] {
        assert!(
            quotes.iter().any(|(text, who)| text.starts_with(start) && who.starts_with(speaker)),
            "quote {start:?} by {speaker}: {quotes:?}"
        );
    }
}
