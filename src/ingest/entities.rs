//! Decoding the HTML character references left in markdown and text scrapes,
//! and in what pages write into JSON-LD.

use markup5ever::data::NAMED_ENTITIES;

/// Replaces `&amp;`, `&#8217;`, `&#x2019;` and every named reference of HTML.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .char_indices()
            .take(10)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        match end {
            Some(end) if decode_one(&after[..end], &mut out) => rest = &after[end + 1..],
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Pushes what the reference `&name;` stands for, if anything.
fn decode_one(name: &str, out: &mut String) -> bool {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        let Some(c) = code.and_then(char::from_u32) else {
            return false;
        };
        out.push(c);
        return true;
    }
    // A scrape's `&nbsp;` separates words like any space (and always did here).
    if name == "nbsp" {
        out.push(' ');
        return true;
    }
    // HTML's own table (`&oacute;`, `&uuml;`, `&shy;`): the one html5ever reads pages with.
    let Some(&(first, second)) = NAMED_ENTITIES.get(format!("{name};").as_str()) else {
        return false;
    };
    out.extend(
        [first, second]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32),
    );
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes() {
        assert_eq!(
            super::decode_entities("a &amp; b &#8217; &#x2014; &bogus; & Redacci&oacute;n &nbsp;"),
            "a & b ’ — &bogus; & Redacción  "
        );
    }
}
