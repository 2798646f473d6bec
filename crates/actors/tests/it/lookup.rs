//! The lookup side, for later stages.

use super::builtin;
use faultline_actors::{ActorKind, Gender};
use faultline_model::ActorCode;
use jiff::civil::date;

fn code(text: &str) -> ActorCode {
    text.parse().unwrap()
}

#[test]
fn codes_are_described() {
    let dictionary = builtin();
    let check = |text: &str, label: &str, kind: Option<ActorKind>| {
        let info = dictionary.describe(&code(text));
        assert_eq!((info.label.as_str(), info.kind), (label, kind), "{text}");
    };
    check("RUS", "Russia", Some(ActorKind::Country));
    check("JPNMIL", "Japan military", Some(ActorKind::Body));
    check("IGOUNO", "United Nations", Some(ActorKind::Igo));
    check("RUSMED", "Russia media", Some(ActorKind::Media));
    check("USASPY", "United States intelligence", Some(ActorKind::Body));
    check("IGOUNOKID", "UNICEF", Some(ActorKind::Igo));
    check("NGOHRIAMN", "Amnesty International", Some(ActorKind::Ngo));
    check("XXXGOV", "XXX government", None);
}

#[test]
fn people_are_looked_up() {
    let dictionary = builtin();
    let lavrov = dictionary.person("sergey lavrov").expect("an alias, any case");
    assert_eq!(lavrov.name, "Sergei Lavrov");
    let person = lavrov.person.as_ref().unwrap();
    assert_eq!(
        (person.gender, person.surname.as_deref(), person.country.as_deref()),
        (Gender::Male, Some("Lavrov"), Some("RUS"))
    );
    assert_eq!(lavrov.code_at(Some(date(2025, 12, 28))).map(ActorCode::as_str), Some("RUSGOV"));
    assert_eq!(lavrov.code_at(Some(date(1990, 1, 1))).map(ActorCode::as_str), Some("RUSELI"));
    assert!(dictionary.person("Russia").is_none());
    assert_eq!(dictionary.by_code(&code("IGONAT")).map(|a| a.name.as_str()), Some("NATO"));
    assert_eq!(dictionary.actor("Kyodo").map(|a| a.kind), Some(ActorKind::Media));
}
