//! Integers and decimals written in Chinese numerals (GB/T 15835): 十一, 一百零一, 一万零一,
//! year digits 二〇一二, and the financial capitals 壹贰叁 used on request.
//!
//! Formal texts write most figures in Arabic digits, but fixed expressions (连续十一年, 六个目标)
//! and dates in Chinese style need the Chinese reading, which has rules of its own: a leading 一十
//! is read 十, an inner gap is read 零 once, and large numbers group by 万 and 亿.

use super::Script;

/// The characters one numeral style uses.
struct Table {
    digits: [&'static str; 10],
    small_units: [&'static str; 4],
    wan: &'static str,
    yi: &'static str,
    minus: &'static str,
    point: &'static str,
}

const READING_HANS: Table = Table {
    digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    small_units: ["", "十", "百", "千"],
    wan: "万",
    yi: "亿",
    minus: "负",
    point: "点",
};

const READING_HANT: Table = Table {
    wan: "萬",
    yi: "億",
    minus: "負",
    point: "點",
    ..READING_HANS
};

const FINANCIAL_HANS: Table = Table {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    small_units: ["", "拾", "佰", "仟"],
    ..READING_HANS
};

const FINANCIAL_HANT: Table = Table {
    digits: ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"],
    small_units: ["", "拾", "佰", "仟"],
    ..READING_HANT
};

/// Year digits, one character per digit.
const YEAR_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` read in Chinese numerals: 0 → 零, 10 → 十, 11 → 十一, 101 → 一百零一, 110 → 一百一十,
/// 10001 → 一万零一 (一萬零一 in Hant), −5 → 负五 (負五).
pub fn integer(n: i64, script: Script) -> String {
    let table = if script.is_traditional() {
        &READING_HANT
    } else {
        &READING_HANS
    };
    let text = signed(n, table);
    // A number that starts with 一十 is read 十 (十一, 十万), but only at its very start
    // (一百一十, 一万零一十 keep their 一).
    let (sign, body) = match text.strip_prefix(table.minus) {
        Some(rest) => (table.minus, rest),
        None => ("", text.as_str()),
    };
    match body.strip_prefix("一十") {
        Some(rest) => format!("{sign}十{rest}"),
        None => text,
    }
}

/// `n` read in Chinese numerals before a measure word (个, 大, 项): 2 is 两 (兩 in Hant), and so
/// is a leading 二 before 千, 万 or 亿 (两千, 两万); 12, 20 and 200 keep 二 (十二个, 二十个, 二百个).
pub fn counted(n: i64, script: Script) -> String {
    let text = integer(n, script);
    let liang = if script.is_traditional() {
        "兩"
    } else {
        "两"
    };
    if n == 2 {
        return liang.to_string();
    }
    match text.strip_prefix('二') {
        Some(rest) if rest.starts_with(['千', '万', '萬', '亿', '億']) => {
            format!("{liang}{rest}")
        }
        _ => text,
    }
}

/// `n` in financial capitals: 11 → 壹拾壹, 1010 → 壹仟零壹拾, 10000 → 壹万 (Hant 壹萬).
pub fn financial(n: i64, script: Script) -> String {
    let table = if script.is_traditional() {
        &FINANCIAL_HANT
    } else {
        &FINANCIAL_HANS
    };
    signed(n, table)
}

/// `n` written digit by digit as in years: 2012 → 二〇一二, 0 → 〇.
pub fn year_digits(n: u64) -> String {
    n.to_string()
        .bytes()
        .map(|b| YEAR_DIGITS[usize::from(b - b'0')])
        .collect()
}

/// A decimal number given as text (`"3.5"`, `"-0.25"`, `"12"`) read in Chinese numerals:
/// 三点五, 负零点二五, 十二. The digits after the point are read one by one (10.05 → 十点零五).
/// `None` when `text` is not a plain decimal (no exponent, at most 18 integer digits).
pub fn decimal(text: &str, script: Script) -> Option<String> {
    let table = if script.is_traditional() {
        &READING_HANT
    } else {
        &READING_HANS
    };
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_part) || int_part.len() > 18 || frac_part.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let int_value: i64 = int_part.parse().ok()?;
    let mut out = String::new();
    let frac_nonzero = frac_part.is_some_and(|f| f.bytes().any(|b| b != b'0'));
    if negative && (int_value != 0 || frac_nonzero) {
        out.push_str(table.minus);
    }
    out.push_str(&integer(int_value, script));
    if let Some(frac) = frac_part.map(|f| f.trim_end_matches('0')) {
        if !frac.is_empty() {
            out.push_str(table.point);
            for b in frac.bytes() {
                out.push_str(table.digits[usize::from(b - b'0')]);
            }
        }
    }
    Some(out)
}

/// `n` with its sign, in `table`'s characters, without the 一十 → 十 rule.
fn signed(n: i64, table: &Table) -> String {
    let magnitude = n.unsigned_abs();
    let body = if magnitude == 0 {
        table.digits[0].to_string()
    } else {
        grouped(magnitude, table)
    };
    if n < 0 {
        format!("{}{body}", table.minus)
    } else {
        body
    }
}

/// A positive number grouped by 亿 (10⁸) and 万 (10⁴); a gap after a group is read 零.
fn grouped(n: u64, table: &Table) -> String {
    const YI: u64 = 100_000_000;
    const WAN: u64 = 10_000;
    let (high, low, unit, full_low) = if n >= YI {
        (n / YI, n % YI, table.yi, YI / 10)
    } else if n >= WAN {
        (n / WAN, n % WAN, table.wan, WAN / 10)
    } else {
        return below_wan(n, table);
    };
    let mut out = grouped(high, table);
    out.push_str(unit);
    if low > 0 {
        if low < full_low {
            out.push_str(table.digits[0]);
        }
        out.push_str(&grouped(low, table));
    }
    out
}

/// A number 1..=9999: digits with 千百十, inner zeros read once as 零, trailing zeros silent.
fn below_wan(n: u64, table: &Table) -> String {
    let mut out = String::new();
    let mut pending_zero = false;
    for position in (0..4).rev() {
        let digit = (n / 10u64.pow(position)) % 10;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(table.digits[0]);
            pending_zero = false;
        }
        // position < 4 and digit < 10 by construction.
        out.push_str(table.digits[digit as usize]);
        out.push_str(table.small_units[position as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_before_a_measure_word_is_liang() {
        let cases: &[(i64, &str)] = &[
            (0, "零"),
            (1, "一"),
            (2, "两"),
            (12, "十二"),
            (20, "二十"),
            (22, "二十二"),
            (200, "二百"),
            (2000, "两千"),
            (20000, "两万"),
            (-2, "负二"),
        ];
        for &(n, want) in cases {
            assert_eq!(counted(n, Script::Hans), want, "{n}");
        }
        assert_eq!(counted(2, Script::Hant), "兩");
        assert_eq!(counted(20000, Script::Hant), "兩萬");
    }

    #[test]
    fn integers_hans_and_hant() {
        let cases: &[(i64, &str, &str)] = &[
            (0, "零", "零"),
            (1, "一", "一"),
            (10, "十", "十"),
            (11, "十一", "十一"),
            (19, "十九", "十九"),
            (20, "二十", "二十"),
            (100, "一百", "一百"),
            (101, "一百零一", "一百零一"),
            (110, "一百一十", "一百一十"),
            (1000, "一千", "一千"),
            (1001, "一千零一", "一千零一"),
            (1010, "一千零一十", "一千零一十"),
            (10000, "一万", "一萬"),
            (10001, "一万零一", "一萬零一"),
            (10010, "一万零一十", "一萬零一十"),
            (11000, "一万一千", "一萬一千"),
            (100000, "十万", "十萬"),
            (150000, "十五万", "十五萬"),
            (
                1234567,
                "一百二十三万四千五百六十七",
                "一百二十三萬四千五百六十七",
            ),
            (100000000, "一亿", "一億"),
            (100010000, "一亿零一万", "一億零一萬"),
            (110000000, "一亿一千万", "一億一千萬"),
            (1000000000, "十亿", "十億"),
            (1000000000000, "一万亿", "一萬億"),
            (-5, "负五", "負五"),
            (-10, "负十", "負十"),
            (-12345, "负一万二千三百四十五", "負一萬二千三百四十五"),
        ];
        for &(n, hans, hant) in cases {
            assert_eq!(integer(n, Script::Hans), hans, "{n} hans");
            assert_eq!(integer(n, Script::Hant), hant, "{n} hant");
        }
        // The extremes do not overflow.
        assert!(integer(i64::MIN, Script::Hans)
            .starts_with("负九百二十二亿三千三百七十二万零三百六十八亿"));
        assert!(integer(i64::MAX, Script::Hans)
            .starts_with("九百二十二亿三千三百七十二万零三百六十八亿"));
    }

    #[test]
    fn financial_capitals() {
        let cases: &[(i64, &str, &str)] = &[
            (0, "零", "零"),
            (3, "叁", "參"),
            (10, "壹拾", "壹拾"),
            (11, "壹拾壹", "壹拾壹"),
            (1010, "壹仟零壹拾", "壹仟零壹拾"),
            (26, "贰拾陆", "貳拾陸"),
            (10000, "壹万", "壹萬"),
            (100000000, "壹亿", "壹億"),
            (-8, "负捌", "負捌"),
        ];
        for &(n, hans, hant) in cases {
            assert_eq!(financial(n, Script::Hans), hans, "{n} hans");
            assert_eq!(financial(n, Script::Hant), hant, "{n} hant");
        }
    }

    #[test]
    fn year_digits_use_ling_circle() {
        assert_eq!(year_digits(2012), "二〇一二");
        assert_eq!(year_digits(2000), "二〇〇〇");
        assert_eq!(year_digits(0), "〇");
        assert_eq!(year_digits(1949), "一九四九");
    }

    #[test]
    fn decimals() {
        let cases: &[(&str, Option<&str>)] = &[
            ("3.5", Some("三点五")),
            ("0.5", Some("零点五")),
            ("10.05", Some("十点零五")),
            ("-2.25", Some("负二点二五")),
            ("12", Some("十二")),
            ("7.50", Some("七点五")),
            ("-0.0", Some("零")),
            ("1e20", None),
            ("abc", None),
            ("", None),
            ("3.", None),
            ("1234567890123456789", None),
        ];
        for &(text, want) in cases {
            assert_eq!(decimal(text, Script::Hans).as_deref(), want, "{text:?}");
        }
        assert_eq!(decimal("3.5", Script::Hant).as_deref(), Some("三點五"));
    }
}
