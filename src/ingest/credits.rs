//! Choosing an article's authors among the credits a page gives.

use super::byline;
use super::title::names_site;

/// Credits offered best first: the first naming a person wins (outlet names
/// dropped from it). Credits from author mark-up that name no person — a
/// desk, a team or a handle (`HNN Staff`, `Support Team`, `gizzmo`) — are kept
/// in case no person is named later; credits naming only the outlet itself
/// (`Eurosport`, `STERN.de`) are the last resort, since some sites credit themselves.
#[derive(Debug, Default)]
pub struct Credits {
    site: Option<String>,
    url: Option<String>,
    chosen: Option<(Vec<String>, String)>,
    handles: Option<(Vec<String>, String)>,
    outlet: Option<(Vec<String>, String)>,
}

impl Credits {
    /// Credits judged against the outlet's declared name and the page's URL.
    pub fn new(site: Option<String>, url: Option<String>) -> Credits {
        Credits {
            site,
            url,
            ..Credits::default()
        }
    }

    /// Whether a person is already credited.
    pub fn is_settled(&self) -> bool {
        self.chosen.is_some()
    }

    /// Offers names found by `how`; ignored once a person is credited.
    pub fn offer(&mut self, names: Vec<String>, how: &str) {
        if self.is_settled() || names.is_empty() {
            return;
        }
        let mut seen = std::collections::HashSet::new();
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| seen.insert(n.to_lowercase()))
            .collect();
        let (people, outlet): (Vec<String>, Vec<String>) = names
            .into_iter()
            .partition(|n| !names_site(n, self.site.as_deref(), self.url.as_deref()));
        if people.iter().any(|n| byline::is_name(n)) {
            self.chosen = Some((people, how.to_string()));
        } else if !people.is_empty() {
            if self.handles.is_none() {
                self.handles = Some((people, how.to_string()));
            }
        } else if self.outlet.is_none() {
            self.outlet = Some((outlet, how.to_string()));
        }
    }

    /// The authors and where they came from; empty when nothing was credited.
    pub fn finish(self) -> (Vec<String>, Option<String>) {
        match (self.chosen, self.handles, self.outlet) {
            (Some((names, how)), _, _) | (None, Some((names, how)), _) => (names, Some(how)),
            (None, None, Some((names, how))) => {
                (names, Some(format!("{how} (the outlet's own name)")))
            }
            (None, None, None) => (Vec::new(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_beats_the_outlet_which_beats_nothing() {
        let site = || Some("El Mostrador".to_string());
        let mut credits = Credits::new(site(), None);
        credits.offer(vec!["El Mostrador".into()], "meta author");
        credits.offer(vec!["Raúl Espina".into()], "readability byline");
        assert_eq!(
            credits.finish(),
            (
                vec!["Raúl Espina".to_string()],
                Some("readability byline".into())
            )
        );
        let mut credits = Credits::new(None, Some("https://www.eurosport.de/x".into()));
        credits.offer(vec!["Eurosport".into()], "json-ld author");
        assert_eq!(
            credits.finish(),
            (
                vec!["Eurosport".to_string()],
                Some("json-ld author (the outlet's own name)".into())
            )
        );
        assert_eq!(Credits::new(None, None).finish(), (Vec::new(), None));
    }

    #[test]
    fn a_person_beats_a_desk_or_handle_which_beats_the_outlet() {
        let site = || Some("Hawaii News Now".to_string());
        let mut credits = Credits::new(site(), None);
        credits.offer(vec!["Hawaii News Now".into()], "meta author");
        credits.offer(vec!["HNN Staff".into()], "json-ld author");
        credits.offer(vec!["Lisa Kubota".into()], "byline text");
        assert_eq!(credits.finish().0, vec!["Lisa Kubota".to_string()]);
        let mut credits = Credits::new(site(), None);
        credits.offer(vec!["Hawaii News Now".into()], "meta author");
        credits.offer(vec!["gizzmo".into()], "rel=author link");
        assert_eq!(
            credits.finish(),
            (vec!["gizzmo".to_string()], Some("rel=author link".into()))
        );
    }
}
