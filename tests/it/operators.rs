//! Power operators: each one's matches and non-matches on small articles
//! written for the purpose, and highlighting of what matched.

use crate::common::*;

/// An index over four plain-text articles whose word positions are known.
fn index_of_sentences(env: &TestEnv) -> std::path::PathBuf {
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let articles = [
        (
            "gap3.txt",
            "Gap three",
            "Alpha one two three beta closes the first sentence of this article.",
        ),
        (
            "gap5.txt",
            "Gap five",
            "Beta one two three four five alpha closes the second sentence here.",
        ),
        (
            "security.txt",
            "Security",
            "The securities regulator reviewed the security of trading systems today.",
        ),
        (
            "tiktok.txt",
            "Video app",
            "The TikTok app was banned, then the ban on TikTok was lifted by Amazon.",
        ),
    ];
    for (name, title, body) in articles {
        std::fs::write(docs.join(name), format!("{title}\n\n{body}\n")).unwrap();
    }
    let index = env.index_path();
    env.index(&docs);
    index
}

/// The file names (without `.txt`) a query finds, sorted.
fn found(env: &TestEnv, query: &str) -> Vec<String> {
    let r = env.query(query, &["--fields", "path"]);
    assert!(r.code <= 1, "{query}: {}", r.stderr);
    let mut names: Vec<String> = r
        .stdout
        .lines()
        .map(|p| {
            p.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".txt")
                .to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn proximity_counts_the_words_between_and_pre_keeps_the_order() {
    let env = TestEnv::new();
    index_of_sentences(&env);
    // gap3: alpha … 3 words … beta; gap5: beta … 5 words … alpha.
    assert_eq!(found(&env, "alpha w/3 beta"), ["gap3"]);
    assert_eq!(found(&env, "alpha w/5 beta"), ["gap3", "gap5"]);
    assert_eq!(found(&env, "alpha w/2 beta"), Vec::<String>::new());
    assert_eq!(found(&env, "alpha pre/5 beta"), ["gap3"]);
    assert_eq!(found(&env, "beta pre/5 alpha"), ["gap5"]);
    assert_eq!(found(&env, "beta PRE/4 alpha"), Vec::<String>::new());
    // Between phrases and OR groups.
    assert_eq!(found(&env, "\"one two\" w/1 beta"), ["gap3", "gap5"]);
    assert_eq!(found(&env, "\"one two\" pre/1 beta"), ["gap3"]);
    assert_eq!(found(&env, "(alpha OR gamma) pre/3 beta"), ["gap3"]);
    assert_eq!(found(&env, "tiktok w/3 banned"), ["tiktok"]);
    // Only words, phrases and OR groups can be near each other.
    let r = env.query("alpha w/3 -beta", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("proximity joins words, phrases, and OR groups"),
        "{}",
        r.stderr
    );
}

#[test]
fn phrase_slop_lets_words_move_as_in_lucene() {
    let env = TestEnv::new();
    index_of_sentences(&env);
    assert_eq!(found(&env, "\"alpha beta\""), Vec::<String>::new());
    assert_eq!(found(&env, "\"alpha beta\"~2"), Vec::<String>::new());
    assert_eq!(found(&env, "\"alpha beta\"~3"), ["gap3"]);
    // Slop counts moves in all, either way (Lucene): `beta … alpha` six
    // positions apart and `alpha … beta` reversed both cost 5.
    assert_eq!(found(&env, "\"beta alpha\"~5"), ["gap3", "gap5"]);
    assert_eq!(found(&env, "\"beta alpha\"~4"), Vec::<String>::new());
    let r = env.query("\"alpha beta\"~x", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("expected a number of words after `~`"),
        "{}",
        r.stderr
    );
}

#[test]
fn prefix_and_fuzzy_words_match_and_highlight_what_matched() {
    let env = TestEnv::new();
    index_of_sentences(&env);
    assert_eq!(found(&env, "secur*"), ["security"]);
    assert_eq!(found(&env, "body:secur*"), ["security"]);
    assert_eq!(found(&env, "title:secur*"), Vec::<String>::new());
    assert_eq!(found(&env, "gam*"), Vec::<String>::new());
    assert_eq!(found(&env, "tiktk~1"), ["tiktok"]);
    assert_eq!(found(&env, "tiktk~"), ["tiktok"]);
    assert_eq!(found(&env, "tktk~1"), Vec::<String>::new());
    assert_eq!(found(&env, "tktk~2"), ["tiktok"]);
    let r = env.query("tiktk~3", &[]);
    assert!(
        r.stderr.contains("fuzzy matching allows at most 2 edits"),
        "{}",
        r.stderr
    );

    let (_, v) = env.query_json("secur*", &[]);
    // The headline-less file keeps its first line in the body.
    assert_eq!(
        marked(&v["hits"][0]),
        ["Security", "securities", "security"]
    );
    let (_, v) = env.query_json("tiktk~1", &[]);
    assert_eq!(marked(&v["hits"][0])[0], "TikTok");
}
