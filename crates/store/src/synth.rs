//! Synthetic articles and events: a builder for tests, and a seeded generator with a
//! realistic skew for benchmarks and load tests.
//!
//! Everything here is invented and marked so (`news.example` URLs, `synth` rules); spans
//! are right by construction, so what the builder makes passes [`Article::check`].
//!
//! The builder, for tests (one line per event):
//!
//! ```
//! use faultline_store::synth::{article, event};
//! let coded = article("doc-1")
//!     .event(event("RUSGOV", "057").target("CHN").conditional("if a Taiwan contingency flares up"))
//!     .event(event("CHNMIL", "190").target("TWN").habitual())
//!     .build();
//! assert_eq!(coded.events.len(), 2);
//! assert!(coded.article.check().is_ok());
//! let e = &coded.events[0];
//! assert_eq!(e.source.span.slice(&coded.article.text), e.source.text);
//! ```
//!
//! The generator, for a store of any size (a few hundred actors, Zipf-like dyads, 20
//! CAMEO roots, dates over three years, about ten events per article):
//!
//! ```
//! use faultline_store::synth::{Synth, SynthConfig};
//! let mut synth = Synth::new(SynthConfig { articles: 20, ..SynthConfig::default() });
//! let batch = synth.batch(20);
//! assert_eq!(batch.len(), 20);
//! ```

use crate::record::{ArticleRecord, CodedArticle};
use crate::{EventFilter, ModalityFlag, Page};
use faultline_model::{
    ActorCode, ActorRef, Article, ArticleBuilder, Attribution, BlockKind, CameoCode, CodeError, Condition,
    Event, EventDate, Evidence, Field, Format, Mention, MentionKind, Modality, Pledge, Plover, Precision,
    Published, Quote, QuoteKind, Skip, SkipReason, Span, Trigger, TriggerAction,
};
use jiff::civil::Date;

/// Dictionary version written into synthetic evidence.
pub const DICTIONARY_VERSION: &str = "synth-1";

/// Countries of the synthetic world: code, name, weight rank follows list order.
const COUNTRIES: &[(&str, &str)] = &[
    ("USA", "United States"),
    ("CHN", "China"),
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("ISR", "Israel"),
    ("IRN", "Iran"),
    ("GBR", "Britain"),
    ("JPN", "Japan"),
    ("IND", "India"),
    ("TWN", "Taiwan"),
    ("FRA", "France"),
    ("DEU", "Germany"),
    ("TUR", "Turkey"),
    ("PSE", "Palestine"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("SYR", "Syria"),
    ("SAU", "Saudi Arabia"),
    ("PAK", "Pakistan"),
    ("EGY", "Egypt"),
    ("AFG", "Afghanistan"),
    ("IRQ", "Iraq"),
    ("LBN", "Lebanon"),
    ("YEM", "Yemen"),
    ("POL", "Poland"),
    ("BRA", "Brazil"),
    ("AUS", "Australia"),
    ("CAN", "Canada"),
    ("MEX", "Mexico"),
    ("ITA", "Italy"),
    ("ESP", "Spain"),
    ("PHL", "Philippines"),
    ("VNM", "Vietnam"),
    ("IDN", "Indonesia"),
    ("NGA", "Nigeria"),
    ("ZAF", "South Africa"),
    ("ETH", "Ethiopia"),
    ("SDN", "Sudan"),
    ("VEN", "Venezuela"),
    ("COL", "Colombia"),
    ("ARM", "Armenia"),
    ("AZE", "Azerbaijan"),
    ("GEO", "Georgia"),
    ("BLR", "Belarus"),
    ("SRB", "Serbia"),
    ("HUN", "Hungary"),
    ("QAT", "Qatar"),
    ("ARE", "United Arab Emirates"),
    ("JOR", "Jordan"),
    ("LBY", "Libya"),
    ("MLI", "Mali"),
    ("KEN", "Kenya"),
    ("SOM", "Somalia"),
    ("MMR", "Myanmar"),
    ("THA", "Thailand"),
    ("CUB", "Cuba"),
    ("ARG", "Argentina"),
    ("NOR", "Norway"),
    ("FIN", "Finland"),
    ("SWE", "Sweden"),
];

/// International bodies: drawn as often as a mid-ranked country.
const BODIES: &[(&str, &str)] = &[
    ("IGOUNO", "the United Nations"),
    ("IGOWSTNAT", "NATO"),
    ("IGOEUREEC", "the European Union"),
    ("IGOAFRAFU", "the African Union"),
    ("NGOHRIAMN", "Amnesty International"),
];

const ROLES: &[(&str, &str, u32)] = &[
    ("", "", 20),
    ("GOV", "government", 35),
    ("MIL", "military", 15),
    ("LEG", "parliament", 6),
    ("OPP", "opposition", 5),
    ("COP", "police", 4),
    ("MED", "media", 4),
    ("BUS", "business leaders", 4),
    ("REB", "rebels", 3),
    ("JUD", "courts", 2),
    ("CVL", "civilians", 2),
];

/// Per CAMEO root: weight, codes, past-tense verb phrase, base form, PLOVER, Goldstein.
struct Root {
    weight: u32,
    codes: &'static [&'static str],
    past: &'static str,
    base: &'static str,
    plover: Option<Plover>,
    goldstein: f32,
}

const ROOTS: [Root; 20] = [
    Root {
        weight: 10,
        codes: &["010", "012", "013", "018"],
        past: "commented on",
        base: "comment on",
        plover: None,
        goldstein: 0.0,
    },
    Root {
        weight: 5,
        codes: &["020", "021", "026", "028"],
        past: "appealed to",
        base: "appeal to",
        plover: None,
        goldstein: 3.0,
    },
    Root {
        weight: 6,
        codes: &["030", "031", "036", "0311"],
        past: "pledged to support",
        base: "pledge to support",
        plover: Some(Plover::Agree),
        goldstein: 4.0,
    },
    Root {
        weight: 20,
        codes: &["040", "042", "043", "046"],
        past: "met with",
        base: "meet with",
        plover: Some(Plover::Consult),
        goldstein: 1.0,
    },
    Root {
        weight: 8,
        codes: &["050", "051", "057"],
        past: "praised",
        base: "praise",
        plover: Some(Plover::Support),
        goldstein: 3.5,
    },
    Root {
        weight: 3,
        codes: &["060", "061", "062"],
        past: "cooperated with",
        base: "cooperate with",
        plover: Some(Plover::Cooperate),
        goldstein: 6.0,
    },
    Root {
        weight: 3,
        codes: &["070", "071", "073"],
        past: "sent aid to",
        base: "send aid to",
        plover: Some(Plover::Aid),
        goldstein: 7.0,
    },
    Root {
        weight: 2,
        codes: &["080", "081", "085"],
        past: "eased restrictions on",
        base: "ease restrictions on",
        plover: Some(Plover::Concede),
        goldstein: 5.0,
    },
    Root {
        weight: 1,
        codes: &["090", "091"],
        past: "investigated",
        base: "investigate",
        plover: Some(Plover::Request),
        goldstein: -2.0,
    },
    Root {
        weight: 2,
        codes: &["100", "101", "1011"],
        past: "demanded action from",
        base: "demand action from",
        plover: Some(Plover::Request),
        goldstein: -5.0,
    },
    Root {
        weight: 6,
        codes: &["110", "111", "112"],
        past: "criticised",
        base: "criticise",
        plover: Some(Plover::Accuse),
        goldstein: -2.0,
    },
    Root {
        weight: 2,
        codes: &["120", "121", "128"],
        past: "rejected proposals from",
        base: "reject proposals from",
        plover: Some(Plover::Reject),
        goldstein: -4.0,
    },
    Root {
        weight: 3,
        codes: &["130", "138", "1382"],
        past: "threatened",
        base: "threaten",
        plover: Some(Plover::Threaten),
        goldstein: -6.0,
    },
    Root {
        weight: 2,
        codes: &["140", "141", "145"],
        past: "protested against",
        base: "protest against",
        plover: Some(Plover::Protest),
        goldstein: -6.5,
    },
    Root {
        weight: 1,
        codes: &["150", "152", "154"],
        past: "mobilised forces near",
        base: "mobilise forces near",
        plover: Some(Plover::Mobilize),
        goldstein: -7.2,
    },
    Root {
        weight: 2,
        codes: &["160", "161", "163"],
        past: "cut ties with",
        base: "cut ties with",
        plover: Some(Plover::Sanction),
        goldstein: -4.0,
    },
    Root {
        weight: 6,
        codes: &["170", "171", "173"],
        past: "seized assets of",
        base: "seize assets of",
        plover: Some(Plover::Coerce),
        goldstein: -7.0,
    },
    Root {
        weight: 4,
        codes: &["180", "181", "186"],
        past: "attacked",
        base: "attack",
        plover: Some(Plover::Assault),
        goldstein: -9.0,
    },
    Root {
        weight: 8,
        codes: &["190", "193", "195"],
        past: "clashed with",
        base: "clash with",
        plover: Some(Plover::Assault),
        goldstein: -10.0,
    },
    Root {
        weight: 1,
        codes: &["200", "202"],
        past: "bombarded",
        base: "bombard",
        plover: Some(Plover::Assault),
        goldstein: -10.0,
    },
];

fn root_of(cameo: &CameoCode) -> &'static Root {
    &ROOTS[usize::from(cameo.root().clamp(1, 20)) - 1]
}

/// The display name of an actor code in the synthetic world (`RUSGOV` -> `Russia's
/// government`); unknown codes are shown as themselves.
#[must_use]
pub fn actor_name(code: &str) -> String {
    if let Some((_, name)) = BODIES.iter().find(|(c, _)| *c == code) {
        return (*name).to_string();
    }
    let Some(root) = code.get(..3) else { return code.to_string() };
    let Some((_, country)) = COUNTRIES.iter().find(|(c, _)| *c == root) else { return code.to_string() };
    match ROLES.iter().find(|(role, _, _)| !role.is_empty() && code.get(3..6) == Some(role)) {
        Some((_, role, _)) if code.len() == 6 => format!("{country}'s {role}"),
        _ if code.len() == 3 => (*country).to_string(),
        _ => code.to_string(),
    }
}

/// An actor as a trigger or a pledge names it: `code`, its synthetic name as the words,
/// no span.
///
/// # Panics
/// On an invalid code (the caller's constant).
#[must_use]
pub fn actor(code: &str) -> ActorRef {
    ActorRef {
        code: ActorCode::new(code).expect("a valid actor code"),
        text: actor_name(code),
        span: Span::default(),
        name: None,
    }
}

/// A coded condition `(source, action, target)`: `any` for a wildcard actor, `conflict`
/// for a conflict, else a CAMEO code (`190`); the cue is the action's word.
///
/// # Panics
/// On an invalid code (the caller's constant).
#[must_use]
pub fn trigger(source: &str, action: &str, target: &str) -> Trigger {
    let (action_kind, cue) = if action == "conflict" {
        (TriggerAction::Conflict, "conflict")
    } else {
        let cameo = CameoCode::new(action).expect("a valid CAMEO code");
        let plover = ROOTS.get(usize::from(cameo.root()).wrapping_sub(1)).and_then(|r| r.plover);
        (TriggerAction::Act { cameo, plover }, "attack")
    };
    Trigger {
        source: (source != "any").then(|| actor(source)),
        action: action_kind,
        target: (target != "any").then(|| actor(target)),
        negated: false,
        cue: cue.to_string(),
    }
}

/// One side of a synthetic event.
#[derive(Clone, Debug)]
struct ActorSpec {
    code: String,
    text: Option<String>,
    name: Option<String>,
}

impl ActorSpec {
    fn new(code: &str) -> ActorSpec {
        ActorSpec { code: code.to_string(), text: None, name: None }
    }

    fn text(&self) -> String {
        self.text.clone().unwrap_or_else(|| actor_name(&self.code))
    }
}

/// A synthetic event, written as one sentence of its article.
#[derive(Clone, Debug)]
pub struct EventSpec {
    source: ActorSpec,
    target: Option<ActorSpec>,
    cameo: String,
    plover: Option<Option<Plover>>,
    goldstein: Option<f32>,
    date: Option<(Date, Precision, Option<String>)>,
    condition: Option<String>,
    future: bool,
    hypothetical: bool,
    negated: bool,
    habitual: bool,
    reported: bool,
    quoted_by: Option<ActorSpec>,
    location: Option<String>,
    mode: String,
    context: Vec<String>,
    words: Option<String>,
    rule: Option<String>,
    trigger: Option<Trigger>,
    pledge: Option<Pledge>,
}

/// An event of `source` with CAMEO `code`, dated the article's day, asserted, factual.
#[must_use]
pub fn event(source: &str, cameo: &str) -> EventSpec {
    EventSpec {
        source: ActorSpec::new(source),
        target: None,
        cameo: cameo.to_string(),
        plover: None,
        goldstein: None,
        date: None,
        condition: None,
        future: false,
        hypothetical: false,
        negated: false,
        habitual: false,
        reported: false,
        quoted_by: None,
        location: None,
        mode: String::new(),
        context: Vec::new(),
        words: None,
        rule: None,
        trigger: None,
        pledge: None,
    }
}

impl EventSpec {
    #[must_use]
    pub fn target(mut self, code: &str) -> EventSpec {
        self.target = Some(ActorSpec::new(code));
        self
    }

    /// The source's words in the text (default: its synthetic name) and canonical name.
    #[must_use]
    pub fn source_as(mut self, text: &str, name: Option<&str>) -> EventSpec {
        self.source.text = Some(text.to_string());
        self.source.name = name.map(str::to_string);
        self
    }

    /// The target's words in the text and canonical name (after [`target`](Self::target)).
    #[must_use]
    pub fn target_as(mut self, text: &str, name: Option<&str>) -> EventSpec {
        if let Some(target) = &mut self.target {
            target.text = Some(text.to_string());
            target.name = name.map(str::to_string);
        }
        self
    }

    /// Overrides the PLOVER type (default: from the CAMEO root).
    #[must_use]
    pub fn plover(mut self, plover: Option<Plover>) -> EventSpec {
        self.plover = Some(plover);
        self
    }

    #[must_use]
    pub fn goldstein(mut self, goldstein: f32) -> EventSpec {
        self.goldstein = Some(goldstein);
        self
    }

    /// Dated `date` (precision day) instead of the article's day; the text does not say so.
    #[must_use]
    pub fn on(mut self, date: Date) -> EventSpec {
        self.date = Some((date, Precision::Day, None));
        self
    }

    /// Dated by a time expression of the sentence (`in November`).
    #[must_use]
    pub fn dated(mut self, date: Date, precision: Precision, expression: &str) -> EventSpec {
        self.date = Some((date, precision, Some(expression.to_string())));
        self
    }

    /// Conditional on `condition` (`if a contingency flares up`), written after the target.
    #[must_use]
    pub fn conditional(mut self, condition: &str) -> EventSpec {
        self.condition = Some(condition.to_string());
        self
    }

    #[must_use]
    pub fn future(mut self) -> EventSpec {
        self.future = true;
        self
    }

    #[must_use]
    pub fn hypothetical(mut self) -> EventSpec {
        self.hypothetical = true;
        self
    }

    #[must_use]
    pub fn negated(mut self) -> EventSpec {
        self.negated = true;
        self
    }

    #[must_use]
    pub fn habitual(mut self) -> EventSpec {
        self.habitual = true;
        self
    }

    /// Reported speech: `..., officials said.`
    #[must_use]
    pub fn reported(mut self) -> EventSpec {
        self.reported = true;
        self
    }

    /// Said in a direct quote by `speaker`: `Speaker said: "..."`; sets the event's quote
    /// and speaker, and the article's quote.
    #[must_use]
    pub fn quoted_by(mut self, speaker: &str, name: Option<&str>) -> EventSpec {
        let mut spec = ActorSpec::new(speaker);
        spec.name = name.map(str::to_string);
        if let Some(name) = name {
            spec.text = Some(name.to_string());
        }
        self.quoted_by = Some(spec);
        self.reported = true;
        self
    }

    #[must_use]
    pub fn location(mut self, location: &str) -> EventSpec {
        self.location = Some(location.to_string());
        self
    }

    /// PLOVER mode and contexts.
    #[must_use]
    pub fn mode(mut self, mode: &str, context: &[&str]) -> EventSpec {
        self.mode = mode.to_string();
        self.context = context.iter().map(|c| (*c).to_string()).collect();
        self
    }

    /// Extra words after the target (`over the Taiwan contingency`), for text search.
    #[must_use]
    pub fn words(mut self, words: &str) -> EventSpec {
        self.words = Some(words.to_string());
        self
    }

    /// The rule recorded as evidence (default `synth:{cameo}`).
    #[must_use]
    pub fn rule(mut self, rule: &str) -> EventSpec {
        self.rule = Some(rule.to_string());
        self
    }

    /// The condition's coded trigger (with [`conditional`](Self::conditional); spans in
    /// it are kept as given).
    #[must_use]
    pub fn trigger(mut self, trigger: Trigger) -> EventSpec {
        self.trigger = Some(trigger);
        self
    }

    /// What the event says about a pledge (spans in it are kept as given).
    #[must_use]
    pub fn pledge(mut self, pledge: Pledge) -> EventSpec {
        self.pledge = Some(pledge);
        self
    }
}

/// A synthetic article: a title, then one paragraph per event and any extra paragraphs.
#[derive(Clone, Debug)]
pub struct ArticleSpec {
    id: String,
    url: Option<String>,
    published: Date,
    title: Option<String>,
    outlet: Option<String>,
    format: Format,
    paragraphs: Vec<Paragraph>,
}

#[derive(Clone, Debug)]
enum Paragraph {
    Event(Box<EventSpec>),
    Text(String),
}

/// The default publication day of synthetic articles.
#[must_use]
pub fn default_date() -> Date {
    jiff::civil::date(2025, 11, 30)
}

/// An article `id` at `https://news.example/{id}`, published on [`default_date`].
#[must_use]
pub fn article(id: &str) -> ArticleSpec {
    ArticleSpec {
        id: id.to_string(),
        url: Some(format!("https://news.example/{id}")),
        published: default_date(),
        title: None,
        outlet: Some("Synthetic Wire".to_string()),
        format: Format::Text,
        paragraphs: Vec::new(),
    }
}

impl ArticleSpec {
    #[must_use]
    pub fn url(mut self, url: Option<&str>) -> ArticleSpec {
        self.url = url.map(str::to_string);
        self
    }

    #[must_use]
    pub fn published(mut self, date: Date) -> ArticleSpec {
        self.published = date;
        self
    }

    /// The headline (default `Report {id}`); it makes the text, hence the content hash.
    #[must_use]
    pub fn title(mut self, title: &str) -> ArticleSpec {
        self.title = Some(title.to_string());
        self
    }

    #[must_use]
    pub fn format(mut self, format: Format) -> ArticleSpec {
        self.format = format;
        self
    }

    #[must_use]
    pub fn event(mut self, event: EventSpec) -> ArticleSpec {
        self.paragraphs.push(Paragraph::Event(Box::new(event)));
        self
    }

    /// A paragraph without events.
    #[must_use]
    pub fn paragraph(mut self, text: &str) -> ArticleSpec {
        self.paragraphs.push(Paragraph::Text(text.to_string()));
        self
    }

    /// The coded article.
    ///
    /// # Panics
    /// If an actor or CAMEO code given to the builder is invalid (a bug in the caller;
    /// see [`try_build`](Self::try_build)).
    #[must_use]
    pub fn build(self) -> CodedArticle {
        match self.try_build() {
            Ok(coded) => coded,
            Err(e) => panic!("synthetic article: {e}"),
        }
    }

    /// The coded article, or the first invalid code.
    pub fn try_build(self) -> Result<CodedArticle, CodeError> {
        let mut b = ArticleBuilder::new(self.id.clone(), self.format);
        let title = self.title.clone().unwrap_or_else(|| format!("Report {}", self.id));
        let title_span = b.push(BlockKind::Title, &title);
        let mut mentions = Vec::new();
        let mut events = Vec::new();
        let mut quotes = Vec::new();
        for paragraph in &self.paragraphs {
            match paragraph {
                Paragraph::Text(text) => {
                    b.push(BlockKind::Paragraph, text);
                }
                Paragraph::Event(spec) => {
                    let n = events.len() + 1;
                    let offset = b.text().len() + if b.text().is_empty() { 0 } else { 2 };
                    let written = write_event(spec, &self, n, offset)?;
                    b.push(BlockKind::Paragraph, &written.sentence);
                    mentions.extend(written.mentions);
                    quotes.extend(written.quote);
                    events.push(written.event);
                }
            }
        }
        let mut article: Article = b.finish();
        article.url = self.url.clone();
        article.title = Some(Field::at(title, title_span));
        article.published =
            Some(Published { date: self.published, raw: self.published.to_string(), span: None });
        article.outlet = self.outlet.as_deref().map(Field::meta);
        article.site = Some("news.example".to_string());
        article.language = Some("eng".to_string());
        Ok(CodedArticle { article, mentions, events, quotes, near_dup: None, clusters: Vec::new() })
    }
}

struct Written {
    sentence: String,
    event: Event,
    mentions: Vec<Mention>,
    quote: Option<Quote>,
}

/// Appends text to a sentence that starts at `base` in the article, returning its span.
struct Sentence {
    text: String,
    base: usize,
}

impl Sentence {
    fn push(&mut self, s: &str) -> Span {
        let start = self.base + self.text.len();
        self.text.push_str(s);
        Span::new(start, start + s.len())
    }
}

fn actor_ref(spec: &ActorSpec, span: Span, text: String) -> Result<ActorRef, CodeError> {
    Ok(ActorRef { code: ActorCode::new(spec.code.clone())?, text, span, name: spec.name.clone() })
}

fn mention_of(actor: &ActorRef) -> Mention {
    Mention {
        span: actor.span,
        text: actor.text.clone(),
        code: actor.code.clone(),
        kind: MentionKind::Name,
        name: actor.name.clone(),
        antecedent: None,
        confidence: 0.9,
    }
}

fn write_event(spec: &EventSpec, article: &ArticleSpec, n: usize, base: usize) -> Result<Written, CodeError> {
    let cameo = CameoCode::new(spec.cameo.clone())?;
    let root = root_of(&cameo);
    let mut s = Sentence { text: String::new(), base };
    let mut speaker = None;
    let mut frame = None;
    if let Some(by) = &spec.quoted_by {
        let text = by.text();
        let span = s.push(&text);
        speaker = Some(actor_ref(by, span, text)?);
        let said = s.push(" said");
        frame = Some(span.cover(said));
        s.push(": \"");
    }
    let quote_start = s.base + s.text.len();
    let source_text = spec.source.text();
    let source_span = s.push(&source_text);
    let source = actor_ref(&spec.source, source_span, source_text)?;
    let modal = if spec.negated {
        " did not "
    } else if spec.future {
        " will "
    } else if spec.hypothetical {
        " could "
    } else if spec.habitual {
        " has repeatedly "
    } else {
        " "
    };
    s.push(modal);
    let verb = if modal == " " { root.past } else { root.base };
    let trigger = s.push(verb);
    let target = match &spec.target {
        Some(target_spec) => {
            s.push(" ");
            let text = target_spec.text();
            let span = s.push(&text);
            Some(actor_ref(target_spec, span, text)?)
        }
        None => None,
    };
    if let Some(words) = &spec.words {
        s.push(" ");
        s.push(words);
    }
    let condition = spec.condition.as_ref().map(|condition| {
        s.push(" ");
        Condition { text: condition.clone(), span: s.push(condition), trigger: spec.trigger.clone() }
    });
    let date = match &spec.date {
        Some((date, precision, Some(expression))) => {
            s.push(" ");
            EventDate { date: *date, precision: *precision, span: Some(s.push(expression)) }
        }
        Some((date, precision, None)) => EventDate { date: *date, precision: *precision, span: None },
        None => EventDate { date: article.published, precision: Precision::Day, span: None },
    };
    let quote = match (&speaker, frame) {
        (Some(speaker), Some(frame)) => {
            let quote_end = s.base + s.text.len() + 1;
            s.push(".\"");
            let span = Span::new(quote_start, quote_end);
            let text = s.text[quote_start - s.base..quote_end - s.base].to_string();
            Some(Quote {
                text,
                span,
                kind: QuoteKind::Direct,
                speaker: Some(speaker.clone()),
                frame: Some(frame),
            })
        }
        _ => {
            s.push(if spec.reported { ", officials said." } else { "." });
            None
        }
    };
    let sentence_span = Span::new(base, base + s.text.len());
    let mut mentions = vec![mention_of(&source)];
    mentions.extend(target.as_ref().map(mention_of));
    mentions.extend(speaker.as_ref().map(mention_of));
    mentions.sort_by_key(|m| m.span);
    let event = Event {
        id: format!("{}#{n}", article.id),
        article_id: article.id.clone(),
        source,
        target,
        plover: spec.plover.unwrap_or(root.plover),
        plover_mode: spec.mode.clone(),
        plover_context: spec.context.clone(),
        goldstein: spec.goldstein.unwrap_or(root.goldstein),
        quad_class: cameo.quad_class(),
        modality: Modality {
            attribution: if spec.reported { Attribution::Reported } else { Attribution::Asserted },
            condition,
            future: spec.future,
            hypothetical: spec.hypothetical,
            negated: spec.negated,
            habitual: spec.habitual,
        },
        quote: quote.clone(),
        speaker,
        date,
        location: spec.location.clone(),
        evidence: Evidence {
            sentence: sentence_span,
            sentence_text: s.text.clone(),
            trigger,
            rule: spec.rule.clone().unwrap_or_else(|| format!("synth:{}", cameo.as_str())),
            dictionary_version: DICTIONARY_VERSION.to_string(),
        },
        cameo,
        pledge: spec.pledge.clone(),
    };
    Ok(Written { sentence: s.text, event, mentions, quote })
}

/// A small, fast, seeded PRNG (SplitMix64): the same seed gives the same store.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Samples indexes `0..n` with given weights.
#[derive(Clone, Debug)]
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    /// Zipf weights `1 / rank^s` for `n` ranks.
    fn zipf(n: usize, s: f64) -> Weighted {
        Weighted::new((1..=n).map(|rank| 1.0 / (rank as f64).powf(s)))
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative.partition_point(|&c| c <= x).min(self.cumulative.len().saturating_sub(1))
    }
}

/// Words of synthetic prose, most frequent first (sampled with a Zipf law).
const VOCABULARY: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "on",
    "said",
    "for",
    "that",
    "with",
    "was",
    "by",
    "its",
    "at",
    "from",
    "as",
    "it",
    "is",
    "has",
    "would",
    "officials",
    "government",
    "minister",
    "after",
    "talks",
    "security",
    "foreign",
    "president",
    "military",
    "country",
    "forces",
    "week",
    "statement",
    "border",
    "defence",
    "against",
    "meeting",
    "region",
    "agreement",
    "support",
    "international",
    "sanctions",
    "troops",
    "war",
    "ceasefire",
    "economic",
    "trade",
    "leaders",
    "spokesman",
    "ministry",
    "capital",
    "state",
    "news",
    "agency",
    "during",
    "over",
    "since",
    "while",
    "further",
    "between",
    "both",
    "years",
    "months",
    "day",
    "weeks",
    "visit",
    "summit",
    "election",
    "parliament",
    "opposition",
    "protest",
    "police",
    "attack",
    "missile",
    "drills",
    "exercises",
    "navy",
    "aircraft",
    "bombers",
    "strait",
    "island",
    "nuclear",
    "energy",
    "oil",
    "gas",
    "pipeline",
    "refugees",
    "humanitarian",
    "aid",
    "embassy",
    "ambassador",
    "diplomatic",
    "relations",
    "cooperation",
    "partnership",
    "tensions",
    "dispute",
    "conflict",
    "crisis",
    "violence",
    "clashes",
    "rebels",
    "militants",
    "civilians",
    "casualties",
    "reported",
    "according",
    "sources",
    "analysts",
    "warned",
    "urged",
    "called",
    "demanded",
    "rejected",
    "accused",
    "denied",
    "condemned",
    "welcomed",
    "signed",
    "agreed",
    "announced",
    "pledged",
    "vowed",
    "threatened",
    "deployed",
    "launched",
    "seized",
    "detained",
    "arrested",
    "released",
    "negotiations",
    "proposal",
    "resolution",
    "council",
    "vote",
    "budget",
    "tariffs",
    "exports",
    "imports",
    "investment",
    "loan",
    "debt",
    "currency",
    "inflation",
    "markets",
    "companies",
    "contracts",
    "infrastructure",
    "ports",
    "railway",
    "airport",
    "grain",
    "food",
    "water",
    "drought",
    "floods",
    "earthquake",
    "contingency",
    "deterrence",
    "alliance",
    "treaty",
    "inspection",
    "enrichment",
    "uranium",
    "warheads",
    "cyberattack",
    "espionage",
    "hackers",
    "journalists",
    "media",
    "censorship",
    "courts",
    "judges",
    "ruling",
    "constitution",
    "referendum",
    "coalition",
    "cabinet",
    "resignation",
    "corruption",
    "scandal",
    "investigation",
    "blockade",
    "convoy",
    "checkpoint",
    "airstrike",
    "shelling",
    "drone",
    "artillery",
    "frontline",
    "offensive",
    "withdrawal",
    "annexation",
    "occupation",
    "sovereignty",
    "independence",
    "autonomy",
    "separatists",
    "insurgents",
    "hostages",
    "kidnapping",
    "bombing",
    "explosion",
    "ambush",
    "patrol",
    "fishing",
    "vessels",
    "coastguard",
    "collision",
    "airspace",
    "incursion",
    "satellite",
    "launch",
    "rocket",
    "testing",
    "summons",
    "expulsion",
    "diplomats",
    "visa",
    "migrants",
    "asylum",
    "camps",
    "vaccines",
    "pandemic",
    "hospital",
    "doctors",
    "teachers",
    "students",
    "strike",
    "unions",
    "wages",
    "farmers",
    "harvest",
    "fertiliser",
    "semiconductors",
    "chips",
    "rare",
    "earths",
    "lithium",
    "mines",
    "copper",
    "shipping",
    "freight",
    "canal",
];

const SYLLABLES: &[&str] = &[
    "ka", "ro", "vel", "tan", "mir", "sol", "dor", "ven", "zu", "ara", "bel", "kor", "lin", "tas", "gor",
    "nev",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Settings of the generator.
#[derive(Clone, Debug)]
pub struct SynthConfig {
    pub seed: u64,
    /// Documents to generate (articles and skips).
    pub articles: usize,
    /// Mean events per article (uniform from 0 to twice this).
    pub mean_events: usize,
    /// First publication day.
    pub start: Date,
    /// Days of publication dates.
    pub days: i32,
    /// Articles per publication day: documents arrive in time order, a few days of
    /// jitter apart, as from feeds or a crawl archive (the last day repeats once `days`
    /// are used up).
    pub per_day: usize,
    /// Publication days drawn at random instead (the worst case for index inserts).
    pub shuffled: bool,
    /// Share of documents that are skips.
    pub skip_rate: f64,
    /// Synthetic place names, a long tail for rare-word searches.
    pub places: usize,
}

impl Default for SynthConfig {
    fn default() -> SynthConfig {
        SynthConfig {
            seed: 42,
            articles: 1000,
            mean_events: 10,
            start: jiff::civil::date(2023, 1, 1),
            days: 3 * 365 + 1,
            per_day: 90,
            shuffled: false,
            skip_rate: 0.02,
            places: 5000,
        }
    }
}

/// A dyad with a known escalation: France and Germany with one verbal dispute a week for
/// 26 weeks from 2025-01-06, then eight armed-conflict reports (`strike-0` to
/// `strike-7`, each a distinct act at a distinct place) over three days from 2025-07-08.
/// The default alert settings raise exactly one alert on it, driven by the strikes.
///
/// # Panics
/// Never (the dates are constants).
#[must_use]
pub fn escalation() -> Vec<ArticleRecord> {
    let start = jiff::civil::date(2025, 1, 6);
    let mut records = Vec::new();
    for week in 0..26 {
        let day = start.checked_add(jiff::Span::new().days(7 * week)).expect("a day");
        let coded = article(&format!("calm-{week}"))
            .published(day)
            .event(event("FRAGOV", "111").target("DEU").words(&format!("over item {week} of the budget")))
            .build();
        records.push(coded.into());
    }
    let burst = start.checked_add(jiff::Span::new().days(7 * 26 + 1)).expect("a day");
    let codes = ["190", "193", "195", "181", "183", "186", "180", "194"];
    let places = ["Metz", "Trier", "Saarbrücken", "Strasbourg", "Aachen", "Lille", "Nancy", "Colmar"];
    for (i, (code, place)) in codes.iter().zip(places).enumerate() {
        let day = burst.checked_add(jiff::Span::new().days(i as i64 / 3)).expect("a day");
        let coded = article(&format!("strike-{i}"))
            .published(day)
            .event(event("FRAMIL", code).target("DEU").location(place).words(&format!("near {place}")))
            .build();
        records.push(coded.into());
    }
    records
}

/// A seeded stream of synthetic [`ArticleRecord`]s.
#[derive(Debug)]
pub struct Synth {
    config: SynthConfig,
    rng: Rng,
    countries: Weighted,
    roles: Weighted,
    roots: Weighted,
    words: Weighted,
    /// Each country's favourite partners, for Zipf-like dyads.
    partners: Vec<[usize; 6]>,
    partner_weights: Weighted,
    dates: Vec<Date>,
    places: Vec<String>,
    produced: usize,
}

impl Synth {
    #[must_use]
    pub fn new(config: SynthConfig) -> Synth {
        let mut rng = Rng::new(config.seed);
        // Bodies are drawn as extra "countries" at the end of the ranking.
        let n_actors = COUNTRIES.len() + BODIES.len();
        let partners = (0..n_actors)
            .map(|i| {
                let mut picks = [0usize; 6];
                for (k, pick) in picks.iter_mut().enumerate() {
                    // Mostly high-ranked partners, never itself.
                    let mut p = (rng.below(20) * (k + 1) + i * 7 + k) % COUNTRIES.len();
                    if p == i {
                        p = (p + 1) % COUNTRIES.len();
                    }
                    *pick = p;
                }
                picks
            })
            .collect();
        let mut dates = Vec::with_capacity(usize::try_from(config.days).unwrap_or(0));
        let mut day = config.start;
        for _ in 0..config.days.max(1) {
            dates.push(day);
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        let places = (0..config.places.max(1))
            .map(|i| {
                let mut name = String::new();
                let mut x = i + 1;
                while x > 0 {
                    name.push_str(SYLLABLES[x % SYLLABLES.len()]);
                    x /= SYLLABLES.len();
                }
                name.push_str("sk");
                let mut chars = name.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect();
        let country_weights = (1..=n_actors)
            .map(|rank| 1.0 / (rank as f64).powf(1.1))
            .map(|w| w.max(0.004))
            .collect::<Vec<_>>();
        Synth {
            countries: Weighted::new(country_weights),
            roles: Weighted::new(ROLES.iter().map(|(_, _, w)| f64::from(*w))),
            roots: Weighted::new(ROOTS.iter().map(|r| f64::from(r.weight))),
            words: Weighted::zipf(VOCABULARY.len(), 1.0),
            partners,
            partner_weights: Weighted::zipf(6, 1.2),
            dates,
            places,
            rng,
            config,
            produced: 0,
        }
    }

    /// The next `n` records (fewer at the end of the configured count).
    pub fn batch(&mut self, n: usize) -> Vec<ArticleRecord> {
        self.by_ref().take(n).collect()
    }

    fn actor_code(&mut self, country: usize) -> String {
        if let Some((code, _)) = country.checked_sub(COUNTRIES.len()).and_then(|i| BODIES.get(i)) {
            return (*code).to_string();
        }
        let (code, _) = COUNTRIES[country % COUNTRIES.len()];
        let (role, _, _) = ROLES[self.roles.sample(&mut self.rng)];
        format!("{code}{role}")
    }

    fn filler(&mut self, n_words: usize) -> String {
        let mut text = String::new();
        for i in 0..n_words {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(VOCABULARY[self.words.sample(&mut self.rng)]);
        }
        text
    }

    fn place(&mut self) -> String {
        let i = self.rng.below(self.places.len());
        self.places[i].clone()
    }

    fn skip(&mut self, id: String) -> ArticleRecord {
        let reason = match self.rng.below(4) {
            0 => SkipReason::Paywall,
            1 => SkipReason::NotArticle,
            2 => SkipReason::TooShort { words: 12 },
            _ => SkipReason::NotHtml { content_type: "application/pdf".to_string() },
        };
        ArticleRecord::Skipped(Skip::new(id, reason))
    }

    fn article(&mut self, id: String) -> ArticleRecord {
        let last = self.dates.len().saturating_sub(1);
        let day = if self.config.shuffled {
            self.rng.below(self.dates.len())
        } else {
            let jitter = self.rng.below(5);
            (self.produced / self.config.per_day.max(1) + jitter).saturating_sub(2).min(last)
        };
        let published = self.dates[day];
        let place = self.place();
        let n_events = self.rng.below(2 * self.config.mean_events + 1);
        let mut spec = article(&id).published(published);
        let headline = self.filler(6);
        spec = spec.title(&format!("{place}: {headline} ({id})"));
        for i in 0..n_events {
            if i % 3 == 0 {
                let n_words = 20 + self.rng.below(30);
                let mut text = self.filler(n_words);
                if self.rng.chance(0.3) {
                    text.push_str(" near ");
                    text.push_str(&self.place());
                }
                text.push('.');
                spec = spec.paragraph(&text);
            }
            spec = spec.event(self.event(published));
        }
        ArticleRecord::Coded(Box::new(spec.build()))
    }

    fn event(&mut self, published: Date) -> EventSpec {
        let source_country = self.countries.sample(&mut self.rng);
        let source = self.actor_code(source_country);
        let root = &ROOTS[self.roots.sample(&mut self.rng)];
        let code = root.codes[self.rng.below(root.codes.len())];
        let mut spec = event(&source, code);
        let r = self.rng.unit();
        let target_country = if r < 0.6 {
            let k = self.partner_weights.sample(&mut self.rng);
            Some(self.partners[source_country][k])
        } else if r < 0.9 {
            Some(self.countries.sample(&mut self.rng))
        } else {
            None
        };
        if let Some(target_country) = target_country {
            let target = self.actor_code(target_country);
            spec = spec.target(&target);
        }
        if self.rng.chance(0.4) {
            let n_words = 3 + self.rng.below(8);
            spec = spec.words(&self.filler(n_words));
        }
        let r = self.rng.unit();
        if r < 0.08 {
            let condition = format!("if {} {}", self.filler(2), self.filler(2));
            spec = spec.conditional(&condition);
        } else if r < 0.18 {
            spec = spec.future();
        } else if r < 0.23 {
            spec = spec.hypothetical();
        } else if r < 0.27 {
            spec = spec.negated();
        } else if r < 0.32 {
            spec = spec.habitual();
        }
        let r = self.rng.unit();
        if r < 0.15 {
            let speaker_country = self.countries.sample(&mut self.rng) % COUNTRIES.len();
            let speaker = format!("{}GOV", COUNTRIES[speaker_country].0);
            spec = spec.quoted_by(&speaker, None);
        } else if r < 0.4 {
            spec = spec.reported();
        }
        let r = self.rng.unit();
        if r < 0.08 {
            let month =
                published.first_of_month().yesterday().map(|d| d.first_of_month()).unwrap_or(published);
            let expression = format!("in {}", MONTHS[usize::try_from(month.month() - 1).unwrap_or(0)]);
            spec = spec.dated(month, Precision::Month, &expression);
        } else if r < 0.12 {
            let monday = published
                .checked_sub(
                    jiff::Span::new().days(i64::from(published.weekday().to_monday_zero_offset()) + 7),
                )
                .unwrap_or(published);
            spec = spec.dated(monday, Precision::Week, "last week");
        }
        if self.rng.chance(0.2) {
            spec = spec.location(&self.place());
        }
        spec
    }
}

impl Iterator for Synth {
    type Item = ArticleRecord;

    fn next(&mut self) -> Option<ArticleRecord> {
        if self.produced >= self.config.articles {
            return None;
        }
        self.produced += 1;
        let id = format!("synth-{}-{}", self.config.seed, self.produced);
        Some(if self.rng.chance(self.config.skip_rate) { self.skip(id) } else { self.article(id) })
    }
}

/// A named query of [`query_mix`].
#[derive(Clone, Debug)]
pub struct QueryCase {
    pub name: &'static str,
    pub filter: EventFilter,
    pub page: Page,
}

/// Typical queries of the dashboard and the CLI over a store made by [`Synth`] with the
/// default configuration (dates 2023 to 2025): pages of 50 by actor, dyad, type and
/// dates, modality, and text, common and rare. For benchmarks and load tests.
#[must_use]
pub fn query_mix() -> Vec<QueryCase> {
    let f = EventFilter::default;
    let p = || Page::first(50);
    let d = jiff::civil::date;
    let case = |name, filter, page| QueryCase { name, filter, page };
    vec![
        case("all", f(), p()),
        case("all, newest first", f(), p().newest_first()),
        case("actor RUS", f().actor("RUS"), p()),
        case("actor RUS, newest first", f().actor("RUS"), p().newest_first()),
        case("actor RUSGOV", f().actor("RUSGOV"), p()),
        case("actor SWE (rare)", f().actor("SWE"), p()),
        case("source CHN", f().source("CHN"), p()),
        case("dyad USA-CHN", f().dyad("USA", "CHN"), p()),
        case("dyad RUS->UKR", f().directed_dyad("RUS", "UKR"), p()),
        case("dyad SWE-CUB (rare)", f().dyad("SWE", "CUB"), p()),
        case("ASSAULT in 2024", f().plover(Plover::Assault).between(d(2024, 1, 1), d(2024, 12, 31)), p()),
        case("AID in Q3 2025", f().plover(Plover::Aid).between(d(2025, 7, 1), d(2025, 9, 30)), p()),
        case("cameo 19", f().cameo("19"), p()),
        case("cameo 0311", f().cameo("0311"), p()),
        case("conditional", f().with(ModalityFlag::Conditional), p()),
        case("actor IRN, factual", f().actor("IRN").with(ModalityFlag::Factual), p()),
        case("one week", f().between(d(2024, 6, 3), d(2024, 6, 9)), p()),
        case("text sanctions", f().text("sanctions"), p()),
        case("text said (most articles)", f().text("said"), p()),
        case("text canal lithium (1%)", f().text("canal lithium"), p()),
        case("text canal lithium copper (0.2%)", f().text("canal lithium copper"), p()),
        case("sentence minister (2%)", f().sentence_text("minister"), p()),
        case("sentence canal (0.2%)", f().sentence_text("canal"), p()),
        case("text sanctions, actor RUS", f().text("sanctions").actor("RUS"), p()),
        case("dyad USA-CHN, ASSAULT", f().dyad("USA", "CHN").plover(Plover::Assault), p()),
        case("dyad SWE-CUB, text said", f().dyad("SWE", "CUB").text("said"), p()),
    ]
}

/// Sentences of synthetic news stories, as (source, verb phrase, target): each codes to
/// one event with the built-in dictionaries. For end-to-end tests of the pipeline.
pub const STORY_PAIRS: &[(&str, &str, &str)] = &[
    ("Russian forces", "shelled", "the Ukrainian city of Kharkiv"),
    ("China", "accused", "Japan of provocations near the islands"),
    ("The United States", "imposed sanctions on", "Iran"),
    ("Germany", "signed a trade agreement with", "France"),
    ("Turkey", "condemned", "Greece over the airspace incident"),
];

const STORY_WORDS: &[&str] = &[
    "officials",
    "harbour",
    "budget",
    "river",
    "council",
    "winter",
    "railway",
    "border",
    "farmers",
    "museum",
    "election",
    "bridge",
    "doctors",
    "market",
    "festival",
    "pipeline",
    "teachers",
    "airport",
    "coastline",
    "factory",
    "volunteers",
    "satellite",
    "vineyard",
    "library",
    "stadium",
    "forest",
    "ministry",
    "harvest",
    "tunnel",
    "archive",
    "reservoir",
    "clinic",
];

/// Sixty words that only story `n` has in this order: filler that makes each synthetic
/// story's text its own (no two are near-duplicates).
#[must_use]
pub fn story_filler(n: usize) -> String {
    let mut state = (n as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut words = Vec::new();
    for _ in 0..60 {
        state ^= state >> 33;
        state = state.wrapping_mul(0xff51_afd7_ed55_8ccd);
        words.push(STORY_WORDS[(state % STORY_WORDS.len() as u64) as usize]);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_articles_are_consistent() {
        let coded = article("a")
            .event(
                event("RUSGOV", "057")
                    .target("CHN")
                    .conditional("if a contingency flares up")
                    .quoted_by("RUSGOV", Some("Sergei Lavrov")),
            )
            .event(event("CHNMIL", "190").target("TWN").habitual().dated(
                jiff::civil::date(2025, 11, 1),
                Precision::Month,
                "in November",
            ))
            .paragraph("Nothing happened here.")
            .build();
        let text = &coded.article.text;
        assert!(coded.article.check().is_ok(), "{:?}", coded.article.check());
        for event in &coded.events {
            assert_eq!(event.evidence.sentence.slice(text), event.evidence.sentence_text);
            assert_eq!(event.source.span.slice(text), event.source.text);
            if let Some(target) = &event.target {
                assert_eq!(target.span.slice(text), target.text);
            }
            if let Some(c) = &event.modality.condition {
                assert_eq!(c.span.slice(text), c.text);
            }
            if let Some(q) = &event.quote {
                assert_eq!(q.span.slice(text), q.text);
            }
            assert!(event.evidence.sentence.contains(event.evidence.trigger));
        }
        assert_eq!(coded.events[1].date.span.map(|s| s.slice(text)), Some("in November"));
        assert_eq!(coded.quotes.len(), 1);
        assert_eq!(coded.quotes[0].frame.map(|s| s.slice(text)), Some("Sergei Lavrov said"));
        assert!(text.contains("Sergei Lavrov said: \"Russia's government praised China if a contingency"));
    }

    #[test]
    fn the_generator_is_seeded_and_valid() {
        let config = SynthConfig { articles: 200, ..SynthConfig::default() };
        let a: Vec<_> = Synth::new(config.clone()).collect();
        let b: Vec<_> = Synth::new(config).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 200);
        let mut n_events = 0;
        for record in &a {
            if let ArticleRecord::Coded(coded) = record {
                assert!(coded.article.check().is_ok());
                for event in &coded.events {
                    assert_eq!(
                        event.evidence.sentence.slice(&coded.article.text),
                        event.evidence.sentence_text
                    );
                    assert_eq!(event.source.span.slice(&coded.article.text), event.source.text);
                }
                n_events += coded.events.len();
            }
        }
        assert!((1200..2800).contains(&n_events), "{n_events}");
    }

    #[test]
    fn actor_names() {
        assert_eq!(actor_name("RUSGOV"), "Russia's government");
        assert_eq!(actor_name("CHN"), "China");
        assert_eq!(actor_name("IGOUNO"), "the United Nations");
        assert_eq!(actor_name("XYZ"), "XYZ");
    }
}
