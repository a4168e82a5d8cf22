//! The configs in contrib/ against what `search export` really writes: every
//! exported field is declared in the Quickwit index config and in the
//! OpenSearch mapping with a type that accepts the values seen, and neither
//! declares a field the export does not produce, so they stay in sync.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::common::*;

const QUICKWIT: &str = "contrib/quickwit/news-index.yaml";
const OPENSEARCH: &str = "contrib/opensearch/mapping.json";

fn contrib(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The JSON shape of one exported value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// `null`, or the field missing from a line.
    Null,
    /// A string of the form `YYYY-MM-DD`.
    Date,
    /// Any other string.
    String,
    /// An array of strings, possibly empty.
    StringArray,
    /// A non-negative integer.
    Unsigned,
    /// Anything no config is expected to take (named for the message).
    Other(&'static str),
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::Null => f.write_str("null"),
            Shape::Date => f.write_str("date string \"YYYY-MM-DD\""),
            Shape::String => f.write_str("string"),
            Shape::StringArray => f.write_str("array of strings"),
            Shape::Unsigned => f.write_str("unsigned integer"),
            Shape::Other(what) => f.write_str(what),
        }
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap();
    let day: u32 = s[8..10].parse().unwrap();
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// `v` as JSON, cut short for a failure message (bodies are long).
fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn shape(v: &Value) -> Shape {
    match v {
        Value::Null => Shape::Null,
        Value::String(s) if is_date(s) => Shape::Date,
        Value::String(_) => Shape::String,
        Value::Array(items) if items.iter().all(Value::is_string) => Shape::StringArray,
        Value::Array(_) => Shape::Other("array with non-string items"),
        Value::Number(n) if n.is_u64() => Shape::Unsigned,
        Value::Number(n) if n.is_i64() => Shape::Other("negative integer"),
        Value::Number(_) => Shape::Other("floating-point number"),
        Value::Bool(_) => Shape::Other("boolean"),
        Value::Object(_) => Shape::Other("object"),
    }
}

/// What one field's values looked like across every exported line.
#[derive(Debug, Default)]
struct Observed {
    shapes: BTreeSet<Shape>,
    max_unsigned: u64,
}

impl Observed {
    /// The shapes that matter for typing: nulls dropped, and a field whose
    /// strings are only sometimes dates is a string field.
    fn typed_shapes(&self) -> BTreeSet<Shape> {
        let mixed = self.shapes.contains(&Shape::String);
        self.shapes
            .iter()
            .filter(|s| **s != Shape::Null)
            .map(|s| match s {
                Shape::Date if mixed => Shape::String,
                other => *other,
            })
            .collect()
    }

    fn describe(&self) -> String {
        let shapes: Vec<String> = self.shapes.iter().map(Shape::to_string).collect();
        shapes.join(", ")
    }
}

/// Runs `search export --index <env index> EXTRA...` and returns its lines.
fn export(env: &TestEnv, extra: &[&str]) -> Vec<Value> {
    let index = env.index_path();
    let mut args = vec!["export", "--index", index.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = env.run(&args);
    assert_eq!(r.code, 0, "search export {extra:?} failed: {}", r.stderr);
    r.stdout
        .lines()
        .enumerate()
        .map(|(n, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("export line {} is not JSON ({e}): {line:.200}", n + 1))
        })
        .collect()
}

/// Every field's shapes across `docs`, each of which must be an object.
fn observe(docs: &[Value]) -> BTreeMap<String, Observed> {
    let mut fields: BTreeMap<String, Observed> = BTreeMap::new();
    for doc in docs {
        let object = doc
            .as_object()
            .unwrap_or_else(|| panic!("export line is not an object: {}", short(doc)));
        for (name, value) in object {
            let seen = fields.entry(name.clone()).or_default();
            let s = shape(value);
            if s == Shape::Unsigned {
                seen.max_unsigned = seen.max_unsigned.max(value.as_u64().unwrap());
            }
            seen.shapes.insert(s);
        }
    }
    // A field some lines leave out counts as null there.
    for doc in docs {
        for (name, seen) in fields.iter_mut() {
            if doc.get(name).is_none() {
                seen.shapes.insert(Shape::Null);
            }
        }
    }
    fields
}

fn yaml_strs(node: &Yaml) -> Vec<&str> {
    node.as_vec()
        .map(|v| v.iter().filter_map(Yaml::as_str).collect())
        .unwrap_or_default()
}

/// Whether the Quickwit field `mapping` accepts a value of shape `s`.
fn quickwit_accepts(mapping: &Yaml, s: Shape, max_unsigned: u64) -> Result<(), String> {
    let ty = mapping["type"].as_str().unwrap_or("<none>");
    let ok = match s {
        // Quickwit ignores null fields when indexing.
        Shape::Null => true,
        Shape::Date => {
            let formats = yaml_strs(&mapping["input_formats"]);
            ty == "datetime" && formats.iter().any(|f| *f == "%Y-%m-%d" || *f == "%F")
        }
        Shape::String => ty == "text",
        Shape::StringArray => ty == "array<text>",
        Shape::Unsigned => ty == "u64" || (ty == "i64" && i64::try_from(max_unsigned).is_ok()),
        Shape::Other(_) => false,
    };
    if ok {
        return Ok(());
    }
    let wanted = match s {
        Shape::Date => "datetime with input_formats including \"%Y-%m-%d\"",
        Shape::String => "text",
        Shape::StringArray => "array<text>",
        Shape::Unsigned => "u64 (or i64)",
        Shape::Null | Shape::Other(_) => "no Quickwit type: the export should not write this shape",
    };
    let declared = if ty == "datetime" {
        format!(
            "`{ty}` with input_formats {:?}",
            yaml_strs(&mapping["input_formats"])
        )
    } else {
        format!("`{ty}`")
    };
    Err(format!(
        "Quickwit declares type {declared}, wanted {wanted}"
    ))
}

/// OpenSearch date formats (joined with `||`) that parse `yyyy-MM-dd`.
fn opensearch_parses_dates(format: Option<&str>) -> bool {
    const DATE_FORMATS: [&str; 6] = [
        "yyyy-MM-dd",
        "strict_date",
        "date",
        "strict_date_optional_time",
        "date_optional_time",
        "strict_date_optional_time_nanos",
    ];
    match format {
        // The default is strict_date_optional_time||epoch_millis.
        None => true,
        Some(f) => f.split("||").any(|alt| DATE_FORMATS.contains(&alt.trim())),
    }
}

/// Whether the OpenSearch property `mapping` accepts a value of shape `s`.
fn opensearch_accepts(mapping: &Value, s: Shape, max_unsigned: u64) -> Result<(), String> {
    let ty = mapping["type"].as_str().unwrap_or("<none>");
    let format = mapping["format"].as_str();
    let ok = match s {
        // A null is not indexed, whatever the type.
        Shape::Null => true,
        Shape::Date => ty == "date" && opensearch_parses_dates(format),
        // Arrays are implicit in OpenSearch: a field of strings takes a list.
        Shape::String | Shape::StringArray => ty == "keyword" || ty == "text",
        Shape::Unsigned => match ty {
            "unsigned_long" => true,
            "long" => i64::try_from(max_unsigned).is_ok(),
            "integer" => i32::try_from(max_unsigned).is_ok(),
            _ => false,
        },
        Shape::Other(_) => false,
    };
    if ok {
        return Ok(());
    }
    let wanted = match s {
        Shape::Date => "date with a format including yyyy-MM-dd",
        Shape::String | Shape::StringArray => "keyword or text",
        Shape::Unsigned => "long, unsigned_long or integer (large enough for the values)",
        Shape::Null | Shape::Other(_) => {
            "no OpenSearch type: the export should not write this shape"
        }
    };
    let declared = match format {
        Some(f) => format!("`{ty}` with format `{f}`"),
        None => format!("`{ty}`"),
    };
    Err(format!(
        "OpenSearch declares type {declared}, wanted {wanted}"
    ))
}

fn load_quickwit() -> Yaml {
    let path = contrib(QUICKWIT);
    let text = std::fs::read_to_string(&path).expect("read the Quickwit config");
    let mut docs = YamlLoader::load_from_str(&text).expect("the Quickwit config is YAML");
    assert_eq!(docs.len(), 1, "{QUICKWIT} holds one YAML document");
    docs.remove(0)
}

fn load_opensearch() -> Value {
    let text = std::fs::read_to_string(contrib(OPENSEARCH)).expect("read the OpenSearch mapping");
    serde_json::from_str(&text).expect("the OpenSearch mapping is JSON")
}

#[test]
fn contrib_configs_declare_every_exported_field_with_a_compatible_type() {
    let env = TestEnv::new();
    env.index(&seeds());
    let docs = export(&env, &[]);
    assert_eq!(
        docs.len() as u64,
        env.count(&env.index_path()),
        "export writes one line per indexed article"
    );
    let fields = observe(&docs);

    // The seeds must exercise every rule below, or a pass would mean little.
    let all_shapes: BTreeSet<Shape> = fields.values().flat_map(|o| o.shapes.clone()).collect();
    for needed in [
        Shape::Null,
        Shape::Date,
        Shape::String,
        Shape::StringArray,
        Shape::Unsigned,
    ] {
        assert!(
            all_shapes.contains(&needed),
            "no exported field took a {needed} value on the seeds: {all_shapes:?}"
        );
    }

    let quickwit = load_quickwit();
    let qw_fields: BTreeMap<&str, &Yaml> = quickwit["doc_mapping"]["field_mappings"]
        .as_vec()
        .unwrap_or_else(|| panic!("{QUICKWIT}: doc_mapping.field_mappings is not a list"))
        .iter()
        .map(|m| {
            let name = m["name"]
                .as_str()
                .unwrap_or_else(|| panic!("{QUICKWIT}: a field mapping has no name: {m:?}"));
            (name, m)
        })
        .collect();

    let opensearch = load_opensearch();
    let os_fields = opensearch["mappings"]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{OPENSEARCH}: mappings.properties is not an object"));

    let mut problems = Vec::new();
    for (name, seen) in &fields {
        match qw_fields.get(name.as_str()) {
            None => problems.push(format!(
                "field `{name}` (export writes {}) is not declared in {QUICKWIT}",
                seen.describe()
            )),
            Some(mapping) => {
                for s in seen.typed_shapes() {
                    if let Err(why) = quickwit_accepts(mapping, s, seen.max_unsigned) {
                        problems.push(format!(
                            "field `{name}`: export writes {s} (values seen: {}), but {why}",
                            seen.describe()
                        ));
                    }
                }
            }
        }
        match os_fields.get(name) {
            None => problems.push(format!(
                "field `{name}` (export writes {}) is not declared in {OPENSEARCH}",
                seen.describe()
            )),
            Some(mapping) => {
                for s in seen.typed_shapes() {
                    if let Err(why) = opensearch_accepts(mapping, s, seen.max_unsigned) {
                        problems.push(format!(
                            "field `{name}`: export writes {s} (values seen: {}), but {why}",
                            seen.describe()
                        ));
                    }
                }
            }
        }
    }

    for (name, mapping) in &qw_fields {
        if !fields.contains_key(*name) {
            problems.push(format!(
                "{QUICKWIT} declares field `{name}` (type `{}`), which export does not produce",
                mapping["type"].as_str().unwrap_or("<none>")
            ));
        }
    }
    for (name, mapping) in os_fields {
        if !fields.contains_key(name) {
            problems.push(format!(
                "{OPENSEARCH} declares field `{name}` (type `{}`), which export does not produce",
                mapping["type"].as_str().unwrap_or("<none>")
            ));
        }
    }

    // Quickwit rejects a document whose timestamp field is null or missing.
    let doc_mapping = &quickwit["doc_mapping"];
    for timestamp in [
        doc_mapping["timestamp_field"].as_str(),
        quickwit["indexing_settings"]["timestamp_field"].as_str(),
    ]
    .into_iter()
    .flatten()
    {
        match fields.get(timestamp) {
            Some(seen) if !seen.shapes.contains(&Shape::Null) => {}
            Some(seen) => problems.push(format!(
                "{QUICKWIT}: timestamp_field `{timestamp}` is null in some exported \
                 articles (export writes {}), and Quickwit rejects those documents",
                seen.describe()
            )),
            None => problems.push(format!(
                "{QUICKWIT}: timestamp_field `{timestamp}` is not an exported field"
            )),
        }
    }

    let search_fields = yaml_strs(&quickwit["search_settings"]["default_search_fields"]);
    if search_fields.is_empty() {
        problems.push(format!(
            "{QUICKWIT}: search_settings.default_search_fields is missing or empty"
        ));
    }
    for name in search_fields {
        match qw_fields.get(name) {
            None => problems.push(format!(
                "{QUICKWIT}: default search field `{name}` is not declared in field_mappings"
            )),
            Some(mapping) if mapping["indexed"].as_bool() == Some(false) => problems.push(format!(
                "{QUICKWIT}: default search field `{name}` is declared `indexed: false`"
            )),
            Some(_) => {}
        }
    }

    assert!(
        problems.is_empty(),
        "contrib configs are out of step with `search export`:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn bulk_index_pairs_an_action_line_with_each_document() {
    let env = TestEnv::new();
    env.index(&seeds());
    let plain = export(&env, &[]);
    let bulk = export(&env, &["--bulk-index", "news"]);

    assert_eq!(
        bulk.len(),
        2 * plain.len(),
        "--bulk-index writes one action line before each of the {} documents",
        plain.len()
    );
    let mut bulk_ids = BTreeSet::new();
    for (n, pair) in bulk.chunks(2).enumerate() {
        let (action, doc) = (&pair[0], &pair[1]);
        let id = doc["id"]
            .as_str()
            .unwrap_or_else(|| panic!("document {} has no string `id`: {}", n + 1, short(doc)));
        assert_eq!(
            action,
            &json!({"index": {"_index": "news", "_id": id}}),
            "line {} should be the action line for the document after it",
            2 * n + 1
        );
        assert!(
            doc.get("index").is_none(),
            "line {} should be a document, not another action line",
            2 * n + 2
        );
        assert!(bulk_ids.insert(id.to_string()), "id {id} is exported twice");
    }
    let plain_ids: BTreeSet<String> = plain
        .iter()
        .map(|d| d["id"].as_str().expect("string id").to_string())
        .collect();
    assert_eq!(
        bulk_ids, plain_ids,
        "--bulk-index exports the same documents as the plain export"
    );
}
