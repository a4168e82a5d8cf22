//! A list of strings kept back to back in one buffer.
//!
//! The long lists a run holds (every file it walked, every file the index
//! knows, every value of a column) were a `String` each: a 24-byte header and
//! an allocation per entry, more than the text itself for paths.

/// Strings back to back; string i is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Default, Clone)]
pub struct PackedStrings {
    text: String,
    ends: Vec<usize>,
}

impl PackedStrings {
    /// Room for `strings` strings of `bytes` in all.
    pub fn with_capacity(strings: usize, bytes: usize) -> PackedStrings {
        PackedStrings {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The bytes of all strings.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| &self[i])
    }

    /// Makes room for `strings` more strings of `bytes` in all, exactly.
    pub fn reserve_exact(&mut self, strings: usize, bytes: usize) {
        self.text.reserve_exact(bytes);
        self.ends.reserve_exact(strings);
    }

    /// Gives back the room the buffers grew into.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl std::ops::Index<usize> for PackedStrings {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(s) => s,
            None => panic!("string {i} of {}", self.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_each_string_pushed() {
        let mut list = PackedStrings::default();
        for s in ["/news/a.txt", "", "ünïcode", "z"] {
            list.push(s);
        }
        assert_eq!(list.len(), 4);
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["/news/a.txt", "", "ünïcode", "z"]
        );
        assert_eq!(&list[2], "ünïcode");
        assert_eq!(list.get(4), None);
        assert_eq!(list.text_len(), "/news/a.txtünïcodez".len());
    }
}
