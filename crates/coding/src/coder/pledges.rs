//! Commitments in the text: a condition coded as a [`Trigger`], and what a pledge-shaped
//! event says about a commitment ([`Pledge`]: beneficiary, adversary, basis, terms,
//! stance). The words come from `dictionaries/verbs/commitments.txt`; every rule is in
//! `docs/dictionaries-verbs.md`, "Commitments".

use super::{Article, Hit, Proto, Slot, Speech};
use crate::grammar::*;
use crate::input::TokenKind;
use crate::pledge_words::Phrase;
use faultline_model::{
    Basis, BasisKind, CameoCode, CommitmentClass, Event, Pledge, Quote, Span, Stance, Terms, Trigger,
    TriggerAction,
};

/// A basis found in a sentence: an instrument with a cue before it, or the venue of a
/// statement.
#[derive(Clone, Debug)]
pub(super) struct FoundBasis {
    kind: BasisKind,
    span: Span,
    /// Mention index of the other party the instrument names.
    counterpart: Option<usize>,
    venue: Option<Box<str>>,
}

/// An instrument cited in a sentence, and who cited it (the sentence's speaker).
#[derive(Clone, Debug)]
pub(super) struct CitedBasis {
    sentence: usize,
    basis: FoundBasis,
    speaker: Option<usize>,
}

/// What the coder noticed about a hit that may be a pledge; turned into a [`Pledge`] per
/// event in `emit`.
#[derive(Clone, Debug, Default)]
pub(super) struct PledgeMarks {
    /// The mention named by a beneficiary phrase (`in support of the United States`).
    beneficiary: Option<usize>,
    /// The clause of that phrase, when it is not the event's own.
    terms: Option<Span>,
    /// An instrument cited in the event's sentence.
    basis: Option<FoundBasis>,
    /// The venue of the statement the event was reported from.
    statement: Option<FoundBasis>,
    topic: Option<usize>,
    hedged: bool,
    pub(super) withdrawn: bool,
    restated: bool,
    /// The lemma of the event's trigger word (`support`), for terms in quotes.
    lemma: String,
}

impl Article<'_, '_> {
    /// Whether `phrase` starts at token `i` (inside the sentence), each word matching the
    /// token's lower-case form or lemma.
    fn phrase_at(&self, i: usize, phrase: &[Box<str>]) -> bool {
        i + phrase.len() <= self.s1
            && phrase.iter().enumerate().all(|(k, w)| {
                let t = &self.input.tokens[i + k];
                t.lower == &**w || t.lemma == &**w
            })
    }

    /// The length of the first phrase of `list` starting at `i`.
    fn any_phrase_at(&self, i: usize, list: &[Phrase]) -> Option<usize> {
        list.iter().find(|p| self.phrase_at(i, p)).map(|p| p.len())
    }

    fn any_phrase_in(&self, a: usize, b: usize, list: &[Phrase]) -> bool {
        (a..b.min(self.s1)).any(|k| self.any_phrase_at(k, list).is_some_and(|n| k + n <= b.min(self.s1)))
    }

    fn inside(&self, m: usize, a: usize, b: usize) -> bool {
        a <= self.ments[m].start && self.ments[m].end <= b
    }

    // ----- triggers -----

    /// The condition clause `[a, b)` coded as a trigger: its coded act (a pattern hit
    /// inside it) with the act's actors inside the clause; else a conflict noun with the
    /// actors around it; else the clause's first actor and first word after it as an
    /// uncoded act. `main` is the event the condition is on (`If attacked, Norway will
    /// respond`: the target of an agentless passive is the main event's source).
    pub(super) fn condition_trigger(
        &self,
        (a, b): (usize, usize),
        cond_hits: &[Hit],
        main: &Hit,
    ) -> Option<Trigger> {
        let negated = self.lower(a) == "unless" || (a..b).any(|k| self.is(k, NEG));
        let usable = |m: usize| self.ments[m].usable && !self.ments[m].possessive && self.inside(m, a, b);
        // 1. A coded act.
        let act = cond_hits
            .iter()
            .filter(|h| {
                let head = h.frame_start.unwrap_or(h.anchor);
                a <= head && head < b && h.code.is_some()
            })
            // `a war between A and B`: a conflict noun is read as a conflict, whatever a
            // pattern codes it as.
            .filter(|h| self.any_phrase_at(h.anchor, &self.dicts.pledge_words.conflict).is_none())
            .min_by_key(|h| h.frame_start.unwrap_or(h.anchor));
        if let Some(h) = act
            && let Some(code) = h.code.clone()
        {
            let mut h = h.clone();
            // `if attacked`: a bare participle right after the marker is passive too.
            let passive = !h.noun
                && h.frame_start.is_none()
                && (self.is_passive(h.anchor) || (h.anchor == a + 1 && self.lower(h.anchor).ends_with("ed")));
            self.resolve_actors(&mut h);
            let source = h.source.mentions().iter().copied().find(|&m| usable(m));
            let mut target = h
                .target
                .mentions()
                .iter()
                .copied()
                .find(|&m| usable(m) && Some(m) != source)
                .map(|m| self.actor_ref(m));
            if target.is_none() && passive {
                target = main.source.mentions().first().map(|&m| self.actor_ref(m));
            }
            return Some(Trigger {
                source: source.map(|m| self.actor_ref(m)),
                action: self.act(&code),
                target,
                negated,
                cue: self.input.tokens[h.anchor].lemma.to_string(),
            });
        }
        // 2. A conflict noun.
        let words = &self.dicts.pledge_words;
        if let Some(k) =
            (a..b).find(|&k| !self.in_name(k) && self.any_phrase_at(k, &words.conflict).is_some())
        {
            let (source, target) = self.conflict_actors(a, b, &usable);
            return Some(Trigger {
                source: source.map(|m| self.actor_ref(m)),
                action: TriggerAction::Conflict,
                target: target.map(|m| self.actor_ref(m)),
                negated,
                cue: self.input.tokens[k].lemma.to_string(),
            });
        }
        // 3. An uncoded act: the first actor and the first word after it.
        let first = (a..b).find_map(|k| self.mention_at(k).filter(|&m| usable(m)))?;
        let mut k = self.ments[first].end;
        while k < b && (self.is(k, ADV | DO | NEG | FUTURE | WOULD | MAYBE | MUST | TO) || self.toks[k].timed)
        {
            k += 1;
        }
        let cue =
            (k < b && matches!(self.kind(k), Some(TokenKind::Word))).then(|| self.input.tokens[k].lemma)?;
        let target = (k + 1..b).find_map(|q| self.mention_at(q).filter(|&m| usable(m) && m != first));
        Some(Trigger {
            source: Some(self.actor_ref(first)),
            action: TriggerAction::Other,
            target: target.map(|m| self.actor_ref(m)),
            negated,
            cue: cue.to_string(),
        })
    }

    /// The actors of a conflict named by a noun: `between A and B` is (A, B); an actor
    /// after `by`/`from` or with a possessive is the source; another is the target (what
    /// the conflict is over or with: `a Taiwan contingency`, `a war with Russia`).
    fn conflict_actors(
        &self,
        a: usize,
        b: usize,
        usable: &dyn Fn(usize) -> bool,
    ) -> (Option<usize>, Option<usize>) {
        let mentions: Vec<usize> = {
            let mut list: Vec<usize> = Vec::new();
            for k in a..b {
                if let Some(m) = self.mention_at(k)
                    && usable(m)
                    && !list.contains(&m)
                {
                    list.push(m);
                }
            }
            list
        };
        if let Some(k) = (a..b).find(|&k| self.lower(k) == "between") {
            let after: Vec<usize> = mentions.iter().copied().filter(|&m| self.ments[m].start > k).collect();
            if let [x, y, ..] = after.as_slice() {
                return (Some(*x), Some(*y));
            }
        }
        let mut source = None;
        let mut target = None;
        for &m in &mentions {
            let start = self.ments[m].start;
            let end = self.ments[m].end;
            let agent = start > a && matches!(self.lower(start - 1), "by" | "from");
            let possessive = end < b && matches!(self.kind(end), Some(TokenKind::Possessive));
            if (agent || possessive) && source.is_none() {
                source = Some(m);
            } else if target.is_none() {
                target = Some(m);
            }
        }
        (source, target)
    }

    fn act(&self, code: &CameoCode) -> TriggerAction {
        let plover = self.dicts.cameo.lookup(code.as_str()).and_then(|e| e.plover);
        TriggerAction::Act { cameo: code.clone(), plover }
    }

    /// The trigger of a warning about another's hostile act (`a Chinese attack on Taiwan
    /// could constitute ...`): the act as the hit coded it, before it became the warning.
    pub(super) fn act_trigger(
        &self,
        hit: &Hit,
        code: &CameoCode,
        sources: &[usize],
        targets: &Slot,
    ) -> Trigger {
        Trigger {
            source: sources.first().map(|&m| self.actor_ref(m)),
            action: self.act(code),
            target: targets
                .mentions()
                .iter()
                .copied()
                .find(|m| !sources.contains(m))
                .map(|m| self.actor_ref(m)),
            negated: false,
            cue: self.input.tokens[hit.anchor].lemma.to_string(),
        }
    }

    // ----- bases -----

    /// Instruments cited in the sentence: a treaty, agreement or law noun (an `article`
    /// only before a number) whose noun phrase follows a cue (`under`, `in`, `set forth
    /// in`), with what follows it (`Article 5`, `of friendship`, `with China`).
    pub(super) fn find_bases(&self) -> Vec<FoundBasis> {
        let words = &self.dicts.pledge_words;
        let mut out = Vec::new();
        let mut k = self.s0;
        while k < self.s1 {
            if !self.toks[k].instrument_start {
                k += 1;
                continue;
            }
            let Some((len, kind)) = words
                .instruments
                .iter()
                .find(|(p, _)| self.phrase_at(k, p))
                .map(|(p, kind)| (p.len(), *kind))
            else {
                k += 1;
                continue;
            };
            let number_after = k + len < self.s1 && matches!(self.kind(k + len), Some(TokenKind::Number));
            if self.lower(k) == "article" && !number_after {
                k += 1;
                continue;
            }
            // Left: determiners and modifiers (`the 2001`, `the mutual defence`).
            let stop = PREP
                | COMMA
                | HARD
                | END
                | THAT
                | REL
                | SUB
                | COND
                | BE
                | HAVE
                | DO
                | FUTURE
                | WOULD
                | MAYBE
                | NEG
                | TO
                | AND;
            let mut start = k;
            while start > self.s0
                && start + 5 > k
                && !self.is(start - 1, stop)
                && matches!(self.kind(start - 1), Some(TokenKind::Word | TokenKind::Number))
                && !self.verb_like(start - 1)
                && self.any_phrase_ending_at(start, &words.cues).is_none()
            {
                start -= 1;
            }
            if self.any_phrase_ending_at(start, &words.cues).is_none() {
                k += len;
                continue;
            }
            // Right: numbers and names (`Article 5`), then `of`/`with`/`between`/`on` and
            // an actor or a word or two.
            let mut end = k + len;
            while end < self.s1
                && end < k + len + 3
                && (matches!(self.kind(end), Some(TokenKind::Number))
                    || (self.capitalised(end) && !self.is(end, stop)))
                && self.mention_at(end).is_none()
            {
                end += 1;
            }
            if end < self.s1 && matches!(self.lower(end), "of" | "with" | "between" | "on") {
                let mut e = end + 1;
                while e < self.s1 && self.is(e, DET) {
                    e += 1;
                }
                let mut took = false;
                while e < self.s1 {
                    if let Some(m) = self.mention_at(e) {
                        e = self.ments[m].end;
                        took = true;
                        if e + 1 < self.s1 && self.is(e, AND) && self.mention_at(e + 1).is_some() {
                            e += 1;
                            continue;
                        }
                        break;
                    }
                    let plain = matches!(self.kind(e), Some(TokenKind::Word | TokenKind::Number))
                        && !self.is(e, stop)
                        && (self.capitalised(e) || !self.lower(e).ends_with("ed"));
                    if !plain || e >= end + 4 {
                        break;
                    }
                    e += 1;
                    took = true;
                    if !self.capitalised(e - 1) && !matches!(self.kind(e - 1), Some(TokenKind::Number)) {
                        break;
                    }
                }
                if took {
                    end = e;
                }
            }
            let counterpart = (start..end).find_map(|q| {
                self.mention_at(q).filter(|&m| self.ments[m].usable && !self.ments[m].possessive)
            });
            out.push(FoundBasis { kind, span: self.span_of(start, end), counterpart, venue: None });
            k = end.max(k + 1);
        }
        out
    }

    /// A lower-case past form not after a determiner (`denounced the memoranda`, but `the
    /// revised treaty`): a verb, not a modifier of an instrument's noun.
    fn verb_like(&self, i: usize) -> bool {
        let lower = self.lower(i);
        !self.capitalised(i)
            && lower.len() > 4
            && lower.ends_with("ed")
            && !(i > self.s0 && self.is(i - 1, DET))
    }

    /// The length of the longest phrase of `list` that ends right before `end`.
    fn any_phrase_ending_at(&self, end: usize, list: &[Phrase]) -> Option<usize> {
        list.iter()
            .filter(|p| {
                p.len() <= end - self.s0.min(end) && {
                    let start = end - p.len();
                    start >= self.s0 && self.phrase_at(start, p)
                }
            })
            .map(|p| p.len())
            .max()
    }

    /// The venue of a speech frame (`said in a parliamentary session in November`,
    /// `said in an interview`): a venue phrase in the words after the frame, up to a
    /// clause break. The basis is the frame and those words.
    fn statement_basis(&self, speech: &Speech) -> Option<FoundBasis> {
        let from = speech.frame.end;
        let mut to = from;
        while to < self.s1
            && to < from + 15
            && !self.is(to, COMMA | HARD | END | THAT)
            && !self.is_quote_mark(to)
        {
            to += 1;
        }
        let words = &self.dicts.pledge_words;
        let venue = (from..to)
            .find_map(|k| words.venues.iter().find(|(p, _)| self.phrase_at(k, p)).map(|(_, v)| v))?;
        Some(FoundBasis {
            kind: BasisKind::Statement,
            span: self.span_of(speech.frame.start, to),
            counterpart: None,
            venue: Some(venue.clone()),
        })
    }

    /// The instruments of the sentence being coded, with its speaker: for pledges of the
    /// same speaker elsewhere in the article.
    pub(super) fn cited_bases(&self, sentence: usize, speeches: &[Speech]) -> Vec<CitedBasis> {
        let bases = self.find_bases();
        if bases.is_empty() {
            return Vec::new();
        }
        let speaker = speeches.iter().find_map(|s| s.speaker.first().copied());
        bases.into_iter().map(|basis| CitedBasis { sentence, basis, speaker }).collect()
    }

    // ----- pledge marks -----

    /// What the hit says about a commitment: beneficiary phrase, basis, statement venue,
    /// topic, hedges, withdrawal and restatement words.
    pub(super) fn pledge_marks(&self, hit: &Hit, head: usize, speech: Option<&Speech>) -> PledgeMarks {
        let words = &self.dicts.pledge_words;
        let mut marks = PledgeMarks {
            withdrawn: hit.withdrawn,
            lemma: self.input.tokens[hit.anchor].lemma.to_string(),
            ..PledgeMarks::default()
        };
        // The verb group before the head and the clause of the trigger.
        let mut vg = head;
        while vg > self.s0 && head - vg < 8 {
            let c = self.class(vg - 1);
            if c & (HARD | END | COMMA | SUB | COND | THAT | REL) != 0 || self.mention_at(vg - 1).is_some() {
                break;
            }
            vg -= 1;
        }
        let (_, clause_end) = self.clause(hit.anchor);
        let window_end = clause_end.max(hit.end).min(self.s1);
        marks.hedged = self.any_phrase_in(vg, window_end, &words.hedge);
        marks.withdrawn |= self.any_phrase_in(vg, window_end, &words.withdraw);
        marks.restated = self.any_phrase_in(vg, hit.anchor_end, &words.restate);
        // A warning negated (`would not constitute`) withdraws it.
        if hit.claim && (hit.end..(hit.end + 4).min(self.s1)).any(|k| self.is(k, NEG)) {
            marks.withdrawn = true;
        }
        let sources = hit.source.mentions();
        let condition = hit.modality.condition.as_ref().map(|c| c.span);
        let in_condition = |k: usize| condition.is_some_and(|c| c.contains(self.input.tokens[k].span));
        // The beneficiary: a phrase and the actor right after it, in the event's clause or
        // in a participial clause right after it (`..., potentially involving its defence
        // forces in support of the United States`).
        let (own_start, own_end) = self.clause(head);
        for k in self.s0..self.s1 {
            if in_condition(k) {
                continue;
            }
            let (clause_start, _) = self.clause(k);
            let own = own_start <= k && k < own_end;
            let participial =
                !own && clause_start > own_end && (own_end..clause_start).all(|q| self.is(q, COMMA)) && {
                    let mut q = clause_start;
                    while q < k && self.is(q, ADV | HYPO) {
                        q += 1;
                    }
                    q < k && self.lower(q).ends_with("ing")
                };
            if !own && !participial {
                continue;
            }
            let Some(n) = self.any_phrase_at(k, &words.beneficiary) else { continue };
            let mut q = k + n;
            while q < self.s1 && self.is(q, DET | POSS) && self.mention_at(q).is_none() {
                q += 1;
            }
            let Some(m) = (q < self.s1).then(|| self.mention_at(q)).flatten() else { continue };
            if !self.ments[m].usable || self.ments[m].possessive || sources.contains(&m) {
                continue;
            }
            marks.beneficiary = Some(m);
            if participial {
                marks.terms = Some(self.span_of(clause_start, self.ments[m].end));
            }
            break;
        }
        // The topic: `on`/`over` an actor after the trigger, in its clause.
        let targets = hit.target.mentions();
        for k in hit.anchor_end..window_end {
            if !matches!(self.lower(k), "on" | "over" | "regarding" | "concerning" | "about") {
                continue;
            }
            let mut q = k + 1;
            while q < window_end && self.is(q, DET) {
                q += 1;
            }
            if let Some(m) = (q < window_end).then(|| self.mention_at(q)).flatten()
                && !in_condition(q)
                && !sources.contains(&m)
                && !targets.contains(&m)
                && !self.ments[m].possessive
            {
                marks.topic = Some(m);
                break;
            }
        }
        marks.basis = self.find_bases().into_iter().next();
        marks.statement = speech.and_then(|s| self.statement_basis(s));
        marks
    }

    /// The pledge of one event, if the event is pledge-shaped: its code commits to
    /// something the register follows (or it withdraws a pledge), and it is conditional,
    /// future, possible, hedged, withdrawn, a restatement, cites an instrument or names a
    /// beneficiary.
    pub(super) fn pledge_of(
        &self,
        p: &Proto,
        code: &CameoCode,
        target: Option<usize>,
        quotes: &[Quote],
    ) -> Option<Pledge> {
        let marks = &p.marks;
        let class = CommitmentClass::of(code);
        let withdrawn = marks.withdrawn || (p.modality.negated && class.is_some());
        if class.is_none() && !withdrawn {
            return None;
        }
        let modality = &p.modality;
        let instrument = marks.basis.as_ref().is_some_and(|b| b.kind.is_instrument());
        let shaped = modality.condition.is_some()
            || modality.future
            || modality.hypothetical
            || marks.hedged
            || withdrawn
            || marks.restated
            || instrument
            || marks.beneficiary.is_some();
        if !shaped {
            return None;
        }
        let stance = if marks.hedged {
            Stance::Hedged
        } else if withdrawn {
            Stance::Withdrawn
        } else if modality.hypothetical {
            Stance::Possible
        } else {
            Stance::Firm
        };
        let threat = code.root() == 13;
        let beneficiary = marks.beneficiary.or(if threat { None } else { target }).map(|m| self.actor_ref(m));
        let trigger_source =
            modality.condition.as_ref().and_then(|c| c.trigger.as_ref()).and_then(|t| t.source.clone());
        let adversary = if threat { target.map(|m| self.actor_ref(m)) } else { None }
            .or(trigger_source)
            .filter(|a| beneficiary.as_ref().is_none_or(|b| b.code.country() != a.code.country()));
        let basis = marks
            .basis
            .as_ref()
            .or(marks.statement.as_ref())
            .map(|b| self.basis(b, p.speaker.filter(|_| b.kind.is_instrument())));
        let terms = marks
            .terms
            .map(|span| Terms { text: span.get(self.input.text).unwrap_or("").to_string(), span })
            .or_else(|| self.quoted_terms(p, quotes));
        Some(Pledge {
            beneficiary,
            adversary,
            basis,
            terms,
            stance,
            restated: marks.restated,
            topic: marks.topic.map(|m| self.actor_ref(m)),
        })
    }

    fn basis(&self, found: &FoundBasis, cited_by: Option<usize>) -> Basis {
        Basis {
            kind: found.kind,
            text: found.span.get(self.input.text).unwrap_or("").to_string(),
            span: found.span,
            counterpart: found.counterpart.map(|m| self.actor_ref(m)),
            venue: found.venue.as_deref().map(str::to_string),
            cited_by: cited_by.map(|m| self.actor_ref(m)),
        }
    }

    /// Terms in the speaker's own words: a quotation by the same speaker (same country)
    /// that contains the pledge's verb (`will support` ... "mutual support in defending
    /// ..."), the nearest after the event first.
    fn quoted_terms(&self, p: &Proto, quotes: &[Quote]) -> Option<Terms> {
        let speaker = p.speaker?;
        let country = self.codes[speaker].0.country()?;
        let lemma = p.marks.lemma.as_str();
        if lemma.len() < 3 {
            return None;
        }
        let at = p.trigger.start;
        quotes
            .iter()
            .filter(|q| q.speaker.as_ref().is_some_and(|s| s.code.country() == Some(country)))
            .filter(|q| !q.span.contains(p.trigger))
            .filter(|q| {
                let first = self.input.tokens.partition_point(|t| t.span.end <= q.span.start);
                self.input.tokens[first..]
                    .iter()
                    .take_while(|t| t.span.start < q.span.end)
                    .any(|t| t.lemma == lemma || t.lower == lemma)
            })
            .min_by_key(|q| (q.span.start < at, q.span.start.abs_diff(at)))
            .map(|q| Terms { text: q.text.trim_end_matches(['.', ',', ';']).to_string(), span: q.span })
    }

    /// Gives the pledges of a speaker the instruments they cite elsewhere in the article
    /// (`Russia will support China if ..., Lavrov said.` ... `the procedure ... is set
    /// forth in a treaty with China, Mr Lavrov said.`): a pledge without an instrument
    /// takes the nearest one cited by a speaker of the same country whose counterpart, if
    /// any, is the pledge's beneficiary or target.
    pub(super) fn attach_cited_bases(&self, events: &mut [Event], sentences: &[usize], cited: &[CitedBasis]) {
        for (event, &sentence) in events.iter_mut().zip(sentences) {
            let Some(pledge) = event.pledge.as_mut() else { continue };
            if pledge.basis.as_ref().is_some_and(|b| b.kind.is_instrument()) {
                continue;
            }
            let holder = event.speaker.as_ref().unwrap_or(&event.source).code.country().map(str::to_string);
            let Some(holder) = holder else { continue };
            let partners: Vec<Option<&str>> = [pledge.beneficiary.as_ref(), event.target.as_ref()]
                .into_iter()
                .flatten()
                .map(|a| a.code.country())
                .collect();
            let found = cited
                .iter()
                .filter(|c| c.sentence != sentence)
                .filter(|c| c.speaker.is_some_and(|s| self.codes[s].0.country() == Some(holder.as_str())))
                .filter(|c| c.basis.counterpart.is_none_or(|m| partners.contains(&self.codes[m].0.country())))
                .min_by_key(|c| c.sentence.abs_diff(sentence));
            if let Some(c) = found {
                pledge.basis = Some(self.basis(&c.basis, c.speaker));
            }
        }
    }
}
