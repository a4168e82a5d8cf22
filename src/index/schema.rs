//! The index schema: field names, their options, and the analyzers they use.
//!
//! Field names are constants here and nowhere else; other modules reach the
//! fields through `Fields`.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, TextAnalyzer,
};
use tantivy::Index;

pub const PATH: &str = "path";
pub const KIND: &str = "kind";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const AUTHORS: &str = "authors";
pub const SOURCE: &str = "source";
pub const SOURCE_KEY: &str = "source_key";
pub const AUTHOR_KEY: &str = "author_key";
pub const DATE: &str = "date";
pub const URL: &str = "url";
pub const LANG: &str = "lang";
pub const WORDS: &str = "words";
pub const HASH: &str = "hash";
pub const SIZE: &str = "size";
pub const MTIME: &str = "mtime";
pub const SIGNATURE: &str = "signature";

/// Bumped whenever the schema or the analyzers change, so an index made by
/// another version is rebuilt instead of silently misread. Kept in the commit payload.
pub const SCHEMA_VERSION: u32 = 4;

/// Stemmed, folded prose analyzer for title and body.
pub const NEWS_ANALYZER: &str = "news";
/// Folded but unstemmed analyzer for names (authors, outlets).
pub const NAME_ANALYZER: &str = "name";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub kind: Field,
    pub title: Field,
    pub body: Field,
    pub authors: Field,
    pub source: Field,
    pub source_key: Field,
    pub author_key: Field,
    pub date: Field,
    pub url: Field,
    pub lang: Field,
    pub words: Field,
    pub hash: Field,
    pub size: Field,
    pub mtime: Field,
    pub signature: Field,
}

impl Fields {
    /// Looks the fields up in a schema; `None` if the schema is not ours.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name| schema.get_field(name).ok();
        Some(Fields {
            path: f(PATH)?,
            kind: f(KIND)?,
            title: f(TITLE)?,
            body: f(BODY)?,
            authors: f(AUTHORS)?,
            source: f(SOURCE)?,
            source_key: f(SOURCE_KEY)?,
            author_key: f(AUTHOR_KEY)?,
            date: f(DATE)?,
            url: f(URL)?,
            lang: f(LANG)?,
            words: f(WORDS)?,
            hash: f(HASH)?,
            size: f(SIZE)?,
            mtime: f(MTIME)?,
            signature: f(SIGNATURE)?,
        })
    }
}

fn text_with(analyzer: &str) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored()
}

/// Builds the schema every index is created with.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(PATH, STRING | STORED | FAST);
    b.add_text_field(KIND, STRING | STORED);
    b.add_text_field(TITLE, text_with(NEWS_ANALYZER));
    b.add_text_field(BODY, text_with(NEWS_ANALYZER));
    b.add_text_field(AUTHORS, text_with(NAME_ANALYZER));
    b.add_text_field(SOURCE, text_with(NAME_ANALYZER));
    b.add_text_field(SOURCE_KEY, STRING | FAST);
    b.add_text_field(AUTHOR_KEY, STRING | FAST);
    b.add_date_field(
        DATE,
        DateOptions::from(tantivy::schema::INDEXED)
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field(URL, STORED);
    b.add_text_field(LANG, STRING | STORED | FAST);
    b.add_u64_field(WORDS, STORED | FAST);
    // The file's stamp, for incremental runs: size and mtime first, hash to confirm.
    b.add_text_field(HASH, STRING | STORED | FAST);
    b.add_u64_field(SIZE, FAST);
    b.add_i64_field(MTIME, FAST);
    // The packed story signature (see `stories`), beside the document it
    // describes, so it is committed (or lost) with it.
    b.add_bytes_field(SIGNATURE, FAST);
    b.build()
}

/// Tokens longer than this many bytes are dropped by every analyzer.
pub const MAX_TOKEN_BYTES: usize = 40;

/// The prose analyzer: split into words (apostrophes handled), drop huge tokens, lowercase, fold accents, stem.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(news_tokenizer())
}

/// The prose analyzer with another language's stemmer (for query words, which
/// carry no language mark).
pub fn news_analyzer_in(language: Language) -> TextAnalyzer {
    TextAnalyzer::from(super::news_tokenizer::NewsTokenizer::new(language))
}

/// The prose analyzer's tokenizer, for wrapping (see `backlog`).
pub(super) fn news_tokenizer() -> super::news_tokenizer::NewsTokenizer {
    super::news_tokenizer::NewsTokenizer::new(Language::English)
}

/// The name analyzer: like `news` without stemming, so `Weise` does not match `wise`.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(super::tokenizer::WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers our analyzers; tantivy stores only their names, so every open must do this.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NEWS_ANALYZER, news_analyzer());
    index.tokenizers().register(NAME_ANALYZER, name_analyzer());
}
