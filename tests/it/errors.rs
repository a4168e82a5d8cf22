//! Errors: one clear line (plus a hint), exit 2, never a panic.

use crate::common::*;

fn assert_clean_error(r: &Run) {
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "{}",
        r.stderr
    );
}

#[test]
fn no_index() {
    let env = TestEnv::new();
    let r = env.run(&["query", "tiktok"]);
    assert_clean_error(&r);
    assert!(
        r.stderr.contains("error: no index at index"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("hint: run `search index DIR` first"),
        "{}",
        r.stderr
    );
}

#[test]
fn missing_folder() {
    let env = TestEnv::new();
    let r = env.run(&["index", "no/such/folder"]);
    assert_clean_error(&r);
    assert!(
        r.stderr.contains("no such file or folder: no/such/folder"),
        "{}",
        r.stderr
    );
}

#[test]
fn query_errors() {
    let env = TestEnv::new();
    env.index(&seeds());
    let r = env.query("nosuch:tiktok", &[]);
    assert_clean_error(&r);
    assert!(r.stderr.contains("unknown field `nosuch`"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("valid fields: title, body, author, source, date, lang"),
        "{}",
        r.stderr
    );

    let r = env.query("tiktok", &["--since", "July 2020"]);
    assert_clean_error(&r);
    assert!(
        r.stderr.contains("invalid date `July 2020`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("YYYY, YYYY-MM or YYYY-MM-DD"),
        "{}",
        r.stderr
    );

    let r = env.query("date:2020-13-45", &[]);
    assert_clean_error(&r);
    assert!(
        r.stderr.contains("invalid date `2020-13-45`"),
        "{}",
        r.stderr
    );

    let r = env.query("wells AND (fargo", &[]);
    assert_clean_error(&r);
    assert!(r.stderr.contains("at character 17"), "{}", r.stderr);
    assert!(r.stderr.contains("not closed"), "{}", r.stderr);

    let r = env.query("\"unclosed phrase", &[]);
    assert_clean_error(&r);
    assert!(r.stderr.contains("unclosed `\"`"), "{}", r.stderr);
}
