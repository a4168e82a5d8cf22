//! Words as written, each mapped to a small value: the story signatures'
//! memory of the words they have read.
//!
//! A word of up to 16 bytes (nearly every word of news prose) lies in its own
//! slot, so a lookup reads one slot and compares two numbers; a longer word
//! lies in a shared buffer. With every word in a buffer, a lookup read the
//! slot, then the buffer through a `memcmp` call: 9 % of the signatures' time
//! (perf, the titles and leads of news-bench's 46k files) was in `memcmp`.
//! (The analyzers' stem cache keeps its own layout, each word beside its
//! term in one buffer behind 8-byte slots: with terms in 40-byte slots of
//! this table, tokenizing the same bodies took 30 % longer.)

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHasher};

/// Bytes of a word kept in its slot.
const INLINE: usize = 16;

/// Words mapped to values of type `V`.
#[derive(Clone)]
pub struct WordTable<V> {
    slots: HashTable<Slot<V>>,
    /// Words longer than `INLINE` bytes, one after another.
    long_words: Vec<u8>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            slots: HashTable::new(),
            long_words: Vec::new(),
        }
    }
}

#[derive(Clone, Copy)]
struct Slot<V> {
    /// The word, zero-padded; for a longer word, where it starts in `long_words`.
    head: [u8; INLINE],
    len: u32,
    value: V,
}

/// A word looked up, kept to insert it without hashing it again.
pub struct WordKey<'w> {
    word: &'w [u8],
    head: [u8; INLINE],
    hash: u64,
}

impl<'w> WordKey<'w> {
    #[inline]
    pub fn new(word: &'w [u8]) -> WordKey<'w> {
        let mut head = [0; INLINE];
        if word.len() <= INLINE {
            head[..word.len()].copy_from_slice(word);
        }
        WordKey {
            word,
            head,
            hash: hash(word, &head),
        }
    }
}

/// A short word hashes as its two padded halves and its length (a word has
/// no zero byte, yet `len` keeps trailing zeros from mattering); a long one
/// as its bytes.
#[inline]
fn hash(word: &[u8], head: &[u8; INLINE]) -> u64 {
    if word.len() <= INLINE {
        let mut hasher = FxHasher::default();
        hasher.write_u128(u128::from_ne_bytes(*head));
        hasher.write_usize(word.len());
        hasher.finish()
    } else {
        FxBuildHasher.hash_one(word)
    }
}

impl<V: Copy> WordTable<V> {
    /// The value of the word, if it was inserted.
    #[inline]
    pub fn get(&self, key: &WordKey) -> Option<V> {
        let len = key.word.len();
        let found = if len <= INLINE {
            let head = u128::from_ne_bytes(key.head);
            self.slots.find(key.hash, |slot| {
                slot.len as usize == len && u128::from_ne_bytes(slot.head) == head
            })
        } else {
            self.slots.find(key.hash, |slot| {
                slot.len as usize == len && self.long_word(slot) == key.word
            })
        };
        found.map(|slot| slot.value)
    }

    /// Remembers a word not in the table. Words past 4 GiB of long words
    /// (never, in practice) are not remembered.
    pub fn insert(&mut self, key: WordKey, value: V) {
        let Ok(len) = u32::try_from(key.word.len()) else {
            return;
        };
        let mut head = key.head;
        if key.word.len() > INLINE {
            let Ok(start) = u32::try_from(self.long_words.len()) else {
                return;
            };
            head[..4].copy_from_slice(&start.to_ne_bytes());
            self.long_words.extend_from_slice(key.word);
        }
        let long_words = &self.long_words;
        self.slots
            .insert_unique(key.hash, Slot { head, len, value }, |slot| {
                rehash(slot, long_words)
            });
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn clear(&mut self) {
        self.slots.clear();
        self.long_words.clear();
    }

    fn long_word(&self, slot: &Slot<V>) -> &[u8] {
        long_word_in(slot, &self.long_words)
    }
}

fn long_word_in<'a, V>(slot: &Slot<V>, long_words: &'a [u8]) -> &'a [u8] {
    let start = u32::from_ne_bytes([slot.head[0], slot.head[1], slot.head[2], slot.head[3]]);
    let start = start as usize;
    &long_words[start..start + slot.len as usize]
}

fn rehash<V>(slot: &Slot<V>, long_words: &[u8]) -> u64 {
    if slot.len as usize <= INLINE {
        hash(&slot.head[..slot.len as usize], &slot.head)
    } else {
        FxBuildHasher.hash_one(long_word_in(slot, long_words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_short_and_long_words_and_tells_prefixes_apart() {
        let long = "Donaudampfschifffahrtsgesellschaft";
        let words = [
            "a",
            "ab",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            long,
            &long[..20],
            "Straße",
        ];
        let mut table = WordTable::default();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(table.get(&WordKey::new(word.as_bytes())), None);
            table.insert(WordKey::new(word.as_bytes()), i);
        }
        // Enough words to make the table grow (and rehash) several times.
        for i in 0..1000 {
            let word = format!("word{i}{}", "x".repeat(i % 30));
            table.insert(WordKey::new(word.as_bytes()), 100 + i);
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(table.get(&WordKey::new(word.as_bytes())), Some(i), "{word}");
        }
        for i in 0..1000 {
            let word = format!("word{i}{}", "x".repeat(i % 30));
            assert_eq!(table.get(&WordKey::new(word.as_bytes())), Some(100 + i));
        }
        assert_eq!(table.get(&WordKey::new(b"abc")), None);
        assert_eq!(table.get(&WordKey::new(b"Donaudampfschifffahrt")), None);
        assert_eq!(table.len(), words.len() + 1000);
        table.clear();
        assert_eq!(table.get(&WordKey::new(b"ab")), None);
        assert_eq!(table.get(&WordKey::new(long.as_bytes())), None);
    }
}
