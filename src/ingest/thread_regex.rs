//! Regexes whose search caches go with the threads that used them.
//!
//! A `Regex` keeps a search cache for each thread that searched with it,
//! inside the regex. The static regexes of cleaning kept the cleaner threads'
//! caches (about 7 MB of lazy-DFA states at the 4x copy, jemalloc heap
//! profile) after those threads ended, through story regrouping and the final
//! merge, the run's highest phases. Here each thread searches with a clone of
//! its own (a clone gets caches of its own), dropped when the thread ends.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

/// A regex compiled once, searched with through a clone per thread.
pub struct ThreadRegex {
    compiled: LazyLock<Regex>,
}

thread_local! {
    /// This thread's clones, by the address of the `ThreadRegex` each copies.
    static CLONES: RefCell<Vec<(usize, Rc<Regex>)>> = const { RefCell::new(Vec::new()) };
}

impl ThreadRegex {
    pub const fn new(build: fn() -> Regex) -> ThreadRegex {
        ThreadRegex {
            compiled: LazyLock::new(build),
        }
    }

    /// This thread's clone. (An `Rc`, so that a search may use another
    /// `ThreadRegex` inside it.)
    pub fn get(&'static self) -> Rc<Regex> {
        let key = self as *const ThreadRegex as usize;
        CLONES.with(|clones| {
            let mut clones = clones.borrow_mut();
            if let Some((_, regex)) = clones.iter().find(|(at, _)| *at == key) {
                return Rc::clone(regex);
            }
            let regex = Rc::new(Regex::clone(&self.compiled));
            clones.push((key, Rc::clone(&regex)));
            regex
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIGITS: ThreadRegex = ThreadRegex::new(|| Regex::new(r"\d+").unwrap());
    static WORD: ThreadRegex = ThreadRegex::new(|| Regex::new(r"[a-z]+").unwrap());

    #[test]
    fn each_regex_searches_as_compiled_on_every_thread() {
        let search = || {
            let words: Vec<_> = DIGITS
                .get()
                .find_iter("a1 b22")
                .map(|m| {
                    WORD.get()
                        .find("x")
                        .map(|w| (m.as_str().to_string(), w.as_str()))
                })
                .collect();
            words
        };
        let here = search();
        let there = std::thread::spawn(search).join().unwrap();
        let expected = vec![Some(("1".to_string(), "x")), Some(("22".to_string(), "x"))];
        assert_eq!(here, expected);
        assert_eq!(there, expected);
        assert!(Rc::ptr_eq(&DIGITS.get(), &DIGITS.get()));
        assert!(!Rc::ptr_eq(&DIGITS.get(), &WORD.get()));
    }
}
