//! The shipped dictionaries: the CAMEO table against the ontology files of the shared
//! folder, verb patterns for every root, and the PETRARCH-2 loader on the real Phoenix
//! dictionaries (when the shared folder is present).

use crate::real_seed::shared_dir;
use faultline_coding::{CameoTable, Coder, DictionaryBuilder, DictionarySource};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn every_root_has_verb_patterns() {
    let coder = Coder::builtin().expect("built-in dictionaries load");
    let counts = coder.dictionaries().patterns_per_root();
    for (root, count) in counts.iter().enumerate().skip(1) {
        assert!(*count >= 3, "root {root:02} has {count} patterns");
    }
}

/// Differences from the ontology files that are intended, each with its reason.
const DOCUMENTED: &[(&str, &str)] = &[
    (
        "08",
        "CAMEO2PLOVER lists root 08 twice (CONCEDE for 080-083, RETREAT for 084-087); our root 08 is CONCEDE",
    ),
    ("13y", "an ICEWS label variant (LABELi), not a CAMEO code"),
];

#[test]
fn cameo_table_matches_the_ontology() {
    let Some(dir) = shared_dir() else {
        eprintln!("note: ../shared is absent; the ontology check is skipped");
        return;
    };
    let table = CameoTable::builtin();
    let codefile =
        std::fs::read_to_string(dir.join("ontology/CAMEO_codefile.txt")).expect("CAMEO_codefile.txt");
    let plover =
        std::fs::read_to_string(dir.join("ontology/CAMEO2PLOVER-2021.txt")).expect("CAMEO2PLOVER-2021.txt");

    // The code set: LABEL lines and the `//03= ...` root lines.
    let mut codes = BTreeSet::new();
    for line in codefile.lines() {
        let body = line
            .strip_prefix("LABELi: ")
            .or_else(|| line.strip_prefix("LABEL: "))
            .or_else(|| line.strip_prefix("//"));
        let Some(body) = body else { continue };
        let Some((code, _)) = body.split_once(['=', ':']) else { continue };
        let code = code.trim();
        if !code.is_empty() && code.len() <= 5 && code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            codes.insert(code.to_string());
        }
    }
    let ours: BTreeSet<String> = table.entries().iter().map(|e| e.code.to_string()).collect();
    let mut differences = Vec::new();
    for code in codes.difference(&ours) {
        let plain = code.trim_end_matches('i');
        if plain != code && ours.contains(plain) {
            continue; // `0811i=`: an ICEWS label for a code we have
        }
        differences.push(format!("{code}: in CAMEO_codefile.txt, not in our table"));
    }
    for code in ours.difference(&codes) {
        differences.push(format!("{code}: in our table, not in CAMEO_codefile.txt"));
    }

    // PLOVER type, mode and context per code.
    let mut c2p: BTreeMap<String, Vec<(String, String, BTreeSet<String>)>> = BTreeMap::new();
    for line in plover.lines() {
        let Some((code, rest)) = line.split_once(':') else { continue };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = rest.split('#').next().unwrap_or("");
        let mut fields = rest.split(',').map(str::trim);
        let kind = fields.next().unwrap_or("").to_string();
        let mode = fields.next().unwrap_or("").to_string();
        let context: BTreeSet<String> = fields
            .next()
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        let rows = c2p.entry(code.to_string()).or_default();
        if !rows.contains(&(kind.clone(), mode.clone(), context.clone())) {
            rows.push((kind, mode, context));
        }
    }
    for (code, rows) in &c2p {
        let Some(entry) = table.get(code) else {
            differences.push(format!("{code}: in CAMEO2PLOVER-2021.txt, not in our table"));
            continue;
        };
        let ours = (
            entry.plover.map(|p| p.as_str().to_string()).unwrap_or_default(),
            entry.mode.clone(),
            entry.context.iter().cloned().collect::<BTreeSet<String>>(),
        );
        if !rows.contains(&ours) {
            differences.push(format!("{code}: ours {ours:?}, CAMEO2PLOVER {rows:?}"));
        } else if rows.len() > 1 {
            differences.push(format!("{code}: CAMEO2PLOVER has {} rows: {rows:?}", rows.len()));
        }
    }
    for entry in table.entries() {
        if entry.code.root() <= 2 {
            assert!(entry.plover.is_none(), "{}", entry.code);
        } else if !c2p.contains_key(entry.code.as_str()) {
            // Codes CAMEO2PLOVER does not list take their parent's type.
            let parent =
                table.lookup(&entry.code.as_str()[..entry.code.as_str().len() - 1]).expect("a parent");
            assert_eq!(entry.plover, parent.plover, "{} takes its parent's type", entry.code);
        }
    }
    let undocumented: Vec<&String> = differences
        .iter()
        .filter(|d| !DOCUMENTED.iter().any(|(code, _)| d.starts_with(&format!("{code}:"))))
        .collect();
    for d in &differences {
        eprintln!("difference: {d}");
    }
    assert!(undocumented.is_empty(), "undocumented differences: {undocumented:#?}");
}

#[test]
fn phoenix_verb_dictionary_loads_as_it_is() {
    let Some(dir) = shared_dir() else {
        eprintln!("note: ../shared is absent; the Phoenix dictionary check is skipped");
        return;
    };
    let verbs =
        std::fs::read_to_string(dir.join("dictionaries/phoenix/CAMEO.2.0.txt")).expect("CAMEO.2.0.txt");
    let discards =
        std::fs::read_to_string(dir.join("dictionaries/phoenix/Phoenix.discards.txt")).expect("discards");
    let dictionaries = DictionaryBuilder::new()
        .builtin_verbs(false)
        .petrarch_verbs(DictionarySource::new("CAMEO.2.0.txt", verbs))
        .discards(DictionarySource::new("Phoenix.discards.txt", discards))
        .build()
        .expect("PETRARCH-2 dictionaries load");
    assert!(dictionaries.n_patterns() > 6_000, "{} patterns", dictionaries.n_patterns());
    assert!(dictionaries.warnings().len() < 50, "{:?}", dictionaries.warnings());
    for warning in dictionaries.warnings() {
        assert!(warning.file == "CAMEO.2.0.txt" && warning.line > 0, "{warning}");
    }
    let coder = Coder::new(dictionaries);
    let world = crate::world::world();
    // Freedonia's verbs coded by PETRARCH's patterns alone.
    crate::support::check(&coder, world, "Freedonia attacked Sylvania.", &["FRE SYL 190"]);
    // A sentence with a year is discarded, as PETRARCH discards it.
    crate::support::check(&coder, world, "Freedonia attacked Sylvania in 1949.", &[]);
}
