//! Every dictionary error names its file and line.

use faultline_actors::{ActorDictionary, Error};

/// The error message of building a dictionary from one file `w.txt`.
fn error_of(text: &str) -> String {
    match ActorDictionary::from_texts(&[("w.txt", text)]) {
        Ok(_) => panic!("{text:?} should not be valid"),
        Err(err) => err.to_string(),
    }
}

#[track_caller]
fn check_error(text: &str, expected: &str) {
    let message = error_of(text);
    assert!(
        message.contains(expected),
        "error of {text:?} was {message:?}, expected it to contain {expected:?}"
    );
}

const FRE: &str = "country FRE: Freedonia\n";

#[test]
fn unknown_codes() {
    check_error(
        "person: X Y\n  role: XYZGOV 2020-01-01..\n",
        "w.txt:2: unknown code XYZGOV: XYZ is neither a declared country",
    );
    check_error(
        &format!("{FRE}person: X Y\n  role: FREGVO 2020-01-01..\n"),
        "w.txt:3: unknown code FREGVO: GVO is not a known role",
    );
    check_error("agent GVO: army\n", "w.txt:1: unknown code GVO: GVO is not a known role");
    check_error(&format!("{FRE}description SYL: the forest\n"), "w.txt:2: unknown code SYL");
    check_error(&format!("{FRE}  seats: the Palace = FRXGOV\n"), "w.txt:2: unknown code FRXGOV");
    check_error("country fre: Freedonia\n", "w.txt:1: actor code \"fre\"");
    check_error(&format!("{FRE}person: X Y\n  role: FREG 2020-01-01..\n"), "w.txt:3: actor code \"FREG\"");
}

#[test]
fn conflicting_names() {
    check_error(
        "country FRE: Freedonia\ncountry SYL: Sylvania\n  names: Freedonia\n",
        "w.txt:3: name \"Freedonia\" is a name of Sylvania (SYL) here but a name of Freedonia (FRE) at w.txt:1",
    );
    check_error(
        &format!("{FRE}agent GOV: cabinet\nagent MIL: Cabinet\n"),
        "w.txt:3: name \"Cabinet\" is an agent (MIL) here but an agent (GOV) at w.txt:2",
    );
    // The same name twice for the same actor is no conflict.
    assert!(
        ActorDictionary::from_texts(&[("w.txt", "country FRE: Freedonia\n  names: Freedonia, FREEDONIA\n")])
            .is_ok()
    );
    // Across the files of one layer, the file of each side is named.
    let err = ActorDictionary::from_texts(&[
        ("a.txt", FRE),
        ("b.txt", "country SYL: Sylvania\n  names: Freedonia\n"),
    ])
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.contains("b.txt:2: name \"Freedonia\"") && err.contains("at a.txt:1"), "{err}");
}

#[test]
fn bad_dates() {
    check_error(
        &format!("{FRE}person: X Y\n  role: FREGOV 2025-10-21..2024-10-01\n"),
        "w.txt:3: bad date range \"2025-10-21..2024-10-01\": the range ends before it starts",
    );
    check_error(
        &format!("{FRE}person: X Y\n  role: FREGOV 2025-02-30..\n"),
        "w.txt:3: bad date range \"2025-02-30..\"",
    );
    check_error(&format!("{FRE}person: X Y\n  role: FREGOV 2025-1-1..\n"), "w.txt:3: bad date range");
    check_error(
        &format!("{FRE}person: X Y\n  role: FREGOV ..\n"),
        "w.txt:3: bad date range \"..\": a range needs at least one date",
    );
}

#[test]
fn malformed_lines() {
    check_error("country FRE Freedonia\n", "w.txt:1: malformed line");
    check_error("  names: Freedonia\n", "w.txt:1: malformed line: attribute \"names\" belongs to no entry");
    check_error(
        &format!("{FRE}  capital: Fredville\n"),
        "w.txt:2: malformed line: unknown attribute \"capital\"",
    );
    check_error("contry FRE: Freedonia\n", "w.txt:1: malformed line: unknown header \"contry\"");
    check_error(&format!("{FRE}  names: A,,B\n"), "w.txt:2: malformed line: empty or punctuation-only name");
    check_error("country FRE:\n", "w.txt:1: malformed line");
    check_error(&format!("{FRE}person: X Y\n  gender: x\n"), "w.txt:3: malformed line: gender \"x\"");
    check_error(
        "person: Nobody Special\n",
        "w.txt:1: malformed line: person \"Nobody Special\" has no role: and no country:",
    );
    check_error("org: Nameless Body\n", "w.txt:1: malformed line: \"Nameless Body\" has no code");
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = ActorDictionary::from_texts(&[("w.txt", "contry X: y\ncountry FRE Freedonia\n")]).err();
    let Some(Error::Invalid(all)) = err else { panic!("expected a list of errors, got {err:?}") };
    assert_eq!(all.len(), 2);
    assert!(all[0].to_string().starts_with("w.txt:1:") && all[1].to_string().starts_with("w.txt:2:"));
}

#[test]
fn the_builtin_dictionaries_are_valid() {
    let stats = super::builtin().stats();
    assert_eq!(stats.countries, 250, "every ISO 3166-1 alpha-3 code plus XKX");
    assert!(stats.people >= 150 && stats.igos >= 50 && stats.media >= 60 && stats.agents >= 40, "{stats:?}");
    for root in ["TWN", "PSE", "XKX", "HKG", "MAC", "ESH", "VAT"] {
        assert!(super::builtin().is_country(root), "{root}");
    }
}
