//! Calendar dates as a formal Chinese text writes them: 2012年10月10日 (GB/T 9704-2012 style),
//! 10月10日, 二〇一二年十月十日, and weekdays (星期三).
//!
//! Dates reach the templates as text: a TOML date `2012-10-10` becomes the string
//! `"2012-10-10"`, and date-times keep their time part after a `T` or a space, which is ignored.

use std::fmt;

use super::numeral;
use super::Script;

/// A day of the Gregorian calendar, checked (month 1–12, day within the month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year, 0–9999 as written with four digits.
    pub year: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, from 1.
    pub day: u32,
}

const WEEKDAYS: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

impl Date {
    /// Reads `YYYY-MM-DD`, optionally followed by `T…` or ` …` (a time, which is ignored).
    /// `None` when the text is not such a date or the day does not exist (2013-02-29).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let date_part = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        let bytes = date_part.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |s: &str| -> Option<u32> {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = number(date_part.get(0..4)?)?;
        let month = number(date_part.get(5..7)?)?;
        let day = number(date_part.get(8..10)?)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `2012年10月10日`.
    pub fn ymd(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// `10月10日`.
    pub fn md(&self) -> String {
        format!("{}月{}日", self.month, self.day)
    }

    /// `2012年10月`.
    pub fn ym(&self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    /// `二〇一二年十月十日`: year digit by digit, month and day read as numbers.
    pub fn chinese(&self) -> String {
        format!(
            "{}年{}",
            numeral::year_digits(u64::from(self.year)),
            self.chinese_md()
        )
    }

    /// `十月十日`.
    pub fn chinese_md(&self) -> String {
        format!("{}{}", self.month_name(), self.day_name())
    }

    /// The month's name: 一月 … 十二月.
    pub fn month_name(&self) -> String {
        format!(
            "{}月",
            numeral::integer(i64::from(self.month), Script::Hans)
        )
    }

    /// The day's name: 一日 … 三十一日 (二十一日).
    pub fn day_name(&self) -> String {
        format!("{}日", numeral::integer(i64::from(self.day), Script::Hans))
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday_index(&self) -> usize {
        // Sakamoto's method (0 = Sunday), shifted to start on Monday.
        const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 {
            self.year + 399
        } else {
            self.year + 400
        };
        let sunday_based =
            (y + y / 4 - y / 100 + y / 400 + OFFSETS[(self.month - 1) as usize] + self.day) % 7;
        ((sunday_based + 6) % 7) as usize
    }

    /// The weekday's name: 星期一 … 星期日 (the same in both scripts).
    pub fn weekday(&self) -> &'static str {
        WEEKDAYS[self.weekday_index()]
    }
}

impl fmt::Display for Date {
    /// `2012-10-10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_toml_dates_and_datetimes() {
        let want = Some(Date {
            year: 2012,
            month: 10,
            day: 10,
        });
        assert_eq!(Date::parse("2012-10-10"), want);
        assert_eq!(Date::parse("2012-10-10T09:30:00"), want);
        assert_eq!(Date::parse("2012-10-10T09:30:00+08:00"), want);
        assert_eq!(Date::parse("2012-10-10 09:30:00"), want);
        assert_eq!(Date::parse("2012-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2013-02-29",
            "2012-13-01",
            "2012-00-10",
            "2012-10-32",
            "2012/10/10",
            "2012-10-1",
            "2012-10-10x",
            "十月十日",
            "",
            "2012-１0-10",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats() {
        let d = Date {
            year: 2012,
            month: 10,
            day: 10,
        };
        assert_eq!(d.ymd(), "2012年10月10日");
        assert_eq!(d.md(), "10月10日");
        assert_eq!(d.ym(), "2012年10月");
        assert_eq!(d.chinese(), "二〇一二年十月十日");
        assert_eq!(d.chinese_md(), "十月十日");
        assert_eq!(d.to_string(), "2012-10-10");
        let d = Date {
            year: 2000,
            month: 1,
            day: 31,
        };
        assert_eq!(d.chinese(), "二〇〇〇年一月三十一日");
        assert_eq!(d.ymd(), "2000年1月31日");
        let d = Date {
            year: 2021,
            month: 12,
            day: 21,
        };
        assert_eq!(d.month_name(), "十二月");
        assert_eq!(d.day_name(), "二十一日");
    }

    #[test]
    fn weekdays() {
        let cases = [
            ("2012-10-10", "星期三"),
            ("2000-01-01", "星期六"),
            ("2024-02-29", "星期四"),
            ("1949-10-01", "星期六"),
            ("2026-01-04", "星期日"),
            ("2026-01-05", "星期一"),
        ];
        for (text, want) in cases {
            let d = Date::parse(text).map(|d| d.weekday());
            assert_eq!(d, Some(want), "{text}");
        }
    }
}
