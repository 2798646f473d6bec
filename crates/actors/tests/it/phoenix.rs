//! PETRARCH-2 / Phoenix dictionaries, read as they are.

use super::{SEED_DATE, check_with, shared};
use faultline_actors::{ActorDictionary, Error};
use jiff::civil::date;

/// A few entries in the real files' shapes, quirks included.
const ACTORS: &str = "\
# comment line
[FRE]
FREEDONIA_  [FRE]
+FREEDONIAN_
+FREDVILLE_ # the capital, as Phoenix lists it
SYLVANIA [SYL]
RUFUS_T._FIREFLY_  # CountryInfo.txt
+PRESIDENT_FIREFLY
\t[FREELI 19300101-19321231]
\t[FREGOV 19330101-19331231]
\t[FREGOV >20350101]
FIREFLY_VARIANT_ONE
FIREFLY_VARIANT_TWO
\t[FREGOV 19330101-19331231]
\t[FRE]
TRENTINO_ [SYLGOV >19330101] [---]
SYLVANIA_STREET [---]
ODD_DATE_ [FREGOV 1933-0101]
BAD_RANGE_ [FREGOV 19331231-19330101]
NO_CODE_AT_ALL_
";

const AGENTS: &str = "\
!MINIST! = MINISTER, MINISTRY
FOREIGN_!MINIST! [~GOV]
ARMY {} [~MIL]
HUMAN_RIGHTS_BODY [NGO~]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVJUD]
NO_CODE_HERE
BROKEN_!UNDEFINED! [~GOV]
";

fn phoenix_world() -> (ActorDictionary, faultline_actors::PhoenixReport) {
    let mut builder = ActorDictionary::builder();
    let report =
        builder.add_phoenix_texts(&[("world.actors.txt", ACTORS, false), ("world.agents.txt", AGENTS, true)]);
    (builder.build().expect("a PETRARCH-2 layer always builds"), report)
}

#[test]
fn entries_synonyms_and_dated_codes() {
    let (world, _) = phoenix_world();
    let on = |y, m, d, text: &str, expected: &[(&str, &str)]| {
        check_with(&world, Some(date(y, m, d)), text, expected)
    };
    on(1933, 6, 1, "Freedonian troops and Sylvania.", &[("Freedonian", "FRE"), ("Sylvania", "SYL")]);
    on(1933, 6, 1, "President Firefly spoke.", &[("President Firefly", "FREGOV")]);
    on(1931, 6, 1, "President Firefly spoke.", &[("President Firefly", "FREELI")]);
    // Outside every dated code and with no undated one: still an actor of his country.
    on(1934, 6, 1, "Rufus T. Firefly spoke.", &[("Rufus T. Firefly", "FREELI")]);
    on(2036, 1, 1, "Rufus T. Firefly spoke.", &[("Rufus T. Firefly", "FREGOV")]);
    // Variants listed as entries of their own share the codes that follow the last one.
    on(1933, 6, 1, "Firefly Variant One spoke.", &[("Firefly Variant One", "FREGOV")]);
    on(1940, 6, 1, "Firefly Variant One spoke.", &[("Firefly Variant One", "FRE")]);
    // `[---]` marks a phrase that is no actor, and blocks shorter names inside it.
    on(1933, 6, 1, "Sylvania Street was quiet.", &[]);
    on(1934, 6, 1, "Trentino spoke.", &[("Trentino", "SYLGOV")]);
}

#[test]
fn agents_compose_with_countries() {
    let (world, _) = phoenix_world();
    let check =
        |text: &str, expected: &[(&str, &str)]| check_with(&world, Some(date(1933, 6, 1)), text, expected);
    check(
        "The Freedonian foreign ministry and the Sylvania army.",
        &[("Freedonian foreign ministry", "FREGOV"), ("Sylvania army", "SYLMIL")],
    );
    check("Freedonia's attorneys general.", &[("Freedonia's attorneys general", "FREGOVJUD")]);
    check("A Sylvania human rights body said.", &[("Sylvania human rights body", "NGOSYL")]);
    // Letter case: PETRARCH-2 names need a capital (`Sylvania`, not `sylvania`).
    check("sylvania said.", &[]);
}

#[test]
fn odd_lines_are_reported_with_their_line_numbers() {
    let (_, report) = phoenix_world();
    let notes: Vec<String> = report.notes.iter().map(ToString::to_string).collect();
    let has = |text: &str| notes.iter().any(|n| n.contains(text));
    assert!(has("world.actors.txt:2: skipped: code line before any entry"), "{notes:#?}");
    assert!(has("world.actors.txt:18: skipped: date \"1933\" is not YYMMDD"), "{notes:#?}");
    assert!(
        has("world.actors.txt:19: skipped: date range 19331231-19330101 ends before it starts"),
        "{notes:#?}"
    );
    assert!(has("world.actors.txt:20: skipped: entry \"NO CODE AT ALL\" has no code"), "{notes:#?}");
    assert!(
        has("world.actors.txt:12: note: entry \"FIREFLY VARIANT ONE\" has no code: read as a synonym"),
        "{notes:#?}"
    );
    assert!(has("world.agents.txt:6: skipped: agent without a [code]"), "{notes:#?}");
    assert!(has("world.agents.txt:7: skipped: substitution marker !UNDEFINED! is not defined"), "{notes:#?}");
    assert_eq!(report.files, ["world.actors.txt", "world.agents.txt"]);
}

#[test]
fn a_missing_directory_is_an_error() {
    let mut builder = ActorDictionary::builder();
    let err = builder.add_phoenix_dir("/nonexistent/faultline/phoenix").err();
    assert!(matches!(&err, Some(Error::WithPath { .. })), "{err:?}");
    assert!(err.map(|e| e.to_string()).unwrap_or_default().starts_with("/nonexistent/faultline/phoenix: "));
    let empty = std::env::temp_dir().join(format!("faultline-actors-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let err = builder.add_phoenix_dir(&empty).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no PETRARCH-2 dictionaries"), "{err}");
    let _ = std::fs::remove_dir(&empty);
}

/// The real files, when the shared folder is present.
#[test]
fn the_real_phoenix_files_load() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("dictionaries/phoenix");
    let started = std::time::Instant::now();
    let mut builder = ActorDictionary::builder();
    let report = builder.add_phoenix_dir(&dir).expect("the Phoenix directory loads");
    let phoenix = builder.build().expect("the Phoenix layer builds");
    eprintln!(
        "Phoenix: {} actors, {} names, {} agent phrases, {} notes ({} skipped) in {:?} (debug build)",
        report.actors,
        report.names,
        report.agent_phrases,
        report.notes.len(),
        report.skipped().count(),
        started.elapsed()
    );
    assert!(report.actors > 25_000, "{} actors", report.actors);
    assert!(report.skipped().count() < 50, "{:#?}", report.skipped().collect::<Vec<_>>());
    eprintln!("Phoenix: {} names defined twice (the later one wins)", report.redefined);
    assert!(phoenix.stats().countries > 150);
    check_with(
        &phoenix,
        Some(SEED_DATE),
        "Sergey Lavrov met Vladimir Putin in Moscow.",
        &[("Sergey Lavrov", "RUSGOV"), ("Vladimir Putin", "RUSGOV"), ("Moscow", "RUS")],
    );
    check_with(
        &phoenix,
        Some(SEED_DATE),
        "NATO and the European Union",
        &[("NATO", "IGOWSTNAT"), ("the European Union", "IGOEUREEC")],
    );

    // Layered over the project's dictionaries: Phoenix names win, the project's stay.
    let mut builder = ActorDictionary::builder();
    builder.add_builtin().unwrap();
    builder.add_phoenix_dir(&dir).unwrap();
    let layered = builder.build().unwrap();
    check_with(
        &layered,
        Some(SEED_DATE),
        "Mr Lavrov met Japan’s Defence Ministry. Beijing said.",
        &[("Mr Lavrov", "RUSGOV"), ("Japan’s Defence Ministry", "JPNMIL"), ("Beijing", "CHN")],
    );
    // The other way round the project's readings win.
    let mut builder = ActorDictionary::builder();
    builder.add_phoenix_dir(&dir).unwrap();
    builder.add_builtin().unwrap();
    let project_last = builder.build().unwrap();
    check_with(&project_last, Some(SEED_DATE), "Beijing said.", &[("Beijing", "CHNGOV")]);
}
