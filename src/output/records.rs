//! The machine renderers shared by every command that prints a list: `json`
//! (one object with `format_version` and the list), `jsonl`, `csv`, and text
//! with `--fields` (tab-separated). Items arrive as JSON objects in their
//! natural field order; `Columns` picks and orders the fields to print.
//!
//! Output streams: memory stays bounded whatever the number of items.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{write_error, Format};
use crate::error::{Error, Result};

/// The version of the JSON, JSON Lines and CSV contract. Within a version,
/// fields are only ever added, never renamed, removed or changed in meaning.
pub const FORMAT_VERSION: u32 = 1;

/// The fields to print, in order, checked against what the items have.
#[derive(Debug, Clone)]
pub struct Columns {
    names: Vec<String>,
    /// Every field was asked for (no `--fields`): print items whole.
    all: bool,
}

impl Columns {
    /// `requested` (from `--fields a,b,c`), or every field of `available`.
    pub fn choose(
        available: &'static [&'static str],
        requested: Option<&[String]>,
    ) -> Result<Columns> {
        let Some(requested) = requested else {
            return Ok(Columns {
                names: available.iter().map(|s| s.to_string()).collect(),
                all: true,
            });
        };
        let mut names = Vec::new();
        for name in requested.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            if !available.contains(&name) {
                return Err(Error::UnknownColumn {
                    field: name.to_string(),
                    valid: available,
                });
            }
            names.push(name.to_string());
        }
        if names.is_empty() {
            return Err(Error::UnknownColumn {
                field: String::new(),
                valid: available,
            });
        }
        Ok(Columns { names, all: false })
    }

    /// Whether `--fields` narrowed the output.
    pub fn is_chosen(&self) -> bool {
        !self.all
    }

    /// The chosen fields of `item`. With every field chosen, JSON items stay
    /// whole (fields that do not apply are left out) while `tabular` rows get
    /// every column, empty where the item lacks the field.
    fn pick(&self, item: Value, tabular: bool) -> Map<String, Value> {
        let mut object = match item {
            Value::Object(object) => object,
            other => Map::from_iter([("value".to_string(), other)]),
        };
        if self.all && !tabular {
            return object;
        }
        self.names
            .iter()
            .map(|name| (name.clone(), object.remove(name).unwrap_or(Value::Null)))
            .collect()
    }
}

/// Writes a list of items in one machine format.
pub struct ListWriter<'w> {
    format: Format,
    columns: Columns,
    out: &'w mut dyn Write,
    /// Buffer for one CSV record (the csv crate does RFC 4180 quoting).
    row: Vec<u8>,
    written: usize,
}

impl<'w> ListWriter<'w> {
    /// Starts the output: for `json`, `{"format_version": 1, <header>, "<list>": [`;
    /// for `csv`, the header row.
    pub fn begin(
        format: Format,
        columns: Columns,
        header: Map<String, Value>,
        list: &str,
        out: &'w mut dyn Write,
    ) -> Result<ListWriter<'w>> {
        let mut writer = ListWriter {
            format,
            columns,
            out,
            row: Vec::new(),
            written: 0,
        };
        match format {
            Format::Json => {
                let mut head = Map::new();
                head.insert("format_version".into(), FORMAT_VERSION.into());
                head.extend(header);
                let text = serde_json::to_string(&Value::Object(head)).map_err(json_error)?;
                // `{...}` → `{...,"list":[`
                let open = &text[..text.len() - 1];
                let sep = if open.len() > 1 { "," } else { "" };
                write!(writer.out, "{open}{sep}\"{list}\":[").map_err(write_error)?;
            }
            Format::Csv => {
                let names = writer.columns.names.clone();
                writer.csv_row(names.iter().map(String::as_str))?;
            }
            Format::Text | Format::Jsonl => {}
        }
        Ok(writer)
    }

    /// Writes one item (any serializable struct or JSON object).
    pub fn item(&mut self, item: &impl Serialize) -> Result<()> {
        // A whole item in JSON is written straight from the struct (the same
        // keys in the same order) without building a JSON value first.
        if self.columns.all && matches!(self.format, Format::Json | Format::Jsonl) {
            if self.format == Format::Json {
                let sep = if self.written == 0 { "\n" } else { ",\n" };
                self.out.write_all(sep.as_bytes()).map_err(write_error)?;
            }
            serde_json::to_writer(&mut *self.out, item).map_err(json_error)?;
            if self.format == Format::Jsonl {
                self.out.write_all(b"\n").map_err(write_error)?;
            }
            self.written += 1;
            return Ok(());
        }
        let value = serde_json::to_value(item).map_err(json_error)?;
        let tabular = matches!(self.format, Format::Csv | Format::Text);
        let object = self.columns.pick(value, tabular);
        match self.format {
            Format::Json => {
                let sep = if self.written == 0 { "\n" } else { ",\n" };
                self.out.write_all(sep.as_bytes()).map_err(write_error)?;
                serde_json::to_writer(&mut *self.out, &object).map_err(json_error)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *self.out, &object).map_err(json_error)?;
                self.out.write_all(b"\n").map_err(write_error)?;
            }
            Format::Csv => {
                let cells: Vec<String> = object.values().map(cell).collect();
                self.csv_row(cells.iter().map(String::as_str))?;
            }
            Format::Text => {
                let cells: Vec<String> = object
                    .values()
                    .map(|v| cell(v).replace(['\t', '\n', '\r'], " "))
                    .collect();
                writeln!(self.out, "{}", cells.join("\t")).map_err(write_error)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Writes a line as is, outside the item list (the `_bulk` action lines of
    /// `export --bulk-index`); only meaningful for JSON Lines.
    pub fn raw_line(&mut self, line: &str) -> Result<()> {
        writeln!(self.out, "{line}").map_err(write_error)
    }

    /// Ends the output (closes the JSON list and object).
    pub fn finish(self) -> Result<()> {
        if self.format == Format::Json {
            let end = if self.written == 0 { "]}\n" } else { "\n]}\n" };
            self.out.write_all(end.as_bytes()).map_err(write_error)?;
        }
        Ok(())
    }

    fn csv_row<'a>(&mut self, cells: impl Iterator<Item = &'a str>) -> Result<()> {
        let csv_error = |e: csv::Error| write_error(std::io::Error::other(e));
        let mut row = csv::Writer::from_writer(std::mem::take(&mut self.row));
        row.write_record(cells).map_err(csv_error)?;
        self.row = row
            .into_inner()
            .map_err(|e| write_error(std::io::Error::other(e.to_string())))?;
        self.out.write_all(&self.row).map_err(write_error)?;
        self.row.clear();
        Ok(())
    }
}

/// One value as a CSV (or tab-separated) cell: lists joined with `; `, the
/// snippet as its text, null as empty.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        Value::Object(object) => match object.get("text") {
            Some(text) => cell(text),
            None => value.to_string(),
        },
        other => other.to_string(),
    }
}

fn json_error(e: serde_json::Error) -> Error {
    write_error(e.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(format: Format, fields: Option<&[String]>) -> String {
        let columns = Columns::choose(&["a", "b", "c"], fields).unwrap();
        let mut out = Vec::new();
        let header = Map::from_iter([("query".to_string(), Value::from("x"))]);
        let mut w = ListWriter::begin(format, columns, header, "hits", &mut out).unwrap();
        w.item(&serde_json::json!({"a": "one, \"two\"", "b": ["p", "q"], "c": null}))
            .unwrap();
        w.item(&serde_json::json!({"a": "line\nbreak", "b": [], "c": {"text": "snip"}}))
            .unwrap();
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_per_rfc_4180_and_flattens_lists() {
        assert_eq!(
            render(Format::Csv, None),
            "a,b,c\n\"one, \"\"two\"\"\",p; q,\n\"line\nbreak\",,snip\n"
        );
    }

    #[test]
    fn fields_choose_and_order_columns() {
        let fields = vec!["c".to_string(), "a".to_string()];
        assert_eq!(
            render(Format::Jsonl, Some(&fields)),
            "{\"c\":null,\"a\":\"one, \\\"two\\\"\"}\n{\"c\":{\"text\":\"snip\"},\"a\":\"line\\nbreak\"}\n"
        );
        assert_eq!(
            render(Format::Text, Some(&fields)),
            "\tone, \"two\"\nsnip\tline break\n"
        );
    }

    #[test]
    fn json_is_one_object_with_the_version_and_the_list() {
        let v: Value = serde_json::from_str(&render(Format::Json, None)).unwrap();
        assert_eq!(v["format_version"], FORMAT_VERSION);
        assert_eq!(v["query"], "x");
        assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = Columns::choose(&["a"], Some(&["b".to_string()])).unwrap_err();
        assert_eq!(err.to_string(), "unknown field `b` in --fields");
    }
}
