//! A small fictional world (`tests/data/world.txt`): what the coder's tests will build on.

use super::check_with;
use faultline_actors::{ActorDictionary, ActorKind};
use faultline_model::MentionKind;
use jiff::civil::{Date, date};

const WORLD: &str = include_str!("../data/world.txt");

fn world() -> ActorDictionary {
    ActorDictionary::from_texts(&[("world.txt", WORLD)]).expect("the test world is valid")
}

const DATE: Option<Date> = Some(date(1933, 6, 1));

#[test]
fn a_tiny_world_is_built_from_strings() {
    let world = world();
    let stats = world.stats();
    assert_eq!((stats.countries, stats.people, stats.igos, stats.media), (2, 3, 1, 1));
    assert_eq!(world.actor("freedonia").map(|a| a.kind), Some(ActorKind::Country));
}

#[test]
fn the_world_resolves_like_the_real_one() {
    let world = world();
    let check = |text: &str, expected: &[(&str, &str)]| check_with(&world, DATE, text, expected);
    check(
        "Freedonian leader Rufus T. Firefly attacked Sylvania.",
        &[("Freedonian leader Rufus T. Firefly", "FREGOV"), ("Sylvania", "SYL")],
    );
    check(
        "Rufus Firefly spoke. Mr Firefly said he would win.",
        &[("Rufus Firefly", "FREGOV"), ("Mr Firefly", "FREGOV"), ("he", "FREGOV")],
    );
    check(
        "Fredville protested; the Barracks moved troops.",
        &[("Fredville", "FREGOV"), ("the Barracks", "FREMIL")],
    );
    check(
        "Sylvania spoke. The forest kingdom and the kingdom replied.",
        &[("Sylvania", "SYL"), ("The forest kingdom", "SYL")],
    );
    check(
        "Freedonia spoke. The kingdom replied. The country agreed.",
        &[("Freedonia", "FRE"), ("The kingdom", "FRE"), ("The country", "FRE")],
    );
    check(
        "The Sylvanian war ministry and the tiny Freedonia.",
        &[("Sylvanian war ministry", "SYLMIL"), ("tiny Freedonia", "FRE")],
    );
    check("Sylvania Street was quiet.", &[]);
    check("The Gazette quoted the League.", &[("The Gazette", "FREMED"), ("the League", "IGOLEA")]);
    check("Ambassador Trentino left.", &[("Ambassador Trentino", "SYLGOV")]);
}

#[test]
fn the_world_changes_hands() {
    let world = world();
    let text = "Rufus T. Firefly and Gloria Teasdale spoke.";
    check_with(
        &world,
        Some(date(1933, 6, 1)),
        text,
        &[("Rufus T. Firefly", "FREGOV"), ("Gloria Teasdale", "FREELI")],
    );
    check_with(
        &world,
        Some(date(1934, 6, 1)),
        text,
        &[("Rufus T. Firefly", "FREELI"), ("Gloria Teasdale", "FREGOV")],
    );
    // Teasdale's surname is her last word; `Mrs` tells her gender.
    let found = super::mentions_of(&world, "Gloria Teasdale spoke. Mrs Teasdale said she would stay.", DATE);
    let kinds: Vec<_> = found.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MentionKind::Name, MentionKind::Title, MentionKind::Pronoun]);
}

#[test]
fn layers_override_names() {
    let mut builder = ActorDictionary::builder();
    builder.add_text("world.txt", WORLD).unwrap();
    builder.add_text("update.txt", "country SYL: Sylvania\nperson: Pinky\n  country: SYL\n  aliases: Fredville\n  role: SYLGOV 1930-01-01..\n").unwrap();
    let world = builder.build().unwrap();
    // `Fredville` is now a person of Sylvania, not the capital of Freedonia.
    check_with(&world, DATE, "Fredville spoke.", &[("Fredville", "SYLGOV")]);
    check_with(&world, DATE, "Freedonia spoke.", &[("Freedonia", "FRE")]);
}

#[test]
fn a_world_can_borrow_the_builtin_agents() {
    let mut builder = ActorDictionary::builder();
    builder.add_builtin_agents().unwrap();
    builder.add_text("tiny.txt", "country FRE: Freedonia\n  demonyms: Freedonian\n").unwrap();
    let world = builder.build().unwrap();
    check_with(
        &world,
        DATE,
        "Freedonian troops and the Freedonian Foreign Ministry.",
        &[("Freedonian troops", "FREMIL"), ("Freedonian Foreign Ministry", "FREGOV")],
    );
    // The built-in agents know no country: nothing else is found.
    check_with(&world, DATE, "Russia and China.", &[]);
}
