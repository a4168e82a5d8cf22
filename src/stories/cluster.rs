//! Grouping articles into stories: TF-IDF cosine of their signatures within
//! a publication window, joined transitively (union-find).
//!
//! Thresholds were set on the seeds (one story, three outlets) and checked on
//! news-bench for false joins; see README "Stories".

use std::collections::HashMap;
use std::ops::Range;

/// Articles more than this many days apart are never the same story.
pub const WINDOW_DAYS: i32 = 3;
/// Cosine at or above which two dated articles in the window are the same story.
pub const SAME_STORY: f32 = 0.30;
/// Cosine needed when either article is undated: text alone must be surer
/// (and the two must be each other's best match).
/// (news-bench, nearly all undated: pairs at 0.4–0.5 are mostly the same
/// company or thread, not the same event; at 0.6 and above mostly the same.)
pub const SAME_STORY_UNDATED: f32 = 0.60;
/// Below this many articles, idf cannot tell a rare word from a common one and
/// every cosine runs low (the seeds alone: 0.26–0.33; among news-bench's 45k
/// articles: 0.66–0.68), so both thresholds fall to `SAME_STORY_SMALL`.
pub const SMALL_INDEX: usize = 1000;
pub const SAME_STORY_SMALL: f32 = 0.25;
/// Cosine at or above which two articles are near-identical copies.
pub const NEAR_COPY: f32 = 0.90;

/// A digest of an article's content: equal digests are exact copies. 64
/// bits, where a `u128` took 32 bytes a member with its `Option` (16 with
/// alignment, plus the tag); `NonZeroU64` leaves room for `None` in 8.
pub type Digest = std::num::NonZeroU64;

/// The digest of `content`.
pub fn digest(content: &[u8]) -> Digest {
    let hash = xxhash_rust::xxh3::xxh3_64(content);
    Digest::new(hash).unwrap_or(Digest::MIN)
}

/// What the grouping needs to know of one article.
#[cfg(test)]
pub struct Member<'a> {
    /// Days since the epoch, if dated.
    pub day: Option<i32>,
    /// A digest of the article's bytes, if known: equal digests are exact copies.
    pub hash: Option<Digest>,
    /// (term id, count) pairs: the unpacked signature.
    pub terms: &'a [(u32, u16)],
}

/// The outcome, by member index.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// The lead (earliest) member of each member's story; itself when alone.
    pub lead: Vec<usize>,
    /// The member each one copies (same bytes, or near-identical text).
    pub copy_of: Vec<Option<usize>>,
}

/// Groups `members` into stories.
#[cfg(test)]
pub fn group(members: &[Member]) -> Grouping {
    let mut entries = Vec::new();
    let mut spans = Vec::with_capacity(members.len());
    for member in members {
        let from = entries.len() as u32;
        entries.extend(
            member
                .terms
                .iter()
                .map(|&(term, count)| Entry::new(term, count)),
        );
        spans.push(from..entries.len() as u32);
    }
    let vectors = Vectors::weigh(entries, spans);
    let days: Vec<Option<i32>> = members.iter().map(|m| m.day).collect();
    let hashes: Vec<Option<Digest>> = members.iter().map(|m| m.hash).collect();
    group_weighed(&days, &hashes, &vectors)
}

/// Groups articles into stories by their publication days, digests and
/// weighed signatures (all by member index).
pub fn group_weighed(
    days: &[Option<i32>],
    hashes: &[Option<Digest>],
    vectors: &Vectors,
) -> Grouping {
    let n = days.len();
    let mut stories = UnionFind::new(n);
    let mut copies = UnionFind::new(n);

    // Exact copies first: same bytes, same story.
    let mut by_hash: HashMap<Digest, usize> = HashMap::new();
    for (i, hash) in hashes.iter().enumerate() {
        let Some(hash) = hash else { continue };
        if let Some(&first) = by_hash.get(hash) {
            stories.union(first, i);
            copies.union(first, i);
        } else {
            by_hash.insert(*hash, i);
        }
    }

    // Candidates share a rare term; each pair is scored once, exactly.
    let (same_story, same_story_undated) = if n < SMALL_INDEX {
        (SAME_STORY_SMALL, SAME_STORY_SMALL)
    } else {
        (SAME_STORY, SAME_STORY_UNDATED)
    };
    let postings = Postings::build(days, vectors);
    let mut seen_for = vec![u32::MAX; n];
    // Without a date to bound it, a pair joins only when each is the other's
    // best match: an undated article cannot bridge stories months apart, and
    // one company's many announcements do not chain into one "story".
    // (news-bench, 44,613 of 44,746 undated; 20 random stories each: 14 right
    // when each undated article joined its best match, 18 with mutual best
    // matches; mutual top-2 and top-3, or a 0.5 bar, 12–13 of 20.)
    // Each article's best match so far (the first of equals), inline: a
    // list per article cost 24 bytes plus a 64-byte allocation for each
    // undated one (about 4 MB at the 4x bench copy). Mutual top-2 and top-3
    // were tried and did worse (see above).
    let mut best_matches: Vec<Option<(f32, u32)>> = vec![None; n];
    for i in 0..n {
        for entry in vectors.get(i) {
            for j in postings.near(entry.term(), days[i], i) {
                if seen_for[j] == i as u32 {
                    continue;
                }
                seen_for[j] = i as u32;
                // Exact copies are joined above. Compared, they would be each
                // other's best match (cosine 1), and an undated article saved
                // twice could never join its story.
                if hashes[i].is_some() && hashes[i] == hashes[j] {
                    continue;
                }
                let cosine = vectors.cosine(i, j);
                if days[i].is_some() && days[j].is_some() {
                    if cosine >= same_story {
                        stories.union(i, j);
                    }
                } else if cosine >= same_story_undated {
                    for (one, other) in [(i, j), (j, i)] {
                        keep_best(&mut best_matches[one], (cosine, other as u32));
                    }
                }
                if cosine >= NEAR_COPY {
                    copies.union(i, j);
                }
            }
        }
    }

    // Mutual pairs, closest first; an undated article joins at most one dated
    // one, so it cannot tie two dated stories together.
    let mut mutual: Vec<(f32, usize, usize)> = Vec::new();
    for (i, best) in best_matches.iter().enumerate() {
        if let Some((cosine, other)) = *best {
            let other = other as usize;
            if i < other && best_matches[other].is_some_and(|(_, back)| back as usize == i) {
                mutual.push((cosine, i, other));
            }
        }
    }
    // Freed before the leads are worked out, which need room of their own.
    drop((best_matches, postings, seen_for));
    mutual.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut joined_dated = vec![false; n];
    for (_, i, j) in mutual {
        let undated = match (days[i], days[j]) {
            (None, None) => None,
            (None, Some(_)) => Some(i),
            _ => Some(j),
        };
        match undated {
            Some(u) if joined_dated[u] => {}
            Some(u) => {
                joined_dated[u] = true;
                stories.union(i, j);
            }
            None => stories.union(i, j),
        }
    }

    // The lead of a group is its earliest member (undated last, then input order).
    let order = |i: usize| (days[i].unwrap_or(i32::MAX), i);
    let leads = |sets: &mut UnionFind| {
        // By root: a list, not a hash map.
        let mut lead = vec![usize::MAX; n];
        for i in 0..n {
            let best = &mut lead[sets.find(i)];
            if *best == usize::MAX || order(i) < order(*best) {
                *best = i;
            }
        }
        (0..n).map(|i| lead[sets.find(i)]).collect::<Vec<_>>()
    };
    let lead = leads(&mut stories);
    let copy_lead = leads(&mut copies);
    let copy_of = (0..n)
        .map(|i| (copy_lead[i] != i).then_some(copy_lead[i]))
        .collect();
    Grouping { lead, copy_of }
}

/// Keeps the higher-cosine match; of equal ones, the first found.
fn keep_best(best: &mut Option<(f32, u32)>, candidate: (f32, u32)) {
    if best.is_none_or(|(cosine, _)| candidate.0 > cosine) {
        *best = Some(candidate);
    }
}

/// One term of a member's signature: (term, count) pairs packed into 6
/// bytes, where a tuple takes 8. At news-bench x4 (179k articles, 6.3M terms)
/// that is 13 MB less.
#[derive(Clone, Copy)]
#[repr(C, packed(2))]
pub struct Entry {
    term: u32,
    count: u16,
}

impl Entry {
    pub fn new(term: u32, count: u16) -> Entry {
        Entry { term, count }
    }

    pub fn term(self) -> u32 {
        self.term
    }
}

/// Every member's signature as TF-IDF vectors, in one buffer: member i's
/// entries, by term, are `entries[spans[i]]`. One buffer instead of a vector
/// per article: at 179k articles the per-article headers and slack cost more
/// than the terms. Weights are worked out from the counts when a cosine
/// needs them: the buffer keeps 2-byte counts, not 4-byte weights.
pub struct Vectors {
    spans: Vec<Range<u32>>,
    entries: Vec<Entry>,
    /// How many members hold each term (by dense term id).
    df: Vec<u32>,
    /// Each term's idf, ln(1 + n/df) (by dense term id).
    idf: Vec<f32>,
    /// Each member's vector length, to scale its weights to unit length.
    norms: Vec<f32>,
}

impl Vectors {
    /// Weighs the signatures in `entries` in place: member i's (term, count)
    /// pairs are `entries[spans[i]]`; their terms become dense term ids, sorted.
    /// A term weighs (1 + ln tf) · ln(1 + n/df), scaled to unit length per
    /// member. The smoothed idf keeps shared terms meaningful in a tiny index too.
    pub fn weigh(mut entries: Vec<Entry>, spans: Vec<Range<u32>>) -> Vectors {
        let mut ids: HashMap<u32, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        for range in &spans {
            for entry in &mut entries[span(range)] {
                let next = ids.len() as u32;
                let id = *ids.entry(entry.term).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
                entry.term = id;
            }
        }
        drop(ids);
        let total = spans.len().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (1.0 + total / d as f32).ln()).collect();
        let mut norms = Vec::with_capacity(spans.len());
        for range in &spans {
            let v = &mut entries[span(range)];
            // Summed in the signature's own order, before sorting.
            let norm = v
                .iter()
                .map(|e| tf_idf(*e, &idf))
                .map(|w| w * w)
                .sum::<f32>()
                .sqrt();
            norms.push(norm);
            v.sort_unstable_by_key(|e| e.term());
        }
        Vectors {
            spans,
            entries,
            df,
            idf,
            norms,
        }
    }

    fn get(&self, i: usize) -> &[Entry] {
        &self.entries[span(&self.spans[i])]
    }

    /// The cosine of members i and j.
    fn cosine(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (self.get(i), self.get(j));
        let unit = |e: Entry, norm: f32| {
            let w = tf_idf(e, &self.idf);
            if norm > 0.0 {
                w / norm
            } else {
                w
            }
        };
        let (na, nb) = (self.norms[i], self.norms[j]);
        let (mut x, mut y, mut sum) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].term().cmp(&b[y].term()) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    sum += unit(a[x], na) * unit(b[y], nb);
                    x += 1;
                    y += 1;
                }
            }
        }
        sum
    }
}

/// An entry's weight before scaling: (1 + ln tf) · idf.
fn tf_idf(entry: Entry, idf: &[f32]) -> f32 {
    (1.0 + f32::from(entry.count).ln()) * idf[entry.term() as usize]
}

/// A span of one of the buffers as an index range.
pub(super) fn span(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

/// Per term, the members holding it: dated ones sorted by day, undated apart.
/// Kept only for the terms rare enough to propose candidates (`near` never
/// reads the others, and common terms hold most of the entries), in one
/// buffer per kind, sliced by term.
struct Postings<'a> {
    /// (day, member) pairs of dated members, by day within each term.
    dated: Vec<(i32, u32)>,
    dated_starts: Vec<u32>,
    undated: Vec<u32>,
    undated_starts: Vec<u32>,
    /// How many members hold each term.
    df: &'a [u32],
    /// Terms held by more members than this propose no candidates (they are
    /// too common to tell stories apart; they still count in the cosine).
    max_df: usize,
    /// The same for candidates without a date window (an undated side): only
    /// rare terms, or every undated article would be compared with hundreds.
    max_df_undated: usize,
}

impl<'a> Postings<'a> {
    fn build(days: &[Option<i32>], vectors: &'a Vectors) -> Postings<'a> {
        let max_df = (days.len() / 100).max(50);
        let max_df_undated = 25;
        let df = &vectors.df[..];
        let terms = df.len();
        let (mut dated_starts, mut undated_starts) = (vec![0u32; terms + 1], vec![0u32; terms + 1]);
        for (i, day) in days.iter().enumerate() {
            for entry in vectors.get(i) {
                let t = entry.term() as usize;
                let df = df[t] as usize;
                match day {
                    Some(_) if df <= max_df => dated_starts[t + 1] += 1,
                    None if df <= max_df_undated => undated_starts[t + 1] += 1,
                    _ => {}
                }
            }
        }
        for t in 0..terms {
            dated_starts[t + 1] += dated_starts[t];
            undated_starts[t + 1] += undated_starts[t];
        }
        let mut dated = vec![(0, 0); dated_starts[terms] as usize];
        let mut undated = vec![0; undated_starts[terms] as usize];
        let (mut dated_fill, mut undated_fill) = (dated_starts.clone(), undated_starts.clone());
        for (i, day) in days.iter().enumerate() {
            for entry in vectors.get(i) {
                let t = entry.term() as usize;
                let df = df[t] as usize;
                match day {
                    Some(day) if df <= max_df => {
                        dated[dated_fill[t] as usize] = (*day, i as u32);
                        dated_fill[t] += 1;
                    }
                    None if df <= max_df_undated => {
                        undated[undated_fill[t] as usize] = i as u32;
                        undated_fill[t] += 1;
                    }
                    _ => {}
                }
            }
        }
        for t in 0..terms {
            dated[dated_starts[t] as usize..dated_starts[t + 1] as usize].sort_unstable();
        }
        Postings {
            dated,
            dated_starts,
            undated,
            undated_starts,
            df,
            max_df,
            max_df_undated,
        }
    }

    fn near(&self, term: u32, day: Option<i32>, after: usize) -> impl Iterator<Item = usize> + '_ {
        let t = term as usize;
        let dated = &self.dated[self.dated_starts[t] as usize..self.dated_starts[t + 1] as usize];
        let undated =
            &self.undated[self.undated_starts[t] as usize..self.undated_starts[t + 1] as usize];
        let df = self.df[t] as usize;
        let rare = df <= self.max_df_undated;
        let window: &[(i32, u32)] = match day {
            _ if df > self.max_df => &[],
            Some(day) => {
                let start = dated.partition_point(|&(d, _)| d < day - WINDOW_DAYS);
                let end = dated.partition_point(|&(d, _)| d <= day + WINDOW_DAYS);
                &dated[start..end]
            }
            None if rare => dated,
            None => &[],
        };
        let undated: &[u32] = if rare { undated } else { &[] };
        window
            .iter()
            .map(|&(_, j)| j as usize)
            .chain(undated.iter().map(|&j| j as usize))
            .filter(move |&j| j > after)
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(terms: &[(&str, u16)]) -> Vec<(u32, u16)> {
        terms
            .iter()
            .map(|(t, n)| (super::super::signature::term_id(t), *n))
            .collect()
    }

    /// Undated members with these signatures and content digests.
    fn undated<'a>(members: &[(&'a Vec<(u32, u16)>, u64)]) -> Vec<Member<'a>> {
        members
            .iter()
            .map(|&(terms, hash)| Member {
                day: None,
                hash: Digest::new(hash),
                terms,
            })
            .collect()
    }

    #[test]
    fn shared_rare_terms_in_the_window_make_a_story_and_copies_are_marked() {
        let tiktok = sig(&[("tiktok", 5), ("amazon", 4), ("bytedanc", 2), ("email", 1)]);
        let tiktok2 = sig(&[("tiktok", 4), ("amazon", 3), ("bytedanc", 1), ("ban", 2)]);
        let oil = sig(&[("oil", 5), ("opec", 3), ("barrel", 2)]);
        let members = [
            Member {
                day: Some(100),
                hash: Digest::new(1),
                terms: &tiktok,
            },
            Member {
                day: Some(101),
                hash: Digest::new(2),
                terms: &tiktok2,
            },
            Member {
                day: Some(100),
                hash: Digest::new(3),
                terms: &oil,
            },
            Member {
                day: Some(130),
                hash: Digest::new(4),
                terms: &tiktok2,
            },
            Member {
                day: None,
                hash: Digest::new(1),
                terms: &tiktok,
            },
        ];
        let g = group(&members);
        assert_eq!(
            g.lead,
            vec![0, 0, 2, 3, 0],
            "a month later is another story"
        );
        assert_eq!(g.copy_of, vec![None, None, None, None, Some(0)]);
    }

    #[test]
    fn undated_articles_join_only_mutual_best_matches() {
        // Cosines: a–b 0.72, a–c 0.67, b–c 0.99. a's best is b, but b's best is
        // c: b and c join, a stays alone instead of chaining in.
        let a = sig(&[("hockey", 3), ("jets", 3), ("trade", 2), ("goalie", 1)]);
        let b = sig(&[("hockey", 3), ("jets", 3), ("trade", 2), ("lindros", 2)]);
        let c = sig(&[("hockey", 3), ("jets", 3), ("lindros", 3), ("trade", 2)]);
        let members = undated(&[(&a, 1), (&b, 2), (&c, 3)]);
        assert_eq!(group(&members).lead, vec![0, 1, 1]);
    }

    #[test]
    fn an_undated_article_saved_twice_still_joins_its_best_match() {
        // a and its exact copy are each other's closest text (cosine 1); b is
        // a's best match among the others (0.72).
        let a = sig(&[("hockey", 3), ("jets", 3), ("trade", 2), ("goalie", 1)]);
        let b = sig(&[("hockey", 3), ("jets", 3), ("trade", 2), ("lindros", 2)]);
        let g = group(&undated(&[(&a, 1), (&a, 1), (&b, 2)]));
        assert_eq!(g.lead, vec![0, 0, 0]);
        assert_eq!(g.copy_of, vec![None, Some(0), None]);
    }
}
