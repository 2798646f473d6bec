//! The commitments register and the contingency query, as data: events written as one
//! line each, triggers as `(SRC, ACTION, TGT)`, and the register rendered one line per
//! commitment.

use crate::p;
use faultline_analysis::commitments::triggers_overlap;
use faultline_analysis::synth::PointBuilder;
use faultline_analysis::{
    ClusterConfig, CommitmentFilter, CommitmentRegister, ContingencyConfig, ContingencyQuery, DyadRole,
    EventPoint, EventSet, MatchReason, Trend, contingency,
};
use faultline_model::{
    ActorCode, ActorRef, Attribution, Basis, BasisKind, CameoCode, CommitmentStatus, Condition, Event,
    EventDate, Evidence, Modality, Pledge, Precision, Span, Stance, Trigger, TriggerAction,
};

fn actor(code: &str) -> ActorRef {
    ActorRef { code: code.parse().unwrap(), text: code.into(), span: Span::default(), name: None }
}

/// `(SRC, ACTION, TGT)`, `not (...)`: actors are codes or `any`; the action a CAMEO code,
/// `conflict`, or `other:CUE`.
fn trigger(text: &str) -> Trigger {
    let (negated, rest) = match text.strip_prefix("not ") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let inner = rest.trim().trim_start_matches('(').trim_end_matches(')');
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    assert_eq!(parts.len(), 3, "a trigger is (SRC, ACTION, TGT): {text}");
    let who = |s: &str| (s != "any").then(|| actor(s));
    let (action, cue) = match parts[1] {
        "conflict" => (TriggerAction::Conflict, "conflict".to_string()),
        other if other.starts_with("other:") => (TriggerAction::Other, other["other:".len()..].to_string()),
        code => (TriggerAction::Act { cameo: code.parse().unwrap(), plover: None }, "act".to_string()),
    };
    Trigger { source: who(parts[0]), action, target: who(parts[2]), negated, cue }
}

/// One event as a line:
/// `ID DATE SRC TGT CODE STANCE [if=(S,A,T)] [for=X] [against=Y] [basis=KIND] [restated] [topic=X] [month]`.
/// `TGT` may be `-`. The event is future (hypothetical when `possible`), reported, and
/// its sentence is `sentence of ID`.
fn ev(line: &str) -> Event {
    // Triggers contain spaces: take `if=(...)` out first.
    let (line, condition) = match line.find("if=") {
        Some(i) => {
            let end = line[i..].find(')').map_or(line.len(), |e| i + e + 1);
            (format!("{}{}", &line[..i], &line[end..]), Some(trigger(&line[i + 3..end])))
        }
        None => (line.to_string(), None),
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let [id, date, source, target, code, stance, rest @ ..] = words.as_slice() else {
        panic!("ID DATE SRC TGT CODE STANCE ...: {line}")
    };
    let stance = match *stance {
        "firm" => Stance::Firm,
        "possible" => Stance::Possible,
        "hedged" => Stance::Hedged,
        "withdrawn" => Stance::Withdrawn,
        other => panic!("stance {other}"),
    };
    let mut pledge = Pledge { stance, ..Pledge::default() };
    let mut precision = Precision::Day;
    for word in rest {
        match word.split_once('=') {
            Some(("for", x)) => pledge.beneficiary = Some(actor(x)),
            Some(("against", x)) => pledge.adversary = Some(actor(x)),
            Some(("topic", x)) => pledge.topic = Some(actor(x)),
            Some(("basis", kind)) => {
                let kind = match kind {
                    "treaty" => BasisKind::Treaty,
                    "agreement" => BasisKind::Agreement,
                    "law" => BasisKind::Law,
                    _ => BasisKind::Statement,
                };
                pledge.basis = Some(Basis {
                    kind,
                    text: format!("a {} cited", kind.as_str()),
                    span: Span::default(),
                    counterpart: None,
                    venue: None,
                    cited_by: None,
                });
            }
            None if *word == "restated" => pledge.restated = true,
            None if *word == "month" => precision = Precision::Month,
            _ => panic!("unknown word {word} in {line}"),
        }
    }
    let cameo: CameoCode = code.parse().unwrap();
    let date: jiff::civil::Date = date.parse().unwrap();
    let condition =
        condition.map(|t| Condition { text: format!("if {t}"), span: Span::default(), trigger: Some(t) });
    Event {
        id: (*id).into(),
        article_id: id.split('#').next().unwrap().into(),
        source: actor(source),
        target: (*target != "-").then(|| actor(target)),
        plover: None,
        plover_mode: String::new(),
        plover_context: Vec::new(),
        goldstein: 4.0,
        quad_class: cameo.quad_class(),
        modality: Modality {
            attribution: Attribution::Reported,
            condition,
            future: !pledge.restated,
            hypothetical: stance == Stance::Possible,
            ..Modality::default()
        },
        quote: None,
        speaker: Some(actor(source)),
        date: EventDate { date, precision, span: None },
        location: None,
        evidence: Evidence {
            sentence: Span::default(),
            sentence_text: format!("sentence of {id}"),
            trigger: Span::default(),
            rule: "test".into(),
            dictionary_version: "test".into(),
        },
        cameo,
        pledge: Some(pledge),
    }
}

/// The register, one line per commitment:
/// `HOLDER->BEN/ADV class status first..last: effect effect ...`.
fn render(register: &CommitmentRegister) -> Vec<String> {
    register
        .commitments()
        .iter()
        .map(|c| {
            let effects: Vec<&str> = c.reports.iter().map(|r| r.effect.as_str()).collect();
            format!(
                "{}->{}/{} {} {} {}..{}: {}",
                c.holder,
                c.beneficiary.as_ref().map_or("-", ActorCode::as_str),
                c.adversary.as_ref().map_or("-", ActorCode::as_str),
                c.class.as_str(),
                c.status,
                c.first_seen_text(),
                c.last_seen_text(),
                effects.join(" ")
            )
        })
        .collect()
}

/// Applies `lines` in order and compares the register with `expected`.
#[track_caller]
fn check(lines: &[&str], expected: &[&str]) {
    let events: Vec<Event> = lines.iter().map(|l| ev(l)).collect();
    let mut register = CommitmentRegister::default();
    for e in &events {
        register.apply(e);
    }
    assert_eq!(render(&register), expected, "applied in order");
    // Rebuilt from stored events in any order, the register is the same.
    let rebuilt = CommitmentRegister::rebuild(events.iter().rev());
    assert_eq!(render(&rebuilt), expected, "rebuilt");
}

#[track_caller]
fn overlap(a: &str, b: &str, expected: bool) {
    assert_eq!(triggers_overlap(&trigger(a), &trigger(b)), expected, "{a} ~ {b}");
    assert_eq!(triggers_overlap(&trigger(b), &trigger(a)), expected, "{b} ~ {a}");
}

#[track_caller]
fn sets_off(query: &str, trigger_text: &str, expected: bool) {
    let words: Vec<&str> = query.split_whitespace().collect();
    let q = ContingencyQuery::parse(words[0], words[1], words[2]).unwrap();
    assert_eq!(q.triggers(&trigger(trigger_text)), expected, "{query} sets off {trigger_text}");
}

#[test]
fn triggers_overlap_when_actors_and_acts_agree() {
    overlap("(any, conflict, TWN)", "(any, conflict, TWN)", true);
    overlap("(any, conflict, TWN)", "(CHN, 190, TWN)", true);
    overlap("(any, conflict, TWN)", "(TWN, 190, CHN)", true); // a conflict is undirected
    overlap("(any, conflict, TWN)", "(CHN, 190, JPN)", false);
    overlap("(CHN, 190, TWN)", "(CHN, 192, TWN)", true); // same root
    overlap("(CHN, 190, TWN)", "(CHN, 2042, TWN)", true); // both armed conflict
    overlap("(CHN, 190, TWN)", "(TWN, 190, CHN)", false); // an act is directed
    overlap("(CHN, 190, any)", "(CHN, 195, TWN)", true); // wildcards
    overlap("(CHN, 190, TWN)", "(CHN, 163, TWN)", false);
    overlap("(any, conflict, TWN)", "(CHN, 138, TWN)", false); // a threat is not a conflict
    overlap("(IRN, other:halt, any)", "(IRN, other:halt, any)", true);
    overlap("(IRN, other:halt, any)", "(IRN, other:resume, any)", false);
    overlap("not (IRN, other:halt, any)", "(IRN, other:halt, any)", false);
}

#[test]
fn action_words_and_what_they_set_off() {
    sets_off("CHN attacks TWN", "(any, conflict, TWN)", true);
    sets_off("CHN attacks TWN", "(CHN, 190, TWN)", true);
    sets_off("CHN invades TWN", "(CHN, 190, TWN)", true);
    sets_off("CHN blockades TWN", "(CHN, 190, TWN)", true);
    sets_off("CHN nukes TWN", "(any, conflict, TWN)", true);
    sets_off("CHNGOV attacks TWN", "(CHN, 190, TWN)", true); // at country level
    sets_off("TWN attacks CHN", "(any, conflict, TWN)", true);
    sets_off("TWN attacks CHN", "(CHN, 190, TWN)", false);
    sets_off("any attacks TWN", "(CHN, 190, TWN)", true);
    sets_off("CHN attacks JPN", "(CHN, 190, TWN)", false);
    sets_off("CHN threatens TWN", "(any, conflict, TWN)", false);
    sets_off("CHN sanctions TWN", "(CHN, 163, TWN)", true);
    sets_off("CHN war TWN", "(CHN, 190, TWN)", true);
    sets_off("CHN attacks TWN", "not (CHN, 190, TWN)", false);
    assert!(ContingencyQuery::parse("CHN", "tickles", "TWN").is_err());
    assert!(ContingencyQuery::parse("C-H-N", "attacks", "TWN").is_err());
}

#[test]
fn status_transitions() {
    // Founded, then restated as firmly: reaffirmed.
    check(
        &[
            "a1#1 2025-12-28 RUSGOV CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a2#1 2026-01-20 RUSGOV CHN 032 firm if=(any, conflict, TWN) for=CHN",
        ],
        &["RUS->CHN/- support reaffirmed 2025-12-28..2026-01-20: founded reaffirmed"],
    );
    // A possible pledge, then hedged: weakened; then withdrawn.
    check(
        &[
            "a1#3 2025-11-01 JPNGOV CHN 138 possible if=(CHN, 190, TWN) for=USA against=CHN month",
            "a3#1 2026-01-16 JPNGOV CHN 138 hedged if=(CHN, 190, TWN) against=CHN",
            "a4#1 2026-02-01 JPNGOV CHN 138 withdrawn if=(CHN, 190, TWN) against=CHN",
        ],
        &["JPN->USA/CHN military withdrawn 2025-11..2026-02-01: founded weakened withdrawn"],
    );
    // A withdrawal coded as rejection (12x, no class) withdraws the support it negates;
    // a later firm pledge reinstates it.
    check(
        &[
            "a1#1 2025-12-28 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a2#1 2026-01-10 RUS CHN 120 withdrawn for=CHN",
            "a3#1 2026-02-10 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
        ],
        &["RUS->CHN/- support reaffirmed 2025-12-28..2026-02-10: founded withdrawn reaffirmed"],
    );
    // Another report in the same article changes nothing.
    check(
        &[
            "a1#1 2025-12-28 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a1#2 2025-12-28 RUS CHN 032 possible if=(any, conflict, TWN) for=CHN",
        ],
        &["RUS->CHN/- support stated 2025-12-28..2025-12-28: founded repeated"],
    );
    // A restatement without a condition reaffirms when it is about the trigger's actor.
    check(
        &[
            "a1#1 2025-12-28 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a2#1 2026-01-14 RUS CHN 051 firm for=CHN topic=TWN restated",
            "a3#1 2026-01-15 RUS CHN 051 firm for=CHN topic=JPN restated",
        ],
        &["RUS->CHN/- support reaffirmed 2025-12-28..2026-01-14: founded reaffirmed"],
    );
}

#[test]
fn identification() {
    // Different triggers, beneficiaries, holders or classes are different commitments.
    check(
        &[
            "a1#1 2025-12-28 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a2#1 2025-12-29 RUS CHN 032 firm if=(USA, 190, CHN) for=CHN against=USA",
            "a3#1 2025-12-30 RUS IRN 032 firm if=(any, conflict, TWN) for=IRN",
            "a4#1 2025-12-31 BLR CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a5#1 2026-01-01 RUS CHN 1312 firm if=(any, conflict, TWN) against=CHN",
        ],
        &[
            "RUS->CHN/- support stated 2025-12-28..2025-12-28: founded",
            "RUS->CHN/USA support stated 2025-12-29..2025-12-29: founded",
            "RUS->IRN/- support stated 2025-12-30..2025-12-30: founded",
            "BLR->CHN/- support stated 2025-12-31..2025-12-31: founded",
            "RUS->-/CHN coercion stated 2026-01-01..2026-01-01: founded",
        ],
    );
    // A military pledge restates general support; a report without a beneficiary matches
    // the commitment that has one.
    check(
        &[
            "a1#1 2025-12-28 RUS CHN 032 firm if=(any, conflict, TWN) for=CHN",
            "a2#1 2026-01-02 RUS CHN 0312 firm if=(CHN, 190, TWN)",
        ],
        &["RUS->CHN/- support reaffirmed 2025-12-28..2026-01-02: founded reaffirmed"],
    );
    // What never founds: a bare restatement, a hedge, a withdrawal, a meeting, a pledge
    // to nobody about nothing.
    check(
        &[
            "a1#1 2026-01-14 RUS CHN 051 firm for=CHN topic=TWN restated",
            "a2#1 2026-01-16 JPN CHN 138 hedged if=(CHN, 190, TWN) against=CHN",
            "a3#1 2026-01-16 RUS CHN 120 withdrawn for=CHN",
            "a4#1 2026-01-16 RUS CHN 036 firm for=CHN",
            "a5#1 2026-01-16 RUS - 0312 firm",
        ],
        &[],
    );
    // An instrument founds an unconditional commitment.
    check(
        &["a1#1 2026-01-14 USA JPN 0312 firm for=JPN basis=treaty"],
        &["USA->JPN/- military stated 2026-01-14..2026-01-14: founded"],
    );
}

#[test]
fn applying_twice_changes_nothing_and_filters_select() {
    let e = ev("a1#1 2025-12-28 RUSGOV CHN 032 firm if=(any, conflict, TWN) for=CHN");
    let mut register = CommitmentRegister::default();
    let first = register.apply(&e).unwrap();
    assert_eq!(first.effect, faultline_model::ReportEffect::Founded);
    assert!(register.apply(&e).is_none());
    assert_eq!(register.commitments()[0].reports.len(), 1);
    assert!(register.get(&first.commitment).is_some());
    let filter = |f: CommitmentFilter| register.select(&f).count();
    assert_eq!(filter(CommitmentFilter { holder: Some("RUSGOV".into()), ..CommitmentFilter::default() }), 1);
    assert_eq!(
        filter(CommitmentFilter { beneficiary: Some("JPN".into()), ..CommitmentFilter::default() }),
        0
    );
    assert_eq!(filter(CommitmentFilter { actor: Some("TWN".into()), ..CommitmentFilter::default() }), 1);
    assert_eq!(
        filter(CommitmentFilter { status: Some(CommitmentStatus::Stated), ..CommitmentFilter::default() }),
        1
    );
    // The register's JSON round-trips.
    let json = serde_json::to_string(register.commitments()).unwrap();
    let back: Vec<faultline_model::Commitment> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, register.commitments());
}

/// A tiny fictional world: Freedonia pledges to defend Sylvania if Ruritania attacks it;
/// Grand Fenwick will back Ruritania in any conflict over Sylvania; Ruritania's army
/// accuses Sylvania every few days for six months, then shells Sylvanian towns day after
/// day.
#[test]
fn fictional_world_contingency() {
    let pledges = [
        ev("fg#1 2030-01-05 FREGOV SYL 0312 firm if=(RUR, 190, SYL) for=SYL against=RUR basis=treaty"),
        ev("gt#1 2030-01-20 GFK RUR 032 firm if=(any, conflict, SYL) for=RUR"),
        ev("fg2#1 2030-03-01 FREGOV SYL 0312 hedged if=(RUR, 190, SYL)"),
        // Not set off by an attack on Sylvania: another trigger, and a withdrawn one.
        ev("fg3#1 2030-01-06 FRE SYL 0333 firm if=(any, conflict, GFK) for=SYL"),
    ];
    let register = CommitmentRegister::rebuild(&pledges);
    assert_eq!(register.len(), 3);

    // Events between the parties: cooperation between Freedonia and Sylvania, then a
    // Ruritanian escalation against Sylvania in March.
    let mut points: Vec<EventPoint> = Vec::new();
    for day in 1..=28 {
        let date = format!("2030-02-{day:02}");
        points.push(p(&format!("c{day}#1"), "FRE", "SYL", "042", &date, &format!("visit {day}")).build());
    }
    // Six months of occasional accusations: the baseline.
    let start = jiff::civil::date(2029, 9, 1);
    for k in 0..45 {
        let date = start.checked_add(jiff::Span::new().days(k * 4)).unwrap().to_string();
        points.push(
            p(&format!("b{k}#1"), "RURGOV", "SYL", "111", &date, &format!("Ruritania accused Sylvania {k}"))
                .build(),
        );
    }
    for day in 1..=12u64 {
        let date = format!("2030-03-{day:02}");
        for k in 0..4u64 {
            points.push(
                PointBuilder::new(&format!("s{day}-{k}#1"), "RURMIL", "SYL", "194", &date)
                    .evidence_fingerprint(faultline_analysis::fingerprint::hash_str(&format!("s{day}-{k}")))
                    .build(),
            );
        }
    }
    let set = EventSet::from_points(points, ClusterConfig::default());
    let query = ContingencyQuery::parse("RUR", "attacks", "SYL").unwrap();
    let answer = contingency(&register, Some(&set), &query, &ContingencyConfig::default());

    let found: Vec<(String, MatchReason, CommitmentStatus)> = answer
        .commitments
        .iter()
        .map(|m| {
            (
                format!(
                    "{}->{:?}",
                    m.commitment.holder,
                    m.commitment.beneficiary.as_ref().map(ActorCode::as_str)
                ),
                m.reason,
                m.commitment.status,
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("GFK->Some(\"RUR\")".to_string(), MatchReason::Trigger, CommitmentStatus::Stated),
            ("FRE->Some(\"SYL\")".to_string(), MatchReason::Trigger, CommitmentStatus::Weakened),
        ]
    );
    let dyads: Vec<(String, Vec<DyadRole>, Trend)> =
        answer.dyads.iter().map(|d| (format!("{}-{}", d.a, d.b), d.roles.clone(), d.trend)).collect();
    assert_eq!(
        dyads,
        vec![
            ("RUR-SYL".to_string(), vec![DyadRole::AttackerTarget], Trend::Escalating),
            ("GFK-RUR".to_string(), vec![DyadRole::HolderBeneficiary], Trend::Quiet),
            ("FRE-SYL".to_string(), vec![DyadRole::HolderBeneficiary], Trend::Easing),
            ("FRE-RUR".to_string(), vec![DyadRole::HolderAdversary], Trend::Quiet),
        ]
    );
    let rur_syl = &answer.dyads[0];
    assert!(!rur_syl.alerts.is_empty(), "the March shelling raises an alert");
    assert_eq!(answer.as_of, Some(jiff::civil::date(2030, 3, 12)));

    // A defence commitment with no trigger is implied by an attack on its beneficiary.
    let defence = CommitmentRegister::rebuild(&[ev("d#1 2030-01-01 FRE SYL 0312 firm for=SYL basis=treaty")]);
    let answer = contingency(&defence, None, &query, &ContingencyConfig::default());
    assert_eq!(answer.commitments.len(), 1);
    assert_eq!(answer.commitments[0].reason, MatchReason::Defence);
    assert!(answer.dyads.is_empty(), "no trends without events");
}
