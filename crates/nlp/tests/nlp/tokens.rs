//! Tokens: spans, kinds, normal forms, flags.

use crate::annotate;
use faultline_nlp::{TokenFlags, TokenKind};

/// `expected` is the tokens written `text/Kind` with `Kind` one of W (word), N (number),
/// P (punct), S (symbol), O (open quote), C (close quote), Pos (possessive), Cl (clitic).
#[track_caller]
fn check(input: &str, expected: &str) {
    let doc = annotate(input, None);
    let got: Vec<String> = doc
        .token_refs()
        .map(|t| {
            let kind = match t.kind() {
                TokenKind::Word => "W",
                TokenKind::Number => "N",
                TokenKind::Punct => "P",
                TokenKind::Symbol => "S",
                TokenKind::OpenQuote => "O",
                TokenKind::CloseQuote => "C",
                TokenKind::Possessive => "Pos",
                TokenKind::Clitic => "Cl",
            };
            format!("{}/{kind}", t.text())
        })
        .collect();
    assert_eq!(got.join(" "), expected, "tokens of {input:?}");
}

#[test]
fn words_and_punctuation() {
    check("Russia will support China.", "Russia/W will/W support/W China/W ./P");
    check("a survival-threatening situation", "a/W survival-threatening/W situation/W");
    check("Communist-ruled China", "Communist-ruled/W China/W");
    check("TOKYO - Russia", "TOKYO/W -/P Russia/W");
    check("the F-35 and Su-35s", "the/W F-35/W and/W Su-35s/W");
    check("a 35-year-old man", "a/W 35-year-old/W man/W");
    check("AT&T and S&P", "AT&T/W and/W S&P/W");
    check("war—again", "war/W —/P again/W");
    check("(yes)", "(/P yes/W )/P");
    check("Wait?!", "Wait/W ?!/P");
}

#[test]
fn numbers() {
    check("3.5 percent", "3.5/N percent/W");
    check("1,000 troops", "1,000/N troops/W");
    check("on 2025-12-28 at 10:30", "on/W 2025-12-28/N at/W 10:30/N");
    check("$1.5bn", "$/S 1.5bn/W");
    check("the 28th and the 1990s", "the/W 28th/W and/W the/W 1990s/W");
    check("5%", "5/N %/S");
    check("24/7", "24/7/N");
    check("a .5 point rise, $.50 each", "a/W .5/N point/W rise/W ,/P $/S .50/N each/W");
}

#[test]
fn apostrophes() {
    check("Japan’s leadership", "Japan/W ’s/Pos leadership/W");
    check("Japan's leadership", "Japan/W 's/Pos leadership/W");
    check("the leaders’ summit", "the/W leaders/W ’/Pos summit/W");
    check("it's over", "it/W 's/Cl over/W");
    check("don't and can't and won't", "do/W n't/Cl and/W ca/W n't/Cl and/W wo/W n't/Cl");
    check(
        "they’re here, we'll see, I'm sure, you've won, he'd go",
        "they/W ’re/Cl here/W ,/P we/W 'll/Cl see/W ,/P I/W 'm/Cl sure/W ,/P you/W 've/Cl won/W ,/P he/W 'd/Cl go/W",
    );
    check("O'Brien of Côte d'Ivoire", "O'Brien/W of/W Côte/W d'Ivoire/W");
}

#[test]
fn abbreviations_own_their_period() {
    check("Mr. Lavrov", "Mr./W Lavrov/W");
    check("the U.S. and U.K.", "the/W U.S./W and/W U.K./W");
    check("at 10 a.m. today", "at/W 10/N a.m./W today/W");
    check("on Dec. 28", "on/W Dec./W 28/N");
    check("Sergei V. Lavrov", "Sergei/W V./W Lavrov/W");
    check("No. 10 and no.", "No./W 10/N and/W no/W ./P");
    check("the end.", "the/W end/W ./P");
    check("said.The", "said/W ./P The/W");
    check("wait...", "wait/W .../P");
}

#[test]
fn quotation_marks() {
    check("“Yes,” he said", "“/O Yes/W ,/P ”/C he/W said/W");
    check("\"Yes,\" he said", "\"/O Yes/W ,/P \"/C he/W said/W");
    check("a \"survival\" case", "a/W \"/O survival/W \"/C case/W");
    check("the ‘one China’ policy", "the/W ‘/O one/W China/W ’/C policy/W");
    check("«Non», dit-il", "«/O Non/W »/C ,/P dit-il/W");
    check("He said: \"No.\"", "He/W said/W :/P \"/O No/W ./P \"/C");
}

#[test]
fn normal_forms_and_flags() {
    let doc = annotate("Japan’s NATO “Ally” don’t Straße", None);
    let norms: Vec<&str> = (0..doc.tokens().len()).map(|i| doc.norm(i)).collect();
    assert_eq!(norms, ["japan", "'s", "nato", "\"", "ally", "\"", "do", "n't", "straße"]);
    let japan = doc.token(0);
    assert!(japan.is(TokenFlags::CAPITALISED) && !japan.is(TokenFlags::ALL_CAPS));
    assert!(japan.is(TokenFlags::SENT_START) && japan.is(TokenFlags::ASCII));
    let nato = doc.token(2);
    assert!(
        nato.is(TokenFlags::ALL_CAPS)
            && nato.is(TokenFlags::CAPITALISED)
            && nato.is(TokenFlags::SPACE_BEFORE)
    );
    assert!(doc.token(6).is(TokenFlags::LOWER));
    assert!(!doc.token(8).is(TokenFlags::ASCII));
    let doc = annotate("ÉLYSÉE said\nyes", None);
    assert!(doc.token(0).is(TokenFlags::ALL_CAPS));
    assert_eq!(doc.norm(0), "élysée");
    assert!(doc.token(2).is(TokenFlags::NEWLINE_BEFORE));
    assert!(doc.token(1).is(TokenFlags::HAS_ALPHA) && !doc.token(1).is(TokenFlags::HAS_DIGIT));
}

#[test]
fn tokens_in_span() {
    let doc = annotate("Russia will support China.", None);
    let span = faultline_model::Span::new(7, 20);
    let range = doc.tokens_in(span);
    let words: Vec<&str> = range.map(|i| doc.token_text(i)).collect();
    assert_eq!(words, ["will", "support"]);
}

/// The normal form and case flags of a token text, char by char with the Unicode
/// tables: what the tokenizer's shortcuts (ASCII tokens read from a lowercased copy of
/// the text, general punctuation without table lookups) must agree with.
fn reference_norm_and_flags(text: &str) -> (String, TokenFlags) {
    let mut norm = String::new();
    let (mut upper, mut lower, mut alpha, mut digit, mut first_upper) = (0, 0, false, false, None);
    for c in text.chars() {
        if c.is_alphabetic() {
            alpha = true;
            if c.is_uppercase() {
                upper += 1;
                first_upper.get_or_insert(true);
            } else if c.is_lowercase() {
                lower += 1;
                first_upper.get_or_insert(false);
            }
        } else if c.is_numeric() {
            digit = true;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2039}' | '\u{203A}' => norm.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => norm.push('"'),
            c if c.is_uppercase() => norm.extend(c.to_lowercase()),
            c => norm.push(c),
        }
    }
    let mut flags = TokenFlags::empty();
    let set = [
        (first_upper == Some(true), TokenFlags::CAPITALISED),
        (upper > 0 && lower == 0, TokenFlags::ALL_CAPS),
        (lower > 0 && upper == 0, TokenFlags::LOWER),
        (alpha, TokenFlags::HAS_ALPHA),
        (digit, TokenFlags::HAS_DIGIT),
        (text.is_ascii(), TokenFlags::ASCII),
    ];
    for (on, flag) in set {
        if on {
            flags.insert(flag);
        }
    }
    (norm, flags)
}

#[test]
fn normal_forms_and_case_flags_agree_with_the_unicode_tables() {
    let texts = [
        "Japan’s NATO “Ally” don’t Straße O'Brien d’Ivoire ‘one China’ «Non» „Ja“ ‹oui›",
        "ÉLYSÉE élysée Élysée İstanbul ǅemal ǈ ǉ ΣΊΣΥΦΟΣ ﬁnance ẞ K Å Ω ℌ Ⅻ ⅰ ² ٣ 中文 ไทย हिन्दी",
        "U.S.-backed e.g. Mr. Dec. 28 3.5 1,000 2025-12-28 28th F-35 AT&T mid‐November non‑stop",
        "war—again – ‐ ‑ ‒ … ‰ ′ ″ ‴ ※ ‼ ⁇ ⁈ ⁉ ⁰ ⁱ ⁿ ₀ ₐ € £ ° · × ÷ 👍🏽 x\u{200D}y a\u{00AD}b e\u{0301}",
        "IT'S DON'T WON’T they’re I'm it’s CAN'T ’TIS MCDONALD'S McDonald’s iPhone eBay",
    ];
    for text in texts {
        let doc = annotate(text, None);
        for token in doc.token_refs() {
            let (norm, flags) = reference_norm_and_flags(token.text());
            assert_eq!(token.norm(), norm, "norm of {:?}", token.text());
            for flag in [
                TokenFlags::CAPITALISED,
                TokenFlags::ALL_CAPS,
                TokenFlags::LOWER,
                TokenFlags::HAS_ALPHA,
                TokenFlags::HAS_DIGIT,
                TokenFlags::ASCII,
            ] {
                assert_eq!(token.is(flag), flags.contains(flag), "{flag:?} of {:?}", token.text());
            }
        }
    }
}
