//! The query language: parses a user's query into an `Expr` tree.
//!
//! ```text
//! query   := or
//! or      := and ( "OR" and )*
//! and     := near ( ["AND"] near )*           adjacent terms are ANDed
//! near    := unary ( ("w/N" | "pre/N") unary )*  within N words (pre: in order)
//! unary   := ("-" | "NOT") unary | "+" unary | primary
//! primary := "(" or ")" | FIELD ":" primary | "\"phrase\"" ["~N"] | word
//! word    := plain | prefix "*" | word "~" [N]     prefix and fuzzy (N edits, default 1)
//! ```
//! `OR`, `AND` and `NOT` are operators only in capitals. Errors name the
//! character position (1-based) where the query stops making sense.
//!
//! A *sentence* — words, phrases and brackets only (no fields, `+`/`-`), and
//! either at least `SENTENCE_WORDS` words or ending in `.`, `?` or `!` — is not
//! a conjunction but a ranked bag of words (`Expr::Any`): a question pasted as
//! is finds the articles that answer it best instead of only those holding every
//! word. In a sentence written all in capitals, `AND`/`OR`/`NOT` are words.

use crate::error::{Error, Result};

/// Fields a query may scope a term to.
pub const FIELD_NAMES: &[&str] = &["title", "body", "author", "source", "date", "lang"];

/// Where a term is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title and body (title boosted).
    Default,
    Title,
    Body,
    Author,
    Source,
    Date,
    Lang,
}

impl Scope {
    fn from_name(name: &str) -> Option<Scope> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" => Scope::Title,
            "body" | "text" => Scope::Body,
            "author" | "authors" | "by" => Scope::Author,
            "source" | "outlet" => Scope::Source,
            "date" => Scope::Date,
            "lang" | "language" => Scope::Lang,
            _ => return None,
        })
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// One word (the analyzer may still split it, e.g. `company-owned`).
    Term { scope: Scope, text: String },
    /// Words that must stand together, in order.
    Phrase { scope: Scope, text: String },
    /// All must match.
    And(Vec<Expr>),
    /// At least one must match.
    Or(Vec<Expr>),
    /// Must not match.
    Not(Box<Expr>),
    /// A sentence: ranked by how many and how rare of these match.
    Any(Vec<Expr>),
    /// Words in order with up to `slop` other words between them (`"a b"~3`).
    SloppyPhrase {
        scope: Scope,
        text: String,
        slop: u32,
    },
    /// Any indexed word starting with `text` (`secur*`).
    Prefix { scope: Scope, text: String },
    /// Any indexed word within `distance` edits of `text` (`tiktk~1`).
    Fuzzy {
        scope: Scope,
        text: String,
        distance: u8,
    },
    /// Both sides within `distance` words of each other (`w/N`); with
    /// `ordered`, the left one first (`pre/N`).
    Near {
        left: Box<Expr>,
        right: Box<Expr>,
        distance: u32,
        ordered: bool,
    },
}

/// Largest edit distance a fuzzy word may ask for.
pub const MAX_FUZZY_DISTANCE: u8 = 2;

/// From this many words on, a query of plain words is read as a sentence.
pub const SENTENCE_WORDS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Minus,
    Plus,
    And,
    Or,
    Not,
    Field(String),
    Word(String),
    Phrase(String, Option<u32>),
    Near { distance: u32, ordered: bool },
}

/// Parses `query`; errors carry the query and the position.
pub fn parse(query: &str) -> Result<Expr> {
    let tokens = lex(query)?;
    if tokens.is_empty() {
        return Err(Error::EmptyQuery);
    }
    if let Some(items) = sentence(query, &tokens) {
        return Ok(Expr::Any(items));
    }
    let mut p = Parser {
        query,
        tokens,
        at: 0,
        depth: 0,
    };
    let expr = p.or()?;
    if let Some((pos, tok)) = p.tokens.get(p.at) {
        let message = match tok {
            Tok::Close => "unmatched `)`".to_string(),
            _ => "unexpected input".to_string(),
        };
        return Err(p.error(*pos, message));
    }
    Ok(expr)
}

fn lex(query: &str) -> Result<Vec<(usize, Tok)>> {
    // Control characters (pasted from a terminal or a PDF) separate words like spaces.
    let chars: Vec<char> = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((pos, Tok::Open));
            i += 1;
        } else if c == ')' {
            out.push((pos, Tok::Close));
            i += 1;
        } else if c == '"' || c == '“' || c == '”' {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"' || c == '”' || c == '“')
                .ok_or_else(|| Error::QuerySyntax {
                    query: query.to_string(),
                    position: pos,
                    message: "unclosed `\"`".into(),
                })?;
            let text: String = chars[i + 1..i + 1 + end].iter().collect();
            i += end + 2;
            // `"a b"~3`: up to 3 other words between.
            let mut slop = None;
            if chars.get(i) == Some(&'~') {
                let digits: String = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                slop = Some(digits.parse().map_err(|_| Error::QuerySyntax {
                    query: query.to_string(),
                    position: i + 1,
                    message: "expected a number of words after `~`".into(),
                })?);
                i += 1 + digits.len();
            }
            out.push((pos, Tok::Phrase(text, slop)));
        } else if (c == '-' || c == '+')
            && chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
            && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(')
        {
            out.push((pos, if c == '-' { Tok::Minus } else { Tok::Plus }));
            i += 1;
        } else {
            let start = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                "AND" | "&&" => out.push((pos, Tok::And)),
                "OR" | "||" => out.push((pos, Tok::Or)),
                "NOT" => out.push((pos, Tok::Not)),
                _ if proximity(&word).is_some() => {
                    let (distance, ordered) = proximity(&word).expect("checked");
                    out.push((pos, Tok::Near { distance, ordered }))
                }
                _ => match field_prefix(&word) {
                    Some((field, rest)) => {
                        out.push((pos, Tok::Field(field.to_string())));
                        if !rest.is_empty() {
                            out.push((
                                pos + field.chars().count() + 1,
                                Tok::Word(rest.to_string()),
                            ));
                        }
                    }
                    None => out.push((pos, Tok::Word(word))),
                },
            }
        }
    }
    Ok(out)
}

/// Splits `field:rest`; a URL (`https://…`) or a time (`10:30`) is not a field.
/// The words and phrases of `query` if it reads as a sentence (see the module doc).
fn sentence(query: &str, tokens: &[(usize, Tok)]) -> Option<Vec<Expr>> {
    let shouting = !query.chars().any(char::is_lowercase);
    // Brackets around plain words are an aside, as in prose, not a group.
    let mut items = Vec::new();
    let mut words = 0;
    for (_, tok) in tokens {
        let (phrase, text) = match tok {
            Tok::Word(w) if word_operator(w).is_some() => return None,
            Tok::Word(w) => (false, w.clone()),
            Tok::Phrase(p, None) => (true, p.clone()),
            Tok::Open | Tok::Close => continue,
            Tok::And | Tok::Or | Tok::Not if shouting => {
                let word = match tok {
                    Tok::And => "AND",
                    Tok::Or => "OR",
                    _ => "NOT",
                };
                (false, word.to_string())
            }
            _ => return None,
        };
        let pieces: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && !matches!(c, '\'' | '’'))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        words += pieces.len();
        let scope = Scope::Default;
        if phrase {
            if !pieces.is_empty() {
                items.push(Expr::Phrase { scope, text });
            }
        } else {
            // `SINO-SOVIET`, `U.N.`: in prose each part is a word of its own.
            items.extend(pieces.into_iter().map(|w| Expr::Term {
                scope,
                text: w.to_string(),
            }));
        }
    }
    let ends_like_a_sentence = query.trim_end().ends_with(['.', '?', '!']);
    (words >= SENTENCE_WORDS || (ends_like_a_sentence && words >= 2)).then_some(items)
}

/// `w/5`, `W/5`, `pre/5`: (distance, ordered).
fn proximity(word: &str) -> Option<(u32, bool)> {
    let (name, n) = word.split_once('/')?;
    let ordered = match name.to_ascii_lowercase().as_str() {
        "w" => false,
        "pre" => true,
        _ => return None,
    };
    let distance = n.parse().ok()?;
    Some((distance, ordered))
}

/// What a word asks for beyond itself: a prefix (`secur*`) or a fuzzy match
/// (`tiktk~`, `tiktk~2`); `None` for a plain word.
enum WordOperator {
    Prefix(String),
    Fuzzy(String, Option<u8>),
}

fn word_operator(word: &str) -> Option<WordOperator> {
    if let Some(stem) = word.strip_suffix('*') {
        if stem.chars().any(char::is_alphanumeric) && !stem.contains('*') {
            return Some(WordOperator::Prefix(stem.to_string()));
        }
    }
    let (stem, n) = word.rsplit_once('~')?;
    if !stem.chars().any(char::is_alphanumeric) {
        return None;
    }
    match n {
        "" => Some(WordOperator::Fuzzy(stem.to_string(), None)),
        _ => n
            .parse::<u8>()
            .ok()
            .map(|d| WordOperator::Fuzzy(stem.to_string(), Some(d))),
    }
}

fn field_prefix(word: &str) -> Option<(&str, &str)> {
    let (field, rest) = word.split_once(':')?;
    let is_name = !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
    (is_name && !rest.starts_with("//")).then_some((field, rest))
}

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<(usize, Tok)>,
    at: usize,
    /// Brackets and negations open around the current token.
    depth: usize,
}

/// Deeper nesting of brackets or negations is refused (the parser recurses).
const MAX_NESTING: usize = 100;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn pos(&self) -> usize {
        self.tokens
            .get(self.at)
            .map_or(self.query.chars().count() + 1, |(p, _)| *p)
    }

    fn error(&self, position: usize, message: String) -> Error {
        Error::QuerySyntax {
            query: self.query.to_string(),
            position,
            message,
        }
    }

    fn or(&mut self) -> Result<Expr> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                return Err(self.error(self.pos(), "expected a term after `OR`".into()));
            }
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr> {
        let mut items = vec![self.near()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                        return Err(self.error(self.pos(), "expected a term after `AND`".into()));
                    }
                }
                None | Some(Tok::Or | Tok::Close) => break,
                _ => {}
            }
            items.push(self.near()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn near(&mut self) -> Result<Expr> {
        let mut left = self.unary()?;
        while let Some(&Tok::Near { distance, ordered }) = self.peek() {
            let pos = self.pos();
            self.at += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                return Err(self.error(
                    self.pos(),
                    "expected a term after the proximity operator".into(),
                ));
            }
            let right = self.unary()?;
            for side in [&left, &right] {
                if !can_be_near(side) {
                    return Err(self.error(
                        pos,
                        "proximity joins words, phrases, and OR groups of them (no AND, NOT, fields other than title/body, prefixes or fuzzy words)".into(),
                    ));
                }
            }
            left = Expr::Near {
                left: Box::new(left),
                right: Box::new(right),
                distance,
                ordered,
            };
        }
        Ok(left)
    }

    /// Enters one level of nesting, or fails if that is too deep.
    fn nest(&mut self, position: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                position,
                format!("brackets or negations nested more than {MAX_NESTING} deep"),
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Expr> {
        match self.peek() {
            Some(Tok::Minus | Tok::Not) => {
                self.at += 1;
                if self.peek().is_none() {
                    return Err(self.error(self.pos(), "expected a term after `-`/`NOT`".into()));
                }
                self.nest(self.pos())?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Some(Tok::Plus) => {
                self.at += 1;
                self.unary()
            }
            _ => self.primary(Scope::Default),
        }
    }

    fn primary(&mut self, scope: Scope) -> Result<Expr> {
        let pos = self.pos();
        let Some((_, tok)) = self.tokens.get(self.at).cloned() else {
            return Err(self.error(pos, "expected a term".into()));
        };
        self.at += 1;
        match tok {
            Tok::Open => {
                if self.peek() == Some(&Tok::Close) {
                    return Err(self.error(pos, "empty `( )`".into()));
                }
                self.nest(pos)?;
                let inner = self.or_scoped(scope)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(
                        self.error(self.pos(), format!("`(` at character {pos} is not closed"))
                    );
                }
                self.at += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Tok::Field(name) => {
                let Some(field) = Scope::from_name(&name) else {
                    return Err(Error::UnknownField {
                        query: self.query.to_string(),
                        field: name,
                    });
                };
                if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                    return Err(self.error(self.pos(), format!("expected a value after `{name}:`")));
                }
                self.nest(pos)?;
                let inner = self.primary(field)?;
                self.depth -= 1;
                Ok(inner)
            }
            Tok::Word(text) => match word_operator(&text) {
                Some(WordOperator::Prefix(text)) => Ok(Expr::Prefix { scope, text }),
                Some(WordOperator::Fuzzy(text, distance)) => {
                    let distance = distance.unwrap_or(1);
                    if distance > MAX_FUZZY_DISTANCE {
                        return Err(self.error(
                            pos,
                            format!("fuzzy matching allows at most {MAX_FUZZY_DISTANCE} edits"),
                        ));
                    }
                    Ok(Expr::Fuzzy {
                        scope,
                        text,
                        distance,
                    })
                }
                None => Ok(Expr::Term { scope, text }),
            },
            Tok::Phrase(text, None) => Ok(Expr::Phrase { scope, text }),
            Tok::Phrase(text, Some(slop)) => Ok(Expr::SloppyPhrase { scope, text, slop }),
            Tok::Near { .. } => {
                Err(self.error(pos, "expected a term before the proximity operator".into()))
            }
            Tok::Close => Err(self.error(pos, "unmatched `)`".into())),
            Tok::Minus | Tok::Plus | Tok::Not => {
                self.at -= 1;
                self.unary()
            }
            Tok::And | Tok::Or => {
                Err(self.error(pos, "expected a term before the operator".into()))
            }
        }
    }

    /// A parenthesised group under a field scope: every bare term inside takes the scope.
    fn or_scoped(&mut self, scope: Scope) -> Result<Expr> {
        let expr = self.or()?;
        Ok(if scope == Scope::Default {
            expr
        } else {
            rescope(expr, scope)
        })
    }
}

fn rescope(expr: Expr, scope: Scope) -> Expr {
    match expr {
        Expr::Term {
            scope: Scope::Default,
            text,
        } => Expr::Term { scope, text },
        Expr::Phrase {
            scope: Scope::Default,
            text,
        } => Expr::Phrase { scope, text },
        Expr::And(v) => Expr::And(v.into_iter().map(|e| rescope(e, scope)).collect()),
        Expr::Or(v) => Expr::Or(v.into_iter().map(|e| rescope(e, scope)).collect()),
        Expr::Not(e) => Expr::Not(Box::new(rescope(*e, scope))),
        Expr::Any(v) => Expr::Any(v.into_iter().map(|e| rescope(e, scope)).collect()),
        Expr::SloppyPhrase {
            scope: Scope::Default,
            text,
            slop,
        } => Expr::SloppyPhrase { scope, text, slop },
        Expr::Prefix {
            scope: Scope::Default,
            text,
        } => Expr::Prefix { scope, text },
        Expr::Fuzzy {
            scope: Scope::Default,
            text,
            distance,
        } => Expr::Fuzzy {
            scope,
            text,
            distance,
        },
        Expr::Near {
            left,
            right,
            distance,
            ordered,
        } => Expr::Near {
            left: Box::new(rescope(*left, scope)),
            right: Box::new(rescope(*right, scope)),
            distance,
            ordered,
        },
        other => other,
    }
}

/// Whether `expr` can stand beside a proximity operator: words and phrases
/// (in the title or body), OR groups of them, and nested proximities.
fn can_be_near(expr: &Expr) -> bool {
    let prose = |scope: &Scope| matches!(scope, Scope::Default | Scope::Title | Scope::Body);
    match expr {
        Expr::Term { scope, .. } | Expr::Phrase { scope, .. } => prose(scope),
        Expr::SloppyPhrase { scope, .. } => prose(scope),
        Expr::Or(items) => items.iter().all(can_be_near),
        Expr::Near { .. } => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Expr {
        Expr::Term {
            scope: Scope::Default,
            text: text.into(),
        }
    }

    #[test]
    fn words_and_by_default_or_binds_looser() {
        assert_eq!(
            parse("wells fargo OR tiktok").unwrap(),
            Expr::Or(vec![Expr::And(vec![t("wells"), t("fargo")]), t("tiktok")])
        );
    }

    #[test]
    fn fields_phrases_negation() {
        assert_eq!(
            parse("title:backtracks -\"wells fargo\"").unwrap(),
            Expr::And(vec![
                Expr::Term {
                    scope: Scope::Title,
                    text: "backtracks".into()
                },
                Expr::Not(Box::new(Expr::Phrase {
                    scope: Scope::Default,
                    text: "wells fargo".into()
                })),
            ])
        );
        assert_eq!(
            parse("source:(dw OR vice)").unwrap(),
            Expr::Or(vec![
                Expr::Term {
                    scope: Scope::Source,
                    text: "dw".into()
                },
                Expr::Term {
                    scope: Scope::Source,
                    text: "vice".into()
                },
            ])
        );
    }

    #[test]
    fn sentences_are_ranked_bags_of_words() {
        assert_eq!(
            parse("BORDER DISPUTE BETWEEN ISRAEL AND SYRIA .").unwrap(),
            Expr::Any(
                ["BORDER", "DISPUTE", "BETWEEN", "ISRAEL", "AND", "SYRIA"]
                    .map(t)
                    .to_vec()
            )
        );
        assert_eq!(
            parse("SINO-SOVIET (RED) SPLIT IN RUSSIA'S BLOC .").unwrap(),
            Expr::Any(
                ["SINO", "SOVIET", "RED", "SPLIT", "IN", "RUSSIA'S", "BLOC"]
                    .map(t)
                    .to_vec()
            )
        );
        assert_eq!(
            parse("who succeeded khrushchev?").unwrap(),
            Expr::Any(vec![t("who"), t("succeeded"), t("khrushchev")])
        );
        // Short keyword queries and anything with operators stay Boolean.
        assert!(matches!(parse("wells fargo").unwrap(), Expr::And(_)));
        assert!(matches!(
            parse("amazon tiktok employees delete app -india").unwrap(),
            Expr::And(_)
        ));
        assert!(matches!(
            parse("Amazon OR Google ban tiktok for employees").unwrap(),
            Expr::Or(_)
        ));
    }

    #[test]
    fn errors_say_where() {
        match parse("wells AND (fargo") {
            Err(Error::QuerySyntax { position, .. }) => assert_eq!(position, 17),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse("nosuch:x"), Err(Error::UnknownField { .. })));
        assert!(matches!(parse("a OR"), Err(Error::QuerySyntax { .. })));
        assert!(matches!(
            parse("\"open"),
            Err(Error::QuerySyntax { position: 1, .. })
        ));
        assert!(parse("https://nyti.ms/x").is_ok());
        let deep = format!("{}x{}", "(".repeat(20_000), ")".repeat(20_000));
        assert!(matches!(
            parse(&deep),
            Err(Error::QuerySyntax { position: 101, .. })
        ));
        assert!(parse(&format!("{}x", "NOT ".repeat(20_000))).is_err());
        assert!(parse(&format!("{}x", "title: ".repeat(20_000))).is_err());
        assert!(parse(&format!("{}x{}", "(".repeat(50), ")".repeat(50))).is_ok());
    }
}
