//! Odd text is data: the coder never panics, whatever it is given.

use faultline_coding::EventCoder;
use proptest::prelude::*;
use std::sync::OnceLock;

fn coder() -> &'static EventCoder {
    static CODER: OnceLock<EventCoder> = OnceLock::new();
    CODER.get_or_init(|| EventCoder::builtin().expect("built-in dictionaries"))
}

#[test]
fn odd_texts_code_without_panicking() {
    let date = jiff::civil::date(2025, 12, 28);
    for text in [
        "",
        " ",
        ".",
        "“",
        "” said",
        "said",
        "Russia",
        "Russia said",
        "if",
        "unless Russia",
        "Russia and and and China attacked , , , Japan",
        "Russia will will will not not support",
        "“Russia will support China,” “he said” “",
        "According to",
        "according to Russia",
        "the moves",
        "China attacked Taiwan if",
        "Russia's's's attack on",
        "((((((Russia attacked))))",
        "Russia — attacked — China;;;; : :",
        "RUSSIA ATTACKED CHINA",
        "Russia attacked China. China attacked Russia. He said so. “It was,” he said.",
        "Россия атаковала Китай.",
        "ロシアは中国を支持する。",
        "Russia\u{0}attacked\u{200b}China",
        &"Russia attacked China and ".repeat(200),
    ] {
        let coded = coder().code_text("odd", text, date);
        for event in &coded.events {
            assert!(event.evidence.sentence.get(text).is_some(), "{text:?}");
            assert!(event.evidence.trigger.get(text).is_some(), "{text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_codes_without_panicking(text in "[ a-zA-Z,.;:“”\"'’()-]{0,200}") {
        let coded = coder().code_text("prop", &text, jiff::civil::date(2025, 1, 1));
        for event in &coded.events {
            prop_assert!(event.evidence.trigger.get(&text).is_some());
        }
    }

    #[test]
    fn news_words_code_without_panicking(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "Russia", "China", "said", "will", "not", "attacked", "support", "if", "unless", "that",
            "the", "moves", "and", ",", ".", "“", "”", "he", "it", "its", "to", "urged", "refused",
            "threatened", "by", "was", "of", "on", "Japan's", "leadership", "according", "could",
        ]), 0..40)) {
        let text = words.join(" ");
        let coded = coder().code_text("prop", &text, jiff::civil::date(2025, 1, 1));
        for event in &coded.events {
            prop_assert!(event.evidence.trigger.get(&text).is_some());
        }
    }
}
