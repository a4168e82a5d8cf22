//! Finding publication dates in metadata values, text lines and URLs.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use regex::Regex;

use super::thread_regex::ThreadRegex;

const MONTHS: &str = "jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|maerz|apr(?:il)?|may|mai|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?";

// Digits and word boundaries are ASCII in these patterns: Unicode `\b` keeps
// the regex engine off its DFAs on any non-ASCII line (every dated line of a
// German page), and dates are written in ASCII digits (`parse` takes no other).
static ISO: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?-u:\b)((?:1[89]|20)[0-9]{2})-([0-9]{2})-([0-9]{2})(?:[^0-9]|$)").unwrap()
});
static MONTH_DAY_YEAR: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({MONTHS})\.?\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+((?:1[89]|20)[0-9]{{2}})(?-u:\b)"
    ))
    .unwrap()
});
static DAY_MONTH_YEAR: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)([0-9]{{1,2}})(?:st|nd|rd|th)?\.?\s+({MONTHS})\.?,?\s+((?:1[89]|20)[0-9]{{2}})(?-u:\b)"
    ))
    .unwrap()
});
static DOTTED: ThreadRegex =
    // Not `\b` before the day: page text often runs a label into it (`Erstellt am09.02.2022`).
    ThreadRegex::new(|| {
        Regex::new(r"(?:^|[^0-9.])([0-9]{1,2})\.([0-9]{1,2})\.((?:19|20)[0-9]{2})(?-u:\b)").unwrap()
    });
static URL_DATE: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|$)|/((?:19|20)\d\d)(\d\d)(\d\d)/")
        .unwrap()
});
/// Words that may stand before a date on a dateline.
static DATELINE_PREFIX: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"(?i)^(?:published|updated|posted|last updated|first published|date|veröffentlicht|stand)?\s*:?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)[a-z]*\.?,?\s+)?").unwrap()
});

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let key: String = n.chars().take(3).collect();
    Some(match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" | "mär" | "mae" => 3,
        "apr" => 4,
        "may" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" | "okt" => 10,
        "nov" => 11,
        "dec" | "dez" => 12,
        _ => return None,
    })
}

fn plausible(date: NaiveDate) -> Option<NaiveDate> {
    let today = chrono::Utc::now().date_naive();
    (date.year() >= 1800 && date <= today + chrono::Days::new(1)).then_some(date)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).and_then(plausible)
}

/// A timestamp written in UTC: `2022-11-06T23:00:00.000Z`, `2018-12-31T23:11:59+00:00`.
static UTC_STAMP: ThreadRegex = ThreadRegex::new(|| {
    Regex::new(r"^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?\s*(?:Z|[+-]00:?00)\s*$").unwrap()
});

/// Where a page's readers are: the day a UTC timestamp falls on for them is
/// the day the outlet published. A German page stamped `2022-11-06T23:00:00Z`
/// came out on 7 November (as trafilatura's evaluation set has it, 4 times
/// out of 4 on its German pages).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    /// CET, and CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC
    /// on the last Sunday of October.
    CentralEurope,
}

impl Zone {
    /// The zone of a page in a language read (nearly) only there, from a
    /// declared language (`de`, `de-AT`). None for languages read across
    /// zones (`en`, `es`, `fr`, `pt`).
    pub fn of_language(lang: &str) -> Option<Zone> {
        let primary = lang.split(['-', '_']).next()?.to_ascii_lowercase();
        let central = [
            "de", "it", "pl", "nl", "cs", "sk", "hu", "da", "sv", "nb", "nn", "no", "sl", "hr",
            "sr", "bs", "lb",
        ];
        central
            .contains(&primary.as_str())
            .then_some(Zone::CentralEurope)
    }

    fn local(self, utc: NaiveDateTime) -> NaiveDateTime {
        let Zone::CentralEurope = self;
        let summer_edge = |month: u32| {
            let last = NaiveDate::from_ymd_opt(utc.year(), month, 31)?;
            let back = last.weekday().num_days_from_sunday();
            (last - chrono::Days::new(u64::from(back))).and_hms_opt(1, 0, 0)
        };
        let summer = matches!(
            (summer_edge(3), summer_edge(10)),
            (Some(start), Some(end)) if start <= utc && utc < end
        );
        utc + chrono::TimeDelta::hours(if summer { 2 } else { 1 })
    }
}

/// The day of a metadata value as `parse_date` reads it, except that a UTC
/// timestamp counts in the readers' `zone` when it is known.
pub fn parse_date_in(value: &str, zone: Option<Zone>) -> Option<NaiveDate> {
    let written = parse_date(value)?;
    let Some(zone) = zone else {
        return Some(written);
    };
    let Some(c) = UTC_STAMP.get().captures(value) else {
        return Some(written);
    };
    let part = |i: usize| c.get(i).map_or(Ok(0), |m| m.as_str().parse::<u32>());
    let (Ok(y), Ok(mo), Ok(d), Ok(h), Ok(mi), Ok(sec)) =
        (part(1), part(2), part(3), part(4), part(5), part(6))
    else {
        return Some(written);
    };
    let utc = NaiveDate::from_ymd_opt(y as i32, mo, d).and_then(|day| day.and_hms_opt(h, mi, sec));
    match utc {
        Some(utc) => plausible(zone.local(utc).date()).or(Some(written)),
        None => Some(written),
    }
}

/// Parses the first date in a metadata value such as `2020-07-10T12:03:00Z`,
/// `Fri, 10 Jul 2020 12:00:00 GMT` or `July 10, 2020`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    // Every form holds a year in ASCII digits (other digits never parse):
    // most lines tested have none, and need no regex.
    if !value.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // Each form's leftmost match and its date, if valid; the earliest wins.
    let at = |c: &regex::Captures, date: Option<NaiveDate>| Some((c.get(0)?.start(), date?));
    let candidates = [
        ISO.get()
            .captures(value)
            .and_then(|c| at(&c, ymd(&c[1], &c[2], &c[3]))),
        MONTH_DAY_YEAR.get().captures(value).and_then(|c| {
            let date = NaiveDate::from_ymd_opt(
                c[3].parse().ok()?,
                month_number(&c[1])?,
                c[2].parse().ok()?,
            );
            at(&c, date.and_then(plausible))
        }),
        DAY_MONTH_YEAR.get().captures(value).and_then(|c| {
            let date = NaiveDate::from_ymd_opt(
                c[3].parse().ok()?,
                month_number(&c[2])?,
                c[1].parse().ok()?,
            );
            at(&c, date.and_then(plausible))
        }),
        DOTTED
            .get()
            .captures(value)
            .and_then(|c| at(&c, ymd(&c[3], &c[2], &c[1]))),
    ];
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(start, _)| *start)
        .map(|(_, d)| d)
}

/// A dateline: a short line that starts with a date (after `Published`, a weekday…).
pub fn dateline(line: &str) -> Option<NaiveDate> {
    if line.chars().count() > 80 {
        return None;
    }
    let rest = &line[DATELINE_PREFIX.get().find(line).map_or(0, |m| m.end())..];
    let date = parse_date(rest)?;
    // The date must open the line, and what follows it must be short (a time, a zone, "Updated …").
    let opening = [
        ISO.get(),
        MONTH_DAY_YEAR.get(),
        DAY_MONTH_YEAR.get(),
        DOTTED.get(),
    ]
    .iter()
    .filter_map(|re| re.find(rest))
    .find(|m| m.start() == 0)?;
    let tail = &rest[opening.end()..];
    let prose_words = tail
        .split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_lowercase()))
        .count();
    (prose_words <= 2 || parse_date(tail).is_some()).then_some(date)
}

/// A date in a URL path: `/2020/07/10/`, `/2020-07-10/`, `/20200710/`.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    let c = URL_DATE.get().captures(url)?;
    match (c.get(1), c.get(4)) {
        (Some(y), _) => ymd(y.as_str(), &c[2], &c[3]),
        (None, Some(y)) => ymd(y.as_str(), &c[5], &c[6]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utc_stamp_counts_in_the_readers_zone() {
        let cet = Some(Zone::CentralEurope);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // Winter (CET, +1) and summer (CEST, +2) around midnight.
        assert_eq!(
            parse_date_in("2022-11-06T23:00:00.000Z", cet),
            day("2022-11-07")
        );
        assert_eq!(parse_date_in("2022-11-06T22:59Z", cet), day("2022-11-06"));
        assert_eq!(
            parse_date_in("2019-10-18T22:04:00Z", cet),
            day("2019-10-19")
        );
        assert_eq!(
            parse_date_in("2019-10-18T21:59:00Z", cet),
            day("2019-10-18")
        );
        assert_eq!(
            parse_date_in("2018-12-31T23:11:59+00:00", cet),
            day("2019-01-01")
        );
        // The last Sunday of March 2022 was the 27th: summer time from 01:00 UTC.
        assert_eq!(
            parse_date_in("2022-03-27T00:30:00Z", cet),
            day("2022-03-27")
        );
        assert_eq!(
            parse_date_in("2022-03-26T22:30:00Z", cet),
            day("2022-03-26")
        );
        assert_eq!(
            parse_date_in("2022-03-27T22:30:00Z", cet),
            day("2022-03-28")
        );
        // A stamp with its own offset, a bare date, or no zone: the date as written.
        assert_eq!(
            parse_date_in("2022-02-03T23:17:12+01:00", cet),
            day("2022-02-03")
        );
        assert_eq!(parse_date_in("2022-11-06", cet), day("2022-11-06"));
        assert_eq!(
            parse_date_in("2022-11-06T23:00:00Z", None),
            day("2022-11-06")
        );
        assert_eq!(Zone::of_language("de-AT"), cet);
        assert_eq!(Zone::of_language("en"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_date("2020-07-10T12:03:00Z"), d(2020, 7, 10));
        assert_eq!(parse_date("Fri, 10 Jul 2020 12:00:00 GMT"), d(2020, 7, 10));
        assert_eq!(parse_date("July 10, 2020"), d(2020, 7, 10));
        assert_eq!(parse_date("10. Juli 2020"), d(2020, 7, 10));
        assert_eq!(parse_date("10.07.2020"), d(2020, 7, 10));
        assert_eq!(parse_date("no date here"), None);
        // Lines of other scripts and accents around the date (the patterns'
        // word boundaries are ASCII ones).
        assert_eq!(
            parse_date("Veröffentlicht am 3. März 2022, Größe"),
            d(2022, 3, 3)
        );
        assert_eq!(parse_date("Publié le 2022-05-04 à Genève"), d(2022, 5, 4));
        assert_eq!(parse_date("Ελλάδα 12.01.2021 Αθήνα"), d(2021, 1, 12));
        assert_eq!(parse_date("12020-01-01"), None);
    }

    #[test]
    fn datelines_and_urls() {
        assert_eq!(dateline("July 11, 2020"), d(2020, 7, 11));
        assert_eq!(
            dateline("Published Friday, July 10, 2020 5:00 PM"),
            d(2020, 7, 10)
        );
        assert_eq!(
            dateline("July 7, 2020 was the day the secretary said things"),
            None
        );
        assert_eq!(dateline("The secretary said on July 7, 2020 that"), None);
        assert_eq!(
            date_from_url("https://www.nytimes.com/2020/07/10/technology/x.html"),
            d(2020, 7, 10)
        );
    }
}
