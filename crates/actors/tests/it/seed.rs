//! The seed article (`/work/shared/seed`, when present) and a paraphrase of it written for
//! this crate (`tests/data/paraphrase.txt`), so the test runs without the shared folder.

use super::{SEED_DATE, builtin, mentions_of, shared};
use faultline_model::{Mention, MentionKind};

/// The Actors table of `seed/EXPECTED.md`: (mention text, code, kind if it matters).
const SEED_ACTORS: &[(&str, &str, Option<MentionKind>)] = &[
    ("Russia", "RUS", Some(MentionKind::Name)),
    ("Foreign Minister Sergei Lavrov", "RUSGOV", Some(MentionKind::Name)),
    ("Mr Lavrov", "RUSGOV", Some(MentionKind::Title)),
    ("he", "RUSGOV", Some(MentionKind::Pronoun)),
    ("the country’s Tass news agency", "RUSMED", None),
    ("Tass", "RUSMED", None),
    ("China", "CHN", None),
    ("Chinese", "CHN", Some(MentionKind::Demonym)),
    ("Beijing", "CHNGOV", Some(MentionKind::Metonym)),
    ("Communist-ruled China", "CHN", None),
    ("Taiwan", "TWN", None),
    ("the democratic island", "TWN", Some(MentionKind::Description)),
    ("Japan", "JPN", None),
    ("Japanese", "JPN", Some(MentionKind::Demonym)),
    ("Tokyo", "JPNGOV", Some(MentionKind::Metonym)),
    ("Prime Minister Sanae Takaichi", "JPNGOV", Some(MentionKind::Name)),
    ("Ms Takaichi", "JPNGOV", Some(MentionKind::Title)),
    ("Japan’s leadership", "JPNGOV", Some(MentionKind::Role)),
    ("Japan’s Defence Ministry", "JPNMIL", Some(MentionKind::Role)),
    ("the United States", "USA", None),
    ("KYODO NEWS", "JPNMED", None),
];

/// The paraphrase: the same phenomena in other words.
const PARAPHRASE_ACTORS: &[(&str, &str, Option<MentionKind>)] = &[
    ("Russia", "RUS", None),
    ("Foreign Minister Sergei Lavrov", "RUSGOV", Some(MentionKind::Name)),
    ("the country’s Tass news agency", "RUSMED", None),
    ("Mr Lavrov", "RUSGOV", Some(MentionKind::Title)),
    ("Japan’s leadership", "JPNGOV", Some(MentionKind::Role)),
    ("Prime Minister Sanae Takaichi", "JPNGOV", None),
    ("Tokyo", "JPNGOV", Some(MentionKind::Metonym)),
    ("His", "RUSGOV", Some(MentionKind::Pronoun)),
    ("Ms Takaichi", "JPNGOV", Some(MentionKind::Title)),
    ("Chinese forces", "CHNMIL", None),
    ("its defence forces", "JPNMIL", None),
    ("the United States", "USA", None),
    ("Japan’s Defence Ministry", "JPNMIL", None),
    ("Chinese", "CHN", Some(MentionKind::Demonym)),
    ("Russian bombers", "RUSMIL", None),
    ("Communist-ruled China", "CHN", None),
    ("Beijing", "CHNGOV", None),
    ("the democratic island", "TWN", Some(MentionKind::Description)),
    ("he", "RUSGOV", Some(MentionKind::Pronoun)),
    ("KYODO NEWS", "JPNMED", None),
];

/// Every expected row is found, with its code (and kind), and no mention with the same
/// text has another code.
#[track_caller]
fn check_rows(mentions: &[Mention], rows: &[(&str, &str, Option<MentionKind>)]) {
    for (text, code, kind) in rows {
        let same_text: Vec<&Mention> = mentions.iter().filter(|m| m.text == *text).collect();
        assert!(!same_text.is_empty(), "{text:?} not found in {:#?}", summary(mentions));
        for mention in same_text {
            assert_eq!(mention.code.as_str(), *code, "{text:?}");
            if let Some(kind) = kind {
                assert_eq!(mention.kind, *kind, "{text:?}");
            }
            if matches!(mention.kind, MentionKind::Title | MentionKind::Pronoun | MentionKind::Description) {
                assert!(mention.antecedent.is_some(), "{text:?} has no antecedent");
            }
        }
    }
}

fn summary(mentions: &[Mention]) -> Vec<(String, String)> {
    mentions.iter().map(|m| (m.text.clone(), m.code.to_string())).collect()
}

#[test]
fn the_seed_actors_are_found() {
    let Some(shared) = shared() else { return };
    let Ok(page) = std::fs::read_to_string(shared.join("seed/000_866e2b0e9ed6430e.txt")) else { return };
    // The body: from the dateline to the agency signature.
    let start = page.find("TOKYO - ").expect("the seed body starts with its dateline");
    let end = page.find("KYODO NEWS").map(|i| i + "KYODO NEWS".len()).expect("and ends with the signature");
    let body = &page[start..end];
    let mentions = mentions_of(builtin(), body, Some(SEED_DATE));
    check_rows(&mentions, SEED_ACTORS);
    // `Russian` appears only in the standfirst, inside `Russian Foreign Minister Sergei Lavrov`.
    let standfirst = mentions_of(builtin(), &page[..start], Some(SEED_DATE));
    check_rows(&standfirst, &[("Russian Foreign Minister Sergei Lavrov", "RUSGOV", Some(MentionKind::Name))]);
    // `Taiwan Strait` is a sea; `Tass` and `KYODO NEWS` are media.
    assert!(mentions.iter().all(|m| !m.text.contains("Strait")));
    let dictionary = builtin();
    assert!(
        mentions
            .iter()
            .filter(|m| m.text.contains("Tass") || m.text.contains("KYODO"))
            .all(|m| dictionary.is_media(&m.code))
    );
    let lavrov = mentions.iter().find(|m| m.text == "Foreign Minister Sergei Lavrov").unwrap();
    assert_eq!(lavrov.name.as_deref(), Some("Sergei Lavrov"));
}

#[test]
fn the_paraphrase_actors_are_found() {
    let text = include_str!("../data/paraphrase.txt");
    let mentions = mentions_of(builtin(), text, Some(SEED_DATE));
    check_rows(&mentions, PARAPHRASE_ACTORS);
}
