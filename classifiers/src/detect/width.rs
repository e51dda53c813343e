//! Full-width forms. Japanese and Chinese input methods type digits and Latin letters at full
//! width ("０８０ー４７１２ー９３５８", "旅券番号：ＭＺ３０７７６４１", "ｋ－ｉｓｈｉｉ＿０７２１"), and the
//! detectors read ASCII. [`narrow`] rewrites a text's full-width letters, digits and the marks
//! that join them to ASCII, with a map back to the original's byte offsets, so a finding's span
//! still covers the characters the writer typed.

/// Whether `text` holds a full-width character that [`narrow`] rewrites: a letter, a digit, one
/// of "＋．／＠＿", or the half-width long-vowel mark "ｰ". Full-width punctuation ("，", "：", "（")
/// fills most Chinese and Japanese text and needs no second reading. In UTF-8, U+FF01-U+FF3F
/// are `EF BC 81..BF`, U+FF40-U+FF7F `EF BD 80..BF`.
fn has_full_width(b: &[u8]) -> bool {
    memchr::memchr_iter(0xEF, b).any(|i| match (b.get(i + 1), b.get(i + 2)) {
        // ＋ －．／ ０-９ ＠ Ａ-Ｚ ＿
        (Some(0xBC), Some(&c)) => matches!(c, 0x8B | 0x8D..=0x99 | 0xA0..=0xBA | 0xBF),
        // ａ-ｚ, ｰ
        (Some(0xBD), Some(&c)) => matches!(c, 0x81..=0x9A | 0xB0),
        _ => false,
    })
}

/// The ASCII a full-width character stands for: letters, digits and the marks inside an
/// address, an ID or a mailbox ("＠", "＿", "．", "／", "＋"). Other full-width punctuation
/// ("：", "（", "！") is part of the sentence around the value and stays as it is.
fn narrow_char(c: char) -> Option<u8> {
    let u = u32::from(c);
    if !(0xFF01..=0xFF5E).contains(&u) {
        return None;
    }
    let a = u8::try_from(u - 0xFF01 + 0x21).ok()?;
    (a.is_ascii_alphanumeric() || matches!(a, b'@' | b'_' | b'.' | b'/' | b'+')).then_some(a)
}

/// Dashes that join digit groups in Japanese and Chinese input: the long-vowel mark at either
/// width ("０８０ー４７１２", "5236ｰ8814"), the full-width hyphen-minus, and the minus sign.
fn is_joining_dash(c: char) -> bool {
    matches!(c, 'ー' | 'ｰ' | '－' | '−')
}

/// `text` with full-width letters, digits and joining marks at ASCII width, and for each byte
/// offset of the result (and its end) the offset in `text`; `None` when `text` has no
/// full-width form.
pub(super) fn narrow(text: &str) -> Option<(String, Vec<usize>)> {
    if !has_full_width(text.as_bytes()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Whether the character at `k` is, or narrows to, an ASCII letter or digit.
    let alnum = |k: usize| {
        chars.get(k).is_some_and(|&(_, c)| {
            c.is_ascii_alphanumeric() || narrow_char(c).is_some_and(|a| a.is_ascii_alphanumeric())
        })
    };
    let digit = |k: usize| {
        chars.get(k).is_some_and(|&(_, c)| {
            c.is_ascii_digit() || narrow_char(c).is_some_and(|a| a.is_ascii_digit())
        })
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let between = k > 0 && alnum(k - 1) && alnum(k + 1);
        let between_digits = k > 0 && digit(k - 1) && digit(k + 1);
        let ascii = narrow_char(c)
            .or_else(|| (between && is_joining_dash(c)).then_some(b'-'))
            // An ideographic space between digit groups: "４８２１　６０９３".
            .or_else(|| (between_digits && c == '\u{3000}').then_some(b' '));
        match ascii {
            Some(a) => {
                out.push(char::from(a));
                map.push(i);
            }
            None => {
                out.push(c);
                map.extend(i..i + c.len_utf8());
            }
        }
    }
    map.push(text.len());
    Some((out, map))
}

#[cfg(test)]
mod tests {
    use super::narrow;

    #[test]
    fn narrows_full_width_values_and_maps_back() {
        let text = "携帯は０８０ー４７１２ー９３５８です";
        let (n, map) = narrow(text).unwrap();
        assert_eq!(n, "携帯は080-4712-9358です");
        let s = n.find("080").unwrap();
        let e = s + "080-4712-9358".len();
        assert_eq!(&text[map[s]..map[e]], "０８０ー４７１２ー９３５８");
        // Sentence punctuation stays; a long-vowel mark inside a word stays.
        let (n, _) = narrow("氏名：ユーザー　番号：ＭＺ３０７７６４１").unwrap();
        assert_eq!(n, "氏名：ユーザー　番号：MZ3077641");
        assert!(narrow("plain ASCII and 漢字").is_none());
    }
}
