//! Stories: articles from any outlet that cover the same event, grouped at
//! index time (`cluster`) from each article's `signature`.
//!
//! Two files beside the index hold them, both replaced atomically after the
//! index's final commit: `stories-signatures.json` (one signature per article,
//! so an incremental run only signs what changed) and `stories.json` (the
//! stories of two or more articles, read by queries). Before writing, the
//! signatures are reconciled with what the index holds, so a run killed
//! between the commit and the write is repaired by the next one.

mod cluster;
mod signature;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use cluster::{
    NEAR_COPY, SAME_STORY, SAME_STORY_SMALL, SAME_STORY_UNDATED, SMALL_INDEX, WINDOW_DAYS,
};
pub use signature::{signature, Signature};

use crate::document::{article_id, Article};
use crate::error::{Error, Result};
use crate::index::{schema, stored, OpenIndex};

const SIGNATURES_FILE: &str = "stories-signatures.json";
const STORIES_FILE: &str = "stories.json";
/// Bumped when signatures or grouping change meaning: older files are rebuilt.
const VERSION: u32 = 1;

/// What grouping keeps of an article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    hash: String,
    /// Days since 1970-01-01.
    day: Option<i32>,
    title: Option<String>,
    source: Option<String>,
    signature: Signature,
}

impl Entry {
    /// The entry of a cleaned article (computed in the cleaning threads).
    pub fn of(article: &Article) -> Entry {
        Entry {
            hash: article.hash.clone(),
            day: article
                .date
                .map(|d| (d - chrono::NaiveDate::default()).num_days() as i32),
            title: article.title.clone(),
            source: article.source.clone(),
            signature: signature(article.title.as_deref(), &article.body),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct SignatureFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// One article of a story, as queries show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// A story of two or more articles; its id is its lead (earliest) article's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    /// Earliest first; undated last.
    pub members: Vec<StoryMember>,
}

impl Story {
    /// Distinct outlets, in member order.
    pub fn sources(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for m in &self.members {
            if let Some(s) = m.source.as_deref() {
                if !seen.contains(&s) {
                    seen.push(s);
                }
            }
        }
        seen
    }

    /// First and last publication dates.
    pub fn span(&self) -> Option<(&str, &str)> {
        let mut dates = self.members.iter().filter_map(|m| m.date.as_deref());
        let first = dates.next()?;
        let (min, max) = dates.fold((first, first), |(a, b), d| (a.min(d), b.max(d)));
        Some((min, max))
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StoriesFile {
    version: u32,
    stories: Vec<Story>,
}

/// The stories of an index, looked up by article id.
#[derive(Debug, Default)]
pub struct Stories {
    stories: Vec<Story>,
    by_article: HashMap<String, usize>,
}

impl Stories {
    /// Reads the stories of the index at `index`; none if they were never computed.
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

    /// The story an article belongs to, if it has company.
    pub fn of(&self, article_id: &str) -> Option<&Story> {
        self.by_article.get(article_id).map(|&i| &self.stories[i])
    }

    /// The story id of an article: its story's, or its own when alone.
    pub fn id_of<'a>(&'a self, article_id: &'a str) -> &'a str {
        self.of(article_id).map_or(article_id, |s| s.id.as_str())
    }
}

/// Signatures of an index being updated: changed articles in, removed ones out.
pub struct Tracker {
    file: SignatureFile,
}

/// What `Tracker::save` found.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub stories: usize,
    pub grouped_articles: usize,
    /// Signatures computed from stored articles (missing or stale files).
    pub repaired: usize,
}

impl Tracker {
    /// The signatures saved with the index at `index` (none with `fresh`).
    pub fn load(index: &Path, fresh: bool) -> Tracker {
        let file: SignatureFile = if fresh {
            SignatureFile::default()
        } else {
            read_json(&index.join(SIGNATURES_FILE))
                .filter(|f: &SignatureFile| f.version == VERSION)
                .unwrap_or_default()
        };
        Tracker { file }
    }

    /// Whether the stories file exists for the index (else a save is due).
    pub fn is_saved(index: &Path) -> bool {
        index.join(STORIES_FILE).is_file() && index.join(SIGNATURES_FILE).is_file()
    }

    pub fn upsert(&mut self, path: &str, entry: Entry) {
        self.file.entries.insert(path.to_string(), entry);
    }

    pub fn remove(&mut self, path: &str) {
        self.file.entries.remove(path);
    }

    /// Reconciles the signatures with the committed index, groups, and
    /// replaces both files.
    pub fn save(mut self, open: &OpenIndex) -> Result<Summary> {
        let repaired = self.reconcile(open)?;
        let entries: Vec<(&String, &Entry)> = self.file.entries.iter().collect();
        let members: Vec<cluster::Member> = entries
            .iter()
            .map(|(_, e)| cluster::Member {
                day: e.day,
                hash: &e.hash,
                signature: &e.signature,
            })
            .collect();
        let grouping = cluster::group(&members);

        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &lead) in grouping.lead.iter().enumerate() {
            groups.entry(lead).or_default().push(i);
        }
        let day_text = |day: Option<i32>| {
            day.and_then(|d| {
                chrono::NaiveDate::default().checked_add_signed(chrono::Duration::days(d.into()))
            })
            .map(|d| d.format("%Y-%m-%d").to_string())
        };
        let mut stories = Vec::new();
        for (lead, mut indices) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
            indices.sort_by_key(|&i| (entries[i].1.day.unwrap_or(i32::MAX), i));
            let members = indices
                .iter()
                .map(|&i| {
                    let (path, e) = entries[i];
                    StoryMember {
                        id: article_id(path),
                        path: path.clone(),
                        title: e.title.clone(),
                        source: e.source.clone(),
                        date: day_text(e.day),
                        copy_of: grouping.copy_of[i].map(|c| article_id(entries[c].0)),
                    }
                })
                .collect();
            stories.push(Story {
                id: article_id(entries[lead].0),
                members,
            });
        }
        let summary = Summary {
            stories: stories.len(),
            grouped_articles: stories.iter().map(|s| s.members.len()).sum(),
            repaired,
        };
        self.file.version = VERSION;
        write_json(&open.path.join(SIGNATURES_FILE), &self.file)?;
        write_json(
            &open.path.join(STORIES_FILE),
            &StoriesFile {
                version: VERSION,
                stories,
            },
        )?;
        Ok(summary)
    }

    /// Drops signatures of articles the index no longer holds and signs, from
    /// the stored text, those it holds without one (or with a stale one).
    fn reconcile(&mut self, open: &OpenIndex) -> Result<usize> {
        let searcher = open.reader.searcher();
        let mut live: HashSet<String> = HashSet::new();
        let mut missing = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let paths = segment.fast_fields().str(schema::PATH).ok().flatten();
            let hashes = segment.fast_fields().str(schema::HASH).ok().flatten();
            let (Some(paths), Some(hashes)) = (paths, hashes) else {
                continue;
            };
            let (path_values, hash_values) = (
                stored::column_values(&paths),
                stored::column_values(&hashes),
            );
            for doc in segment.doc_ids_alive() {
                let path = stored::first_value(&paths, &path_values, doc);
                let hash = stored::first_value(&hashes, &hash_values, doc);
                if self.file.entries.get(path).is_none_or(|e| e.hash != hash) {
                    missing.push(tantivy::DocAddress::new(ord as u32, doc));
                }
                live.insert(path.to_string());
            }
        }
        self.file.entries.retain(|path, _| live.contains(path));
        for &addr in &missing {
            let doc = stored::load(open, &searcher, addr)?;
            let article = stored::article(&doc, &open.fields);
            let entry = Entry::of(&article);
            self.file.entries.insert(article.path, entry);
        }
        Ok(missing.len())
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes through a temporary file and a rename, so readers never see half a file.
fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let io = |source| Error::Io {
        what: "cannot write",
        path: path.to_path_buf(),
        source,
    };
    let tmp: PathBuf = path.with_extension("json.tmp");
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut out, value).map_err(|e| io(e.into()))?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}
