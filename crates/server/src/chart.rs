//! The dyad chart as numbers: bar rectangles, index points and axis ticks that the
//! `dyad.html` template draws as inline SVG.
//!
//! Top panel: per bucket, cooperation stacked upward (verbal, then material) and conflict
//! downward (verbal, then material) from a zero line, on one scale. Bottom panel: the
//! conflict-cooperation index of each bucket (-1 all conflict, +1 all cooperation), a
//! line broken where a bucket has no weighted events. Every bar and point has a `<title>`
//! for hover text. Only numbers and dates come from the data; the template escapes the
//! rest.

use faultline_analysis::{Bucket, DyadSeries};

pub const WIDTH: f64 = 960.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
/// Height of the bar panel.
const BARS: f64 = 240.0;
const GAP: f64 = 34.0;
/// Height of the index panel.
const INDEX: f64 = 110.0;
const BOTTOM: f64 = 26.0;
pub const HEIGHT: f64 = TOP + BARS + GAP + INDEX + BOTTOM;

/// One rectangle (SVG user units, one decimal).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    /// `coop-verbal`, `coop-material`, `conf-verbal`, `conf-material`.
    pub class: &'static str,
    pub title: String,
}

/// An axis label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: String,
    pub y: String,
    pub label: String,
}

/// A point of the index line.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    pub cx: String,
    pub cy: String,
    pub title: String,
}

/// Everything the template draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: String,
    pub height: String,
    pub bars: Vec<Bar>,
    /// `points` attributes of the index polylines, one per run of buckets with an index.
    pub lines: Vec<String>,
    pub dots: Vec<Dot>,
    pub x_ticks: Vec<Tick>,
    pub count_ticks: Vec<Tick>,
    pub index_ticks: Vec<Tick>,
    /// Panel names, at the top left of each half.
    pub panel_labels: Vec<Tick>,
    /// Plot area edges and baselines.
    pub left: String,
    pub right: String,
    pub zero_y: String,
    pub index_zero_y: String,
    pub index_top: String,
    pub index_bottom: String,
    pub bars_top: String,
    pub n_buckets: usize,
    /// The largest bar height in events, on either side.
    pub max_count: u32,
}

fn n(value: f64) -> String {
    format!("{value:.1}")
}

/// The chart of a series.
#[must_use]
pub fn chart(series: &DyadSeries) -> Chart {
    let buckets = &series.buckets;
    let n_buckets = buckets.len().max(1);
    let plot_width = WIDTH - LEFT - RIGHT;
    let step = plot_width / n_buckets as f64;
    let bar_width = (step * 0.8).clamp(0.5, 28.0);
    let max_count =
        buckets.iter().map(|b| b.quad.cooperation().max(b.quad.conflict())).max().unwrap_or(0).max(1);
    let half = BARS / 2.0;
    let zero_y = TOP + half;
    let scale = half / f64::from(max_count);
    let index_top = TOP + BARS + GAP;
    let index_zero = index_top + INDEX / 2.0;
    let index_y = |index: f64| index_zero - index.clamp(-1.0, 1.0) * INDEX / 2.0;
    let mut bars = Vec::new();
    let mut lines = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut dots = Vec::new();
    for (i, b) in buckets.iter().enumerate() {
        let x = LEFT + step * i as f64 + (step - bar_width) / 2.0;
        let when = label(series.bucket, b.start, true);
        let title = format!(
            "{when}: {} events ({} reports); cooperation {} verbal + {} material; conflict {} verbal + {} material",
            b.count,
            b.reports,
            b.quad.verbal_cooperation,
            b.quad.material_cooperation,
            b.quad.verbal_conflict,
            b.quad.material_conflict
        );
        let mut up = zero_y;
        for (count, class) in
            [(b.quad.verbal_cooperation, "coop-verbal"), (b.quad.material_cooperation, "coop-material")]
        {
            if count > 0 {
                let h = f64::from(count) * scale;
                up -= h;
                bars.push(Bar { x: n(x), y: n(up), w: n(bar_width), h: n(h), class, title: title.clone() });
            }
        }
        let mut down = zero_y;
        for (count, class) in
            [(b.quad.verbal_conflict, "conf-verbal"), (b.quad.material_conflict, "conf-material")]
        {
            if count > 0 {
                let h = f64::from(count) * scale;
                bars.push(Bar { x: n(x), y: n(down), w: n(bar_width), h: n(h), class, title: title.clone() });
                down += h;
            }
        }
        let cx = LEFT + step * (i as f64 + 0.5);
        match b.index {
            Some(index) if index.is_finite() => {
                let cy = index_y(index);
                run.push(format!("{},{}", n(cx), n(cy)));
                dots.push(Dot { cx: n(cx), cy: n(cy), title: format!("{when}: index {index:+.2}") });
            }
            _ => {
                if run.len() > 1 {
                    lines.push(run.join(" "));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        lines.push(run.join(" "));
    }
    let x_ticks = x_ticks(series, step);
    let count_ticks = [(max_count, zero_y - half), (0, zero_y), (max_count, zero_y + half)]
        .into_iter()
        .map(|(count, y)| Tick { x: n(LEFT - 6.0), y: n(y + 4.0), label: count.to_string() })
        .collect();
    let index_ticks = [("+1", index_y(1.0)), ("0", index_zero), ("−1", index_y(-1.0))]
        .into_iter()
        .map(|(text, y)| Tick { x: n(LEFT - 6.0), y: n(y + 4.0), label: text.to_string() })
        .collect();
    let panel_labels = [
        ("cooperation ▲", TOP + 12.0),
        ("conflict ▼", zero_y + half - 4.0),
        ("conflict–cooperation index", index_top + 12.0),
    ]
    .into_iter()
    .map(|(text, y)| Tick { x: n(LEFT + 6.0), y: n(y), label: text.to_string() })
    .collect();
    Chart {
        width: n(WIDTH),
        panel_labels,
        height: n(HEIGHT),
        bars,
        lines,
        dots,
        x_ticks,
        count_ticks,
        index_ticks,
        left: n(LEFT),
        right: n(WIDTH - RIGHT),
        zero_y: n(zero_y),
        index_zero_y: n(index_zero),
        index_top: n(index_top),
        index_bottom: n(index_top + INDEX),
        bars_top: n(TOP),
        n_buckets: buckets.len(),
        max_count,
    }
}

/// About eight evenly spaced date labels under the index panel.
fn x_ticks(series: &DyadSeries, step: f64) -> Vec<Tick> {
    let n_buckets = series.buckets.len();
    if n_buckets == 0 {
        return Vec::new();
    }
    let every = n_buckets.div_ceil(8).max(1);
    let y = TOP + BARS + GAP + INDEX + 18.0;
    series
        .buckets
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, b)| Tick {
            x: n(LEFT + step * (i as f64 + 0.5)),
            y: n(y),
            label: label(series.bucket, b.start, false),
        })
        .collect()
}

/// A bucket's name: `2025-12` for months, `2025-12-28` for days, `week of 2025-12-22`.
fn label(bucket: Bucket, start: jiff::civil::Date, long: bool) -> String {
    match bucket {
        Bucket::Month => format!("{:04}-{:02}", start.year(), start.month()),
        Bucket::Week if long => format!("week of {start}"),
        Bucket::Week | Bucket::Day => start.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_analysis::synth::PointBuilder;
    use faultline_analysis::{ClusterConfig, EventSet, SeriesQuery};

    #[test]
    fn bars_go_up_for_cooperation_and_down_for_conflict() {
        let points = vec![
            PointBuilder::new("a1#1", "RUS", "CHN", "057", "2025-01-06")
                .evidence("Russia signed a deal with China")
                .build(),
            PointBuilder::new("a2#1", "CHN", "RUS", "111", "2025-01-20")
                .evidence("China criticised Russia")
                .build(),
            PointBuilder::new("a3#1", "CHN", "RUS", "190", "2025-01-21")
                .evidence("China shelled Russian posts")
                .build(),
        ];
        let set = EventSet::from_points(points, ClusterConfig::default());
        let series = set.series(&SeriesQuery::new("RUS", "CHN").bucket(Bucket::Week));
        let chart = chart(&series);
        assert_eq!(chart.n_buckets, 3, "weeks of Jan 6, 13 and 20");
        let zero: f64 = chart.zero_y.parse().unwrap();
        let coop = chart.bars.iter().find(|b| b.class.starts_with("coop")).unwrap();
        let conf = chart.bars.iter().find(|b| b.class.starts_with("conf")).unwrap();
        let (coop_y, coop_h): (f64, f64) = (coop.y.parse().unwrap(), coop.h.parse().unwrap());
        assert!((coop_y + coop_h - zero).abs() < 0.2, "cooperation ends on the zero line");
        assert_eq!(conf.y, chart.zero_y, "conflict starts at the zero line");
        assert_eq!(chart.bars.len(), 3);
        // the empty middle week breaks the index line: two single points, no line
        assert_eq!(chart.dots.len(), 2);
        assert!(chart.lines.is_empty());
        assert_eq!(chart.x_ticks[0].label, "2025-01-06");
    }

    #[test]
    fn an_empty_series_draws_axes_only() {
        let set = EventSet::from_points(Vec::new(), ClusterConfig::default());
        let chart = chart(&set.series(&SeriesQuery::new("RUS", "CHN")));
        assert!(chart.bars.is_empty() && chart.dots.is_empty() && chart.x_ticks.is_empty());
    }
}
