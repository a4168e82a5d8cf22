//! Paces the writer to tantivy's indexing thread, by bytes of text.
//!
//! Tantivy queues up to 10,000 documents between `add_document` and its
//! indexing thread, whatever their size, and a sender facing a full queue
//! spins before it parks. That thread is the slower side here, so the queue
//! stays full: heaptrack found 30 MB of queued documents at the peak of a
//! news-bench ×4 run (179k files, 20 MB writer budget), on top of the cleaned
//! articles waiting in front of the writer (`commands::byte_channel`). The
//! analyzer of the prose fields reports the text it is given, and the writer
//! sleeps while more than `LIMIT` bytes of what it added are still unread.
//! (Perf corpus, 46k files, 4 interleaved runs each: wall median 10.70 ->
//! 9.90 s.)

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use tantivy::tokenizer::{TextAnalyzer, Tokenizer};

use super::news_tokenizer::{NewsTokenStream, NewsTokenizer};

/// Bytes of prose that may wait in tantivy's queue: over a thousand news
/// articles, so the indexing thread has work while the writer takes the next.
const LIMIT: u64 = 4 << 20;

/// How long to wait for the indexing thread before adding anyway: it only
/// stalls this long if it has stopped, and `add_document` then says why.
const STALL: Duration = Duration::from_secs(1);

/// Once over `LIMIT`, the writer sleeps until the backlog is down to this:
/// woken as soon as it was under `LIMIT` again, it added one article and
/// slept anew, two context switches per article.
const RESUME: u64 = LIMIT / 2;

/// Bytes added and bytes analyzed, shared by the writer and the analyzer.
#[derive(Default)]
pub struct Backlog {
    state: Mutex<State>,
    progressed: Condvar,
}

#[derive(Default)]
struct State {
    analyzed: u64,
    /// What a sleeping writer waits for `analyzed` to reach.
    awaited: Option<u64>,
}

impl Backlog {
    pub fn new() -> Arc<Backlog> {
        Arc::new(Backlog::default())
    }

    /// The prose analyzer, counting into this backlog what it is given.
    pub fn analyzer(self: &Arc<Self>, inner: NewsTokenizer) -> TextAnalyzer {
        TextAnalyzer::from(Counting {
            inner,
            backlog: Arc::clone(self),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn analyzed(&self, bytes: usize) {
        let mut state = self.lock();
        state.analyzed += bytes as u64;
        if state
            .awaited
            .is_some_and(|awaited| state.analyzed >= awaited)
        {
            state.awaited = None;
            self.progressed.notify_one();
        }
    }

    /// If more than `LIMIT` of the `added` bytes are unanalyzed, waits until
    /// no more than `RESUME` are.
    pub fn wait_for(&self, added: u64) {
        let mut state = self.lock();
        if state.analyzed >= added.saturating_sub(LIMIT) {
            return;
        }
        let target = added.saturating_sub(RESUME);
        state.awaited = Some(target);
        let (mut state, _) = self
            .progressed
            .wait_timeout_while(state, STALL, |state| state.analyzed < target)
            .unwrap_or_else(PoisonError::into_inner);
        state.awaited = None;
    }

    /// Bytes analyzed so far.
    pub fn total(&self) -> u64 {
        self.lock().analyzed
    }
}

/// `NewsTokenizer`, reporting each text's length to a `Backlog`.
#[derive(Clone)]
struct Counting {
    inner: NewsTokenizer,
    backlog: Arc<Backlog>,
}

impl Tokenizer for Counting {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.backlog.analyzed(text.len());
        self.inner.token_stream(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_text_the_analyzer_is_given() {
        let backlog = Backlog::new();
        let mut analyzer = backlog.analyzer(super::super::schema::news_tokenizer());
        let mut tokens = 0;
        for text in ["Wells Fargo", "fined é"] {
            analyzer.token_stream(text).process(&mut |_| tokens += 1);
        }
        assert_eq!(tokens, 4);
        assert_eq!(
            backlog.total(),
            "Wells Fargo".len() as u64 + "fined é".len() as u64
        );
    }

    #[test]
    fn waits_once_over_the_limit_until_the_backlog_is_down_to_resume() {
        let backlog = Backlog::new();
        // Up to `LIMIT` unanalyzed: no wait, whatever the analyzer does.
        backlog.wait_for(LIMIT);
        let behind = Arc::clone(&backlog);
        let analyzing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            // No longer over `LIMIT`, not yet down to `RESUME`: the writer sleeps on.
            behind.analyzed(10);
            std::thread::sleep(Duration::from_millis(20));
            behind.analyzed((LIMIT - RESUME) as usize);
        });
        let started = std::time::Instant::now();
        backlog.wait_for(LIMIT + 10);
        assert_eq!(backlog.total(), 10 + LIMIT - RESUME);
        assert!(
            started.elapsed() < STALL,
            "woken by the analyzer, not the timeout"
        );
        analyzing.join().unwrap();
    }
}
