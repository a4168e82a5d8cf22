//! Counting matches per outlet or per period (`search count`), for charts.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{article_ids, matching, Filter};
use crate::error::Result;
use crate::index::{schema, stored, OpenIndex};
use crate::stories::Stories;

/// What to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Outlet, most articles first
    Source,
    /// Detected language
    Lang,
    Day,
    /// ISO week, e.g. 2020-W28
    Week,
    Month,
    Year,
}

/// One bar of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    /// The outlet, the language, or the period (`2020-07-10`, `2020-W28`, `2020-07`, `2020`);
    /// `undated` / `unknown` for articles without one.
    pub key: String,
    pub count: u64,
}

/// The answer of `search count`.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Matching articles (or, when counting stories, distinct stories).
    pub total: u64,
    pub buckets: Vec<Bucket>,
}

/// Longest run of empty periods filled in between the first and last, so a
/// chart's time axis has no holes (beyond it, only non-empty periods are listed).
const MAX_FILLED_PERIODS: usize = 10_000;

/// Counts the articles matching `query` and `filter` (or, with `stories`,
/// the distinct stories they belong to) per bucket.
pub fn count(
    open: &OpenIndex,
    query: &str,
    filter: &Filter,
    by: By,
    stories: Option<&Stories>,
) -> Result<Counts> {
    let docs = matching(open, Some(query), filter)?;
    let searcher = open.reader.searcher();
    let ids = article_ids(&searcher);
    let unit = |addr| match stories {
        Some(stories) => stories.id_of(&ids(addr)).to_string(),
        None => format!("{}:{}", addr.segment_ord, addr.doc_id),
    };

    let mut members: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut all: HashSet<String> = HashSet::new();
    match by {
        By::Source | By::Lang => {
            let field = if by == By::Source {
                schema::SOURCE_KEY
            } else {
                schema::LANG
            };
            let columns: Vec<_> = searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().str(field).ok().flatten())
                .collect();
            let mut names: HashMap<String, String> = HashMap::new();
            for &addr in &docs {
                let mut key = String::new();
                if let Some(column) = &columns[addr.segment_ord as usize] {
                    if let Some(ord) = column.term_ords(addr.doc_id).next() {
                        let _ = column.ord_to_str(ord, &mut key);
                    }
                }
                let name = if key.is_empty() {
                    "unknown".to_string()
                } else if by == By::Source {
                    // The outlet as written, from the first article that has it.
                    names
                        .entry(key.clone())
                        .or_insert_with(|| {
                            stored::load(open, &searcher, addr)
                                .ok()
                                .and_then(|doc| stored::article(&doc, &open.fields).source)
                                .unwrap_or(key)
                        })
                        .clone()
                } else {
                    key
                };
                let u = unit(addr);
                all.insert(u.clone());
                members.entry(name).or_default().insert(u);
            }
        }
        By::Day | By::Week | By::Month | By::Year => {
            let columns: Vec<_> = searcher
                .segment_readers()
                .iter()
                .map(|s| s.fast_fields().date(schema::DATE).ok())
                .collect();
            for &addr in &docs {
                let date = columns[addr.segment_ord as usize]
                    .as_ref()
                    .and_then(|c| c.first(addr.doc_id))
                    .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
                    .map(|d| d.date_naive());
                let key = date.map_or_else(|| "undated".to_string(), |d| period_key(d, by));
                let u = unit(addr);
                all.insert(u.clone());
                members.entry(key).or_default().insert(u);
            }
        }
    }

    let mut buckets: Vec<Bucket> = members
        .into_iter()
        .map(|(key, units)| Bucket {
            key,
            count: units.len() as u64,
        })
        .collect();
    match by {
        By::Source | By::Lang => buckets.sort_by(|a, b| {
            let last = |k: &str| k == "unknown";
            (last(&a.key), std::cmp::Reverse(a.count), &a.key).cmp(&(
                last(&b.key),
                std::cmp::Reverse(b.count),
                &b.key,
            ))
        }),
        _ => buckets = fill_gaps(buckets, by),
    }
    Ok(Counts {
        total: all.len() as u64,
        buckets,
    })
}

fn period_key(d: NaiveDate, by: By) -> String {
    match by {
        By::Day => d.format("%Y-%m-%d").to_string(),
        By::Week => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        By::Month => d.format("%Y-%m").to_string(),
        _ => d.format("%Y").to_string(),
    }
}

/// Adds the empty periods between the first and the last (chronological
/// order; `undated` last).
fn fill_gaps(buckets: Vec<Bucket>, by: By) -> Vec<Bucket> {
    let (dated, undated): (Vec<Bucket>, Vec<Bucket>) =
        buckets.into_iter().partition(|b| b.key != "undated");
    let start = dated.first().and_then(|b| first_day(&b.key, by));
    let end = dated.last().and_then(|b| first_day(&b.key, by));
    let mut out = dated.clone();
    if let (Some(start), Some(end)) = (start, end) {
        let counts: HashMap<&str, u64> = dated.iter().map(|b| (b.key.as_str(), b.count)).collect();
        let mut filled = Vec::new();
        let mut day = start;
        while day <= end && filled.len() <= MAX_FILLED_PERIODS {
            let key = period_key(day, by);
            if filled.last().is_none_or(|b: &Bucket| b.key != key) {
                filled.push(Bucket {
                    count: counts.get(key.as_str()).copied().unwrap_or(0),
                    key,
                });
            }
            day = match by {
                By::Day | By::Week => {
                    day + chrono::Duration::days(if by == By::Day { 1 } else { 7 })
                }
                By::Month => day
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(NaiveDate::MAX),
                _ => day
                    .checked_add_months(chrono::Months::new(12))
                    .unwrap_or(NaiveDate::MAX),
            };
        }
        if filled.len() <= MAX_FILLED_PERIODS {
            out = filled;
        }
    }
    out.extend(undated);
    out
}

/// The first day of a period key.
fn first_day(key: &str, by: By) -> Option<NaiveDate> {
    match by {
        By::Day => NaiveDate::parse_from_str(key, "%Y-%m-%d").ok(),
        By::Week => {
            let (year, week) = key.split_once("-W")?;
            NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Mon)
        }
        By::Month => NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d").ok(),
        _ => NaiveDate::from_ymd_opt(key.parse().ok()?, 1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(key: &str, count: u64) -> Bucket {
        Bucket {
            key: key.into(),
            count,
        }
    }

    #[test]
    fn periods_are_filled_between_first_and_last() {
        let got = fill_gaps(
            vec![b("2020-01", 2), b("2020-04", 1), b("undated", 5)],
            By::Month,
        );
        let keys: Vec<(&str, u64)> = got.iter().map(|b| (b.key.as_str(), b.count)).collect();
        assert_eq!(
            keys,
            [
                ("2020-01", 2),
                ("2020-02", 0),
                ("2020-03", 0),
                ("2020-04", 1),
                ("undated", 5)
            ]
        );
        let weeks = fill_gaps(vec![b("2020-W52", 1), b("2021-W02", 1)], By::Week);
        let keys: Vec<&str> = weeks.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
    }
}
