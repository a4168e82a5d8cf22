//! Stories: articles from any outlet that cover the same event, grouped
//! after each indexing run (`cluster`) from each article's `signature`.
//!
//! Signatures are computed in the cleaning threads and stored in the index
//! itself (a bytes fast field), so they are committed, or lost, with their
//! articles. After the final commit every signature is read back and the
//! stories of two or more articles are written to `stories.json` beside the
//! index (atomically), stamped with the commit they describe: a run killed
//! between its commit and that write leaves a stale stamp, and the next run
//! regroups even if nothing else changed.

mod cluster;
mod signature;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::columnar::StrColumn;
use tantivy::{Searcher, SegmentReader};

use cluster::span;
pub use cluster::{
    NEAR_COPY, SAME_STORY, SAME_STORY_SMALL, SAME_STORY_UNDATED, SMALL_INDEX, WINDOW_DAYS,
};
pub use signature::{signature, Signature};

use crate::document::{article_id, Article};
use crate::error::{Error, Result};
use crate::index::{schema, stored, OpenIndex};

const STORIES_FILE: &str = "stories.json";
/// Bumped when signatures or grouping change meaning: older files are regrouped.
const VERSION: u32 = 3;

/// The packed signature of a cleaned article, as the index stores it.
pub fn packed_signature(article: &Article) -> Vec<u8> {
    signature::packed(article.title.as_deref(), &article.body)
}

/// One article of a story in `stories.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileMember {
    id: String,
    path: String,
    /// The id of the article this one copies (same file, or near-identical text).
    copy_of: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileStory {
    id: String,
    /// Earliest first; undated last.
    members: Vec<FileMember>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StoriesFile {
    version: u32,
    /// The index commit (opstamp) these stories describe.
    opstamp: u64,
    stories: Vec<FileStory>,
}

/// One article of a story, as queries show it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryMember {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    /// The id of the article this one copies (same file, or near-identical text).
    pub copy_of: Option<String>,
}

impl StoryMember {
    /// The only member of a story no other article joined.
    pub fn alone(hit: &crate::query::Hit) -> StoryMember {
        StoryMember {
            id: hit.id.clone(),
            path: hit.path.clone(),
            title: hit.title.clone(),
            source: hit.source.clone(),
            date: hit.date.clone(),
            copy_of: None,
        }
    }
}

/// The stories of an index, looked up by article id.
#[derive(Debug, Default)]
pub struct Stories {
    stories: Vec<FileStory>,
    by_article: HashMap<String, usize>,
}

impl Stories {
    /// Reads the stories of the index at `index`; none if they were never grouped.
    pub fn load(index: &Path) -> Stories {
        let file: StoriesFile = read_json(&index.join(STORIES_FILE)).unwrap_or_default();
        if file.version != VERSION {
            return Stories::default();
        }
        let by_article = file
            .stories
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.members.iter().map(move |m| (m.id.clone(), i)))
            .collect();
        Stories {
            stories: file.stories,
            by_article,
        }
    }

    /// How many stories of two or more articles there are, and how many
    /// articles they hold.
    pub fn sizes(&self) -> (usize, usize) {
        let articles = self.stories.iter().map(|s| s.members.len()).sum();
        (self.stories.len(), articles)
    }

    /// The id of the story an article belongs to: its story's, or its own when alone.
    pub fn id_of<'a>(&'a self, article_id: &'a str) -> &'a str {
        match self.by_article.get(article_id) {
            Some(&i) => &self.stories[i].id,
            None => article_id,
        }
    }

    /// The story's articles, earliest first, with what the index stores of
    /// each; `None` when the article has no company.
    pub fn members(&self, open: &OpenIndex, article_id: &str) -> Option<Vec<StoryMember>> {
        let story = &self.stories[*self.by_article.get(article_id)?];
        let searcher = open.reader.searcher();
        Some(
            story
                .members
                .iter()
                .map(|m| {
                    let article = stored::find(open, &searcher, &m.path)
                        .and_then(|addr| stored::load(open, &searcher, addr))
                        .map(|doc| stored::article(&doc, &open.fields))
                        .ok();
                    StoryMember {
                        id: m.id.clone(),
                        path: m.path.clone(),
                        title: article.as_ref().and_then(|a| a.title.clone()),
                        source: article.as_ref().and_then(|a| a.source.clone()),
                        date: article
                            .as_ref()
                            .and_then(|a| a.date)
                            .map(|d| d.format("%Y-%m-%d").to_string()),
                        copy_of: m.copy_of.clone(),
                    }
                })
                .collect(),
        )
    }
}

/// What `is_current` needs of `stories.json`; the stories are skipped unkept.
#[derive(Deserialize)]
struct StoriesHead {
    version: u32,
    opstamp: u64,
}

/// Whether `stories.json` describes the index's last commit.
///
/// Streamed through a small buffer: read whole and parsed, the file of
/// news-bench ×4 (179k articles, 21 MB) was the peak of a re-index that found
/// nothing to do (the file's bytes and its stories' strings, 36 MB).
pub fn is_current(open: &OpenIndex) -> bool {
    let head = std::fs::File::open(open.path.join(STORIES_FILE))
        .ok()
        .and_then(|file| {
            serde_json::from_reader::<_, StoriesHead>(std::io::BufReader::new(file)).ok()
        });
    match (head, open.index.load_metas()) {
        (Some(head), Ok(meta)) => head.version == VERSION && head.opstamp == meta.opstamp,
        _ => false,
    }
}

/// Groups every article of the committed index into stories and replaces
/// `stories.json`.
pub fn regroup(open: &OpenIndex) -> Result<()> {
    let articles = Articles::read(open);
    let vectors = cluster::Vectors::weigh(articles.terms, articles.spans);
    let grouping = cluster::group_weighed(&articles.days, &articles.hashes, &vectors);
    drop(vectors);

    let path = |i: usize| &articles.paths[span(&articles.path_spans[i])];
    let day = |i: usize| articles.days[i];
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &lead) in grouping.lead.iter().enumerate() {
        groups.entry(lead).or_default().push(i);
    }
    let mut stories = Vec::new();
    for (lead, mut indices) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        indices.sort_by_key(|&i| (day(i).unwrap_or(i32::MAX), i));
        let members = indices
            .iter()
            .map(|&i| FileMember {
                id: article_id(path(i)),
                path: path(i).to_string(),
                copy_of: grouping.copy_of[i].map(|c| article_id(path(c))),
            })
            .collect();
        stories.push(FileStory {
            id: article_id(path(lead)),
            members,
        });
    }
    let opstamp = open
        .index
        .load_metas()
        .map_err(|source| Error::Index {
            path: open.path.clone(),
            what: "reading the commit",
            source,
        })?
        .opstamp;
    write_json(
        &open.path.join(STORIES_FILE),
        &StoriesFile {
            version: VERSION,
            opstamp,
            stories,
        },
    )
}

/// What grouping needs of every live article, in path order (the grouping
/// must not depend on how segments were merged), one value per article in
/// each list. Paths share one buffer and signatures another: at news-bench x4
/// (179k articles) a `String` per path and a struct per article holding
/// copies of the days and digests cost about 20 MB more.
struct Articles {
    /// Every path, back to back; article i's is `paths[path_spans[i]]`.
    paths: String,
    path_spans: Vec<Range<u32>>,
    /// Days since the epoch, if dated.
    days: Vec<Option<i32>>,
    /// A digest of the article's hash: only equality matters.
    hashes: Vec<Option<cluster::Digest>>,
    /// Every unpacked signature, back to back (see `cluster::Vectors`);
    /// article i's (term, count) pairs are `terms[spans[i]]`.
    terms: Vec<cluster::Entry>,
    spans: Vec<Range<u32>>,
}

impl Articles {
    fn read(open: &OpenIndex) -> Articles {
        let searcher = open.reader.searcher();
        let n = searcher.num_docs() as usize;
        let (path_bytes, entries) = Self::sizes(&searcher);
        let mut read = Articles {
            paths: String::with_capacity(path_bytes),
            path_spans: Vec::with_capacity(n),
            days: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
            terms: Vec::with_capacity(entries),
            spans: Vec::with_capacity(n),
        };
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(paths), Some(hashes)) = Self::key_columns(segment) else {
                continue;
            };
            let (path_values, hash_values) = (
                stored::column_values(&paths),
                stored::column_values(&hashes),
            );
            let signatures = fast.bytes(schema::SIGNATURE).ok().flatten();
            // The segment's signatures as stored (6 bytes a term), by ordinal.
            let (mut packed, mut packed_starts) = (Vec::new(), vec![0usize]);
            if let Some(column) = &signatures {
                if let Ok(mut stream) = column.dictionary().stream() {
                    while stream.advance() {
                        packed.extend_from_slice(stream.key());
                        packed_starts.push(packed.len());
                    }
                }
            }
            let dates = fast.date(schema::DATE).ok();
            for doc in segment.doc_ids_alive() {
                let from = read.terms.len() as u32;
                if let Some(ord) = signatures
                    .as_ref()
                    .and_then(|c| c.term_ords(doc).next())
                    .filter(|&ord| (ord as usize) + 1 < packed_starts.len())
                {
                    let ord = ord as usize;
                    read.terms.extend(
                        signature::unpack(&packed[packed_starts[ord]..packed_starts[ord + 1]])
                            .map(|(term, count)| cluster::Entry::new(term, count)),
                    );
                }
                read.spans.push(from..read.terms.len() as u32);
                read.days.push(
                    dates
                        .as_ref()
                        .and_then(|c| c.first(doc))
                        .map(|d| d.into_timestamp_secs().div_euclid(86_400) as i32),
                );
                let hash = stored::first_value(&hashes, &hash_values, doc);
                read.hashes
                    .push((!hash.is_empty()).then(|| cluster::digest(hash.as_bytes())));
                let at = read.paths.len() as u32;
                read.paths
                    .push_str(stored::first_value(&paths, &path_values, doc));
                read.path_spans.push(at..read.paths.len() as u32);
            }
        }
        read.into_path_order()
    }

    /// The path and hash columns of a segment; a segment without them holds no article.
    fn key_columns(segment: &SegmentReader) -> (Option<StrColumn>, Option<StrColumn>) {
        let fast = segment.fast_fields();
        (
            fast.str(schema::PATH).ok().flatten(),
            fast.str(schema::HASH).ok().flatten(),
        )
    }

    /// The bytes of every live article's path and the (term, count) pairs of
    /// every live signature, so that `read` fills lists of the exact size:
    /// grown by doubling, the pairs took 63 MB for 35 MB of data at
    /// news-bench ×4 (179k articles). It streams the two dictionaries once
    /// more than `read` alone would; regrouping's time did not change.
    fn sizes(searcher: &Searcher) -> (usize, usize) {
        let (mut path_bytes, mut entries) = (0, 0);
        for segment in searcher.segment_readers() {
            let (Some(paths), Some(_)) = Self::key_columns(segment) else {
                continue;
            };
            let signatures = segment
                .fast_fields()
                .bytes(schema::SIGNATURE)
                .ok()
                .flatten();
            let path_lengths = key_lengths(paths.dictionary());
            let signature_lengths = signatures
                .as_ref()
                .map_or_else(Vec::new, |c| key_lengths(c.dictionary()));
            let length = |lengths: &[usize], ord: Option<u64>| {
                ord.and_then(|o| lengths.get(o as usize))
                    .copied()
                    .unwrap_or(0)
            };
            for doc in segment.doc_ids_alive() {
                path_bytes += length(&path_lengths, paths.term_ords(doc).next());
                let ord = signatures.as_ref().and_then(|c| c.term_ords(doc).next());
                entries += length(&signature_lengths, ord) / signature::PACKED_ENTRY_BYTES;
            }
        }
        (path_bytes, entries)
    }

    /// The same articles, sorted by path. The lists are copied one at a time,
    /// each old one freed before the next is copied.
    fn into_path_order(self) -> Articles {
        let path = |i: u32| &self.paths[span(&self.path_spans[i as usize])];
        let mut order: Vec<u32> = (0..self.path_spans.len() as u32).collect();
        order.sort_by(|&a, &b| path(a).cmp(path(b)));
        fn permuted<T: Clone>(list: Vec<T>, order: &[u32]) -> Vec<T> {
            order.iter().map(|&i| list[i as usize].clone()).collect()
        }
        Articles {
            path_spans: permuted(self.path_spans, &order),
            days: permuted(self.days, &order),
            hashes: permuted(self.hashes, &order),
            spans: permuted(self.spans, &order),
            paths: self.paths,
            terms: self.terms,
        }
    }
}

/// The length of each key of a fast field's dictionary, by ordinal.
fn key_lengths(dictionary: &tantivy::columnar::Dictionary) -> Vec<usize> {
    let mut lengths = Vec::new();
    if let Ok(mut stream) = dictionary.stream() {
        while stream.advance() {
            lengths.push(stream.key().len());
        }
    }
    lengths
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes through a temporary file and a rename, so readers never see half a file.
fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    crate::index::replace_file(path, |out| {
        serde_json::to_writer(out, value).map_err(std::io::Error::from)
    })
}
