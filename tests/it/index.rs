//! `search index`:
//! 1. the summary on stderr counts added, unchanged and skipped files;
//! 2. indexing the same folder twice leaves the document count unchanged;
//! 3. binary and empty files are skipped with a warning while the rest is indexed;
//! 4. `SEARCH_INDEX` sets the default index location;
//! 5. the index folder inside the walked folder is not indexed;
//! 6. inputs that overlap index each file once.

use crate::common::*;

#[test]
fn summary_and_reindex_is_idempotent() {
    let env = TestEnv::new();
    let first = env.index(&seeds());
    assert!(
        first
            .stderr
            .contains("added 3, updated 0, removed 0, unchanged 0, skipped 0"),
        "{}",
        first.stderr
    );
    let (_, before) = env.query_json("tiktok", &[]);
    assert_eq!(before["total"], 3);
    let second = env.index(&seeds());
    assert!(
        second
            .stderr
            .contains("added 0, updated 0, removed 0, unchanged 3, skipped 0"),
        "{}",
        second.stderr
    );
    let (_, after) = env.query_json("tiktok", &[]);
    assert_eq!(after["total"], 3, "re-indexing must replace, not duplicate");
}

/// A folder given with one of its files and its parent yields each file
/// three times over; each is indexed once.
#[test]
fn overlapping_inputs_index_each_file_once() {
    let env = TestEnv::new();
    let seeds = seeds();
    let one = seeds.join(DW);
    let r = env.index_into(
        &seeds,
        &env.index_path(),
        &[
            one.to_str().unwrap(),
            seeds.join("..").join("seeds").to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("added 3, updated 0, removed 0, unchanged 0, skipped 0"),
        "{}",
        r.stderr
    );
    let (_, hits) = env.query_json("tiktok", &[]);
    assert_eq!(hits["total"], 3);
}

#[test]
fn bad_files_are_skipped_not_fatal() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(seeds().join(DW), docs.join("dw.txt")).unwrap();
    std::fs::write(docs.join("empty.txt"), "").unwrap();
    std::fs::write(docs.join("image.html"), b"\x89PNG\r\n\x1a\n\0\0\0rest").unwrap();
    std::fs::write(docs.join("latin1.txt"), b"Caf\xe9 culture returns to the city\n\nThe caf\xe9s of the old town reopened on Monday after months of closures, and their owners said that customers had come back in large numbers.").unwrap();
    std::fs::write(docs.join("notes.pdf"), b"%PDF-1.4").unwrap();
    let r = env.index(&docs);
    assert!(r.stderr.contains("empty.txt: empty file"), "{}", r.stderr);
    assert!(
        r.stderr.contains("image.html: binary file (PNG)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(
            "added 2, updated 0, removed 0, unchanged 0, skipped 3 (binary 1, empty 1, not an article 1)"
        ),
        "{}",
        r.stderr
    );
    let (_, v) = env.query_json("cafe", &[]);
    assert_eq!(hit_files(&v), vec!["latin1.txt"]);
    assert_eq!(v["hits"][0]["title"], "Café culture returns to the city");
}

#[test]
fn search_index_env_sets_the_default_location() {
    let env = TestEnv::new();
    let custom = env.dir.path().join("custom");
    let r = run(env
        .command()
        .env("SEARCH_INDEX", &custom)
        .args(["index", seeds().to_str().unwrap()]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(custom.join("meta.json").exists());
    let r = run(env
        .command()
        .env("SEARCH_INDEX", &custom)
        .args(["query", "Wells Fargo"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn default_index_inside_the_walked_folder_is_skipped() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(seeds().join(NYT), docs.join("nyt.txt")).unwrap();
    let r = run(env.command().current_dir(&docs).args(["index", "."]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(docs.join("index/meta.json").exists());
    // Second run walks over ./index: nothing from it may be taken as an article.
    let r = run(env.command().current_dir(&docs).args(["index", "."]));
    assert!(
        r.stderr
            .contains("added 0, updated 0, removed 0, unchanged 1, skipped 0"),
        "{}",
        r.stderr
    );
}

#[test]
fn full_rebuild_drops_articles_whose_files_are_gone() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(seeds().join(NYT), docs.join("nyt.txt")).unwrap();
    std::fs::copy(seeds().join(DW), docs.join("dw.txt")).unwrap();
    env.index(&docs);
    assert_eq!(env.query_json("tiktok", &[]).1["total"], 2);
    std::fs::remove_file(docs.join("dw.txt")).unwrap();
    let index = env.index_path();
    let r = env.index_into(&docs, &index, &["--full"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(hit_files(&env.query_json("tiktok", &[]).1), vec!["nyt.txt"]);
}

#[test]
fn a_folder_that_is_not_an_index_is_never_written_into() {
    let env = TestEnv::new();
    let other = env.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("thesis.txt"), "precious").unwrap();
    let r = env.index_into(&seeds(), &other, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("is not empty and holds no index"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(other.join("thesis.txt")).unwrap(),
        "precious"
    );
}
