//! The seed article's constructions, paraphrased in the fictional world: a conditional
//! pledge reported by a minister, a claim about another's militarisation, a dated
//! hypothetical warning, habitual joint flights, a ministry's accusation about "the
//! moves", a standing threat of force, four quotes, a standfirst printed twice, a media
//! outlet as speaker and a related headline that must not be coded.

use crate::support::{code_blocks, render};
use crate::world::{coder, world};
use faultline_model::{BlockKind, Event, Plover, Precision};

const TITLE: &str = "Ruritania pledges to back Freedonia if Sylvania crisis erupts: Foreign minister";
const STANDFIRST: &str = "Ruritanian Foreign Minister Rudolf Rassendyll also said that Grand Fenwick's leadership is seeking to step up militarisation.";
const BODY: [&str; 8] = [
    "STRELSAU - Ruritania will back Freedonia if a crisis over Sylvania erupts, Foreign Minister Rudolf Rassendyll told the Ruritania Herald news agency in an interview, as tensions between Fredville and Grand Fenwick keep rising.",
    "Mr Rassendyll further said in the interview, published on Dec 28, that Grand Fenwick's leadership is seeking to step up militarisation, pointing to higher defence budgets under Prime Minister Tully Bascomb, in comments read as a warning to Fenwick Castle.",
    "Those comments came after Ms Bascomb said during a parliamentary debate in November that a Freedonian attack on Sylvania could amount to a “survival-threatening situation” for Grand Fenwick, possibly drawing in its defence forces.",
    "“On a possible escalation around Sylvania, the way to act in such cases is laid down” in a treaty with Freedonia, Mr Rassendyll said. “A central principle” is “mutual help in protecting each other's unity and borders.”",
    "Freedonia and Ruritania have staged joint bomber patrols repeatedly over the years, leading Grand Fenwick's Defence Ministry to describe the moves as “plainly meant as a show of force against Grand Fenwick”.",
    "Freedonia and Sylvania have been ruled apart since 1949 after a civil war. Fredville regards the democratic island as a breakaway province to be reunited with the mainland by force if needed.",
    "Mr Rassendyll was also quoted by the Ruritania Herald as saying Ruritania urges Grand Fenwick to “think through” the likely consequences before rushing into any abrupt decisions as it pursues a path toward militarisation.",
    "“Our Fenwickian neighbours ought to have weighed it all carefully before making hasty moves,” he said.",
];

fn blocks() -> Vec<(BlockKind, &'static str)> {
    let mut blocks = vec![(BlockKind::Title, TITLE), (BlockKind::Standfirst, STANDFIRST)];
    blocks.extend(BODY.iter().map(|p| (BlockKind::Paragraph, *p)));
    blocks.push((BlockKind::Signature, "RURITANIA HERALD"));
    blocks.push((BlockKind::Caption, STANDFIRST));
    blocks.push((BlockKind::Credit, "PHOTO: SYLVANIAN BROADCASTING"));
    blocks.push((BlockKind::Related, "Grand Fenwick will not back down as row with Freedonia escalates"));
    blocks
}

fn find<'e>(events: &'e [Event], source: &str, target: &str, root: u8) -> Option<&'e Event> {
    events.iter().find(|e| {
        e.source.code.as_str().starts_with(source)
            && e.target.as_ref().is_some_and(|t| t.code.as_str().starts_with(target))
            && e.cameo.root() == root
    })
}

#[test]
fn synthetic_seed() {
    let date = jiff::civil::date(2025, 12, 28);
    let (_, coded) = code_blocks(coder(), world(), &blocks(), date);
    let events = &coded.events;
    let all: Vec<String> = events.iter().map(|e| format!("{}  <- {}", render(e), e.evidence.rule)).collect();
    let all = all.join("\n");

    // E1: a conditional, reported pledge by the minister, for his country.
    let e1 = find(events, "RURGOV", "FRE", 3).unwrap_or_else(|| panic!("E1 missing:\n{all}"));
    assert_eq!(e1.plover, Some(Plover::Agree));
    assert!(e1.modality.future, "{all}");
    assert_eq!(
        e1.modality.condition.as_ref().map(|c| c.text.as_str()),
        Some("if a crisis over Sylvania erupts")
    );
    assert_eq!(e1.speaker.as_ref().map(|s| s.code.as_str()), Some("RURGOV"));
    assert_eq!((e1.date.date, e1.date.precision), (date, Precision::Day));

    // E2: a claim about Grand Fenwick's militarisation is an accusation.
    let e2 = find(events, "RURGOV", "GFK", 11).unwrap_or_else(|| panic!("E2 missing:\n{all}"));
    assert_eq!(e2.plover, Some(Plover::Accuse));
    assert_eq!(e2.modality.attribution, faultline_model::Attribution::Reported);

    // E3: a hypothetical, conditional warning, dated to November.
    let e3 = find(events, "GFKGOV", "FRE", 13).unwrap_or_else(|| panic!("E3 missing:\n{all}"));
    assert_eq!(e3.cameo.as_str(), "138");
    assert!(e3.modality.hypothetical, "{all}");
    assert!(
        e3.modality.condition.as_ref().is_some_and(|c| c.text.contains("Freedonian attack on Sylvania")),
        "{all}"
    );
    assert_eq!((e3.date.date, e3.date.precision), (jiff::civil::date(2025, 11, 1), Precision::Month));

    // E4: habitual joint flights, both ways.
    for (a, b) in [("FRE", "RUR"), ("RUR", "FRE")] {
        let e4 = find(events, a, b, 6).unwrap_or_else(|| panic!("E4 {a}-{b} missing:\n{all}"));
        assert!(e4.modality.habitual, "{all}");
        assert_eq!(e4.plover, Some(Plover::Cooperate));
    }

    // E5: the ministry's accusation about "the moves" targets both flyers.
    for b in ["FRE", "RUR"] {
        find(events, "GFKMIL", b, 11).unwrap_or_else(|| panic!("E5 GFKMIL-{b} missing:\n{all}"));
    }

    // E6: a standing threat of force.
    let e6 = find(events, "FREGOV", "SYL", 13).unwrap_or_else(|| panic!("E6 missing:\n{all}"));
    assert!(e6.modality.habitual, "{all}");

    // Never a media outlet as source or target; nothing from the related headline; the
    // standfirst (printed twice) adds no copy of E2.
    for e in events {
        assert!(!e.source.code.as_str().ends_with("MED"), "{all}");
        assert!(!e.target.as_ref().is_some_and(|t| t.code.as_str().ends_with("MED")), "{all}");
        assert!(!e.evidence.sentence_text.contains("will not back down"), "{all}");
    }
    // The standfirst and the title restate the body: their events are the body's.
    assert!(
        !events.iter().any(|e| e.evidence.sentence_text == STANDFIRST || e.evidence.sentence_text == TITLE),
        "{all}"
    );
    let e1_copies = events
        .iter()
        .filter(|e| e.cameo.root() == 3 && e.target.as_ref().is_some_and(|t| t.code.as_str() == "FRE"))
        .count();
    assert_eq!(e1_copies, 1, "{all}");

    // Quotes and their speakers.
    let quotes: Vec<(String, String)> = coded
        .quotes
        .iter()
        .map(|q| (q.text.clone(), q.speaker.as_ref().map_or("?".into(), |s| s.code.to_string())))
        .collect();
    for (start, speaker) in [
        ("On a possible escalation", "RURGOV"),
        ("mutual help in protecting", "RURGOV"),
        ("plainly meant as a show of force", "GFKMIL"),
        ("survival-threatening situation", "GFKGOV"),
        ("Our Fenwickian neighbours", "RURGOV"),
    ] {
        assert!(
            quotes.iter().any(|(text, who)| text.starts_with(start) && who == speaker),
            "quote {start:?} by {speaker}: {quotes:?}"
        );
    }
}
