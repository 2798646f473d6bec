//! Calibration of the evidence fingerprint on three kinds of sentence pairs:
//!
//! - *copies*: one sentence as syndication leaves it (a word or two edited, attribution
//!   reworded): must be within the similar-evidence distance (12 slots), so they cluster
//!   on evidence alone;
//! - *rewrites*: one event told in other words by another desk: must be within the
//!   within-story distance (16), so they cluster when their articles are one wire story;
//!   outside a story they need a shared place and code;
//! - *different events* of one dyad on one day: must be beyond 12, so evidence alone
//!   never merges them.
//!
//! Measured (`cargo test -p faultline-analysis --test it fingerprints -- --nocapture`):
//! copies 1-7 slots, rewrites 9-14, different events 15-25; a changed place name alone
//! stays near (see the last test).

use faultline_analysis::ArticleFingerprint;
use faultline_analysis::ClusterConfig;
use faultline_analysis::fingerprint::{distance, sentence};

fn d(a: &str, b: &str) -> u32 {
    distance(sentence(a).unwrap(), sentence(b).unwrap())
}

/// Asserts every pair is within `limit` (or beyond it, when `within` is false).
#[track_caller]
fn check(kind: &str, pairs: &[(&str, &str)], limit: u32, within: bool) {
    for (a, b) in pairs {
        let found = d(a, b);
        eprintln!("{kind}: {found:2}  {a:.40} / {b:.40}");
        assert_eq!(found <= limit, within, "{kind}: distance {found}, limit {limit}: {a:?} / {b:?}");
    }
}

const COPIES: &[(&str, &str)] = &[
    (
        "Russia will support China if a Taiwan contingency flares up, Foreign Minister Sergei Lavrov said.",
        "Russia will support China if a Taiwan contingency flares up, Russian Foreign Minister Sergei Lavrov told the Tass news agency.",
    ),
    (
        "Russian missiles struck an energy facility in Kharkiv early on Friday, the regional governor said.",
        "Russian missiles struck an energy facility in Kharkiv early Friday, regional governor Oleh Syniehubov said on Telegram.",
    ),
    (
        "The ministry said the drills were clearly intended as a demonstration of force against Japan.",
        "The ministry said the drills were clearly intended as a demonstration of force against Japan, it added.",
    ),
    (
        "Turkish drones struck Kurdish militant positions in northern Iraq, the defence ministry said.",
        "Turkish drones struck positions of Kurdish militants in northern Iraq overnight, Turkey's defence ministry said.",
    ),
    (
        "Russian drones struck an energy facility in Kharkiv early on Friday, cutting power to about 200,000 homes.",
        "KHARKIV, Ukraine (Wire) — Russian drones struck an energy facility in Kharkiv early on Friday, cutting power to some 200,000 homes.",
    ),
];

const REWRITES: &[(&str, &str)] = &[
    (
        "Israeli aircraft bombed targets in southern Lebanon on Tuesday, the army said in a statement.",
        "The Israeli army said its aircraft had bombed Hezbollah targets in southern Lebanon on Tuesday.",
    ),
    (
        "North Korea fired a ballistic missile into the sea off its east coast on Sunday, South Korea's military said.",
        "North Korea fired a ballistic missile off its east coast on Sunday, according to South Korea's Joint Chiefs of Staff.",
    ),
    (
        "Chinese coast guard vessels used water cannon against a Philippine supply boat near Second Thomas Shoal.",
        "Chinese coastguard ships fired water cannon at a Philippine resupply boat near the Second Thomas Shoal on Saturday.",
    ),
    (
        "The United States imposed sanctions on three Iranian shipping companies accused of smuggling oil.",
        "The US Treasury imposed new sanctions on three Iranian shipping firms it accused of smuggling oil to Asia.",
    ),
];

const DIFFERENT: &[(&str, &str)] = &[
    (
        "Russian missiles struck an energy facility in Kharkiv early on Friday, the regional governor said.",
        "Ukraine's foreign ministry summoned the Russian envoy on Friday to protest against the shelling of civilians.",
    ),
    (
        "Russian drones hit the port of Odesa overnight, injuring two dock workers, officials said.",
        "Russian missiles struck an energy facility in Kharkiv early on Friday, the regional governor said.",
    ),
    (
        "Russian drones hit the port of Odesa overnight, injuring two dock workers, officials said.",
        "Russian artillery shelled villages in the Sumy region, killing an elderly man, the governor said.",
    ),
    (
        "Chinese and Russian bombers flew joint patrols near Japan, the defence ministry said.",
        "China and Russia held talks in Beijing on trade and energy cooperation, state media said.",
    ),
    (
        "Israeli aircraft bombed targets in southern Lebanon on Tuesday, the army said in a statement.",
        "Israeli troops raided the Jenin refugee camp in the occupied West Bank on Tuesday, killing two men.",
    ),
    (
        "North Korea fired a ballistic missile into the sea off its east coast on Sunday, South Korea's military said.",
        "North Korea fired artillery shells near the western sea border island of Yeonpyeong on Sunday, Seoul said.",
    ),
    (
        "The United States imposed sanctions on three Iranian shipping companies accused of smuggling oil.",
        "The United States imposed visa restrictions on Iranian officials involved in the crackdown on protesters.",
    ),
];

#[test]
fn copies_are_similar_evidence() {
    check("copy", COPIES, ClusterConfig::default().max_evidence_distance, true);
}

#[test]
fn rewrites_are_similar_within_one_story() {
    check("rewrite", REWRITES, ClusterConfig::default().max_evidence_distance_in_group, true);
}

#[test]
fn different_events_of_one_dyad_are_not_similar_evidence() {
    check("different", DIFFERENT, ClusterConfig::default().max_evidence_distance, false);
}

/// The known limit: two sentences that differ by a place name are near. Locations (when
/// the coder finds them) and dyads keep such events apart, not the evidence.
#[test]
fn a_changed_place_name_is_still_near() {
    check(
        "place",
        &[(
            "Turkish drones struck Kurdish militant positions in northern Iraq, the defence ministry said.",
            "Turkish drones struck Kurdish militant positions in northern Syria, the defence ministry said.",
        )],
        ClusterConfig::default().max_evidence_distance,
        true,
    );
}

#[test]
fn unrelated_fingerprints_differ_in_about_three_slots_of_four() {
    let mut rng = faultline_analysis::synth::Rng::new(7);
    let n = 2000;
    let total: u32 = (0..n).map(|_| distance(rng.next_u64(), rng.next_u64())).sum();
    let mean = f64::from(total) / f64::from(n);
    assert!((23.0..25.0).contains(&mean), "{mean}");
}

/// The one-permutation signature with densification estimates Jaccard similarity without
/// bias, on long texts and on short ones (where most bins are empty and borrowed):
/// texts of distinct words `w{base}..w{base + len}` overlapping by a known shift.
#[test]
fn article_signatures_estimate_jaccard_without_bias() {
    let text = |base: usize, start: usize, len: usize| -> String {
        (start..start + len).map(|i| format!("w{}x{i}", base)).collect::<Vec<_>>().join(" ")
    };
    for len in [12, 40, 400] {
        let mut errors = Vec::new();
        for base in 0..60 {
            for shift in [len / 10, len / 4, len / 2] {
                let a = ArticleFingerprint::of_text(&text(base, 0, len));
                let b = ArticleFingerprint::of_text(&text(base, shift, len));
                // shingles of 3 words: len - 2 each, len - shift - 2 in common
                let common = (len - shift - 2) as f64;
                let exact = common / (2.0 * (len - 2) as f64 - common);
                errors.push(a.jaccard(&b) - exact);
            }
        }
        let n = errors.len() as f64;
        let bias = errors.iter().sum::<f64>() / n;
        let rmse = (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt();
        assert!(bias.abs() < 0.03, "{len} words: bias {bias:.3}");
        // 120 independent permutations would give at most sqrt(0.25 / 120) = 0.046
        eprintln!("{len} words: bias {bias:.3}, rmse {rmse:.3}");
        assert!(rmse < 0.07, "{len} words: rmse {rmse:.3}");
    }
}
