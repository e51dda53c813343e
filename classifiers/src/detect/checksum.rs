//! Check-digit algorithms. Digits are passed as values 0–9, not ASCII.

pub(crate) fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    !d.is_empty() && sum.is_multiple_of(10)
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

pub(crate) fn verhoeff(d: &[u8]) -> bool {
    let mut c = 0usize;
    for (i, &x) in d.iter().rev().enumerate() {
        let p = VERHOEFF_P[i % 8][usize::from(x % 10)];
        c = usize::from(VERHOEFF_D[c][usize::from(p)]);
    }
    !d.is_empty() && c == 0
}

/// German tax identification number: ISO 7064 MOD 11,10 over the first ten digits, plus the
/// issuing rule that exactly one digit repeats (twice, or three times but not all adjacent).
pub(crate) fn steuer_id(d: &[u8]) -> bool {
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x % 10)] += 1;
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|&c| c > 1).collect();
    if repeated.len() != 1 || repeated[0] > 3 {
        return false;
    }
    if repeated[0] == 3 && d[..10].windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return false;
    }
    let mut product: u32 = 10;
    for &x in &d[..10] {
        let mut sum = (u32::from(x) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == u32::from(d[10])
}

pub(crate) fn cpf(d: &[u8]) -> bool {
    if d.len() != 11 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let digit = |upto: usize| -> u32 {
        let sum: u32 = d[..upto]
            .iter()
            .enumerate()
            .map(|(i, &x)| u32::from(x) * (upto as u32 + 1 - i as u32))
            .sum();
        (sum * 10 % 11) % 10
    };
    digit(9) == u32::from(d[9]) && digit(10) == u32::from(d[10])
}

/// Dutch citizen service number: the "11-proof" with the last weight negative.
pub(crate) fn bsn(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let sum = i64::from(weights_9_to_2(&d[..8])) - i64::from(d[8]);
    sum > 0 && sum % 11 == 0
}

/// Σ dᵢ·(9 − i) over eight digits, the weighted sum of the Dutch BSN and the Portuguese NIF.
fn weights_9_to_2(d: &[u8]) -> u32 {
    d.iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (9 - i as u32))
        .sum()
}

/// Japanese My Number: the 12th digit is 11 − (Σ Pn·Qn mod 11), or 0 when that remainder is
/// 0 or 1, where Pn is the n-th digit counting left from the check digit and Qn is n + 1 for
/// n ≤ 6, n − 5 above.
pub(crate) fn my_number(d: &[u8]) -> bool {
    if d.len() != 12 {
        return false;
    }
    let sum: u32 = (1..=11)
        .map(|n| u32::from(d[11 - n]) * if n <= 6 { n as u32 + 1 } else { n as u32 - 5 })
        .sum();
    let r = sum % 11;
    let check = if r <= 1 { 0 } else { 11 - r };
    u32::from(d[11]) == check
}

/// Chinese resident identity number: ISO 7064 MOD 11-2 over the first 17 digits gives the
/// 18th character (`0`–`9` or `X`).
pub(crate) fn cn_resident_check(d: &[u8]) -> Option<u8> {
    if d.len() != 17 {
        return None;
    }
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * ((1u32 << (17 - i)) % 11))
        .sum();
    Some(b"10X98765432"[(sum % 11) as usize])
}

/// Portuguese NIF: the 9th digit is 11 − (Σ dᵢ·(9 − i) mod 11) over the first eight, or 0 when
/// that is 10 or 11.
pub(crate) fn pt_nif(d: &[u8]) -> bool {
    if d.len() != 9 {
        return false;
    }
    let sum = weights_9_to_2(&d[..8]);
    let check = match 11 - sum % 11 {
        10 | 11 => 0,
        c => c,
    };
    u32::from(d[8]) == check
}

pub(crate) fn dni_letter(n: u32) -> u8 {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    LETTERS[(n % 23) as usize]
}

/// Italian fiscal code check character over the first 15 characters (uppercase ASCII).
pub(crate) fn codice_fiscale_check(s: &[u8]) -> Option<u8> {
    const ODD: [u8; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    if s.len() < 15 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in s[..15].iter().enumerate() {
        let idx = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A',
            _ => return None,
        };
        sum += if i % 2 == 0 {
            u32::from(ODD[usize::from(idx)])
        } else {
            u32::from(idx)
        };
    }
    Some(b'A' + (sum % 26) as u8)
}

/// ISO 13616 check: the rearranged IBAN taken as a number is 1 mod 97.
pub(crate) fn iban_mod97(s: &[u8]) -> bool {
    if s.len() < 5 {
        return false;
    }
    let mut acc: u32 = 0;
    for &c in s[4..].iter().chain(&s[..4]) {
        acc = match c {
            b'0'..=b'9' => (acc * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => (acc * 100 + u32::from(c - b'A') + 10) % 97,
            _ => return false,
        };
    }
    acc == 1
}

/// ICAO 9303 check digit (weights 7, 3, 1; `<` counts as zero).
pub(crate) fn mrz_check(s: &[u8]) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, &c) in s.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            b'<' => 0,
            _ => return None,
        };
        sum += v * WEIGHTS[i % 3];
    }
    Some((sum % 10) as u8)
}

/// French social security number key: 97 minus the 13-digit number mod 97, with Corsican
/// departments 2A and 2B standing for 19 and 18.
pub(crate) fn nir_key(body: &[u8]) -> Option<u64> {
    if body.len() != 13 {
        return None;
    }
    let mut n: u64 = 0;
    let mut i = 0;
    while i < 13 {
        let c = body[i];
        if i == 5 && c == b'2' && matches!(body[6], b'A' | b'B') {
            n = n * 100 + if body[6] == b'A' { 19 } else { 18 };
            i += 2;
            continue;
        }
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(c - b'0');
        i += 1;
    }
    Some(97 - n % 97)
}
