//! The JSON contract: output parses into structs that reject unknown fields,
//! so renaming or adding a field without updating README and this test fails.

use serde::Deserialize;

use crate::common::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Envelope {
    format_version: u32,
    query: String,
    total: usize,
    hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Hit {
    rank: usize,
    score: f32,
    id: String,
    path: String,
    title: Option<String>,
    source: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    url: Option<String>,
    lang: Option<String>,
    snippet: Snippet,
    copies: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snippet {
    text: String,
    highlights: Vec<[usize; 2]>,
}

#[test]
fn json_and_jsonl_follow_the_contract() {
    let env = TestEnv::new();
    env.index(&seeds());
    let r = env.query("Wells Fargo", &["--format", "json"]);
    let envelope: Envelope = serde_json::from_str(&r.stdout).expect("contract");
    assert_eq!(envelope.format_version, 1);
    assert_eq!(envelope.query, "Wells Fargo");
    assert_eq!(envelope.total, 2);
    assert_eq!(
        envelope.hits.iter().map(|h| h.rank).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(envelope.hits[0].score >= envelope.hits[1].score);
    for hit in &envelope.hits {
        let chars = hit.snippet.text.chars().count();
        assert!(hit
            .snippet
            .highlights
            .iter()
            .all(|[s, e]| s < e && *e <= chars));
    }
    let r = env.query("tiktok", &["--format", "jsonl"]);
    let hits: Vec<Hit> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("contract"))
        .collect();
    assert_eq!(hits.len(), 3);
}
