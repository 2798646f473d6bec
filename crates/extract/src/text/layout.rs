//! Where the article is among the page's lines: the headline, the body region, the
//! lines kept as body paragraphs and the standfirst.

use super::lexicon::FnvSet;
use super::lines::{Kind, Line, effective_words, token_hashes};
use crate::meta;

/// Tuning of the layout search. The values are general (lengths in words, penalties
/// per line); they were set on the shape of news pages, not on any one site.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    /// Score of the headline line: regions that start at the headline are preferred.
    pub headline_bonus: f64,
    /// Least headline match (share of the headline's words found in the page title).
    pub headline_min: f64,
    /// Prose words needed before a comments header ends the article.
    pub end_min: f64,
    /// Penalty of a soft end header (`Related`, `More on this topic`).
    pub end_penalty: f64,
    /// Multiplier of prose lines with no prose neighbour (teaser lists, comments).
    pub isolated: f64,
    /// Growth of the penalty along a run of non-prose lines, and its cap.
    pub escalation: f64,
    pub escalation_max: f64,
    /// A prose line whose word 4-grams were mostly seen before is a duplicate.
    pub duplicate: f64,
    /// Lines after the headline within which a lone first paragraph is a standfirst.
    pub standfirst_distance: usize,
}

pub(crate) const PARAMS: Params = Params {
    headline_bonus: 40.0,
    headline_min: 0.6,
    end_min: 60.0,
    end_penalty: 40.0,
    isolated: 0.5,
    escalation: 0.25,
    escalation_max: 4.0,
    duplicate: 0.8,
    standfirst_distance: 6,
};

/// The article's place among the lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    /// The line the page title refers to (the reference for the headline search).
    pub title_line: Option<usize>,
    /// The headline: a later line repeating the page title, else the title line.
    pub headline: Option<usize>,
    /// First and last line of the body region (inclusive), if any.
    pub region: Option<(usize, usize)>,
    /// The lines kept as body paragraphs, in order.
    pub body: Vec<usize>,
    pub standfirst: Option<usize>,
}

fn base_score(line: &Line<'_>) -> f64 {
    if line.features.end && line.kind != Kind::Prose {
        return -PARAMS.end_penalty;
    }
    match line.kind {
        Kind::Prose => effective_words(&line.features),
        Kind::Dup | Kind::Meta | Kind::Short => -1.0,
        Kind::Caption => -2.0,
        Kind::Menu => -3.0,
        Kind::Teaser | Kind::Head => -4.0,
        Kind::Boiler => -10.0,
    }
}

/// Lines with more 4-grams than this are compared on a sample of them.
const SAMPLE_ABOVE: usize = 32;

/// Marks prose lines that repeat earlier prose (the standfirst again as a caption, the
/// article again as a single teaser line) as duplicates.
fn mark_duplicates(lines: &mut [Line<'_>]) {
    let prose_words: usize =
        lines.iter().filter(|l| l.kind == Kind::Prose).map(|l| l.features.n_words as usize).sum();
    let mut seen: FnvSet<u64> = FnvSet::with_capacity_and_hasher(prose_words / 3, Default::default());
    let mut tokens = Vec::new();
    let mut shingles = Vec::new();
    for line in lines.iter_mut().filter(|l| l.kind == Kind::Prose) {
        token_hashes(&line.text, &mut tokens);
        shingles.clear();
        if tokens.len() < 4 {
            shingles.push(tokens.iter().fold(0x9e37_79b9_u64, |h, t| h.rotate_left(17) ^ t));
        } else {
            shingles.extend(tokens.windows(4).map(|w| {
                w[0].rotate_left(3) ^ w[1].rotate_left(19) ^ w[2].rotate_left(37) ^ w[3].rotate_left(53)
            }));
            // A long line is compared on a quarter of its 4-grams, chosen by hash so that
            // the same 4-gram is always chosen (containment is estimated the same way).
            if shingles.len() > SAMPLE_ABOVE {
                shingles.retain(|h| h & 3 == 0);
            }
        }
        let hits = shingles.iter().filter(|s| seen.contains(s)).count();
        #[allow(clippy::cast_precision_loss)]
        if !shingles.is_empty() && hits as f64 >= PARAMS.duplicate * shingles.len() as f64 {
            line.kind = Kind::Dup;
        }
        seen.extend(shingles.iter().copied());
    }
}

/// The first line that is not a date header: the page title (html_text puts the
/// `<title>` first) or the headline itself.
fn title_line(lines: &[Line<'_>]) -> Option<usize> {
    lines.iter().take(4).position(|l| meta::find_date_line(&l.text).is_none() || l.features.n_words > 12)
}

/// The line that repeats the page title best (the headline above the article), if it
/// matches well enough.
fn find_headline(lines: &[Line<'_>], title: usize) -> Option<usize> {
    let mut title_tokens = Vec::new();
    token_hashes(&lines[title].text, &mut title_tokens);
    if !(2..=40).contains(&title_tokens.len()) {
        return None;
    }
    let title_set: FnvSet<u64> = title_tokens.iter().copied().collect();
    #[allow(clippy::cast_precision_loss)]
    let n_title = title_set.len() as f64;
    let mut best = (0.0, None);
    let mut tokens = Vec::new();
    // A line can only score enough if its length is comparable to the title's.
    let n_title_tokens = title_tokens.len();
    let (min_words, max_words) = (n_title_tokens * 3 / 10, n_title_tokens * 2 + 2);
    for (index, line) in lines.iter().enumerate().skip(title + 1).take(400) {
        let n_words = line.features.n_words as usize;
        if !(2..=40).contains(&n_words) || !(min_words..=max_words).contains(&n_words) {
            continue;
        }
        token_hashes(&line.text, &mut tokens);
        if !(2..=40).contains(&tokens.len()) {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let (shared, n) =
            (tokens.iter().filter(|t| title_set.contains(t)).count() as f64, tokens.len() as f64);
        let score = shared / n * (shared / n_title * 1.5).min(1.0);
        if score > best.0 + 0.05 {
            best = (score, Some(index));
            if score > 0.95 {
                // Nothing later can beat it by the margin.
                break;
            }
        }
    }
    if best.0 >= PARAMS.headline_min { best.1 } else { None }
}

/// The maximum-sum run of scores: (sum, first, last).
fn best_run(scores: &[f64]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (0.0, None);
    let (mut current, mut start) = (0.0, 0);
    for (index, &score) in scores.iter().enumerate() {
        if current <= 0.0 {
            current = 0.0;
            start = index;
        }
        current += score;
        if current > best {
            best = current;
            best_range = Some((start, index));
        }
    }
    best_range
}

/// Finds the article among the lines (and marks duplicates in them).
pub(crate) fn layout(lines: &mut [Line<'_>]) -> Layout {
    let mut layout = Layout::default();
    if lines.is_empty() {
        return layout;
    }
    mark_duplicates(lines);
    let n = lines.len();
    let mut scores: Vec<f64> = lines.iter().map(base_score).collect();
    // Prose with no prose beside it is more often a teaser or a comment than a paragraph.
    let prose = |i: usize| lines[i].kind == Kind::Prose;
    for (index, score) in scores.iter_mut().enumerate() {
        if prose(index) && !(index > 0 && prose(index - 1)) && !(index + 1 < n && prose(index + 1)) {
            *score *= PARAMS.isolated;
        }
    }
    // A long run of furniture costs more per line than a lone subheading.
    let mut run = 0.0;
    for score in &mut scores {
        if *score > 0.0 {
            run = 0.0;
        } else {
            run += 1.0;
            *score *= (1.0 + run * PARAMS.escalation).min(PARAMS.escalation_max);
        }
    }
    layout.title_line = title_line(lines);
    let headline = layout.title_line.and_then(|t| find_headline(lines, t));
    layout.headline = headline.or(layout.title_line);
    let mut search = scores.clone();
    if let Some(h) = headline {
        search[h] = PARAMS.headline_bonus;
    }
    // A comments header (or a copyright line) after enough of the article is a wall:
    // nothing after it is the article.
    let mut after_wall = false;
    let mut prose_since = 0.0;
    for index in 0..n {
        if Some(index) == headline {
            prose_since = 0.0;
        }
        if lines[index].features.hard_end && lines[index].kind != Kind::Prose {
            if prose_since >= PARAMS.end_min && headline.is_none_or(|h| index > h) {
                search[index] = -1e9;
                after_wall = true;
            }
            prose_since = 0.0;
        } else if after_wall && search[index] > 0.0 {
            search[index] = 0.0;
        } else if scores[index] > 0.0 {
            prose_since += scores[index];
        }
    }
    let Some((mut first, last)) = best_run(&search) else { return layout };
    // The body starts after the headline when the region holds it and most of the prose
    // follows it.
    if let Some(h) = headline.filter(|&h| first <= h && h <= last) {
        let positive =
            |range: std::ops::Range<usize>| scores[range].iter().filter(|s| **s > 0.0).sum::<f64>();
        let before = positive(first..h);
        let after = positive(h + 1..last + 1);
        if before < PARAMS.end_min || after >= before * 0.5 {
            first = h + 1;
        }
    }
    if first > last {
        return layout;
    }
    layout.region = Some((first, last));
    for index in first..=last {
        if keep(lines, index, first, last) {
            layout.body.push(index);
        }
    }
    add_numbered_lists(lines, &mut layout);
    // A lone first paragraph set off from the body by furniture (a caption, a byline, a
    // promo) just under the headline is the standfirst.
    if layout.body.len() >= 3 {
        let (lead, next) = (layout.body[0], layout.body[1]);
        let furniture_between = (lead + 1..next)
            .any(|i| matches!(lines[i].kind, Kind::Caption | Kind::Boiler | Kind::Meta | Kind::Dup));
        let near_headline =
            layout.headline.is_none_or(|h| lead.saturating_sub(h) <= PARAMS.standfirst_distance);
        if lines[lead].kind == Kind::Prose && next > lead + 1 && furniture_between && near_headline {
            layout.standfirst = Some(lead);
            layout.body.remove(0);
        }
    }
    layout
}

/// The number opening a list item (`1)`, `2.`, `3 -`), if any.
fn item_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &text[digits..];
    (rest.starts_with(") ") || rest.starts_with(". ") || rest.starts_with(" - ") || rest.starts_with(" – "))
        .then(|| text[..digits].parse().ok())
        .flatten()
}

/// Keeps numbered lists that run from the body (`1) ...`, `2) ...`, with at most one
/// line, such as a link, between items): list articles put their substance there, in
/// lines too short to be prose.
fn add_numbered_lists(lines: &[Line<'_>], layout: &mut Layout) {
    let (Some(&first_body), Some(&last_body)) = (layout.body.first(), layout.body.last()) else { return };
    let mut extra = Vec::new();
    let mut index = first_body;
    let end = lines.len().min(last_body + 4);
    while index < end {
        let Some(start_number) = item_number(&lines[index].text) else {
            index += 1;
            continue;
        };
        // Follow the list: item k, then item k+1 within two lines.
        let (mut expected, mut cursor, mut last_item) = (start_number + 1, index, index);
        let mut n_items = 1;
        while cursor + 1 < lines.len() {
            let next = (cursor + 1..(cursor + 3).min(lines.len()))
                .find(|&i| item_number(&lines[i].text) == Some(expected));
            let Some(next) = next else { break };
            n_items += 1;
            expected += 1;
            last_item = next;
            cursor = next;
        }
        // When every item had a line of its own after it, so has the last one.
        let spaced = n_items >= 2 && last_item - index == 2 * (n_items - 1);
        let list_end = if spaced && last_item + 1 < lines.len() { last_item + 1 } else { last_item };
        if n_items >= 3 {
            extra.extend(
                (index..=list_end)
                    .filter(|&i| !matches!(lines[i].kind, Kind::Boiler | Kind::Caption | Kind::Meta)),
            );
        }
        index = list_end + 1;
    }
    if !extra.is_empty() {
        layout.body.extend(extra);
        layout.body.sort_unstable();
        layout.body.dedup();
    }
}

/// Whether a line of the region is body: prose always; a short line or headline-like
/// line only between two prose lines (a subheading); furniture never.
fn keep(lines: &[Line<'_>], index: usize, first: usize, last: usize) -> bool {
    match lines[index].kind {
        Kind::Prose => true,
        Kind::Boiler | Kind::Caption | Kind::Meta | Kind::Dup => false,
        Kind::Short | Kind::Head | Kind::Teaser | Kind::Menu => {
            let prose = |i: usize| lines[i].kind == Kind::Prose;
            index > first
                && index < last
                && prose(index - 1)
                && prose(index + 1)
                && lines[index].features.n_words >= 2
        }
    }
}
