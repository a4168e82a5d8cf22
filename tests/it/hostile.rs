//! Hostile input never stops a run nor loses another document; hostile queries
//! and index paths get one clear line and exit 2, never a panic:
//! 1. a generated folder of every bad file a user meets, beside good articles;
//! 2. a folder of many empty files;
//! 3. queries: unbalanced, deeply nested, huge, control characters, huge limits;
//! 4. index paths: a file, a folder of other things, damaged and missing files.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::common::*;

/// Writes the hostile folder; returns the names of the files that must be indexed.
fn hostile_folder(docs: &Path) -> Vec<&'static str> {
    std::fs::create_dir_all(docs).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(docs.join(name), bytes).unwrap();
    std::fs::copy(seeds().join(NYT), docs.join("nyt.txt")).unwrap();
    std::fs::copy(seeds().join(DW), docs.join("dw.txt")).unwrap();
    write("empty.txt", b"");
    write("blank.md", b"  \n\n \t\n");
    write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write("report.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    write("archive.md", b"\x1f\x8b\x08\x00\x00\x00\x00\x00");
    write("program.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0");
    write(
        "broken-utf8.txt",
        b"Broken bytes survive\n\nCaf\xe9 owners \xc3\x28 said the harbour festival returns in June.",
    );
    write(
        "cp1252.txt",
        b"Smart quotes in Windows-1252\n\nThe mayor said \x93we will rebuild\x94 \x96 and the crowd cheered at the quayside.",
    );
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Sixteen bits wide\n\nThis article was saved as UTF-16 with a byte order mark by an old editor."
        .encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    write("utf16.txt", &utf16);
    let latin1: Vec<u8> = "<html><head><meta charset=\"iso-8859-1\"><title>Crème brûlée déjà vu</title></head><body><p>Les cafés de Zürich sont ouverts et la crème brûlée est servie à volonté.</p></body></html>"
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    write("latin1.html", &latin1);
    let deep = format!(
        "<html><body>{}Nested text at the very bottom of the page{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write("deep.html", deep.as_bytes());
    write(
        "unclosed.html",
        b"<html><head><title>Unclosed markup<body><p>A paragraph about lighthouses <b>bold <i>italic <script>var x = \"</p>\";</script> and a stray <script> that never ends",
    );
    // One line longer than the read cap (32 MiB): cut, said so, still indexed.
    let line = "longline ".repeat(33 * 1024 * 1024 / 9 + 1);
    write("one-line.txt", line.as_bytes());
    std::fs::write(
        docs.join(std::ffi::OsStr::from_bytes(b"caf\xe9-name.txt")),
        "Odd file name\n\nThis article has a file name that is not valid UTF-8 at all.",
    )
    .unwrap();
    std::os::unix::fs::symlink("loop-b", docs.join("loop-a")).unwrap();
    std::os::unix::fs::symlink("loop-a", docs.join("loop-b")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", docs.join("outside.txt")).unwrap();
    let fifo = docs.join("pipe.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    vec![
        "nyt.txt",
        "dw.txt",
        "broken-utf8.txt",
        "cp1252.txt",
        "utf16.txt",
        "latin1.html",
        "deep.html",
        "unclosed.html",
        "one-line.txt",
        "caf\u{fffd}-name.txt",
    ]
}

#[test]
fn every_bad_file_is_named_and_every_good_one_indexed() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    let good = hostile_folder(&docs);
    let r = env.index(&docs);
    let warning = |name: &str, reason: &str| {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(name) && l.contains(reason)),
            "no warning `{reason}` for {name}:\n{}",
            r.stderr
        );
    };
    warning("empty.txt", "empty file");
    warning("blank.md", "empty file");
    warning("image.txt", "binary file (PNG)");
    warning("report.html", "binary file (PDF)");
    warning("archive.md", "binary file (gzip)");
    warning("program.txt", "binary file (ELF)");
    warning("deep.html", "nested more than 1000 levels deep");
    warning(
        "one-line.txt",
        "larger than 32 MiB, only the start was indexed",
    );
    warning("loop-a", "symlink not followed");
    warning("outside.txt", "symlink not followed");
    warning("pipe.txt", "not a regular file");
    assert!(
        r.stderr.lines().last().unwrap().starts_with(&format!(
            "added {}, updated 0, removed 0, unchanged 0, skipped 10 (binary 4, empty 2, not a regular file 1, symlink 3)",
            good.len()
        )),
        "{}",
        r.stderr
    );

    let (_, all) = env.query_json("*", &["--limit", "100"]);
    let mut files = hit_files(&all);
    files.sort();
    let mut expected: Vec<String> = good.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(files, expected);

    // Decoded, not mojibake: each found by its own words.
    let found = |query: &str, file: &str| {
        let (_, v) = env.query_json(query, &[]);
        assert_eq!(hit_files(&v), vec![file.to_string()], "query {query}");
    };
    found("crème brûlée", "latin1.html");
    found("\"we will rebuild\"", "cp1252.txt");
    found("\"saved as UTF-16\"", "utf16.txt");
    found("lighthouses", "unclosed.html");
    found("harbour festival", "broken-utf8.txt");
    found("\"nested text at the very bottom\"", "deep.html");
    let (_, v) = env.query_json("lighthouses", &[]);
    assert_eq!(v["hits"][0]["title"], "Unclosed markup");

    // With --follow the loop is reported as a loop, and the outside file is read.
    let index = env.dir.path().join("followed");
    let r = env.index_into(&docs, &index, &["--follow"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("loop-a: cannot read:"), "{}", r.stderr);
}

#[test]
fn a_folder_of_many_empty_files_is_counted_quietly() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for i in 0..20_000 {
        std::fs::write(docs.join(format!("{i:05}.txt")), b"").unwrap();
    }
    std::fs::copy(seeds().join(VICE), docs.join("vice.txt")).unwrap();
    let index = env.index_path();
    let r = env.index_into(&docs, &index, &["-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "quiet: the summary only\n{}",
        &r.stderr[..r.stderr.len().min(500)]
    );
    assert!(
        r.stderr
            .starts_with("added 1, updated 0, removed 0, unchanged 0, skipped 20000 (empty 20000)"),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_queries_get_one_line_and_exit_2() {
    let env = TestEnv::new();
    env.index(&seeds());
    let fails = |query: &str, message: &str| {
        let r = env.query(query, &[]);
        assert_eq!(r.code, 2, "query {query:.40}: {}", r.stderr);
        let first = r.stderr.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(message),
            "{first}"
        );
        assert!(first.chars().count() < 300, "one short line: {first:.100}");
        assert!(!r.stderr.contains("panicked"));
    };
    fails("\"wells fargo", "unclosed `\"`");
    fails("(wells fargo", "is not closed");
    fails("wells)", "unmatched `)`");
    fails("nosuch:thing", "unknown field `nosuch`");
    fails("   ", "empty query");
    fails(". -- !", "has no words to search for");
    fails("\u{1}\u{7}", "empty query");
    fails(
        &format!("{}x{}", "(".repeat(50_000), ")".repeat(50_000)),
        "nested more than 100 deep",
    );
    fails(
        &format!("{}x", "NOT ".repeat(20_000)),
        "nested more than 100 deep",
    );

    // Lenient, documented results: a 100 KB query of words, control characters
    // between words, --limit 0, and a limit larger than the index.
    let words = "tiktok ".repeat(100 * 1024 / 7);
    assert_eq!(env.query(&words, &[]).code, 0);
    assert_eq!(env.query("tiktok\u{1}amazon", &[]).code, 0);
    let r = env.query("tiktok", &["--limit", "0"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    // Dates past what the index can hold (year 2262) are clamped (found by the fuzzer).
    assert_eq!(env.query("date:9999-12-31", &[]).code, 1);
    // VICE is undated, so never inside a date span.
    assert_eq!(env.query_json("date:0001..9999", &[]).1["total"], 2);
    assert_eq!(env.query_json("tiktok", &["--until", "9999"]).1["total"], 2);
    let (_, v) = env.query_json("tiktok", &["--limit", "18446744073709551615"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 3);
}

#[test]
fn hostile_index_paths_get_one_line_and_exit_2() {
    let env = TestEnv::new();
    env.index(&seeds());
    let index = env.index_path();
    let fails = |path: &Path, message: &str| {
        let r = env.run(&["query", "tiktok", "--index", path.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        let first = r.stderr.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(message),
            "{first}"
        );
        assert!(r.stderr.contains("hint: "), "{}", r.stderr);
    };
    let file = env.dir.path().join("a-file.txt");
    std::fs::write(&file, "x").unwrap();
    fails(&file, "no index at");
    let empty = env.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    fails(&empty, "no index at");

    let copy = |name: &str| {
        let to = env.dir.path().join(name);
        std::fs::create_dir(&to).unwrap();
        for entry in std::fs::read_dir(&index).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
        to
    };
    let damaged = copy("damaged");
    std::fs::write(damaged.join("meta.json"), "{\"broken").unwrap();
    fails(&damaged, "cannot open the index at");
    let missing = copy("missing");
    for entry in std::fs::read_dir(&missing).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "idx") {
            std::fs::remove_file(path).unwrap();
        }
    }
    fails(&missing, "cannot open the index at");

    // `--full` rebuilds a damaged index instead of failing on it.
    let r = env.index_into(&seeds(), &damaged, &["--full"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        env.run(&["query", "tiktok", "--index", damaged.to_str().unwrap()])
            .code,
        0
    );
}

#[test]
fn unreadable_files_and_folders_are_named_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let root = env.dir.path().join("shared");
    let docs = root.join("docs");
    std::fs::create_dir_all(docs.join("locked")).unwrap();
    std::fs::copy(seeds().join(NYT), docs.join("nyt.txt")).unwrap();
    std::fs::copy(seeds().join(DW), docs.join("dw.txt")).unwrap();
    std::fs::copy(seeds().join(VICE), docs.join("locked/vice.txt")).unwrap();
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for dir in [env.dir.path(), &root, &docs] {
        mode(dir, 0o777);
    }
    mode(&docs.join("dw.txt"), 0o000);
    mode(&docs.join("locked"), 0o000);
    // Root reads everything: run as `nobody` there, as this user elsewhere.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_search"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_search"))
    };
    let index = root.join("index");
    cmd.current_dir(&root)
        .args(["index", "docs", "--index"])
        .arg(&index);
    let r = run(&mut cmd);
    mode(&docs.join("locked"), 0o755);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("warning: docs/dw.txt: cannot read: Permission denied"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("warning: docs/locked: cannot read: Permission denied"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("added 1, updated 0, removed 0, unchanged 0, skipped 2 (unreadable 2)"),
        "{}",
        r.stderr
    );
    assert_eq!(env.count(&index), 1);
}

#[test]
fn fuzzer_findings_stay_fixed() {
    // Each file under fuzz/regressions/query_*/ is a query that once panicked
    // (in tantivy's debug assertions or an overflow); it must now answer.
    let env = TestEnv::new();
    env.index(&seeds());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut checked = 0;
    for target in std::fs::read_dir(&root).unwrap() {
        let target = target.unwrap().path();
        for input in std::fs::read_dir(&target).unwrap() {
            let query = std::fs::read_to_string(input.unwrap().path()).unwrap();
            for sort in ["relevance", "date"] {
                let r = env.query(&query, &["--sort", sort]);
                assert!(
                    r.code <= 2 && !r.stderr.contains("panicked"),
                    "{query:?} --sort {sort}: {}",
                    r.stderr
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 6, "regressions found: {checked}");
    // The shapes behind them, on real words.
    assert_eq!(env.query_json("tiktok -company-owned", &[]).1["total"], 1);
    assert_eq!(env.query_json("-\"a a\"", &[]).1["total"], 3);
}
