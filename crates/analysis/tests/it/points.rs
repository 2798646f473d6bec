//! The projection of coded events: what analysis keeps of an [`Event`], on the seed
//! article's events (`shared/seed/EXPECTED.md`).

use faultline_analysis::fingerprint::{distance, place, sentence};
use faultline_analysis::{ClusterConfig, EventPoint, EventSet, GroupId, SeriesQuery};
use faultline_model::{
    ActorCode, ActorRef, CameoCode, Condition, Event, EventDate, Evidence, Modality, Plover, Precision,
    QuadClass, Span,
};
use jiff::civil::date;

const PLEDGE: &str = "TOKYO - Russia will support China if a Taiwan contingency flares up, Russian Foreign \
                      Minister Sergei Lavrov said in an interview with Tass news agency.";

fn actor(code: &str, text: &str) -> ActorRef {
    ActorRef {
        code: ActorCode::new(code).unwrap(),
        text: text.into(),
        span: Span::new(0, text.len()),
        name: None,
    }
}

/// E1 of the seed: Lavrov's conditional pledge of support to China.
fn pledge(id: &str) -> Event {
    Event {
        id: id.into(),
        article_id: id.split('#').next().unwrap().into(),
        source: actor("RUSGOV", "Russian Foreign Minister Sergei Lavrov"),
        target: Some(actor("CHN", "China")),
        cameo: CameoCode::new("0312").unwrap(),
        plover: Some(Plover::Agree),
        plover_mode: String::new(),
        plover_context: vec!["military".into()],
        goldstein: 4.5,
        quad_class: QuadClass::VerbalCooperation,
        modality: Modality {
            condition: Some(Condition {
                text: "if a Taiwan contingency flares up".into(),
                span: Span::new(34, 67),
                trigger: None,
            }),
            future: true,
            ..Modality::default()
        },
        quote: None,
        speaker: None,
        date: EventDate { date: date(2025, 12, 28), precision: Precision::Day, span: None },
        location: Some("Tokyo".into()),
        evidence: Evidence {
            sentence: Span::new(0, PLEDGE.len()),
            sentence_text: PLEDGE.into(),
            trigger: Span::new(19, 26),
            rule: "test".into(),
            dictionary_version: "test".into(),
        },
        pledge: None,
    }
}

#[test]
fn a_conditional_pledge_is_projected_as_not_factual() {
    let point = EventPoint::from(&pledge("st#1"))
        .with_outlet("The Straits Times")
        .with_group(GroupId::of("st"))
        .reported_on(date(2025, 12, 28));
    assert!(!point.factual);
    assert_eq!((point.source.as_str(), point.target.as_ref().unwrap().as_str()), ("RUSGOV", "CHN"));
    assert_eq!(
        (point.cameo.as_str(), point.plover, point.quad),
        ("0312", Some(Plover::Agree), QuadClass::VerbalCooperation)
    );
    assert_eq!(point.evidence, sentence(PLEDGE));
    assert_eq!(point.location, place("TOKYO"));
    assert_eq!(point.article_id, "st");
    // the projection holds no text: its JSON has none of the sentence's words
    let json = serde_json::to_string(&point).unwrap();
    assert!(!json.contains("Taiwan") && !json.contains("Lavrov"), "{json}");
}

/// The seed's pledge, carried by two outlets (the Kyodo original and the Straits Times),
/// and repeated in one of them by the standfirst, is one event; it counts in no factual
/// series, and in the all-modalities series once.
#[test]
fn one_pledge_in_two_outlets_and_a_standfirst_is_one_event() {
    let points = vec![
        EventPoint::from(&pledge("st#1")).with_outlet("The Straits Times"),
        EventPoint::from(&pledge("st#2")).with_outlet("The Straits Times"),
        EventPoint::from(&pledge("kyodo#1")).with_outlet("Kyodo News"),
    ];
    let set = EventSet::from_points(points, ClusterConfig::default());
    let cluster = set.clusters().next().unwrap();
    assert_eq!((set.n_clusters(), cluster.n_reports, cluster.n_articles, cluster.n_outlets), (1, 3, 2, 2));
    assert!(!cluster.factual);
    assert_eq!((cluster.source.as_str(), cluster.target.as_deref()), ("RUS", Some("CHN")));
    assert_eq!(set.series(&SeriesQuery::new("RUS", "CHN")).total, 0);
    assert_eq!(set.series(&SeriesQuery::new("RUS", "CHN").all_modalities()).total, 1);
    assert_eq!(set.series(&SeriesQuery::new("RUS", "CHN").all_modalities().per_report()).total, 3);
}

#[test]
fn evidence_without_words_has_no_fingerprint() {
    let mut event = pledge("x#1");
    event.evidence.sentence_text = " -- ".into();
    event.location = Some(String::new());
    let point = EventPoint::from(&event);
    assert_eq!((point.evidence, point.location), (None, None));
    assert_eq!(distance(sentence(PLEDGE).unwrap(), sentence(PLEDGE).unwrap()), 0);
}
