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

/// Bytes added and bytes analyzed, shared by the writer and the analyzer.
#[derive(Default)]
pub struct Backlog {
    analyzed: Mutex<u64>,
    progressed: Condvar,
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

    fn analyzed(&self, bytes: usize) {
        let mut analyzed = self.analyzed.lock().unwrap_or_else(PoisonError::into_inner);
        *analyzed += bytes as u64;
        self.progressed.notify_one();
    }

    /// Waits until no more than `LIMIT` of the `added` bytes are unanalyzed.
    pub fn wait_for(&self, added: u64) {
        let target = added.saturating_sub(LIMIT);
        let analyzed = self.analyzed.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = self
            .progressed
            .wait_timeout_while(analyzed, STALL, |analyzed| *analyzed < target);
    }

    /// Bytes analyzed so far.
    pub fn total(&self) -> u64 {
        *self.analyzed.lock().unwrap_or_else(PoisonError::into_inner)
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
    fn waits_until_the_excess_is_analyzed() {
        let backlog = Backlog::new();
        let behind = Arc::clone(&backlog);
        let analyzing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            behind.analyzed(10);
        });
        backlog.wait_for(LIMIT + 10);
        assert_eq!(backlog.total(), 10);
        analyzing.join().unwrap();
    }
}
