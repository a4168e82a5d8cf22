//! Articles in other languages are stemmed in their own language (a real
//! German ORF.at page from trafilatura's evaluation set, beside the seeds).

use crate::common::*;

fn index_german_and_english(env: &TestEnv) {
    for docs in [fixtures().join("lang"), seeds()] {
        let r = env.index_into(&docs, &env.index_path(), &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
}

#[test]
fn german_words_match_their_other_forms() {
    let env = TestEnv::new();
    index_german_and_english(&env);
    // Inflected forms an English stemmer leaves alone: plural, case endings.
    for (query, word) in [
        ("Schauspielerinnen", "Schauspielerin"),
        ("Karrieren", "Karriere"),
        ("gestorbenen", "gestorben"),
    ] {
        let (code, v) = env.query_json(query, &[]);
        assert_eq!(code, 0, "{query} found nothing");
        assert_eq!(v["hits"][0]["title"], "Lotte Tobisch ist tot", "{query}");
        assert_eq!(v["hits"][0]["lang"], "de");
        let marked = marked(&v["hits"][0]);
        assert!(
            marked.iter().any(|m| m == word),
            "{query}: highlighted {marked:?}"
        );
    }
    // English articles keep English stemming.
    let (_, v) = env.query_json("employee", &["--limit", "5"]);
    assert_eq!(v["total"], 3);
}

#[test]
fn lang_filters_and_stored_text_carries_no_mark() {
    let env = TestEnv::new();
    index_german_and_english(&env);
    let r = env.query(
        "opernball OR tiktok",
        &["--lang", "de", "--fields", "lang,source"],
    );
    assert_eq!(r.stdout, "de\tORF.at\n");
    let r = env.query("tiktok", &["--lang", "de"]);
    assert_eq!(r.code, 1);
    let index = env.index_path();
    let r = env.run(&[
        "count",
        "*",
        "--by",
        "lang",
        "--format",
        "csv",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(r.stdout, "key,count\nen,3\nde,1\n");
    let r = env.run(&["export", "--index", index.to_str().unwrap(), "--lang", "de"]);
    let record: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(record["title"], "Lotte Tobisch ist tot");
    assert!(record["body"]
        .as_str()
        .unwrap()
        .starts_with("Chronik\n\nDie Opernball-Grande-Dame"));
    assert!(
        !r.stdout.contains('\u{e000}'),
        "the language mark stays inside the index"
    );
}

/// A Reuters earnings table (news-bench `reuters21578/00014.txt`, verbatim)
/// was "reliably" French to the detector, and would have been stemmed so.
#[test]
fn tables_of_figures_are_not_taken_for_another_language() {
    let env = TestEnv::new();
    let file = env.dir.path().join("00014.txt");
    std::fs::write(
        &file,
        "BROWN-FORMAN INC <BFD> 4TH QTR NET\n\nLOUISVILLE, Ky., Feb 26 - Shr one dlr vs 73 cts\n    \
         Net 12.6 mln vs 15.8 mln\n    Revs 337.3 mln vs 315.2 mln\n    Nine mths\n    \
         Shr 3.07 dlrs vs 3.08 dlrs\n    Net 66 mln vs 66.2 mln\n    \
         Revs 1.59 billion vs 997.1 mln\n Reuter\n",
    )
    .unwrap();
    let r = env.run(&["extract", file.to_str().unwrap(), "--fields", "lang"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_ne!(r.stdout.trim(), "{\"lang\":\"fr\"}");
    // Real French prose still is French.
    let french = env.dir.path().join("fr.txt");
    std::fs::write(
        &french,
        "Le gouvernement a annoncé mardi une série de mesures pour soutenir les entreprises \
         qui ont été touchées par la crise, selon le ministre de l'Économie et des Finances.\n",
    )
    .unwrap();
    let r = env.run(&["extract", french.to_str().unwrap(), "--fields", "lang"]);
    assert_eq!(r.stdout.trim(), "{\"lang\":\"fr\"}");
}

/// A word is found however its letters are encoded: soft hyphens inside a
/// German word (weinkenner.de: `Mag&shy;da&shy;le&shy;ner`) and a letter written
/// as one code point in the article and as two in the query (`য়` on
/// ukbdnews.com; `é` typed as `e` and a combining accent).
#[test]
fn words_match_whatever_their_encoding() {
    let env = TestEnv::new();
    let docs = env.dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("wein.html"),
        "<html lang=\"de\"><head><title>St. Magdalener</title>\
         <meta name=\"author\" content=\"José Müller\"></head><body><article>\
         <p>Schon im Mit&shy;tel&shy;al&shy;ter war der St. Mag&shy;da&shy;le&shy;ner das \
         Aus&shy;hän&shy;ge&shy;schild der Bozner Weinberge, ein Rotwein aus Vernatsch, den \
         man im Café am Waltherplatz trinkt.</p></article></body></html>",
    )
    .unwrap();
    let r = env.index_into(&docs, &env.index_path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (query, word) in [
        ("Mittelalter", "Mittelalter"),
        ("Magdalener", "Magdalener"),
        ("Cafe\u{301}", "Caf\u{e9}"),
    ] {
        let (code, v) = env.query_json(query, &[]);
        assert_eq!(code, 0, "{query} found nothing");
        assert_eq!(v["hits"][0]["title"], "St. Magdalener", "{query}");
        let marked = marked(&v["hits"][0]);
        assert!(
            marked.iter().any(|m| m == word),
            "{query}: highlighted {marked:?}"
        );
    }
    // An author filter typed with combining accents finds the stored name.
    let (code, v) = env.query_json("Rotwein", &["--author", "Jose\u{301} Mu\u{308}ller"]);
    assert_eq!(code, 0, "the author filter found nothing");
    assert_eq!(v["hits"][0]["authors"][0], "Jos\u{e9} M\u{fc}ller");
    let r = env.run(&["extract", docs.join("wein.html").to_str().unwrap()]);
    assert!(
        r.stdout.contains("Mittelalter war der St. Magdalener"),
        "{}",
        r.stdout
    );
}
