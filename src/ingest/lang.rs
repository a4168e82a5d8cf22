//! Language detection (whatlang) and the stop-word lists the block classifier uses.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// Characters of text handed to the detector. Detection was a third of all
/// cleaning instructions at 4,000; 1,500 characters of prose are plenty.
const SAMPLE_CHARS: usize = 1_500;

/// Share of English stop words above which a sample is English without asking
/// the detector: English prose runs at 0.4–0.5 with this list, other languages
/// written in Latin letters stay under 0.15 (at most 0.12 on the benchmark's
/// German, French, Italian, Spanish and Portuguese pages). English between
/// 0.2 and 0.3 (replies, prose beside tables and lists) was a quarter of the
/// detector's calls on news-bench (2,439 of 9,263), and it said English, or
/// was unsure, for all but 2 (one an English post signed with a French quote).
const PLAINLY_ENGLISH: f64 = 0.2;
/// Below this share of its stop words, text is not taken to be prose in a
/// language whose list we have (real news runs at 0.3–0.5).
const MIN_PROSE_DENSITY: f64 = 0.12;
/// Languages with a stop-word list below.
const STOPWORD_LANGS: [&str; 7] = ["en", "de", "fr", "es", "it", "pt", "nl"];

/// Detects the language of `text` and returns its ISO 639-1 code, if confident.
pub fn detect(text: &str) -> Option<String> {
    let end = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(at, _)| at);
    let sample = &text[..end];
    // The detector scores every language it knows (a fixed ~0.5M instructions a
    // call, a third of all cleaning); most news is English, and says so at once.
    if sample.split_whitespace().count() >= 20
        && Stopwords::for_lang(Some("en")).density(sample) >= PLAINLY_ENGLISH
    {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    // Another language only when the detector is sure: its guesses on short
    // or tabular English (sports tables, for-sale lists in news-bench) said
    // French, and the language now picks the stemmer.
    if !info.is_reliable() {
        return None;
    }
    let code = iso639_1(info.lang().code())?;
    // Reuters earnings tables in capitals ("4TH QTR NET … SHR 1.10 DLRS VS")
    // were "reliably" French: where the language's stop words are known,
    // prose in it must use them.
    // (English is the stemming default anyway, so it needs no such proof.)
    if code != "en"
        && STOPWORD_LANGS.contains(&code)
        && Stopwords::for_lang(Some(code)).density(sample) < MIN_PROSE_DENSITY
    {
        return None;
    }
    Some(code.to_string())
}

/// Normalizes a declared language (`en-US`, `de_DE`, `EN`) to its ISO 639-1 code.
pub fn normalize_declared(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(primary)
}

fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "eng" => "en",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "pol" => "pl",
        "rus" => "ru",
        "ukr" => "uk",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "no",
        "fin" => "fi",
        "ces" => "cs",
        "slk" => "sk",
        "hun" => "hu",
        "ron" => "ro",
        "tur" => "tr",
        "ell" => "el",
        "bul" => "bg",
        "hrv" => "hr",
        "srp" => "sr",
        "slv" => "sl",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "cat" => "ca",
        "ara" => "ar",
        "heb" => "he",
        "hin" => "hi",
        "jpn" => "ja",
        "kor" => "ko",
        "cmn" => "zh",
        "vie" => "vi",
        "ind" => "id",
        "tha" => "th",
        "pes" => "fa",
        "urd" => "ur",
        "ben" => "bn",
        "tam" => "ta",
        "epo" => "eo",
        "afr" => "af",
        _ => return None,
    })
}

pub const ENGLISH_STOPWORDS: &str = "a about above across after afterwards again against all almost alone along already also although always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes becoming been before beforehand behind being below beside besides between beyond both but by can cannot could did do does doing done down during each either else elsewhere enough even ever every everyone everything everywhere except few first for former formerly from further had has have having he hence her here hereafter hereby herein hers herself him himself his how however i if in indeed instead into is it its itself just last later latter least less made make many may me meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next no nobody none nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps please quite rather really said same say says see seem seemed seeming seems several she should since so some somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves then there thereafter thereby therefore therein these they this those though through throughout thus to together too toward towards under until up upon us very via was we well were what whatever when whence whenever where whereas whereby wherever whether which while who whoever whole whom whose why will with within without would yet you your yours yourself yourselves told according asked going get got like two three four five six seven eight nine ten new year years time day days week month people way back";
const DE: &str = "aber alle als also am an auch auf aus bei bin bis bist da damit dann der den des dem die das dass du er es ein eine einem einen einer eines für hat hatte haben hier ich ihr ihre im in ist ja kann kein mit man mich mir nach nicht noch nur ob oder sein sich sie sind so über um und uns von vor war wenn werden wie wir wird zu zum zur";
const FR: &str = "au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont été était a ont cette plus";
const ES: &str = "a al algo como con de del desde donde el ella ellos en entre era es esta este esto fue ha hay la las le les lo los más me mi muy no nos o para pero por que se sin sobre su sus también te un una uno y ya está han ser";
const IT: &str = "a ad al alla alle anche che chi con da dal dalla degli dei del della delle di e gli ha hanno il in la le lo ma nel nella non per più se si sono su sua suo tra un una uno è";
const PT: &str = "a ao aos as com como da das de do dos e é ela ele em entre era foi há mais mas na nas no nos o os ou para pela pelo por que se sem ser seu sua também um uma";
const NL: &str = "aan al als bij dat de den der die dit door een en er het hij hoe in is je met na naar niet nog of om ook op over te tot uit van voor was wat we wel werd wordt zich zij zijn";

/// A language's stop words, used to tell prose from navigation.
pub struct Stopwords {
    /// Each word as a number (see `as_number`): looked up without hashing
    /// and comparing strings.
    words: HashSet<u128>,
    /// The longest word's length in bytes: a longer ASCII word is not one.
    longest: usize,
}

/// The longest stop word there may be: one that fits a `u128`.
const LONGEST_STOPWORD: usize = 16;

/// A word of at most `LONGEST_STOPWORD` bytes as a number: its bytes, zero
/// padded (words hold no zero bytes), ASCII capitals lowercased.
fn as_number(word: &[u8]) -> Option<u128> {
    if word.len() > LONGEST_STOPWORD {
        return None;
    }
    // Byte by byte: a copy of a few bytes was a call to `memcpy`.
    let mut bytes = [0u8; LONGEST_STOPWORD];
    for (to, from) in bytes.iter_mut().zip(word) {
        *to = from.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(bytes))
}

impl Stopwords {
    /// The list for a language code; unknown languages get all lists merged,
    /// so prose in any of them still reads as prose. Built once per process.
    pub fn for_lang(lang: Option<&str>) -> &'static Stopwords {
        const LANGS: [(&str, &str); 7] = [
            ("en", ENGLISH_STOPWORDS),
            ("de", DE),
            ("fr", FR),
            ("es", ES),
            ("it", IT),
            ("pt", PT),
            ("nl", NL),
        ];
        static LISTS: OnceLock<Vec<Stopwords>> = OnceLock::new();
        let lists = LISTS.get_or_init(|| {
            let list = |words: HashSet<&'static str>| {
                let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
                assert!(
                    longest <= LONGEST_STOPWORD,
                    "a stop word of {longest} bytes"
                );
                let words = words
                    .iter()
                    .map(|w| as_number(w.as_bytes()).expect("a short stop word"))
                    .collect();
                Stopwords { words, longest }
            };
            let mut lists: Vec<Stopwords> = LANGS
                .iter()
                .map(|(_, words)| list(words.split_whitespace().collect()))
                .collect();
            lists.push(list(
                LANGS
                    .iter()
                    .flat_map(|(_, words)| words.split_whitespace())
                    .collect(),
            ));
            lists
        });
        let at = LANGS
            .iter()
            .position(|(code, _)| Some(*code) == lang)
            .unwrap_or(LANGS.len());
        &lists[at]
    }

    /// Share of the words in `text` that are stop words. A word is a run of
    /// letters, digits and `'`.
    ///
    /// Read byte by byte, decoding only non-ASCII characters: splitting on a
    /// test of every character was most of the language detector's sample
    /// check and of the block classifier's (about 270 instructions a word).
    pub fn density(&self, text: &str) -> f64 {
        let bytes = text.as_bytes();
        let (mut words, mut stops) = (0usize, 0usize);
        let mut at = 0;
        while at < bytes.len() {
            let start = at;
            let mut ascii = true;
            while let Some(&byte) = bytes.get(at) {
                if byte.is_ascii() {
                    if !(byte.is_ascii_alphanumeric() || byte == b'\'') {
                        break;
                    }
                    at += 1;
                } else {
                    let c = text[at..].chars().next().expect("at a character boundary");
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    at += c.len_utf8();
                }
            }
            if at > start {
                words += 1;
                if self.is_stopword(&text[start..at], ascii) {
                    stops += 1;
                }
            }
            // Past the separator that ended the word (or the text).
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        if words == 0 {
            0.0
        } else {
            stops as f64 / words as f64
        }
    }

    fn is_stopword(&self, word: &str, ascii: bool) -> bool {
        if ascii {
            word.len() <= self.longest && self.has(word)
        } else if word.chars().any(char::is_uppercase) {
            self.has(&word.to_lowercase())
        } else {
            self.has(word)
        }
    }

    /// Whether `word` (lowercase, but for ASCII capitals) is on the list.
    fn has(&self, word: &str) -> bool {
        as_number(word.as_bytes()).is_some_and(|n| self.words.contains(&n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `density` as it was first written: a split on a test of every character.
    fn density_by_split(stopwords: &Stopwords, text: &str) -> f64 {
        let list: HashSet<String> = stopwords
            .words
            .iter()
            .map(|n| {
                let bytes = n.to_le_bytes();
                let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
                String::from_utf8(bytes[..end].to_vec()).unwrap()
            })
            .collect();
        let list: HashSet<&str> = list.iter().map(String::as_str).collect();
        let mut words = 0usize;
        let mut stops = 0usize;
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
        {
            words += 1;
            let is_stop = if word.is_ascii() {
                // Lower-cased on the stack: most words are ASCII, and most are
                // longer than any stop word or need no lower-casing.
                if word.len() > stopwords.longest {
                    false
                } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    let mut buffer = [0u8; LONGEST_STOPWORD];
                    let lower = &mut buffer[..word.len()];
                    lower.copy_from_slice(word.as_bytes());
                    lower.make_ascii_lowercase();
                    std::str::from_utf8(lower).is_ok_and(|w| list.contains(w))
                } else {
                    list.contains(word)
                }
            } else if word.chars().any(char::is_uppercase) {
                list.contains(word.to_lowercase().as_str())
            } else {
                list.contains(word)
            };
            if is_stop {
                stops += 1;
            }
        }
        if words == 0 {
            0.0
        } else {
            stops as f64 / words as f64
        }
    }

    #[test]
    fn density_counts_words_as_a_split_does() {
        let texts = [
            "The company said on Friday that it would ask its employees to delete the app.",
            "THE COMPANY SAID IT WOULD, and The Others didn't; O'Neill's 'quoted' it's",
            "Die Häuser des Müllers, Maßnahmen für die Straße — café, naïve ÉTÉ œuvre",
            "東京 日本語のテキスト 서울 Москва и МОСКВА, Київ العربية हिन्दी ①②",
            "4TH QTR NET SHR 1.10 DLRS VS 95 CTS ... x86_64 COVID-19 3rd",
            "",
            "   ...  --- ",
            "'''' ' a'b a' 'a DON'T Ünd ÜND",
            "\u{a0}the\u{2014}of\u{2019}and\u{200b}to\u{feff}in ΣΊΣΥΦΟΣ İstanbul ǅemal",
            "supercalifragilisticexpialidociousnessesandmore the",
        ];
        for lang in [Some("en"), Some("de"), Some("fr"), None] {
            let stopwords = Stopwords::for_lang(lang);
            for text in texts {
                assert_eq!(
                    stopwords.density(text),
                    density_by_split(stopwords, text),
                    "{lang:?} {text:?}"
                );
            }
        }
    }

    #[test]
    fn detects_and_normalizes() {
        assert_eq!(
            detect("The company said on Friday that it would ask its employees to delete the app.")
                .as_deref(),
            Some("en")
        );
        // English at 0.2–0.3 stop words, then a French quotation: the
        // detector said French (20 Newsgroups, sci.crypt 15672).
        let reply = "But I'll add another observation: if the chip does become a standard, \
            the algorithm won't _remain_ secret.\n\
            Leaving the government with the only remaining option: to make use of \
            un-escrowed keys illegal. Which won't begin to bother the terrorists and child \
            abusers the government is so fond of referring to.\n\
            Note that the Federalist papers stress _one_ reason for the right of citizens to \
            bear arms: to defend themselves _against_ the army. _Our_ army.\n\
            IMHO the _primary_ purpose of private crypto is defend ourselves _against_ the \
            government. The odd terrorist I'm not worried about; the goverment damages my \
            quality of life every day.\n\
            Robert Ullmann Ariel@World.STD.COM +1 508 879 6994 x226 Quand Maigret poussa la \
            porte du Tabac Fontaine, vers une heure et demie, le patron du bar, qui venait de \
            se lever, descendait lentement un escalier en colima çon qui s'amor çait dans \
            l'arri ère-salle. ... Arriv é derri ère le comptoir, il repousa le gar çon d'un \
            geste n égligent de la main, saisit une bouteille de vin blanc, un verre, m élangea \
            au vin de l'eau min érale et, la t ête renvers ée en arri ère, se gargarisa.";
        assert_eq!(detect(reply).as_deref(), Some("en"));
        assert_eq!(normalize_declared("de-DE").as_deref(), Some("de"));
        assert_eq!(normalize_declared("x"), None);
    }
}
