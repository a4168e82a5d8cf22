//! `search export` streams every stored field; `search index --from-ndjson`
//! reads it back: the round trip gives the same answers to the same queries.

use std::path::Path;

use crate::common::*;

/// Every hit field of `query` in index `index`, as JSON Lines.
fn answers(env: &TestEnv, index: &Path, query: &str) -> String {
    let r = env.run(&[
        "query",
        query,
        "--index",
        index.to_str().unwrap(),
        "--format",
        "jsonl",
        "--limit",
        "50",
    ]);
    assert!(r.code <= 1, "{}", r.stderr);
    r.stdout
}

#[test]
fn export_then_reindex_from_ndjson_gives_the_same_results() {
    let env = TestEnv::new();
    let time = shared("corpora/time-ir/docs");
    let original = env.dir.path().join("original");
    for docs in [seeds(), fixtures().join("html"), time] {
        let r = env.index_into(&docs, &original, &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let export = env.run(&["export", "--index", original.to_str().unwrap()]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let articles = env.count(&original);
    assert!(articles > 400, "{articles}");
    assert_eq!(export.stdout.lines().count() as u64, articles);
    assert_eq!(export.stderr, format!("exported {articles} articles\n"));
    let file = env.dir.path().join("news.ndjson");
    std::fs::write(&file, &export.stdout).unwrap();

    let restored = env.dir.path().join("restored");
    // Small commits make many segments, merged in an order of tantivy's
    // choosing: equal scores must still come out in the same order.
    let r = env.run(&[
        "index",
        "--from-ndjson",
        file.to_str().unwrap(),
        "--index",
        restored.to_str().unwrap(),
        "--commit-every",
        "40",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "added {articles}, updated 0, unchanged 0, skipped 0"
        )),
        "{}",
        r.stderr
    );

    let queries = [
        "tiktok",
        "\"wells fargo\"",
        "viet nam",
        "kennedy",
        "de gaulle -france",
        "title:backtracks",
        "moscow OR peking",
        "*",
    ];
    for query in queries {
        let a = answers(&env, &original, query);
        assert!(!a.is_empty(), "no hits for {query}");
        assert_eq!(
            a,
            answers(&env, &restored, query),
            "results differ for {query}"
        );
    }
    // Re-exporting the restored index gives the same bytes.
    let again = env.run(&["export", "--index", restored.to_str().unwrap()]);
    assert_eq!(again.stdout, export.stdout);
}

#[test]
fn export_narrows_by_query_and_filters_and_bad_lines_are_named() {
    let env = TestEnv::new();
    env.index(&seeds());
    let index = env.index_path();
    let index = index.to_str().unwrap();
    let r = env.run(&[
        "export",
        "wells fargo",
        "--index",
        index,
        "--fields",
        "source",
    ]);
    assert_eq!(
        r.stdout,
        "{\"source\":\"The New York Times\"}\n{\"source\":\"DW\"}\n"
    );
    let r = env.run(&[
        "export",
        "--index",
        index,
        "--since",
        "2020-07-11",
        "--fields",
        "source",
    ]);
    assert_eq!(r.stdout, "{\"source\":\"DW\"}\n");
    let r = env.run(&[
        "export", "--index", index, "--format", "csv", "--fields", "id,title",
    ]);
    assert_eq!(r.stdout.lines().count(), 4);
    let r = env.run(&[
        "export",
        "--index",
        index,
        "--bulk-index",
        "news",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 2);

    let file = env.dir.path().join("mixed.ndjson");
    let good =
        r#"{"path":"/archive/a.txt","title":"Kept","body":"Tiktok body text","date":"2020-07-12"}"#;
    std::fs::write(
        &file,
        format!(
            "{good}\nnot json\n{{\"path\":\"/archive/b.txt\",\"body\":\"x\",\"date\":\"soon\"}}\n"
        ),
    )
    .unwrap();
    let restored = env.dir.path().join("restored");
    let r = env.run(&[
        "index",
        "--from-ndjson",
        file.to_str().unwrap(),
        "--index",
        restored.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let name = file.display();
    assert!(
        r.stderr
            .contains(&format!("warning: {name}:2: not a record: ")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!(
            "warning: {name}:3: `date` `soon` is not YYYY-MM-DD"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("added 1, updated 0, unchanged 0, skipped 2 (bad record 2)"),
        "{}",
        r.stderr
    );
    let hits = answers(&env, &restored, "tiktok");
    let hit: serde_json::Value = serde_json::from_str(hits.trim()).unwrap();
    assert_eq!(
        (&hit["title"], &hit["date"]),
        (&"Kept".into(), &"2020-07-12".into())
    );
}
