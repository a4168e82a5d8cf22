//! Output formats everywhere results are printed: CSV parsed with the csv
//! crate, `--fields`, `show`, `stats`, and the shell integration.

use crate::common::*;

/// Parses CSV output into its header and rows.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("RFC 4180 row")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn query_csv_has_a_header_and_one_row_per_hit() {
    let env = TestEnv::new();
    env.index(&seeds());
    let r = env.query("tiktok", &["--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (header, rows) = parse_csv(&r.stdout);
    assert_eq!(
        header,
        [
            "rank", "score", "id", "path", "title", "source", "date", "authors", "url", "lang",
            "snippet", "copies", "story", "articles"
        ]
    );
    assert!(
        rows.iter().all(|row| row[12].is_empty()),
        "story is empty without --group"
    );
    assert_eq!(rows.len(), 3);
    let nyt = rows
        .iter()
        .find(|row| row[5] == "The New York Times")
        .expect("NYT row");
    assert_eq!(
        nyt[4],
        "Amazon Backtracks From Demand That Employees Delete TikTok"
    );
    assert_eq!(nyt[6], "2020-07-10");
    assert_eq!(nyt[7], "Mike Isaac; Karen Weise");
    assert!(
        nyt[10].to_lowercase().contains("tiktok"),
        "snippet: {}",
        nyt[10]
    );
    // A title with a comma survives quoting.
    assert!(rows
        .iter()
        .any(|row| row[4] == "Amazon bans TikTok for employees, but flips back"));
}

#[test]
fn fields_choose_columns_in_every_format() {
    let env = TestEnv::new();
    env.index(&seeds());
    let r = env.query(
        "wells fargo",
        &["--format", "csv", "--fields", "date,source"],
    );
    let (header, rows) = parse_csv(&r.stdout);
    assert_eq!(header, ["date", "source"]);
    assert_eq!(
        rows,
        [["2020-07-11", "DW"], ["2020-07-10", "The New York Times"]]
    );

    let r = env.query(
        "wells fargo",
        &["--format", "jsonl", "--fields", "source,rank"],
    );
    let lines = r.json_lines();
    assert_eq!(lines[0], serde_json::json!({"source": "DW", "rank": 1}));

    let r = env.query("wells fargo", &["--fields", "rank,source,date"]);
    assert_eq!(
        r.stdout,
        "1\tDW\t2020-07-11\n2\tThe New York Times\t2020-07-10\n"
    );

    let r = env.query("wells fargo", &["--fields", "rank,colour"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown field `colour` in --fields")
            && r.stderr.contains("valid fields: rank,"),
        "{}",
        r.stderr
    );
}

#[test]
fn extract_speaks_csv_and_json_with_a_version() {
    let env = TestEnv::new();
    let seeds = seeds();
    let r = env.run(&[
        "extract",
        seeds.to_str().unwrap(),
        "--format",
        "csv",
        "--fields",
        "title,date,words",
    ]);
    let (header, rows) = parse_csv(&r.stdout);
    assert_eq!(header, ["title", "date", "words"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][0],
        "Amazon Backtracks From Demand That Employees Delete TikTok"
    );
    assert!(rows[0][2].parse::<u64>().unwrap() > 500);

    let r = env.run(&["extract", seeds.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["records"].as_array().unwrap().len(), 3);
    assert_eq!(v["records"][1]["source"], "DW");
}

#[test]
fn show_finds_an_article_by_path_id_and_id_prefix() {
    let env = TestEnv::new();
    env.index(&seeds());
    let (_, v) = env.query_json("backtracks", &[]);
    let id = v["hits"][0]["id"].as_str().unwrap().to_string();
    let path = v["hits"][0]["path"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 16);
    let index = env.index_path();
    let index = index.to_str().unwrap();

    let by_path = env.run(&["show", &path, "--index", index]);
    assert_eq!(by_path.code, 0, "{}", by_path.stderr);
    assert!(by_path.stdout.starts_with(&format!(
        "path: {path}\nkind: markdown\ntitle: Amazon Backtracks From Demand"
    )));
    assert!(by_path
        .stdout
        .contains("authors: Mike Isaac, Karen Weise\n"));
    assert!(by_path.stdout.contains("Wells Fargo"));

    let by_id = env.run(&["show", &id[..6], "--index", index, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&by_id.stdout).unwrap();
    assert_eq!(v["records"][0]["path"], path.as_str());
    assert_eq!(v["records"][0]["id"], id.as_str());
    assert_eq!(v["records"][0]["date"], "2020-07-10");
    assert!(v["records"][0]["body"].as_str().unwrap().len() > 3000);

    // The same record `extract` prints for the file.
    let extracted = env.run(&["extract", &path]);
    let extracted: serde_json::Value = serde_json::from_str(extracted.stdout.trim()).unwrap();
    assert_eq!(v["records"][0], extracted);

    let missing = env.run(&["show", "ffffffffffffffff", "--index", index]);
    assert_eq!(missing.code, 2);
    assert!(missing
        .stderr
        .starts_with("error: `ffffffffffffffff`: no indexed article has this path or id"));
}

#[test]
fn stats_summarise_the_seeds() {
    let env = TestEnv::new();
    env.index(&seeds());
    let index = env.index_path();
    let r = env.run(&[
        "stats",
        "--index",
        index.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["articles"], 3);
    assert_eq!(v["first_date"], "2020-07-10");
    assert_eq!(v["last_date"], "2020-07-11");
    assert_eq!(v["undated"], 1);
    assert_eq!(
        (v["stories"].as_u64(), v["articles_in_stories"].as_u64()),
        (Some(1), Some(3))
    );
    let sources: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["DW", "The New York Times", "VICE (Motherboard)"]);
    assert_eq!(
        v["languages"][0],
        serde_json::json!({"name": "en", "articles": 3})
    );
    assert_eq!(
        v["roots"][0],
        seeds().canonicalize().unwrap().to_str().unwrap()
    );
    assert!(v["size_bytes"].as_u64().unwrap() > 10_000);
    assert!(v["indexed_at"].as_str().unwrap().starts_with("20"));

    let text = env.run(&["stats", "--index", index.to_str().unwrap()]);
    assert!(text.stdout.contains("articles    3\n"), "{}", text.stdout);
    assert!(text
        .stdout
        .contains("dates       2020-07-10 .. 2020-07-11 (1 undated)\n"));
    assert!(text.stdout.contains("  1  The New York Times\n"));
    assert!(text
        .stdout
        .contains("stories     1 of two or more articles, holding 3 articles\n"));

    let csv = env.run(&[
        "stats",
        "--index",
        index.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let (header, rows) = parse_csv(&csv.stdout);
    assert_eq!(header, ["stat", "name", "value"]);
    assert!(rows.contains(&vec!["source".into(), "DW".into(), "1".into()]));
    assert!(rows.contains(&vec!["articles".into(), String::new(), "3".into()]));
}

#[test]
fn completions_man_pages_help_and_version_generate() {
    let env = TestEnv::new();
    for (shell, marker) in [
        ("bash", "complete -F _search"),
        ("zsh", "#compdef search"),
        ("fish", "complete -c search"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[search]"),
    ] {
        let r = env.run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell} script lacks {marker}");
        assert!(
            r.stdout.contains("since"),
            "{shell} script lacks query flags"
        );
    }
    let man = env.run(&["man"]);
    assert!(man.stdout.contains(".TH search 1"));
    assert!(man.stdout.contains("export"));

    let dir = env.dir.path().join("man1");
    let r = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for page in [
        "search.1",
        "search-index.1",
        "search-query.1",
        "search-export.1",
        "search-stats.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).expect(page);
        assert!(text.contains(".TH"), "{page} is not a man page");
    }
    let query_page = std::fs::read_to_string(dir.join("search-query.1")).unwrap();
    assert!(query_page.contains("\\-\\-fields"));

    for sub in [
        "index",
        "query",
        "extract",
        "show",
        "export",
        "stats",
        "completions",
        "man",
    ] {
        let r = env.run(&[sub, "--help"]);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.contains("Examples:\n  search "),
            "`search {sub} --help` has no examples"
        );
    }
    let v = env.run(&["--version"]);
    assert_eq!(v.stdout, format!("search {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn flags_beat_environment_beats_config_file_beats_defaults() {
    let env = TestEnv::new();
    env.index(&seeds());
    let other = env.dir.path().join("other");
    env.index_into(&seeds(), &other, &[]);
    let config = env.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "index = \"other\"\nformat = \"csv\"\ncolor = \"never\"\n",
    )
    .unwrap();

    // File: index `other` (relative to the config file's folder), CSV.
    let r = run(env.command().env("SEARCH_CONFIG", &config).args([
        "query",
        "title:backtracks",
        "--fields",
        "rank,title",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "rank,title\n1,Amazon Backtracks From Demand That Employees Delete TikTok\n"
    );
    // Environment beats the file; flag beats the environment.
    std::fs::remove_dir_all(&other).unwrap();
    let r = run(env
        .command()
        .env("SEARCH_CONFIG", &config)
        .env("SEARCH_INDEX", env.index_path())
        .env("SEARCH_FORMAT", "jsonl")
        .args(["query", "title:backtracks", "--fields", "rank"]));
    assert_eq!(r.stdout, "{\"rank\":1}\n", "{}", r.stderr);
    let r = run(env
        .command()
        .env("SEARCH_CONFIG", &config)
        .env("SEARCH_INDEX", "nowhere")
        .env("SEARCH_FORMAT", "jsonl")
        .args([
            "query",
            "title:backtracks",
            "--fields",
            "rank",
            "--format",
            "text",
        ])
        .args(["--index", env.index_path().to_str().unwrap()]));
    assert_eq!(r.stdout, "1\n", "{}", r.stderr);

    // A bad config file is one clear line naming the file.
    std::fs::write(&config, "colour = \"never\"\n").unwrap();
    let r = run(env
        .command()
        .env("SEARCH_CONFIG", &config)
        .args(["query", "x"]));
    assert_eq!(r.code, 2);
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("error: config file {}: ", config.display())),
        "{first}"
    );
    assert!(first.contains("colour"), "{first}");
    let r = run(env
        .command()
        .env("SEARCH_CONFIG", env.dir.path().join("missing.toml"))
        .args(["stats"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no such file (named by SEARCH_CONFIG)"),
        "{}",
        r.stderr
    );
}
