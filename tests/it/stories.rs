//! Stories across outlets (`--group`), counts, similar articles, and the
//! author/language filters, on the seeds among real unrelated articles.

use std::path::Path;

use crate::common::*;

/// The seeds with the TIME collection (423 unrelated real articles) and the HTML fixtures.
fn seeds_among_others(env: &TestEnv) -> std::path::PathBuf {
    let index = env.index_path();
    for docs in [
        seeds(),
        shared("corpora/time-ir/docs"),
        fixtures().join("html"),
    ] {
        let r = env.index_into(&docs, &index, &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    index
}

fn run_in(env: &TestEnv, index: &Path, args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend(["--index", index.to_str().unwrap()]);
    env.run(&all)
}

#[test]
fn the_three_seeds_are_one_story_and_no_other_article_joins_it() {
    let env = TestEnv::new();
    let index = seeds_among_others(&env);
    let r = run_in(
        &env,
        &index,
        &["query", "tiktok", "--group", "--color", "never"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "1. Amazon Backtracks From Demand That Employees Delete TikTok\n   \
             3 articles · The New York Times, DW, VICE (Motherboard) · 2020-07-10..11\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("   + DW · 2020-07-11 · Amazon bans TikTok for employees, but flips back\n"));
    assert_eq!(r.stderr, "1 story · 3 articles\n");

    let r = run_in(
        &env,
        &index,
        &[
            "query", "amazon", "--group", "--format", "json", "--limit", "100",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let seed_story: Vec<&serde_json::Value> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["articles"].as_array().unwrap().len() > 1)
        .collect();
    assert_eq!(seed_story.len(), 1, "only the seeds group: {seed_story:?}");
    let members: Vec<&str> = seed_story[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(members.len(), 3);
    assert!(
        members.iter().all(|p| p.contains("fixtures/seeds/")),
        "{members:?}"
    );
    // The story's id is its lead (earliest) article's: the NYT piece.
    assert_eq!(seed_story[0]["story"], seed_story[0]["articles"][0]["id"]);
    assert_eq!(seed_story[0]["articles"][0]["source"], "The New York Times");
}

#[test]
fn incremental_runs_keep_stories_right() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for name in ["000_b06b2c4501500147.txt", "003_c8d3ba4ab68edb33.txt"] {
        std::fs::copy(seeds().join(name), docs.join(name)).unwrap();
    }
    let index = env.index_path();
    let story_size = |env: &TestEnv| {
        let r = run_in(
            env,
            &index,
            &["query", "tiktok", "--group", "--format", "json"],
        );
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["hits"][0]["articles"].as_array().unwrap().len()
    };
    env.index(&docs);
    assert_eq!(story_size(&env), 2);
    std::fs::copy(
        seeds().join("004_81f52aa8d415f930.txt"),
        docs.join("004.txt"),
    )
    .unwrap();
    env.index(&docs);
    assert_eq!(story_size(&env), 3);
    // An exact copy joins the story, marked as a copy of the original.
    std::fs::copy(
        docs.join("003_c8d3ba4ab68edb33.txt"),
        docs.join("dw-copy.txt"),
    )
    .unwrap();
    env.index(&docs);
    let r = run_in(
        &env,
        &index,
        &["query", "tiktok", "--group", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let articles = v["hits"][0]["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 4);
    let copy = articles
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with("dw-copy.txt"))
        .unwrap();
    let original = articles
        .iter()
        .find(|a| {
            a["path"]
                .as_str()
                .unwrap()
                .ends_with("003_c8d3ba4ab68edb33.txt")
        })
        .unwrap();
    assert_eq!(copy["copy_of"], original["id"]);
    std::fs::remove_file(docs.join("004.txt")).unwrap();
    std::fs::remove_file(docs.join("dw-copy.txt")).unwrap();
    env.index(&docs);
    assert_eq!(story_size(&env), 2);
    // A stories file lost, damaged, or left describing an older commit (a run
    // killed between its commit and the write) is regrouped by the next run,
    // even one with nothing else to do.
    let saved = std::fs::read_to_string(index.join("stories.json")).unwrap();
    std::fs::remove_file(index.join("stories.json")).unwrap();
    env.index(&docs);
    assert_eq!(story_size(&env), 2);
    std::fs::write(index.join("stories.json"), "{").unwrap();
    env.index(&docs);
    assert_eq!(story_size(&env), 2);
    let older = saved.replacen("\"opstamp\":", "\"opstamp\":1", 1);
    assert_ne!(older, saved);
    std::fs::write(index.join("stories.json"), older).unwrap();
    env.index(&docs);
    assert_eq!(
        std::fs::read_to_string(index.join("stories.json")).unwrap(),
        saved
    );
}

#[test]
fn count_by_source_and_by_month() {
    let env = TestEnv::new();
    env.index(&seeds());
    let index = env.index_path();
    let r = run_in(&env, &index, &["count", "wells fargo", "--by", "source"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(lines[0].starts_with("DW                  █") && lines[0].ends_with(" 1"));
    assert!(lines[1].starts_with("The New York Times  █") && lines[1].ends_with(" 1"));
    assert_eq!(r.stderr, "2 articles\n");

    let r = run_in(
        &env,
        &index,
        &["count", "wells fargo", "--by", "month", "--format", "csv"],
    );
    assert_eq!(r.stdout, "key,count\n2020-07,2\n");
    let r = run_in(
        &env,
        &index,
        &["count", "tiktok", "--by", "day", "--format", "csv"],
    );
    assert_eq!(
        r.stdout,
        "key,count\n2020-07-10,1\n2020-07-11,1\nundated,1\n"
    );
    // Stories: the NYT and DW pieces are one story.
    let r = run_in(
        &env,
        &index,
        &[
            "count",
            "tiktok",
            "--by",
            "month",
            "--stories",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["total"].as_u64(), v["counting"].as_str()),
        (Some(1), Some("stories"))
    );
    assert_eq!(
        v["buckets"][0],
        serde_json::json!({"key": "2020-07", "count": 1})
    );
    let r = run_in(
        &env,
        &index,
        &["count", "nothing-matches-this", "--by", "year"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
}

#[test]
fn similar_lists_the_other_outlets_first() {
    let env = TestEnv::new();
    let index = seeds_among_others(&env);
    let nyt = seeds().join("000_b06b2c4501500147.txt");
    let r = run_in(
        &env,
        &index,
        &[
            "similar",
            nyt.to_str().unwrap(),
            "--format",
            "jsonl",
            "--limit",
            "5",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sources: Vec<String> = r
        .json_lines()
        .iter()
        .map(|v| v["source"].to_string())
        .collect();
    assert_eq!(
        sources[..2],
        ["\"DW\"", "\"VICE (Motherboard)\""],
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains("000_b06b2c4501500147"),
        "the article itself is not listed"
    );
    // Within a day of it: DW (2020-07-11) stays; undated VICE and 1960s TIME go.
    let r = run_in(
        &env,
        &index,
        &[
            "similar",
            nyt.to_str().unwrap(),
            "--days",
            "1",
            "--fields",
            "source",
        ],
    );
    assert_eq!(r.stdout, "DW\n");
    let vice = seeds().join("004_81f52aa8d415f930.txt");
    let r = run_in(
        &env,
        &index,
        &["similar", vice.to_str().unwrap(), "--days", "1"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("has no publication date, so --days cannot apply"),
        "{}",
        r.stderr
    );
}

#[test]
fn author_and_language_filters_and_sorting_by_outlet_and_author() {
    let env = TestEnv::new();
    env.index(&seeds());
    let index = env.index_path();
    let r = run_in(
        &env,
        &index,
        &[
            "query",
            "tiktok",
            "--author",
            "karen weise",
            "--fields",
            "source",
        ],
    );
    assert_eq!(r.stdout, "The New York Times\n");
    let r = run_in(
        &env,
        &index,
        &[
            "query", "tiktok", "--author", "weise", "--author", "nobody", "--fields", "source",
        ],
    );
    assert_eq!(r.stdout, "The New York Times\n");
    let r = run_in(&env, &index, &["query", "tiktok", "--lang", "de"]);
    assert_eq!(r.code, 1);
    let r = run_in(
        &env,
        &index,
        &["query", "tiktok", "--sort", "source", "--fields", "source"],
    );
    assert_eq!(r.stdout, "DW\nThe New York Times\nVICE (Motherboard)\n");
    let r = run_in(
        &env,
        &index,
        &["query", "tiktok", "--sort", "author", "--fields", "authors"],
    );
    assert_eq!(r.stdout.lines().next(), Some("Mike Isaac; Karen Weise"));
    let r = run_in(
        &env,
        &index,
        &[
            "count", "tiktok", "--lang", "en", "--by", "lang", "--format", "csv",
        ],
    );
    assert_eq!(r.stdout, "key,count\nen,3\n");
}

/// Spot checks on the BBC part of news-bench (2,225 real articles, undated):
/// pairs read by hand as one story join, and same-topic articles about
/// different events stay apart.
#[test]
fn news_bench_bbc_stories_spot_checks() {
    let Some(tarball) = shared_if_present("corpora/news-bench.tar.xz") else {
        return;
    };
    let env = TestEnv::new();
    let status = std::process::Command::new("tar")
        .args([
            "-xJf",
            tarball.to_str().unwrap(),
            "-C",
            env.dir.path().to_str().unwrap(),
        ])
        .arg("news-bench/docs/bbc")
        .status()
        .expect("tar");
    assert!(status.success());
    let bbc = env.dir.path().join("news-bench/docs/bbc");
    let index = env.index_path();
    for docs in [bbc.clone(), seeds()] {
        let r = env.index_into(&docs, &index, &["-q"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let story_of = |name: &str| {
        let path = bbc.join(name);
        let r = run_in(
            &env,
            &index,
            &[
                "query", "*", "--group", "--format", "jsonl", "--limit", "5000",
            ],
        );
        r.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|hit| {
                hit["articles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a["path"] == path.to_str().unwrap())
            })
            .map(|hit| hit["story"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{name} is in no hit"))
    };
    let same = [
        ("business-010.txt", "business-291.txt"), // tobacco case rejected / giants hail ruling
        ("entertainment-007.txt", "entertainment-013.txt"), // Levy and the Whitbread prize
        ("business-435.txt", "business-451.txt"), // Foster's bid for a winemaker
    ];
    for (a, b) in same {
        assert_eq!(story_of(a), story_of(b), "{a} and {b} are one story");
    }
    // Missed, as the rule stands: the several WorldCom-trial articles
    // (business-100, -246, -059, -196, -114) score 0.50–0.57 with each other
    // in this 2,228-article index, under the 0.60 bar for undated pairs.
    let apart = [
        ("business-007.txt", "business-292.txt"), // US jobs: slow growth vs steady growth
        ("entertainment-049.txt", "entertainment-074.txt"), // two box-office weeks
    ];
    for (a, b) in apart {
        assert_ne!(
            story_of(a),
            story_of(b),
            "{a} and {b} are different stories"
        );
    }
    // The seeds still make one story of three among them.
    let r = run_in(
        &env,
        &index,
        &["query", "tiktok", "--group", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["hits"][0]["articles"].as_array().unwrap().len(), 3);
}
