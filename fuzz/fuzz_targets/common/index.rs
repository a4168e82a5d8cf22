//! A small index made once per process in a temporary folder, shared by the
//! `query_search*` targets (included with `#[path]`).

use std::sync::OnceLock;

use search::document::{count_words, Article, Kind};
use search::index::{IndexWriter, OpenIndex};
use search::query::{Request, SortOrder};

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub open: OpenIndex,
}

fn article(
    path: &str,
    title: &str,
    date: &str,
    authors: &[&str],
    source: &str,
    body: &str,
) -> Article {
    Article {
        id: search::document::article_id(path),
        path: path.to_string(),
        kind: Kind::Text,
        title: Some(title.to_string()),
        date: search::ingest::parse_date(date),
        authors: authors.iter().map(|a| a.to_string()).collect(),
        source: Some(source.to_string()),
        url: Some(format!("https://example.com/{path}")),
        lang: Some("en".to_string()),
        words: count_words(body),
        hash: search::ingest::content_hash(body.as_bytes()),
        body: body.to_string(),
    }
}

pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("search-fuzz-index")
            .tempdir()
            .expect("temporary folder");
        let path = dir.path().join("index");
        let mut writer = IndexWriter::open_or_create(&path, true).expect("create index");
        let articles = [
            article(
                "a.txt",
                "Wells Fargo raises interest rates",
                "2020-07-10",
                &["Jane Doe", "John Smith"],
                "Reuters",
                "Wells Fargo said on Friday it would raise interest rates. Oil prices fell \
                 as company-owned stores at Amazon.com reported employees' pay rising.\n\n\
                 The bank's chief executive declined to comment.",
            ),
            article(
                "b.txt",
                "TikTok ban considered",
                "2021-01-05",
                &["Ann Lee"],
                "The New York Times",
                "Officials weighed a ban on TikTok over data security. What did the \
                 administration decide about the app?\n\nThe decision is expected next week.",
            ),
            article(
                "c.txt",
                "Oil prices slump",
                "1963-03-01",
                &[],
                "Time",
                "Oil prices slumped in West Germany and South Viet Nam as troops were \
                 stationed abroad. Kennedy administration pressure on Diem grew.",
            ),
            // An exact copy under another path (folded into one hit).
            article(
                "d.txt",
                "Oil prices slump",
                "1963-03-01",
                &[],
                "Time",
                "Oil prices slumped in West Germany and South Viet Nam as troops were \
                 stationed abroad. Kennedy administration pressure on Diem grew.",
            ),
        ];
        for a in &articles {
            writer
                .upsert(a, a.body.len() as u64, 0, &search::stories::packed_signature(a))
                .expect("add article");
        }
        writer.finish().expect("commit index");
        let open = search::index::open(&path).expect("open index");
        Fixture { _dir: dir, open }
    })
}

/// Runs `text` as a query against the fixture index, sorted by `sort`, and
/// checks what any answer must satisfy. Errors (bad syntax, no words) are fine.
pub fn run(text: &str, sort: SortOrder) {
    let request = Request {
        query: text.to_string(),
        limit: 3,
        offset: 0,
        filter: Default::default(),
        sort,
        duplicates: false,
        group: false,
    };
    if let Ok(results) = search::query::search(&fixture().open, &request) {
        assert!(results.hits.len() <= 3);
        assert!(results.total >= results.hits.len());
    }
}
