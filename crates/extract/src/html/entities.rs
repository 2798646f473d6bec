//! Character references: `&amp;`, `&#8217;`, `&#x2019;`, `&nbsp;` and the rest of the
//! HTML list, decoded as browsers do (numeric references in 0x80-0x9F read as
//! windows-1252, invalid code points as U+FFFD, legacy names without `;`).

use super::entity_table::{LEGACY, NAMED};
use memchr::memchr;

/// The longest name in the table (`CounterClockwiseContourIntegral`).
const MAX_NAME: usize = 32;

/// Appends `raw` to `out` with its character references decoded. `in_attribute`
/// applies the attribute rule: a legacy reference without `;` followed by a letter,
/// digit or `=` stays as written (`?a=1&copy=2` in a URL).
pub(crate) fn decode_into(raw: &str, out: &mut String, in_attribute: bool) {
    let bytes = raw.as_bytes();
    let mut done = 0;
    let mut from = 0;
    while let Some(offset) = memchr(b'&', &bytes[from..]) {
        let amp = from + offset;
        from = amp + 1;
        if let Some((decoded, len)) = reference_at(&raw[amp + 1..], in_attribute) {
            out.push_str(&raw[done..amp]);
            match decoded {
                Decoded::Char(c) => out.push(c),
                Decoded::Str(s) => out.push_str(s),
            }
            done = amp + 1 + len;
            from = done;
        }
    }
    out.push_str(&raw[done..]);
}

/// `raw` with its character references decoded.
pub(crate) fn decode(raw: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out, in_attribute);
    out
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// The reference right after a `&`: what it stands for and how many bytes it takes.
fn reference_at(rest: &str, in_attribute: bool) -> Option<(Decoded, usize)> {
    let bytes = rest.as_bytes();
    match bytes.first()? {
        b'#' => numeric(bytes),
        b if b.is_ascii_alphanumeric() => named(rest, in_attribute),
        _ => None,
    }
}

fn numeric(bytes: &[u8]) -> Option<(Decoded, usize)> {
    let (hex, digits_at) = match bytes.get(1) {
        Some(b'x' | b'X') => (true, 2),
        _ => (false, 1),
    };
    let mut value: u32 = 0;
    let mut end = digits_at;
    while let Some(&b) = bytes.get(end) {
        let digit = if hex { (b as char).to_digit(16) } else { (b as char).to_digit(10) };
        let Some(digit) = digit else { break };
        value = value.saturating_mul(if hex { 16 } else { 10 }).saturating_add(digit);
        end += 1;
    }
    if end == digits_at {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    Some((Decoded::Char(code_point(value)), end))
}

/// The character a numeric reference stands for, with the HTML replacements.
fn code_point(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        v => v,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

fn named(rest: &str, in_attribute: bool) -> Option<(Decoded, usize)> {
    let bytes = rest.as_bytes();
    let name_len = bytes.iter().take(MAX_NAME + 1).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len <= MAX_NAME && bytes.get(name_len) == Some(&b';') {
        if let Ok(i) = NAMED.binary_search_by(|(name, _)| name.as_bytes().cmp(&bytes[..name_len])) {
            return Some((as_decoded(NAMED[i].1), name_len + 1));
        }
    }
    // A legacy name without `;`: the longest that prefixes the text.
    let window = &bytes[..name_len.min(8)];
    for len in (2..=window.len()).rev() {
        let candidate = &window[..len];
        if LEGACY.iter().any(|legacy| legacy.as_bytes() == candidate) {
            if in_attribute && bytes.get(len).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'=') {
                return None;
            }
            let i = NAMED.binary_search_by(|(name, _)| name.as_bytes().cmp(candidate)).ok()?;
            return Some((as_decoded(NAMED[i].1), len));
        }
    }
    None
}

fn as_decoded(value: &'static str) -> Decoded {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Decoded::Char(c),
        _ => Decoded::Str(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
    }

    #[test]
    fn references() {
        for (raw, text) in [
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("it&#8217;s &#x201C;x&#X201D;", "it\u{2019}s \u{201C}x\u{201D}"),
            ("a&nbsp;b", "a\u{A0}b"),
            ("&eacute;t&eacute;", "\u{E9}t\u{E9}"),
            ("&copy 2019 &amp", "\u{A9} 2019 &"),
            ("&#150; &#0; &#xD800; &#99999999999;", "\u{2013} \u{FFFD} \u{FFFD} \u{FFFD}"),
            ("&unknown; & &; &#; &#x;", "&unknown; & &; &#; &#x;"),
            ("&notit; &notin;", "\u{AC}it; \u{2209}"),
            ("&NotEqualTilde;", "\u{2242}\u{338}"),
            ("caf\u{E9} &hellip;", "caf\u{E9} \u{2026}"),
        ] {
            assert_eq!(decode(raw, false), text, "{raw}");
        }
        assert_eq!(decode("?a=1&copy=2&amp;b", true), "?a=1&copy=2&b");
    }
}
