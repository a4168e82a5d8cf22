//! Re-running `search index` on an existing index:
//! 1. new, changed, deleted and renamed files are added, updated, removed;
//! 2. a touched but unchanged file stays unchanged; `--full` rebuilds;
//! 3. identical files under two paths are both indexed with the same hash, and
//!    queries fold them into one hit (`copies`) unless `--duplicates`;
//! 4. a second writer fails at once (exit 2) while queries keep working;
//! 5. `kill -9` in the middle of a run leaves an index that opens, and the next
//!    run finishes the job with the same result as a clean build;
//! 6. an index made by an older schema is refused with a hint, not misread.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

fn docs_with(env: &TestEnv, files: &[(&str, &str)]) -> PathBuf {
    let docs = env.dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (seed, name) in files {
        std::fs::copy(seeds().join(seed), docs.join(name)).unwrap();
    }
    docs
}

/// The DW seed saved twice (`dw.txt`, `dw-copy.txt`) beside the NYT one.
fn dw_twice_and_nyt(env: &TestEnv) -> PathBuf {
    docs_with(
        env,
        &[(DW, "dw.txt"), (DW, "dw-copy.txt"), (NYT, "nyt.txt")],
    )
}

fn summary(r: &Run) -> &str {
    r.stderr.lines().last().unwrap_or("")
}

#[test]
fn add_change_delete_and_rename_are_tracked() {
    let env = TestEnv::new();
    let docs = docs_with(&env, &[(NYT, "nyt.txt"), (DW, "dw.txt")]);
    let r = env.index(&docs);
    assert!(summary(&r).starts_with("added 2, updated 0, removed 0, unchanged 0"));

    std::fs::copy(seeds().join(VICE), docs.join("vice.txt")).unwrap();
    let r = env.index(&docs);
    assert!(
        summary(&r).starts_with("added 1, updated 0, removed 0, unchanged 2"),
        "{}",
        r.stderr
    );

    let dw = std::fs::read_to_string(docs.join("dw.txt")).unwrap();
    let corrected = dw.replace(
        "said the US online retailing giant.",
        "said the US online retailing giant, which also sells zeppelins.",
    );
    assert_ne!(dw, corrected);
    std::fs::write(docs.join("dw.txt"), corrected).unwrap();
    let r = env.index(&docs);
    assert!(
        summary(&r).starts_with("added 0, updated 1, removed 0, unchanged 2"),
        "{}",
        r.stderr
    );
    assert_eq!(
        hit_files(&env.query_json("zeppelins", &[]).1),
        vec!["dw.txt"]
    );

    std::fs::remove_file(docs.join("nyt.txt")).unwrap();
    std::fs::rename(docs.join("vice.txt"), docs.join("motherboard.txt")).unwrap();
    let r = env.index(&docs);
    assert!(
        summary(&r).starts_with("added 1, updated 0, removed 2, unchanged 1"),
        "{}",
        r.stderr
    );
    let (_, v) = env.query_json("tiktok", &[]);
    assert_eq!(v["total"], 2);
    let mut files = hit_files(&v);
    files.sort();
    assert_eq!(files, vec!["dw.txt", "motherboard.txt"]);
}

#[test]
fn touched_files_are_unchanged_and_full_rebuilds() {
    let env = TestEnv::new();
    let docs = docs_with(&env, &[(NYT, "nyt.txt"), (DW, "dw.txt")]);
    env.index(&docs);
    // Rewrite the same bytes: a new mtime, the same content.
    let bytes = std::fs::read(docs.join("nyt.txt")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(docs.join("nyt.txt"), bytes).unwrap();
    let r = env.index(&docs);
    assert!(
        summary(&r).starts_with("added 0, updated 0, removed 0, unchanged 2"),
        "{}",
        r.stderr
    );
    let index = env.index_path();
    let r = env.index_into(&docs, &index, &["--full"]);
    assert!(
        summary(&r).starts_with("added 2, updated 0, removed 0, unchanged 0"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_index_over_two_folders_keeps_the_other_folder() {
    let env = TestEnv::new();
    let a = env.dir.path().join("a");
    let b = env.dir.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(seeds().join(NYT), a.join("nyt.txt")).unwrap();
    std::fs::copy(seeds().join(DW), b.join("dw.txt")).unwrap();
    env.index(&a);
    let r = env.index(&b);
    assert!(
        summary(&r).starts_with("added 1, updated 0, removed 0, unchanged 0"),
        "{}",
        r.stderr
    );
    assert_eq!(env.query_json("tiktok", &[]).1["total"], 2);
}

#[test]
fn exact_copies_are_both_indexed_with_one_hash() {
    let env = TestEnv::new();
    let docs = dw_twice_and_nyt(&env);
    env.index(&docs);
    let r = env.run(&["extract", docs.to_str().unwrap()]);
    let records = r.json_lines();
    assert_eq!(records.len(), 3);
    let hash = |name: &str| {
        records
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(name))
            .unwrap()["hash"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(hash("/dw.txt"), hash("/dw-copy.txt"));
    assert_ne!(hash("/dw.txt"), hash("/nyt.txt"));
    assert_eq!(hash("/dw.txt").len(), 32);

    // Queries fold the copy into one hit and name it; --duplicates lists both.
    let (_, v) = env.query_json("\"Amazon bans TikTok\"", &[]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1, "{v}");
    let shown = hit_files(&v)[0].clone();
    let copy = v["hits"][0]["copies"][0].as_str().unwrap();
    let other = if shown == "dw.txt" {
        "/dw-copy.txt"
    } else {
        "/dw.txt"
    };
    assert!(copy.ends_with(other), "{copy}");
    let (_, v) = env.query_json("\"Amazon bans TikTok\"", &["--duplicates"]);
    let mut files = hit_files(&v);
    files.sort();
    assert_eq!(files, vec!["dw-copy.txt", "dw.txt"]);
    assert_eq!(v["hits"][0]["copies"].as_array().unwrap().len(), 0);
}

#[test]
fn copies_are_named_alike_from_the_path_table_without_it_and_with_a_stale_one() {
    let env = TestEnv::new();
    let docs = dw_twice_and_nyt(&env);
    assert_eq!(env.index(&docs).code, 0);
    let table = env.index_path().join("paths.bin");
    assert!(table.is_file(), "indexing writes the path table");
    let query = || env.query_json("\"Amazon bans TikTok\"", &[]).1;
    let with_table = query();
    let copy = with_table["hits"][0]["copies"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        copy.ends_with("dw.txt") || copy.ends_with("dw-copy.txt"),
        "{with_table}"
    );
    assert_ne!(copy, with_table["hits"][0]["path"].as_str().unwrap());

    // Gone or garbled: the copies are read from their stored documents.
    let old = std::fs::read(&table).unwrap();
    std::fs::remove_file(&table).unwrap();
    assert_eq!(query(), with_table);
    std::fs::write(&table, b"SPATHS01\xff\xff\xff\xff").unwrap();
    assert_eq!(query(), with_table);

    // A run with nothing to do writes a missing table again.
    std::fs::remove_file(&table).unwrap();
    assert_eq!(env.index(&docs).code, 0);
    assert!(table.is_file());

    // A table of segments merged away since names none of today's: a third
    // copy added later is named by its stored document.
    std::fs::copy(seeds().join(DW), docs.join("dw-third.txt")).unwrap();
    assert_eq!(env.index(&docs).code, 0);
    std::fs::write(&table, &old).unwrap();
    let v = query();
    let mut copies: Vec<String> = v["hits"][0]["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    copies.sort();
    let shown = hit_files(&v)[0].clone();
    let mut expected: Vec<String> = ["dw-copy.txt", "dw-third.txt", "dw.txt"]
        .iter()
        .filter(|f| **f != shown)
        .map(|f| f.to_string())
        .collect();
    expected.sort();
    assert_eq!(copies, expected, "{v:#}");
}

#[test]
fn a_second_writer_fails_at_once_while_queries_work() {
    let env = TestEnv::new();
    env.index(&seeds());
    // Hold the writer lock the way a running `search index` does (flock).
    let lock = env.index_path().join(".tantivy-writer.lock");
    let mut holder = Command::new("flock")
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()
        .expect("flock(1) from util-linux");
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let index = env.index_path();
    let r = env.index_into(&seeds(), &index, &[]);
    let waited = started.elapsed();
    let query = env.query_json("tiktok", &[]);
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        format!(
            "error: the index at {} is being written by another process",
            index.display()
        )
    );
    assert!(
        waited < Duration::from_secs(10),
        "must not wait for the lock"
    );
    assert_eq!(query.1["total"], 3);
}

/// BBC articles from news-bench, unpacked once into a temp folder.
fn bbc_articles(dir: &Path) -> Option<PathBuf> {
    let tarball = shared_if_present("corpora/news-bench.tar.xz")?;
    let status = Command::new("tar")
        .args(["-xJf", tarball.to_str().unwrap(), "-C"])
        .arg(dir)
        .arg("news-bench/docs/bbc")
        .status()
        .expect("tar");
    assert!(status.success());
    Some(dir.join("news-bench/docs/bbc"))
}

fn opstamp(index: &Path) -> Option<u64> {
    let meta = std::fs::read_to_string(index.join("meta.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&meta).ok()?;
    v["opstamp"].as_u64()
}

/// Every hit as (path, score), sorted by path.
fn results(env: &TestEnv, index: &Path, query: &str) -> Vec<(String, String)> {
    let r = env.run(&[
        "query",
        query,
        "--index",
        index.to_str().unwrap(),
        "--format",
        "json",
        "--limit",
        "100000",
        "--duplicates",
    ]);
    assert!(r.code <= 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mut hits: Vec<(String, String)> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["path"].as_str().unwrap().to_string(),
                format!("{:.4}", h["score"].as_f64().unwrap()),
            )
        })
        .collect();
    hits.sort();
    hits
}

#[test]
fn kill_9_mid_run_leaves_an_index_that_the_next_run_completes() {
    let env = TestEnv::new();
    let Some(docs) = bbc_articles(env.dir.path()) else {
        return;
    };
    let total = std::fs::read_dir(&docs).unwrap().count();
    let index = env.dir.path().join("killed");
    let mut child = env
        .command()
        .args(["index", docs.to_str().unwrap(), "--index"])
        .arg(&index)
        .args(["--commit-every", "100", "-q"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it after its second commit, in the middle of the run.
    let deadline = Instant::now() + Duration::from_secs(120);
    let first = loop {
        if let Some(op) = opstamp(&index).filter(|&op| op > 0) {
            break op;
        }
        assert!(Instant::now() < deadline, "no commit seen");
        std::thread::sleep(Duration::from_millis(5));
    };
    while opstamp(&index) == Some(first) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The index opens and answers from its last commit.
    let partial = env.count(&index);
    assert!(
        partial >= 100 && (partial as usize) < total,
        "{partial} of {total}"
    );

    // The next run finishes; the result equals a clean build.
    let r = env.index_into(&docs, &index, &["-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(summary(&r).starts_with("added "), "{}", r.stderr);
    let clean = env.dir.path().join("clean");
    let r = env.index_into(&docs, &clean, &["-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for query in [
        "*",
        "oil prices",
        "\"chief executive\"",
        "election -labour",
        "title:film",
    ] {
        assert_eq!(
            results(&env, &index, query),
            results(&env, &clean, query),
            "query {query}"
        );
    }
}

#[test]
fn an_index_from_an_older_schema_is_refused_with_a_hint() {
    let env = TestEnv::new();
    env.index(&seeds());
    let meta_path = env.index_path().join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&meta).unwrap();
    v["payload"] = serde_json::Value::String(r#"{"schema_version":1}"#.into());
    std::fs::write(&meta_path, v.to_string()).unwrap();
    let r = env.query("tiktok", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("was made by an older version of `search`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("hint: rebuild it with `search index --full DIR`"),
        "{}",
        r.stderr
    );

    v["payload"] = serde_json::Value::String(r#"{"schema_version":999}"#.into());
    std::fs::write(&meta_path, v.to_string()).unwrap();
    let r = env.query("tiktok", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("was made by a newer version of `search`"),
        "{}",
        r.stderr
    );
}

#[test]
fn ctrl_c_commits_what_is_done_and_exits_130() {
    let env = TestEnv::new();
    let Some(docs) = bbc_articles(env.dir.path()) else {
        return;
    };
    let total = std::fs::read_dir(&docs).unwrap().count();
    let index = env.dir.path().join("interrupted");
    let child = env
        .command()
        .args(["index", docs.to_str().unwrap(), "--index"])
        .arg(&index)
        .args(["--commit-every", "200", "-q"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the run is under way (its first commit is on disk).
    let deadline = Instant::now() + Duration::from_secs(120);
    while opstamp(&index).is_none_or(|op| op == 0) {
        assert!(Instant::now() < deadline, "no commit seen");
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("interrupted: saved added ")
            && last.ends_with("run the same command again to finish"),
        "{stderr}"
    );
    // What the message says was saved is what the index holds.
    let saved: u64 = last["interrupted: saved added ".len()..]
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(env.count(&index), saved);
    assert!(
        (saved as usize) < total,
        "{saved} of {total}: not interrupted"
    );
    let r = env.index_into(&docs, &index, &["-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        summary(&r).starts_with(&format!(
            "added {}, updated 0, removed 0, unchanged {saved}",
            total as u64 - saved
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn every_copy_of_a_hit_is_named_even_among_tied_articles() {
    // Four versions of a real article that differ in one year only (so they
    // score alike for `skybolt`), each saved in two folders: path order puts
    // all of first/ before second/, so copies of one article are far apart
    // among the tied hits.
    let Ok(text) = std::fs::read_to_string(shared("corpora/time-ir/docs/0001.txt")) else {
        eprintln!("skipping: ../shared/corpora/time-ir not present");
        return;
    };
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    for folder in ["first", "second"] {
        std::fs::create_dir_all(docs.join(folder)).unwrap();
        for (i, year) in ["1960", "1950", "1940", "1930"].iter().enumerate() {
            let version = text.replacen("1960", year, 1);
            std::fs::write(docs.join(folder).join(format!("v{i}.txt")), version).unwrap();
        }
    }
    assert_eq!(env.index(&docs).code, 0);
    let (_, v) = env.query_json("skybolt", &["--limit", "3"]);
    assert_eq!(v["total"], 8, "{v:#}");
    assert_eq!(hit_files(&v), vec!["v0.txt", "v1.txt", "v2.txt"], "{v:#}");
    for (i, hit) in v["hits"].as_array().unwrap().iter().enumerate() {
        assert!(hit["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("first/v{i}.txt")));
        let copies: Vec<&str> = hit["copies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(copies.len(), 1, "{hit:#}");
        assert!(copies[0].ends_with(&format!("second/v{i}.txt")), "{hit:#}");
    }
}

#[test]
fn every_copy_of_a_hit_is_named_whatever_the_order() {
    // Twelve real articles, each saved in three folders. Sorted by date or
    // outlet, a page of hits used to name only the copies its own fetch had
    // reached (none at all for `*`).
    let Some(time) = shared_if_present("corpora/time-ir/docs") else {
        return;
    };
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    for folder in ["a", "b", "c"] {
        std::fs::create_dir_all(docs.join(folder)).unwrap();
        for i in 1..=12 {
            let name = format!("{i:04}.txt");
            std::fs::copy(time.join(&name), docs.join(folder).join(&name)).unwrap();
        }
    }
    assert_eq!(env.index(&docs).code, 0);
    for sort in ["relevance", "date", "source"] {
        let (_, v) = env.query_json("*", &["--sort", sort, "--limit", "5"]);
        assert_eq!(v["total"], 36, "{v:#}");
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 5, "{v:#}");
        for hit in hits {
            let path = hit["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap();
            let mut folders: Vec<&str> = hit["copies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let c = c.as_str().unwrap();
                    assert!(c.ends_with(&format!("/{name}")), "{sort}: {hit:#}");
                    c.rsplit('/').nth(1).unwrap()
                })
                .collect();
            folders.push(path.rsplit('/').nth(1).unwrap());
            folders.sort_unstable();
            assert_eq!(folders, ["a", "b", "c"], "{sort}: {hit:#}");
        }
    }
}
