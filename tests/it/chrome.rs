//! Chrome learned from the corpus: lines recurring across one folder's text
//! scrapes leave bodies and titles, whatever their words, while a file with no
//! siblings keeps them (the fixed phrase list does not know them).
//!
//! The articles are real (the first l3s truth texts with a one-line title and
//! three or more paragraphs); the outlet around them is made up, so that no
//! phrase of it is in `ingest/chrome.rs`.

use std::path::Path;

use serde_json::Value;

use crate::common::*;

const MASTHEAD: &str = "Zorblatt Daily";
const MENU: &str = "Home · World · Money · Culture";
const MID_ARTICLE: &str = "Trending now: the stories everyone reads";
const APP_PLUG: &str = "Get the Zorblatt app for breaking news alerts";
const FOOTER: &str = "Zorblatt Media Group. Terms of use. Privacy.";

struct Article {
    title: String,
    paragraphs: Vec<String>,
}

fn real_articles(n: usize) -> Option<Vec<Article>> {
    let truth = shared("corpora/extract/l3s/truth");
    let mut names: Vec<_> = std::fs::read_dir(&truth)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let articles: Vec<Article> = names
        .iter()
        .filter_map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
            let title = v["title"].as_str()?.to_string();
            let paragraphs: Vec<String> = v["body"]
                .as_str()?
                .lines()
                .map(str::trim)
                .filter(|l| l.split_whitespace().count() >= 12)
                .map(str::to_string)
                .collect();
            (!title.contains('\n')
                && title.split_whitespace().count() >= 4
                && paragraphs.len() >= 3)
                .then_some(Article { title, paragraphs })
        })
        .take(n)
        .collect();
    (articles.len() == n).then_some(articles)
}

fn write_page(path: &Path, article: &Article) {
    let mid = article.paragraphs.len() / 2;
    let mut lines = vec![MASTHEAD, MENU, article.title.as_str()];
    lines.extend(article.paragraphs[..mid].iter().map(String::as_str));
    lines.push(MID_ARTICLE);
    lines.extend(article.paragraphs[mid..].iter().map(String::as_str));
    lines.extend([APP_PLUG, FOOTER]);
    std::fs::write(path, lines.join("\n\n") + "\n").unwrap();
}

fn records(env: &TestEnv, path: &Path) -> Vec<Value> {
    let r = env.run(&["extract", path.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json_lines()
}

fn holds_chrome(record: &Value) -> bool {
    let text = format!("{} {}", record["title"], record["body"]);
    [MASTHEAD, MENU, MID_ARTICLE, APP_PLUG, FOOTER]
        .iter()
        .any(|c| text.contains(c))
}

#[test]
fn lines_recurring_across_a_folder_are_chrome() {
    let Some(articles) = real_articles(5) else {
        eprintln!("skipping: ../shared/corpora/extract/l3s not present");
        return;
    };
    let env = TestEnv::new();
    let outlet = env.dir.path().join("zorblatt");
    let alone = env.dir.path().join("alone");
    std::fs::create_dir_all(&outlet).unwrap();
    std::fs::create_dir_all(&alone).unwrap();
    for (i, article) in articles.iter().enumerate() {
        write_page(&outlet.join(format!("page-{i}.txt")), article);
    }
    write_page(&alone.join("page-0.txt"), &articles[0]);

    // The control: one page by itself keeps some of its outlet's chrome.
    let single = records(&env, &alone);
    assert!(holds_chrome(&single[0]), "{:#}", single[0]);

    let learned = records(&env, &outlet);
    assert_eq!(learned.len(), 5);
    for (i, (record, article)) in learned.iter().zip(&articles).enumerate() {
        assert!(!holds_chrome(record), "{:#}", record);
        assert_eq!(record["title"], article.title.as_str());
        // Learning takes nothing of the article that the page read alone kept.
        let by_itself = env.dir.path().join(format!("by-itself-{i}"));
        std::fs::create_dir_all(&by_itself).unwrap();
        write_page(&by_itself.join("page.txt"), article);
        let kept_alone = records(&env, &by_itself)[0]["body"]
            .as_str()
            .unwrap()
            .to_string();
        let body = record["body"].as_str().unwrap();
        let mut kept = 0;
        for paragraph in &article.paragraphs {
            if kept_alone.contains(paragraph.as_str()) {
                assert!(
                    body.contains(paragraph.as_str()),
                    "lost {paragraph:?} from {body}"
                );
                kept += 1;
            }
        }
        assert!(kept >= article.paragraphs.len() / 2, "{kept_alone}");
    }

    // One file of the folder, extracted alone, is read as indexing the folder reads it.
    let one = records(&env, &outlet.join("page-0.txt"));
    assert_eq!(one[0], learned[0]);

    // Nor is the chrome searchable once indexed.
    assert_eq!(env.index(&outlet).code, 0);
    let (code, hits) = env.query_json("zorblatt", &[]);
    assert_eq!(code, 1, "{hits:#}");
    let (code, _) = env.query_json(&format!("\"{}\"", articles[1].title), &[]);
    assert_eq!(code, 0);
}

#[test]
fn a_folder_saved_twice_is_cleaned_alike_in_both() {
    let Some(articles) = real_articles(5) else {
        eprintln!("skipping: ../shared/corpora/extract/l3s not present");
        return;
    };
    let env = TestEnv::new();
    let saves = env.dir.path().join("saves");
    for copy in ["first", "second"] {
        let outlet = saves.join(copy).join("zorblatt");
        std::fs::create_dir_all(&outlet).unwrap();
        for (i, article) in articles.iter().enumerate() {
            write_page(&outlet.join(format!("page-{i}.txt")), article);
        }
    }
    // Exact copies count once within a folder, not across folders: the second
    // save learns its chrome from its own files, as the first does.
    let records = records(&env, &saves);
    assert_eq!(records.len(), 10);
    let (first, second) = records.split_at(5);
    for (a, b) in first.iter().zip(second) {
        assert!(!holds_chrome(a), "{a:#}");
        assert!(!holds_chrome(b), "{b:#}");
        assert_eq!(a["title"], b["title"]);
        assert_eq!(a["body"], b["body"]);
    }
}
