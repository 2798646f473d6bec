//! Mentions on the built-in dictionaries: one line per case.

use super::{SEED_DATE, builtin, check, check_with, mentions_of};
use faultline_model::MentionKind;
use jiff::civil::date;

#[test]
fn names_sit_on_word_boundaries() {
    check("Iranian officials met in Tehran.", &[("Iranian officials", "IRNGOV")]);
    check("Iran's envoy left.", &[("Iran's envoy", "IRNGOV")]);
    check("Iran's programme grew.", &[("Iran", "IRN")]);
    check("Plug the USB drive in.", &[]);
    check("Niger and Nigeria met.", &[("Niger", "NER"), ("Nigeria", "NGA")]);
    check("Nigerians and Nigeriens voted.", &[("Nigerians", "NGA"), ("Nigeriens", "NER")]);
    check(
        "The Sudanese and South Sudanese leaders met.",
        &[("Sudanese", "SDN"), ("South Sudanese leaders", "SSDGOV")],
    );
}

#[test]
fn letter_case_follows_the_dictionary() {
    check("Let us talk about it.", &[]);
    check("The US and Japan agreed.", &[("US", "USA"), ("Japan", "JPN")]);
    check("U.S. troops landed.", &[("U.S. troops", "USAMIL")]);
    check("Turkey condemned the attack.", &[("Turkey", "TUR")]);
    check("We ate turkey and china plates.", &[]);
    check("China warned Taiwan.", &[("China", "CHN"), ("Taiwan", "TWN")]);
    check("CHINA WARNS TAIWAN", &[("CHINA", "CHN"), ("TAIWAN", "TWN")]);
    check("The United States said.", &[("The United States", "USA")]);
}

#[test]
fn compounds_are_one_mention() {
    check(
        "Russian Foreign Minister Sergei Lavrov said so.",
        &[("Russian Foreign Minister Sergei Lavrov", "RUSGOV")],
    );
    check("Prime Minister Sanae Takaichi spoke.", &[("Prime Minister Sanae Takaichi", "JPNGOV")]);
    check("Japan's Defence Ministry said.", &[("Japan's Defence Ministry", "JPNMIL")]);
    check("Japan’s Defence Ministry said.", &[("Japan’s Defence Ministry", "JPNMIL")]);
    check("Japan’s leadership is seeking it.", &[("Japan’s leadership", "JPNGOV")]);
    check("The Chinese military drilled.", &[("Chinese military", "CHNMIL")]);
    check("A Russian drone fell.", &[("Russian", "RUS")]);
    check("Communist-ruled China objected.", &[("Communist-ruled China", "CHN")]);
    check(
        "Russia spoke to the country’s Tass news agency.",
        &[("Russia", "RUS"), ("the country’s Tass news agency", "RUSMED")],
    );
    check("China's top diplomat Wang Yi arrived.", &[("China's top diplomat Wang Yi", "CHNGOV")]);
    check("NATO chief Mark Rutte spoke.", &[("NATO chief Mark Rutte", "IGONAT")]);
    check(
        "UN Secretary-General António Guterres spoke.",
        &[("UN Secretary-General António Guterres", "IGOUNO")],
    );
    check(
        "Japan Self-Defense Forces and the China Coast Guard.",
        &[("Japan Self-Defense Forces", "JPNMIL"), ("China Coast Guard", "CHNMIL")],
    );
    check("Russian news agency Interfax said.", &[("Russian news agency Interfax", "RUSMED")]);
    check(
        "U.S. Defense Secretary Pete Hegseth visited.",
        &[("U.S. Defense Secretary Pete Hegseth", "USAMIL")],
    );
    check("The Philippines' coast guard said.", &[("The Philippines' coast guard", "PHLMIL")]);
}

#[test]
fn capitals_and_seats_stand_for_governments() {
    check("Beijing said no.", &[("Beijing", "CHNGOV")]);
    check(
        "The Kremlin said, and so did Downing Street.",
        &[("The Kremlin", "RUSGOV"), ("Downing Street", "GBRGOV")],
    );
    check(
        "The White House and the Pentagon disagreed.",
        &[("The White House", "USAGOV"), ("the Pentagon", "USAMIL")],
    );
    check("Pyongyang fired a missile.", &[("Pyongyang", "PRKGOV")]);
    check("Washington warned Tehran.", &[("Washington", "USAGOV"), ("Tehran", "IRNGOV")]);
    check("Talks were held in Beijing.", &[]);
    check("TOKYO - Japan protested.", &[("Japan", "JPN")]);
    check("A Tokyo-based analyst said.", &[]);
    check("Brussels fined the company.", &[("Brussels", "IGOEUREEC"), ("company", "BUS")]);
}

#[test]
fn not_actors_are_ignored() {
    check("Ships crossed the Taiwan Strait.", &[]);
    check("Ships sailed the South China Sea.", &[]);
    check("Latin America and the Korean Peninsula.", &[]);
    check("The Paris Agreement holds.", &[]);
}

#[test]
fn people_hold_codes_only_in_office() {
    let at = |y, m, d| Some(date(y, m, d));
    let dictionary = builtin();
    check_with(dictionary, at(2025, 1, 1), "Shigeru Ishiba said.", &[("Shigeru Ishiba", "JPNGOV")]);
    check_with(dictionary, at(2025, 12, 28), "Shigeru Ishiba said.", &[("Shigeru Ishiba", "JPNELI")]);
    check_with(dictionary, at(2025, 10, 21), "Sanae Takaichi said.", &[("Sanae Takaichi", "JPNGOV")]);
    check_with(dictionary, at(2025, 10, 20), "Sanae Takaichi said.", &[("Sanae Takaichi", "JPNELI")]);
    check_with(dictionary, at(2004, 3, 9), "Sergei Lavrov said.", &[("Sergei Lavrov", "RUSGOV")]);
    check_with(dictionary, at(1990, 1, 1), "Sergei Lavrov said.", &[("Sergei Lavrov", "RUSELI")]);
    check_with(
        dictionary,
        at(2025, 12, 28),
        "former Prime Minister Shigeru Ishiba said.",
        &[("former Prime Minister Shigeru Ishiba", "JPNELI")],
    );
    check_with(
        dictionary,
        at(2012, 1, 1),
        "Ursula von der Leyen said.",
        &[("Ursula von der Leyen", "DEUELI")],
    );
    check_with(
        dictionary,
        at(2020, 1, 1),
        "Ursula von der Leyen said.",
        &[("Ursula von der Leyen", "IGOEUREEC")],
    );
    check_with(
        dictionary,
        at(2016, 1, 1),
        "Ursula von der Leyen said.",
        &[("Ursula von der Leyen", "DEUMIL")],
    );
    check_with(dictionary, at(2020, 1, 1), "The Taliban attacked.", &[("The Taliban", "AFGREB")]);
    check_with(dictionary, at(2022, 1, 1), "The Taliban decreed.", &[("The Taliban", "AFGGOV")]);
    // Without a date, a person's latest office.
    check_with(dictionary, None, "Shigeru Ishiba said.", &[("Shigeru Ishiba", "JPNGOV")]);
    // Out of office, a title names the office in the person's own country, not in the
    // country the document spoke of last.
    check_with(
        dictionary,
        at(1995, 1, 1),
        "Moroccan diplomats met President Obama.",
        &[("Moroccan diplomats", "MARGOV"), ("President Obama", "USAGOV")],
    );
    // A title with a country of its own keeps it.
    check_with(
        dictionary,
        at(1995, 1, 1),
        "Moroccan diplomats met Japanese Prime Minister Shigeru Ishiba.",
        &[("Moroccan diplomats", "MARGOV"), ("Japanese Prime Minister Shigeru Ishiba", "JPNGOV")],
    );
}

#[test]
fn titles_refer_back_to_full_mentions() {
    let text = "Foreign Minister Sergei Lavrov spoke. Mr Lavrov said that Lavrov would go.";
    let found = mentions_of(builtin(), text, Some(SEED_DATE));
    let summary: Vec<_> = found.iter().map(|m| (m.text.as_str(), m.code.as_str(), m.kind)).collect();
    assert_eq!(
        summary,
        [
            ("Foreign Minister Sergei Lavrov", "RUSGOV", MentionKind::Name),
            ("Mr Lavrov", "RUSGOV", MentionKind::Title),
            ("Lavrov", "RUSGOV", MentionKind::Title),
        ]
    );
    assert_eq!(found[1].antecedent, Some(found[0].span));
    assert_eq!(found[2].antecedent, Some(found[0].span));
    assert_eq!(found[1].name.as_deref(), Some("Sergei Lavrov"));
    // A bare surname that is no alias needs an earlier mention.
    check("Lavrov said so.", &[]);
    // With a title it is looked up: the one Lai in office.
    check("Taiwan's Lai spoke.", &[("Taiwan's Lai", "TWNGOV")]);
    check("President Lee said.", &[("President Lee", "KORGOV")]);
}

#[test]
fn pronouns_resolve_to_the_last_person_of_their_gender() {
    let text = "Prime Minister Sanae Takaichi met Foreign Minister Sergei Lavrov. She said he agreed. His aide left.";
    check(
        text,
        &[
            ("Prime Minister Sanae Takaichi", "JPNGOV"),
            ("Foreign Minister Sergei Lavrov", "RUSGOV"),
            ("She", "JPNGOV"),
            ("he", "RUSGOV"),
            ("His", "RUSGOV"),
        ],
    );
    let found = mentions_of(builtin(), text, Some(SEED_DATE));
    assert_eq!(found[2].kind, MentionKind::Pronoun);
    assert_eq!(found[2].antecedent, Some(found[0].span));
    assert!(found[2].confidence < found[0].confidence);
    // After a quotation the pronoun is its speaker, not someone named inside it.
    check(
        "Foreign Minister Sergei Lavrov arrived. “We met Xi Jinping in Beijing,” he said.",
        &[("Foreign Minister Sergei Lavrov", "RUSGOV"), ("Xi Jinping", "CHNGOV"), ("he", "RUSGOV")],
    );
    // No person, no pronoun.
    check("He left.", &[]);
}

#[test]
fn descriptions_need_their_actor_first() {
    check("China threatened the democratic island.", &[("China", "CHN")]);
    check(
        "Taiwan voted. China threatened the democratic island.",
        &[("Taiwan", "TWN"), ("China", "CHN"), ("the democratic island", "TWN")],
    );
    check(
        "Saudi Arabia and Britain met. The kingdom said.",
        &[("Saudi Arabia", "SAU"), ("Britain", "GBR"), ("The kingdom", "GBR")],
    );
    check(
        "China's leaders met. The Communist Party decided.",
        &[("China's leaders", "CHNGOV"), ("The Communist Party", "CHNGOV")],
    );
    let found = mentions_of(builtin(), "Taiwan voted. The self-ruled island objected.", Some(SEED_DATE));
    assert_eq!(found[1].kind, MentionKind::Description);
    assert_eq!(found[1].antecedent, Some(found[0].span));
    assert!(found[1].confidence < found[0].confidence);
}

#[test]
fn agents_take_the_country_they_belong_to() {
    check("The Trump administration said.", &[("Trump", "USAGOV"), ("administration", "USAGOV")]);
    check(
        "Prime Minister Sanae Takaichi’s administration said.",
        &[("Prime Minister Sanae Takaichi", "JPNGOV"), ("administration", "JPNGOV")],
    );
    check("Japan said its defence forces would act.", &[("Japan", "JPN"), ("its defence forces", "JPNMIL")]);
    check("France voted. Police arrested 20 people.", &[("France", "FRA"), ("Police", "FRACOP")]);
    check("France and Spain voted. Police arrested 20 people.", &[("France", "FRA"), ("Spain", "ESP")]);
    check("Rebels attacked the town.", &[("Rebels", "REB")]);
    check("Market forces rose.", &[]);
}

#[test]
fn unknown_people_with_a_title_are_remembered() {
    check(
        "Russian Emergencies Minister Yevgeny Zinichev arrived. Zinichev said he would stay.",
        &[
            ("Russian Emergencies Minister Yevgeny Zinichev", "RUSGOV"),
            ("Zinichev", "RUSGOV"),
            ("he", "RUSGOV"),
        ],
    );
    let found =
        mentions_of(builtin(), "Chinese Foreign Ministry spokeswoman Mao Ning said.", Some(SEED_DATE));
    assert_eq!(found[0].text, "Chinese Foreign Ministry spokeswoman Mao Ning");
    assert_eq!(found[0].code.as_str(), "CHNGOV");
}

#[test]
fn media_are_media() {
    check(
        "Xinhua and Kyodo News reported it, as did KYODO NEWS.",
        &[("Xinhua", "CHNMED"), ("Kyodo News", "JPNMED"), ("KYODO NEWS", "JPNMED")],
    );
    check("Reuters and the Associated Press", &[("Reuters", "GBRMED"), ("the Associated Press", "USAMED")]);
    let dictionary = builtin();
    for code in ["CHNMED", "JPNMED", "GBRMED", "MED", "HTIOPPMED"] {
        assert!(dictionary.is_media(&code.parse().unwrap()), "{code}");
    }
    for code in ["CHNGOV", "RUS", "IGOUNO"] {
        assert!(!dictionary.is_media(&code.parse().unwrap()), "{code}");
    }
}

#[test]
fn offsets_and_sentences_are_respected() {
    let text = "Russia spoke.\nChina replied.";
    let found = mentions_of(builtin(), text, Some(SEED_DATE));
    for mention in &found {
        assert_eq!(mention.span.slice(text), mention.text);
    }
    // No sentences given: the whole text is one.
    assert_eq!(builtin().mentions(text, &[], Some(SEED_DATE)).len(), 2);
    // Spans out of bounds are skipped, not a panic.
    let bad = [faultline_model::Span::new(0, 6), faultline_model::Span::new(10, 400)];
    assert_eq!(builtin().mentions(text, &bad, Some(SEED_DATE)).len(), 1);
    assert!(builtin().mentions("", &[], None).is_empty());
}

#[test]
fn odd_text_never_panics() {
    let dictionary = builtin();
    let paraphrase = include_str!("../data/paraphrase.txt");
    let mut cases: Vec<String> = [
        "",
        " ",
        "’s",
        "'s Japan",
        "Mr",
        "Mr J.",
        "President J.",
        "Japan’",
        "“",
        "”he said",
        "\u{301}China",
        "China\u{301}",
        "🇨🇳 China 🇹🇼 Taiwan",
        "ＣＨＩＮＡ",
        "İran",
        "Foreign Minister",
        "the",
        "Ms Takaichi’s’s",
        "Prime Minister X.Y.",
        "U.S.",
        "U.S",
        "the kingdom of the kingdom",
        "he he he",
        "its its defence forces",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    // Every prefix and suffix of the paraphrase, cut at char boundaries.
    for (i, _) in paraphrase.char_indices().step_by(7) {
        cases.push(paraphrase[..i].to_string());
        cases.push(paraphrase[i..].to_string());
    }
    for text in &cases {
        let found = mentions_of(dictionary, text, Some(SEED_DATE));
        for mention in &found {
            assert_eq!(mention.span.get(text), Some(mention.text.as_str()));
        }
        assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start), "in order, apart: {text:?}");
        let _ = dictionary.mentions(text, &[], None);
    }
}
