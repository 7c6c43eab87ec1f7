//! How a value is written in every export format, so GraphML and CSV carry
//! the same text and numbers.

use std::borrow::Cow;

/// Drops the characters XML 1.0 cannot hold (C0 controls but tab, line feed,
/// carriage return; U+FFFE; U+FFFF) and the bidirectional controls (U+202A to
/// U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C), which reorder what a
/// person reads around them ("Trojan Source"): a name can hide a different
/// name. Applied to every exported text, in both formats, so GraphML and CSV
/// carry the same values.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    // Printable ASCII, tab and line ends are all legal: most text is only
    // these, checked a byte at a time without decoding characters.
    let plain = |b: &u8| (b' '..0x80).contains(b) || matches!(b, b'\t' | b'\n' | b'\r');
    if text.as_bytes().iter().all(plain) {
        return Cow::Borrowed(text);
    }
    let illegal = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
            || crate::text::is_bidi_control(c)
    };
    if text.chars().any(illegal) {
        Cow::Owned(text.chars().filter(|&c| !illegal(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A double as exports write it: shortest round-trip form (`2`, `0.5`), `None`
/// for NaN and infinities, which no reader agrees on.
///
/// A whole number (edge weights, counts) is written by the integer formatter,
/// which gives the same digits without the shortest round-trip search; `-0` is left to the float formatter, which keeps its sign.
pub(crate) fn format_double(value: f64) -> Option<String> {
    let mut text = String::new();
    format_double_into(&mut text, value).then_some(text)
}

/// [`format_double`], written at the end of `out` (a buffer reused from
/// edge to edge); false, and nothing written, for NaN and infinities.
pub(crate) fn format_double_into(out: &mut String, value: f64) -> bool {
    use std::fmt::Write;
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() < EXACT && (value != 0.0 || value.is_sign_positive()) {
        let _ = write!(out, "{}", value as i64);
        return true;
    }
    if !value.is_finite() {
        return false;
    }
    let _ = write!(out, "{value}");
    true
}

/// `n` in decimal at the end of `buf`, as `n.to_string()` writes it, without
/// the formatting machinery: edge ids and counts of millions of edges.
pub(crate) fn push_decimal(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::format_double;

    /// Whole numbers by the integer formatter give the float formatter's text.
    #[test]
    fn whole_numbers_are_written_as_floats_write_them() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            42.0,
            1e15,
            9_007_199_254_740_991.0,
            1e17,
            0.5,
            -2.25,
        ] {
            assert_eq!(format_double(v), Some(v.to_string()), "{v}");
        }
        assert_eq!(format_double(f64::NAN), None);
        assert_eq!(format_double(f64::INFINITY), None);
    }

    #[test]
    fn decimals_are_written_as_to_string_writes_them() {
        for n in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
            let mut buf = b"x".to_vec();
            super::push_decimal(&mut buf, n);
            assert_eq!(buf, format!("x{n}").into_bytes());
        }
    }
}
