//! The human renderer: a ranked list with highlighted snippets.

use std::io::Write;

use crate::document::Article;
use crate::ingest::Origins;
use crate::query::{Hit, Results, Snippet};
use crate::Result;

use super::write_error;

/// Whether to emit ANSI styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Ansi,
}

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Prints each hit as rank and title, `source · date · authors`, path, snippet.
pub fn render_hits(results: &Results, style: Style, out: &mut dyn Write) -> Result<()> {
    for hit in &results.hits {
        render_hit(hit, style, out).map_err(write_error)?;
    }
    Ok(())
}

fn render_hit(hit: &Hit, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let title = hit.title.as_deref().unwrap_or("(untitled)");
    let (bold, dim, reset) = match style {
        Style::Ansi => (BOLD, DIM, RESET),
        Style::Plain => ("", "", ""),
    };
    writeln!(out, "{bold}{}. {title}{reset}", hit.rank)?;
    if let Some(articles) = hit.articles.as_ref().filter(|a| a.len() > 1) {
        return render_story(hit, articles, style, out);
    }
    let mut meta = vec![
        hit.source
            .clone()
            .unwrap_or_else(|| "unknown source".into()),
        hit.date.clone().unwrap_or_else(|| "undated".into()),
    ];
    if !hit.authors.is_empty() {
        meta.push(hit.authors.join(", "));
    }
    writeln!(out, "   {}", meta.join(" · "))?;
    writeln!(out, "   {dim}{}{reset}", hit.path)?;
    for copy in &hit.copies {
        writeln!(out, "   {dim}same file: {copy}{reset}")?;
    }
    writeln!(out, "   {}", highlighted(&hit.snippet, style))?;
    writeln!(out)
}

/// A story hit: the story line, the lead hit's path and snippet, then the
/// story's other articles.
fn render_story(
    hit: &Hit,
    articles: &[crate::stories::StoryMember],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (dim, reset) = match style {
        Style::Ansi => (DIM, RESET),
        Style::Plain => ("", ""),
    };
    let mut sources: Vec<&str> = Vec::new();
    for s in articles.iter().filter_map(|a| a.source.as_deref()) {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    let mut line = format!("{} articles", articles.len());
    if !sources.is_empty() {
        line.push_str(&format!(" · {}", sources.join(", ")));
    }
    let mut dates = articles.iter().filter_map(|a| a.date.as_deref());
    if let Some(first) = dates.next() {
        let (min, max) = dates.fold((first, first), |(a, b), d| (a.min(d), b.max(d)));
        line.push_str(&format!(" · {}", date_span(min, max)));
    }
    writeln!(out, "   {line}")?;
    writeln!(out, "   {dim}{}{reset}", hit.path)?;
    writeln!(out, "   {}", highlighted(&hit.snippet, style))?;
    for a in articles.iter().filter(|a| a.path != hit.path) {
        let mut parts = vec![
            a.source.clone().unwrap_or_else(|| "unknown source".into()),
            a.date.clone().unwrap_or_else(|| "undated".into()),
            a.title.clone().unwrap_or_else(|| "(untitled)".into()),
        ];
        if a.copy_of.is_some() {
            parts.push("copy".into());
        }
        writeln!(out, "   + {}", parts.join(" · "))?;
        writeln!(out, "     {dim}{}{reset}", a.path)?;
    }
    writeln!(out)
}

/// `2020-07-10..11`, `2020-07-30..08-02`, `2019-12-30..2020-01-02`, or one date.
fn date_span(first: &str, last: &str) -> String {
    if first == last {
        return first.to_string();
    }
    let common = if first.get(..8) == last.get(..8) {
        8
    } else if first.get(..5) == last.get(..5) {
        5
    } else {
        0
    };
    format!("{first}..{}", &last[common..])
}

/// The snippet with its highlights marked: colour on a terminal, plain text otherwise.
fn highlighted(snippet: &Snippet, style: Style) -> String {
    if style == Style::Plain {
        return snippet.text.clone();
    }
    let mut out = String::with_capacity(snippet.text.len() + 16 * snippet.highlights.len());
    let mut ranges = snippet.highlights.iter().peekable();
    for (i, c) in snippet.text.chars().enumerate() {
        if ranges.peek().is_some_and(|r| r[0] == i) {
            out.push_str(HIGHLIGHT);
        }
        out.push(c);
        if ranges.peek().is_some_and(|r| r[1] == i + 1) {
            out.push_str(RESET);
            ranges.next();
        }
    }
    out
}

/// Prints an extracted record: its metadata lines, a blank line, the body.
/// With `origins`, each metadata line ends with where the value came from.
pub fn render_record(
    article: &Article,
    origins: Option<&Origins>,
    out: &mut dyn Write,
) -> Result<()> {
    let none = || "null".to_string();
    let lines = [
        ("path", article.path.clone()),
        ("kind", article.kind.as_str().to_string()),
        ("title", article.title.clone().unwrap_or_else(none)),
        (
            "date",
            article
                .date
                .map_or_else(none, |d| d.format("%Y-%m-%d").to_string()),
        ),
        ("authors", article.authors.join(", ")),
        ("source", article.source.clone().unwrap_or_else(none)),
        ("url", article.url.clone().unwrap_or_else(none)),
        ("lang", article.lang.clone().unwrap_or_else(none)),
        ("words", article.words.to_string()),
    ];
    let origin_of = |field: &str| -> Option<&Option<String>> {
        let o = origins?;
        Some(match field {
            "title" => &o.title,
            "date" => &o.date,
            "authors" => &o.authors,
            "source" => &o.source,
            "url" => &o.url,
            "lang" => &o.lang,
            _ => return None,
        })
    };
    let mut text = String::new();
    for (k, v) in lines {
        match origin_of(k) {
            Some(Some(how)) => text.push_str(&format!("{k}: {v}  [from {how}]\n")),
            Some(None) => text.push_str(&format!("{k}: {v}  [not found]\n")),
            None => text.push_str(&format!("{k}: {v}\n")),
        }
    }
    text.push('\n');
    text.push_str(&article.body);
    text.push_str("\n\n");
    out.write_all(text.as_bytes()).map_err(write_error)
}

/// Prints the index summary of `search stats`.
pub fn render_stats(s: &crate::index::stats::IndexStats, out: &mut dyn Write) -> Result<()> {
    let mut text = String::new();
    let mut line = |k: &str, v: String| text.push_str(&format!("{k:<12}{v}\n"));
    line("index", s.index.clone());
    line("articles", s.articles.to_string());
    let kinds: Vec<String> = s
        .kinds
        .iter()
        .map(|t| format!("{} {}", t.name, t.articles))
        .collect();
    line("kinds", kinds.join(", "));
    let span = match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => format!("{a} .. {b}"),
        _ => "none".into(),
    };
    line("dates", format!("{span} ({} undated)", s.undated));
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|t| format!("{} {}", t.name, t.articles))
        .collect();
    line("languages", langs.join(", "));
    line(
        "stories",
        format!(
            "{} of two or more articles, holding {} articles",
            s.stories, s.articles_in_stories
        ),
    );
    line("size", human_bytes(s.size_bytes));
    line("segments", s.segments.to_string());
    line(
        "indexed",
        s.indexed_at
            .clone()
            .unwrap_or_else(|| "never committed".into()),
    );
    for (i, root) in s.roots.iter().enumerate() {
        line(if i == 0 { "folders" } else { "" }, root.clone());
    }
    line(
        "outlets",
        format!(
            "{} ({} articles with no known outlet)",
            s.sources.len(),
            s.unknown_source
        ),
    );
    let width = s
        .sources
        .first()
        .map_or(1, |t| t.articles.to_string().len());
    for t in &s.sources {
        text.push_str(&format!("  {:>width$}  {}\n", t.articles, t.name));
    }
    out.write_all(text.as_bytes()).map_err(write_error)
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {} ({bytes} bytes)", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_spans_drop_what_both_ends_share() {
        assert_eq!(date_span("2020-07-10", "2020-07-11"), "2020-07-10..11");
        assert_eq!(date_span("2020-07-30", "2020-08-02"), "2020-07-30..08-02");
        assert_eq!(
            date_span("2019-12-30", "2020-01-02"),
            "2019-12-30..2020-01-02"
        );
        assert_eq!(date_span("2020-07-10", "2020-07-10"), "2020-07-10");
    }

    #[test]
    fn ansi_marks_exactly_the_ranges() {
        let s = Snippet {
            text: "Wells Fargo said".into(),
            highlights: vec![[0, 5], [6, 11]],
        };
        assert_eq!(
            highlighted(&s, Style::Ansi),
            format!("{HIGHLIGHT}Wells{RESET} {HIGHLIGHT}Fargo{RESET} said")
        );
        assert_eq!(highlighted(&s, Style::Plain), "Wells Fargo said");
    }
}
