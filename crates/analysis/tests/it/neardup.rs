//! Near-duplicate articles: one wire story in three outlets is one group; other stories
//! of the same topic and day are not.

use crate::stories::{DAILY, ODESA, PROTEST, SITE, WIRE};
use faultline_analysis::{ArticleFingerprint, GroupId, NearDupConfig, NearDupIndex};
use jiff::civil::{Date, date};

const DAY: Date = date(2024, 3, 1);

/// Assigns `(id, date, text)` in order and asserts the groups, written as the ids of
/// each group in order of foundation: `"wire daily site | odesa | protest"`.
#[track_caller]
fn check(index: &mut NearDupIndex, articles: &[(&str, Date, &str)], expected: &str) {
    let mut groups: Vec<(GroupId, Vec<&str>)> = Vec::new();
    for &(id, date, text) in articles {
        let assigned = index.assign(id, date, &ArticleFingerprint::of_text(text));
        match groups.iter_mut().find(|(g, _)| *g == assigned.group) {
            Some((_, members)) => members.push(id),
            None => groups.push((assigned.group, vec![id])),
        }
    }
    let found: Vec<String> = groups.iter().map(|(_, members)| members.join(" ")).collect();
    assert_eq!(found.join(" | "), expected);
}

#[test]
fn one_wire_story_in_three_outlets_is_one_group() {
    check(
        &mut NearDupIndex::default(),
        &[("wire", DAY, WIRE), ("daily", DAY, DAILY), ("site", date(2024, 3, 2), SITE)],
        "wire daily site",
    );
}

#[test]
fn other_stories_of_the_same_topic_and_day_are_not() {
    check(
        &mut NearDupIndex::default(),
        &[
            ("wire", DAY, WIRE),
            ("odesa", DAY, ODESA),
            ("daily", DAY, DAILY),
            ("protest", DAY, PROTEST),
            ("site", DAY, SITE),
        ],
        "wire daily site | odesa | protest",
    );
}

#[test]
fn the_copies_are_measured_as_contained() {
    let wire = ArticleFingerprint::of_text(WIRE);
    for copy in [DAILY, SITE] {
        let c = wire.containment(&ArticleFingerprint::of_text(copy));
        assert!(c > 0.75, "containment {c}");
    }
    for other in [ODESA, PROTEST] {
        let c = wire.containment(&ArticleFingerprint::of_text(other));
        assert!(c < 0.2, "containment {c}");
    }
}

#[test]
fn a_story_republished_long_after_is_a_new_group() {
    check(
        &mut NearDupIndex::default(),
        &[("wire", DAY, WIRE), ("later", date(2024, 6, 1), DAILY)],
        "wire | later",
    );
    let config = NearDupConfig { max_gap_days: None, ..NearDupConfig::default() };
    check(
        &mut NearDupIndex::new(config).unwrap(),
        &[("wire", DAY, WIRE), ("later", date(2024, 6, 1), DAILY)],
        "wire later",
    );
}

#[test]
fn short_texts_are_never_grouped() {
    let brief = "Russian drones struck Kharkiv.";
    check(&mut NearDupIndex::default(), &[("one", DAY, brief), ("two", DAY, brief)], "one | two");
}

#[test]
fn assigning_twice_is_idempotent() {
    let mut index = NearDupIndex::default();
    let fp = ArticleFingerprint::of_text(WIRE);
    let first = index.assign("wire", DAY, &fp);
    let again = index.assign("wire", DAY, &fp);
    assert_eq!((first.group, again.group, again.new_group), (first.group, first.group, false));
    assert_eq!(index.len(), 1);
    assert_eq!(index.group_of("wire"), Some(GroupId::of("wire")));
}

#[test]
fn the_match_says_which_article_it_matched() {
    let mut index = NearDupIndex::default();
    index.assign("wire", DAY, &ArticleFingerprint::of_text(WIRE));
    let daily = index.assign("daily", DAY, &ArticleFingerprint::of_text(DAILY));
    let matched = daily.matched.unwrap();
    assert_eq!(matched.article_id, "wire");
    assert!(matched.containment > 0.75 && matched.jaccard > 0.5, "{matched:?}");
    assert!(index.lookup(DAY, &ArticleFingerprint::of_text(SITE)).is_some());
    assert!(index.lookup(DAY, &ArticleFingerprint::of_text(ODESA)).is_none());
}

/// State survives a restart two ways: rebuilt from stored fingerprint bytes and group
/// ids, or serialised whole.
#[test]
fn state_is_rebuilt_from_stored_fingerprints() {
    let mut index = NearDupIndex::default();
    let mut stored = Vec::new();
    for (id, text) in [("wire", WIRE), ("odesa", ODESA)] {
        let fp = ArticleFingerprint::of_text(text);
        let group = index.assign(id, DAY, &fp).group;
        stored.push((id, fp.to_bytes(), group.as_i64()));
    }
    let mut rebuilt = NearDupIndex::default();
    for (id, bytes, group) in &stored {
        rebuilt.restore(id, DAY, ArticleFingerprint::from_bytes(bytes).unwrap(), GroupId::from_i64(*group));
    }
    let json = serde_json::to_string(&index).unwrap();
    let mut deserialised: NearDupIndex = serde_json::from_str(&json).unwrap();
    for state in [&mut index, &mut rebuilt, &mut deserialised] {
        assert_eq!(state.assign("site", DAY, &ArticleFingerprint::of_text(SITE)).group, GroupId::of("wire"));
        assert_eq!(
            state.assign("protest", DAY, &ArticleFingerprint::of_text(PROTEST)).group,
            GroupId::of("protest")
        );
    }
}

#[test]
fn pruning_forgets_old_articles_but_keeps_their_groups_for_members() {
    let mut index = NearDupIndex::default();
    index.assign("wire", DAY, &ArticleFingerprint::of_text(WIRE));
    index.assign("site", date(2024, 3, 20), &ArticleFingerprint::of_text(SITE));
    index.prune_before(date(2024, 3, 10));
    assert_eq!(index.len(), 1);
    assert_eq!(index.group_of("wire"), None);
    assert_eq!(index.group_of("site"), Some(GroupId::of("wire")));
    // The wire text again, now matched through the member that is left (SITE keeps 85%
    // of the wire's shingles; DAILY and SITE share only 62%, too close to the 0.6
    // threshold for an estimate to be sure of either side).
    let reprint = index.assign("reprint", date(2024, 3, 21), &ArticleFingerprint::of_text(WIRE));
    assert_eq!(reprint.group, GroupId::of("wire"));
}

#[test]
fn group_ids_read_back() {
    let id = GroupId::of("wire");
    assert_eq!(id.to_string().parse::<GroupId>().unwrap(), id);
    assert_eq!(id.to_string().len(), 18);
    assert!("g-xyz".parse::<GroupId>().is_err());
    assert!("c-0000000000000001".parse::<GroupId>().is_err());
    assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
}
