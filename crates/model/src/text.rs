//! Text helpers shared by the stages that read article text.

/// Bytes that are whitespace or may start a whitespace character (see [`space_len`]).
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0d | 0x20 | 0xc2 | 0xe1 | 0xe2 | 0xe3);
        b += 1;
    }
    table
};

/// The length of the whitespace character at `bytes[i]` (0 if there is none), exactly
/// as `char::is_whitespace` decides, on the UTF-8 bytes: the non-ASCII whitespace is
/// U+0085 and U+00A0 (`C2 85`, `C2 A0`), U+1680 (`E1 9A 80`), U+2000..U+200A, U+2028,
/// U+2029, U+202F (`E2 80 xx`), U+205F (`E2 81 9F`) and U+3000 (`E3 80 80`).
/// `vertical_tab` says whether U+000B counts (`char::is_whitespace`) or not
/// (`u8::is_ascii_whitespace`).
#[inline(always)]
fn space_len(bytes: &[u8], i: usize, vertical_tab: bool) -> usize {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b' ' | b'\t' | b'\n' | b'\x0c' | b'\r' => 1,
        b'\x0b' => usize::from(vertical_tab),
        0xc2 if matches!(next(1), 0x85 | 0xa0) => 2,
        0xe1 if next(1) == 0x9a && next(2) == 0x80 => 3,
        0xe2 if matches!((next(1), next(2)), (0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) | (0x81, 0x9f)) => 3,
        0xe3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The index of the first byte from `i` on that is ASCII whitespace or control (up to
/// `0x20`) or not ASCII (`0x80` up), else `bytes.len()`: eight bytes at a time, as most
/// words are shorter than that and end at a space.
#[inline(always)]
fn next_control_or_non_ascii(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // High bit of each byte >= 0x80, and of each byte < 0x21 (exact for the lowest
        // such byte, which is the one wanted: a borrow only reaches bytes above it).
        let found = (x & HIGH) | (x.wrapping_sub(0x21 * ONES) & !x & HIGH);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && (0x21..0x80).contains(&bytes[i]) {
        i += 1;
    }
    i
}

/// Calls `f` with each word of `text` between whitespace, found on bytes without
/// decoding characters: the words of `text.split_whitespace()`, or with `vertical_tab`
/// false those of `text.split_ascii_whitespace()` (they differ only on U+000B).
/// `split_whitespace` decodes every character, and an iterator pays a call per word:
/// this loop costs about half as much per word.
#[inline(always)]
pub fn for_each_word<'t>(text: &'t str, vertical_tab: bool, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Whitespace before the word.
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        if MAY_BE_SPACE[usize::from(b)] {
            let len = space_len(bytes, i, vertical_tab);
            if len > 0 {
                i += len;
                continue;
            }
        }
        let start = i;
        i += 1;
        loop {
            i = next_control_or_non_ascii(bytes, i);
            if i >= n {
                break;
            }
            let b = bytes[i];
            if b == b' ' || (MAY_BE_SPACE[usize::from(b)] && space_len(bytes, i, vertical_tab) > 0) {
                break;
            }
            i += 1;
        }
        // `start` and `i` are at character boundaries: a word starts after whitespace
        // and ends before whitespace or at the end of the text.
        if let Some(word) = text.get(start..i) {
            f(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str, vertical_tab: bool) -> Vec<&str> {
        let mut words = Vec::new();
        for_each_word(text, vertical_tab, |word| words.push(word));
        words
    }

    #[test]
    fn words_split_as_split_whitespace() {
        let spaces = [
            " ", "\t", "\n", "\x0b", "\x0c", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2005}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        // Neighbours of the whitespace encodings that are not whitespace.
        let others = [
            "a", "é", "\u{84}", "\u{a1}", "\u{1681}", "\u{200b}", "\u{2027}", "\u{202a}", "\u{2030}",
            "\u{205e}", "\u{2060}", "\u{3001}", "\u{e000}", "’", "“", "\x1c", "—",
        ];
        for space in spaces {
            for other in others {
                for text in [
                    format!("{other}{space}{other}"),
                    format!("{space}{other}x{space}{space}{other}{space}"),
                    format!("x{space}"),
                    space.to_string(),
                ] {
                    let expected: Vec<&str> = text.split_whitespace().collect();
                    assert_eq!(words_of(&text, true), expected, "{text:?}");
                    let line_expected: Vec<&str> = if text.is_ascii() {
                        text.split_ascii_whitespace().collect()
                    } else {
                        text.split_whitespace().collect()
                    };
                    assert_eq!(words_of(&text, !text.is_ascii()), line_expected, "{text:?}");
                }
            }
        }
        // Words longer than the eight bytes looked at at once, with whitespace and other
        // characters inside and at the edges of those eight.
        for text in [
            "internationalisation’s\u{a0}long-winded-word\u{2003}x  \t\r\nend",
            "abcdefg\u{a0}abcdefgh\u{202f}abcdefghi\u{3000}abcdefghijklmnopq\u{85}z",
            "1234567\x0b89012345\x01678901234567890 “quoted words, here” — and there…",
            "Президент России заявил\u{2028}что переговоры\u{2029}продолжатся",
        ] {
            assert_eq!(words_of(text, true), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
        }
        // On an ASCII line U+000B is not whitespace (`split_ascii_whitespace`).
        assert_eq!(words_of("a\x0bb c", false), ["a\x0bb", "c"]);
        assert!(words_of("", true).is_empty());
    }
}
