//! Synthetic events for tests and benchmarks (this crate's and its callers'): a seeded
//! random number generator, a builder for one [`EventPoint`] from a few strings, and a
//! generator of large skewed event streams. Nothing here is real data.

use crate::fingerprint;
use crate::point::{EventPoint, GroupId};
use faultline_model::{ActorCode, CameoCode, Plover, Precision, QuadClass};
use jiff::civil::Date;

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same stream on
/// every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { ((u128::from(self.next_u64()) * n as u128) >> 64) as usize }
    }

    /// A standard normal deviate (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.next_f64().max(f64::MIN_POSITIVE);
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A Poisson deviate: Knuth's method below 30, a rounded normal above.
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda < 30.0 {
            let limit = (-lambda).exp();
            let mut k = 0u32;
            let mut p = self.next_f64();
            while p > limit {
                k += 1;
                p *= self.next_f64();
            }
            k
        } else {
            (lambda + lambda.sqrt() * self.normal()).round().max(0.0) as u32
        }
    }
}

/// Zipf-distributed ranks `0..n` with exponent `s` (rank 0 the most frequent).
#[derive(Clone, Debug)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    #[must_use]
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut cdf = Vec::with_capacity(n);
        let mut total = 0.0;
        for rank in 1..=n {
            total += 1.0 / (rank as f64).powf(s);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Zipf { cdf }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.next_f64();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len().saturating_sub(1))
    }
}

/// A CAMEO root's PLOVER type and a typical Goldstein score (roots 01 to 20).
#[must_use]
pub fn root_profile(root: u8) -> (Option<Plover>, f32) {
    match root {
        1 => (None, 0.0),
        2 => (None, 3.0),
        3 => (Some(Plover::Agree), 4.0),
        4 => (Some(Plover::Consult), 1.0),
        5 => (Some(Plover::Support), 3.5),
        6 => (Some(Plover::Cooperate), 6.0),
        7 => (Some(Plover::Aid), 7.0),
        8 => (Some(Plover::Concede), 5.0),
        9 => (Some(Plover::Accuse), -2.0),
        10 => (Some(Plover::Request), -5.0),
        11 => (Some(Plover::Accuse), -2.0),
        12 => (Some(Plover::Reject), -4.0),
        13 => (Some(Plover::Threaten), -6.0),
        14 => (Some(Plover::Protest), -6.5),
        15 => (Some(Plover::Mobilize), -7.2),
        16 => (Some(Plover::Sanction), -4.0),
        17 => (Some(Plover::Coerce), -7.0),
        18 => (Some(Plover::Assault), -9.0),
        19 => (Some(Plover::Assault), -10.0),
        _ => (Some(Plover::Assault), -10.0),
    }
}

#[track_caller]
fn parse_date(s: &str) -> Date {
    match s.parse() {
        Ok(date) => date,
        Err(err) => panic!("synthetic date {s:?}: {err}"),
    }
}

#[track_caller]
fn parse_actor(s: &str) -> ActorCode {
    match ActorCode::new(s) {
        Ok(code) => code,
        Err(err) => panic!("synthetic actor: {err}"),
    }
}

/// Builds one [`EventPoint`] from strings, for tests: typical PLOVER type and Goldstein
/// score for the code's root, Day precision, factual, reported on its date, the article
/// id taken from the event id before `#`.
///
/// # Panics
/// On an invalid actor code, CAMEO code or date: in test data, a bug in the test.
#[derive(Clone, Debug)]
pub struct PointBuilder {
    point: EventPoint,
}

impl PointBuilder {
    /// `target` may be empty for an event without a target.
    #[track_caller]
    #[must_use]
    pub fn new(id: &str, source: &str, target: &str, cameo: &str, date: &str) -> PointBuilder {
        let cameo = match CameoCode::new(cameo) {
            Ok(code) => code,
            Err(err) => panic!("synthetic event: {err}"),
        };
        let (plover, goldstein) = root_profile(cameo.root());
        let date = parse_date(date);
        PointBuilder {
            point: EventPoint {
                id: id.to_string(),
                article_id: id.split('#').next().unwrap_or(id).to_string(),
                outlet: None,
                source: parse_actor(source),
                target: (!target.is_empty()).then(|| parse_actor(target)),
                quad: QuadClass::of_root(cameo.root()),
                cameo,
                plover,
                goldstein,
                date,
                precision: Precision::Day,
                reported: date,
                factual: true,
                evidence: None,
                group: None,
                location: None,
            },
        }
    }

    #[must_use]
    pub fn article(mut self, article_id: &str) -> PointBuilder {
        self.point.article_id = article_id.to_string();
        self
    }

    #[must_use]
    pub fn outlet(mut self, outlet: &str) -> PointBuilder {
        self.point.outlet = Some(outlet.to_string());
        self
    }

    /// The evidence sentence (fingerprinted; the text is not kept).
    #[must_use]
    pub fn evidence(mut self, sentence: &str) -> PointBuilder {
        self.point.evidence = fingerprint::sentence(sentence);
        self
    }

    /// The evidence fingerprint itself.
    #[must_use]
    pub fn evidence_fingerprint(mut self, fingerprint: u64) -> PointBuilder {
        self.point.evidence = Some(fingerprint);
        self
    }

    #[must_use]
    pub fn group(mut self, group: GroupId) -> PointBuilder {
        self.point.group = Some(group);
        self
    }

    #[must_use]
    pub fn location(mut self, place: &str) -> PointBuilder {
        self.point.location = fingerprint::place(place);
        self
    }

    /// An imprecise date: give the first day of the week, month or year as the date.
    #[must_use]
    pub fn precision(mut self, precision: Precision) -> PointBuilder {
        self.point.precision = precision;
        self
    }

    #[track_caller]
    #[must_use]
    pub fn reported(mut self, date: &str) -> PointBuilder {
        self.point.reported = parse_date(date);
        self
    }

    #[must_use]
    pub fn goldstein(mut self, goldstein: f32) -> PointBuilder {
        self.point.goldstein = goldstein;
        self
    }

    /// Not stated as fact (conditional, future, hypothetical or negated).
    #[must_use]
    pub fn not_factual(mut self) -> PointBuilder {
        self.point.factual = false;
        self
    }

    #[must_use]
    pub fn build(self) -> EventPoint {
        self.point
    }
}

/// The shape of a synthetic stream.
#[derive(Clone, Debug)]
pub struct StreamConfig {
    /// Reports to generate.
    pub reports: usize,
    /// Countries (each also appears with GOV, MIL and CVL agents).
    pub countries: usize,
    /// Distinct dyads to draw from, Zipf-distributed.
    pub dyads: usize,
    pub zipf_exponent: f64,
    pub start: Date,
    pub days: u32,
    /// Mean reports per real event (1 + geometric).
    pub mean_reports: f64,
    pub outlets: usize,
    pub seed: u64,
}

impl Default for StreamConfig {
    /// One million reports over three years: 300 countries, 20,000 dyads with Zipf(1.1)
    /// weights, the 20 CAMEO roots with a news-like skew, 2.5 reports per event.
    fn default() -> StreamConfig {
        StreamConfig {
            reports: 1_000_000,
            countries: 300,
            dyads: 20_000,
            zipf_exponent: 1.1,
            start: jiff::civil::date(2022, 1, 1),
            days: 3 * 365,
            mean_reports: 2.5,
            outlets: 60,
            seed: 42,
        }
    }
}

/// Relative frequency of the CAMEO roots 01 to 20 in news (statements, consultations
/// and criticism dominate; wars are rarer).
const ROOT_WEIGHTS: [f64; 20] =
    [12.0, 4.0, 5.0, 14.0, 4.0, 3.0, 2.0, 2.0, 1.0, 2.0, 10.0, 3.0, 3.0, 3.0, 2.0, 2.0, 4.0, 3.0, 5.0, 0.5];

/// The country code of index `i`: `QAA`, `QAB`, ... (three uppercase letters, not real).
#[must_use]
pub fn country_code(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let a = letters[(i / 676) % 26] as char;
    let b = letters[(i / 26) % 26] as char;
    let c = letters[i % 26] as char;
    format!("{a}{b}{c}")
}

/// A synthetic stream: real events drawn with Zipf-distributed dyads, skewed roots and
/// uniform days, each reported 1 + geometric times by different outlets on the same day
/// or up to two days later, with evidence fingerprints a few bits apart within an event
/// (and unrelated between events), and half of the extra reports in the founding
/// article's near-duplicate group. The dyad of rank 0 is the busiest. Reports come out
/// in publication order.
#[must_use]
pub fn stream(config: &StreamConfig) -> Vec<EventPoint> {
    let mut rng = Rng::new(config.seed);
    let zipf = Zipf::new(config.dyads.max(1), config.zipf_exponent);
    let countries: Vec<String> = (0..config.countries.max(2)).map(|i| country_code(i + 7 * 26)).collect();
    let roles = ["", "GOV", "MIL", "CVL"];
    let dyads: Vec<(usize, usize)> = (0..config.dyads.max(1))
        .map(|rank| {
            let a = rank % countries.len();
            let mut b = (rank / countries.len() + 1 + rank * 7) % countries.len();
            if b == a {
                b = (a + 1) % countries.len();
            }
            (a, b)
        })
        .collect();
    let total_weight: f64 = ROOT_WEIGHTS.iter().sum();
    let mut root_cdf = [0.0; 20];
    let mut acc = 0.0;
    for (i, w) in ROOT_WEIGHTS.iter().enumerate() {
        acc += w / total_weight;
        root_cdf[i] = acc;
    }
    let continue_p = 1.0 - 1.0 / config.mean_reports.max(1.0);
    let days: Vec<Date> = (0..config.days.max(1))
        .map(|d| config.start.checked_add(jiff::Span::new().days(i64::from(d))).unwrap_or(config.start))
        .collect();
    let outlets: Vec<String> = (0..config.outlets.max(1)).map(|i| format!("outlet-{i}")).collect();
    let codes: Vec<CameoCode> =
        (1..=20u8).filter_map(|root| CameoCode::new(format!("{root:02}0")).ok()).collect();
    let mut points = Vec::with_capacity(config.reports);
    let mut event = 0usize;
    while points.len() < config.reports {
        let (a, b) = dyads[zipf.sample(&mut rng)];
        let (a, b) = if rng.below(2) == 0 { (a, b) } else { (b, a) };
        let u = rng.next_f64();
        let root_idx = root_cdf.iter().position(|&c| u < c).unwrap_or(19);
        let cameo = codes[root_idx].clone();
        let (plover, goldstein) = root_profile(cameo.root());
        let day = rng.below(days.len());
        let base_fp = rng.next_u64();
        let founding_article = format!("a{event}");
        let group = GroupId::of(&founding_article);
        let source_role = roles[rng.below(roles.len())];
        let factual = rng.below(10) != 0;
        let mut k = 0usize;
        loop {
            let article_id = if k == 0 { founding_article.clone() } else { format!("a{event}-{k}") };
            let lag = if k == 0 { 0 } else { rng.below(3) };
            let mut fp = base_fp;
            for _ in 0..rng.below(5) {
                fp ^= 1 << rng.below(64);
            }
            let role = if rng.below(4) == 0 { roles[rng.below(roles.len())] } else { source_role };
            let source = ActorCode::new(format!("{}{role}", countries[a]));
            let target = ActorCode::new(countries[b].clone());
            let (Ok(source), Ok(target)) = (source, target) else { break };
            points.push(EventPoint {
                id: format!("{article_id}#1"),
                article_id,
                outlet: Some(outlets[rng.below(outlets.len())].clone()),
                source,
                target: Some(target),
                cameo: cameo.clone(),
                plover,
                quad: cameo.quad_class(),
                goldstein,
                date: days[day],
                precision: Precision::Day,
                reported: days[(day + lag).min(days.len() - 1)],
                factual,
                evidence: Some(fp),
                group: (k > 0 && rng.below(2) == 0).then_some(group),
                location: None,
            });
            k += 1;
            if points.len() >= config.reports || rng.next_f64() >= continue_p {
                break;
            }
        }
        event += 1;
    }
    points.sort_by(|x, y| x.reported.cmp(&y.reported).then_with(|| x.id.cmp(&y.id)));
    points
}

/// A synthetic pledge-shaped event: `holder` pledges `cameo` to `beneficiary` on a
/// condition coded `(trigger_source, conflict or act, trigger_target)` (a source of
/// `any` is a wildcard; an action `conflict` is a conflict, else a CAMEO code), firmly,
/// on `date`, with the evidence sentence `sentence`. For the commitments register's tests
/// and benchmarks.
///
/// # Panics
/// On invalid codes or dates (they are the caller's constants).
#[must_use]
#[allow(clippy::too_many_arguments)]
pub fn pledge_event(
    id: &str,
    date: &str,
    holder: &str,
    beneficiary: &str,
    cameo: &str,
    trigger: (&str, &str, &str),
    stance: faultline_model::Stance,
    sentence: &str,
) -> faultline_model::Event {
    use faultline_model::{
        ActorRef, Attribution, Condition, Event, EventDate, Evidence, Modality, Pledge, Span, Trigger,
        TriggerAction,
    };
    let actor = |code: &str| ActorRef {
        code: ActorCode::new(code).expect("a valid actor code"),
        text: code.to_string(),
        span: Span::default(),
        name: None,
    };
    let cameo = CameoCode::new(cameo).expect("a valid CAMEO code");
    let (source, action, target) = trigger;
    let action = if action == "conflict" {
        TriggerAction::Conflict
    } else {
        TriggerAction::Act { cameo: CameoCode::new(action).expect("a valid CAMEO code"), plover: None }
    };
    let trigger = Trigger {
        source: (source != "any").then(|| actor(source)),
        action,
        target: (target != "any").then(|| actor(target)),
        negated: false,
        cue: "conflict".to_string(),
    };
    Event {
        id: id.to_string(),
        article_id: id.split('#').next().unwrap_or(id).to_string(),
        source: actor(holder),
        target: Some(actor(beneficiary)),
        plover: Some(Plover::Agree),
        plover_mode: String::new(),
        plover_context: Vec::new(),
        goldstein: 4.5,
        quad_class: cameo.quad_class(),
        modality: Modality {
            attribution: Attribution::Reported,
            condition: Some(Condition {
                text: format!("if {trigger}"),
                span: Span::default(),
                trigger: Some(trigger),
            }),
            future: true,
            hypothetical: stance == faultline_model::Stance::Possible,
            ..Modality::default()
        },
        quote: None,
        speaker: None,
        date: EventDate {
            date: date.parse().expect("a YYYY-MM-DD date"),
            precision: Precision::Day,
            span: None,
        },
        location: None,
        evidence: Evidence {
            sentence: Span::default(),
            sentence_text: sentence.to_string(),
            trigger: Span::default(),
            rule: "synth".to_string(),
            dictionary_version: "synth".to_string(),
        },
        cameo,
        pledge: Some(Pledge { beneficiary: Some(actor(beneficiary)), stance, ..Pledge::default() }),
    }
}
