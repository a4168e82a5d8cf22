//! What cleaning and metadata extraction store, checked through `search extract`
//! (the same code path `search index` uses):
//! 1. the seeds' metadata table from the issue;
//! 2. no site chrome, markup or link targets in any stored body or title;
//! 3. the NYT article is whole, from its first paragraph to its last;
//! 4. HTML fixtures read JSON-LD / OpenGraph / canonical metadata;
//! 5. on a real corpus (Mozilla's readability pages) titles mostly match the truth;
//! 6. `--explain` says where each field came from, in JSON and in text.

use serde_json::Value;

use crate::common::*;

fn records(path: &std::path::Path) -> Vec<Value> {
    let env = TestEnv::new();
    let r = env.run(&["extract", path.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.json_lines()
}

/// The record `search extract` prints for one page under `../shared`, when
/// `../shared` is there.
fn shared_record(rel: &str) -> Option<Value> {
    let page = shared_if_present(rel)?;
    records(&page).into_iter().next()
}

/// Each l3s HTML page's title (skipped where `../shared` is absent).
fn assert_l3s_page_titles(cases: &[(&str, &str)]) {
    for (page, headline) in cases {
        let Some(rec) = shared_record(&format!("corpora/extract/l3s/html/{page}")) else {
            return;
        };
        assert_eq!(rec["title"], *headline, "{page}");
    }
}

fn by_file<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no record for {name}"))
}

#[test]
fn seed_metadata_matches_the_table() {
    let recs = records(&seeds());
    assert_eq!(recs.len(), 3);

    let nyt = by_file(&recs, NYT);
    assert_eq!(nyt["kind"], "markdown");
    assert_eq!(
        nyt["title"],
        "Amazon Backtracks From Demand That Employees Delete TikTok"
    );
    assert_eq!(nyt["date"], "2020-07-10");
    assert_eq!(
        nyt["authors"],
        serde_json::json!(["Mike Isaac", "Karen Weise"])
    );
    assert_eq!(nyt["source"], "The New York Times");
    assert_eq!(nyt["url"], "https://nyti.ms/2OfhrMt");
    assert_eq!(nyt["lang"], "en");

    let dw = by_file(&recs, DW);
    assert_eq!(dw["kind"], "text");
    assert_eq!(
        dw["title"],
        "Amazon bans TikTok for employees, but flips back"
    );
    assert_eq!(dw["date"], "2020-07-11");
    assert_eq!(dw["authors"], serde_json::json!([]));
    assert_eq!(dw["source"], "DW");
    assert_eq!(dw["url"], "https://p.dw.com/p/3f96n");

    let vice = by_file(&recs, VICE);
    assert_eq!(vice["kind"], "text");
    assert!(
        vice["title"].is_null(),
        "no headline in the file: {}",
        vice["title"]
    );
    assert!(vice["date"].is_null());
    assert_eq!(vice["authors"], serde_json::json!([]));
    assert_eq!(vice["source"], "VICE (Motherboard)");
    assert!(vice["url"].is_null());
}

#[test]
fn no_chrome_markup_or_links_in_seed_bodies_and_titles() {
    const FORBIDDEN: &[&str] = &[
        "Skip to content",
        "Skip to site index",
        "Skip to main menu",
        "Skip to more DW sites",
        "Advertisement",
        "Continue reading the main story",
        "Supported by",
        "Site Index",
        "Site Information Navigation",
        "Videos by VICE",
        "css-",
        "data-testid",
        "<div",
        "](",
        "https://",
    ];
    for rec in records(&seeds()) {
        let text = format!(
            "{}\n{}",
            rec["title"].as_str().unwrap_or(""),
            rec["body"].as_str().unwrap()
        );
        for bad in FORBIDDEN {
            assert!(!text.contains(bad), "`{bad}` in {}", rec["path"]);
        }
        assert!(
            text.contains("\n\n"),
            "paragraph breaks kept in {}",
            rec["path"]
        );
    }
}

#[test]
fn nyt_article_is_whole() {
    // The opening words of every paragraph from the first to the last.
    const PARAGRAPHS: &[&str] = &[
        "SAN FRANCISCO — Amazon on Friday asked its employees to delete the Chinese-owned video app TikTok",
        "Almost five hours later, Amazon reversed course",
        "In the initial email, which was obtained by The New York Times",
        "In a statement sent later on Friday, company spokeswoman Kristin Brown",
        "But by then, the initial email had already added to the storm",
        "Mike Pompeo, the secretary of state, said on Monday",
        "Last year, the Committee on Foreign Investment in the United States",
        "In December, the Defense Department began telling military personnel to delete the app",
        "With TikTok making headlines for similar security concerns",
        "Other companies are scrutinizing use of the app among employees. Wells Fargo said",
        "ByteDance has made a series of moves in response to the concerns",
        "On Monday, TikTok also said that it would withdraw from app stores in Hong Kong",
        "After Amazon’s first email on Friday, TikTok said in a statement",
        "Before Amazon sent out its second message on Friday, Senator Josh Hawley",
        "TikTok has long been a concern of American intelligence officials",
        "Last month, a researcher uncovered that TikTok had the ability to siphon",
        "The researcher, who goes by the handle Bangorlol",
        "“This was very concerning and very rare,” Oded Vanunu",
        "TikTok’s Chinese ownership has also been problematic for other governments. India banned nearly 60 Chinese mobile apps",
        "The video app has soared in popularity over the past few years",
        "The app has been downloaded roughly two billion times worldwide",
        "products like Reels, an app similar to TikTok that capitalizes on the social video format.",
    ];
    let recs = records(&seeds());
    let body = by_file(&recs, NYT)["body"].as_str().unwrap().to_string();
    for p in PARAGRAPHS {
        assert!(body.contains(p), "missing paragraph: {p}");
    }
}

#[test]
fn html_fixtures_read_structured_metadata() {
    let recs = records(&fixtures().join("html"));
    assert_eq!(recs.len(), 3);
    let ars = by_file(&recs, "ars-technica-json-ld-byline.html");
    assert_eq!(ars["kind"], "html");
    assert_eq!(
        ars["title"],
        "Just-released Minecraft exploit makes it easy to crash game servers"
    );
    assert_eq!(ars["authors"], serde_json::json!(["Dan Goodin"]));
    assert_eq!(ars["source"], "Ars Technica");
    assert!(ars["body"]
        .as_str()
        .unwrap()
        .contains("Pakistan-based developer Ammar Askar"));

    let jpost = by_file(&recs, "jpost-site-name-suffix.html");
    assert_eq!(
        jpost["title"],
        "Son of former German president stabbed to death in Berlin"
    );
    assert_eq!(jpost["source"], "The Jerusalem Post");
    // A desk credit is kept when the page names no person (a person would win).
    assert_eq!(
        jpost["authors"],
        serde_json::json!(["JERUSALEM POST STAFF"]),
        "the page's own credit"
    );
    assert_eq!(
        jpost["url"],
        "https://www.jpost.com/Breaking-News/Son-of-former-German-president-stabbed-to-death-in-Berlin-608399"
    );

    let wcc = by_file(&recs, "wccftech-opengraph.html");
    assert_eq!(wcc["source"], "Wccftech");
    assert_eq!(wcc["authors"], serde_json::json!(["Nathan Birch"]));
    assert!(wcc["body"]
        .as_str()
        .unwrap()
        .contains("Google Stadia launches tomorrow"));
    for rec in &recs {
        let body = rec["body"].as_str().unwrap();
        assert!(
            !body.contains("<div") && !body.contains("]("),
            "markup in {}",
            rec["path"]
        );
    }
}

#[test]
fn readability_corpus_titles_match_truth() {
    let Some(set) = shared_if_present("corpora/extract/readability") else {
        return;
    };
    let recs = records(&set.join("html"));
    let mut judged = 0;
    let mut right = 0;
    for rec in &recs {
        let name = std::path::Path::new(rec["path"].as_str().unwrap())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(set.join("truth").join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        let Some(want) = truth["title"].as_str() else {
            continue;
        };
        judged += 1;
        let fold = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        if rec["title"].as_str().map(fold) == Some(fold(want)) {
            right += 1;
        }
    }
    assert_eq!(recs.len(), 72, "every page yields a record");
    let accuracy = right as f64 / judged as f64;
    eprintln!("readability title accuracy: {right}/{judged} = {accuracy:.3}");
    assert!(accuracy >= 0.75, "title accuracy {accuracy:.3}");
}

/// Title and "nothing lost" on the BBC and Reuters parts of news-bench (plain-text files
/// whose first line is the headline): unpacked from the shared tarball into a temp folder.
#[test]
fn news_bench_plain_text_titles() {
    let Some(tarball) = shared_if_present("corpora/news-bench.tar.xz") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("tar")
        .args([
            "-xJf",
            tarball.to_str().unwrap(),
            "-C",
            tmp.path().to_str().unwrap(),
        ])
        .args([
            "news-bench/news-bench.jsonl",
            "news-bench/docs/bbc",
            "news-bench/docs/fakenewsnet",
        ])
        .status()
        .expect("tar");
    assert!(status.success());
    let root = tmp.path().join("news-bench");
    let mut truth = std::collections::HashMap::new();
    for line in std::fs::read_to_string(root.join("news-bench.jsonl"))
        .unwrap()
        .lines()
    {
        let r: Value = serde_json::from_str(line).unwrap();
        truth.insert(root.join(r["path"].as_str().unwrap()), r);
    }
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let accuracy = |recs: &[Value], name: &str| {
        let right = recs
            .iter()
            .filter(|r| {
                let t = &truth[&std::path::PathBuf::from(r["path"].as_str().unwrap())];
                r["title"].as_str().map(fold) == t["title"].as_str().map(fold)
            })
            .count();
        let accuracy = right as f64 / recs.len() as f64;
        eprintln!(
            "news-bench {name} title accuracy: {right}/{} = {accuracy:.3}",
            recs.len()
        );
        accuracy
    };
    let recs = records(&root.join("docs/bbc"));
    assert_eq!(recs.len(), 2225, "every BBC article yields a record");
    let bbc = accuracy(&recs, "bbc");
    assert!(bbc >= 0.98, "bbc title accuracy {bbc:.3}");
    assert!(recs.iter().all(|r| r["words"].as_u64().unwrap() > 20));
    // FakeNewsNet scrapes put share bars, credits and captions between the
    // headline and the lead (`Share Tweet Share`, `(AP Photo/…)`): 0.781 when
    // the line nearest the lead was taken for the headline, 0.878 now.
    let recs = records(&root.join("docs/fakenewsnet"));
    let fakenewsnet = accuracy(&recs, "fakenewsnet");
    assert!(
        fakenewsnet >= 0.87,
        "fakenewsnet title accuracy {fakenewsnet:.3}"
    );
}

#[test]
fn explain_names_where_each_field_came_from() {
    let env = TestEnv::new();
    let html = fixtures().join("html");
    let r = env.run(&[
        "extract",
        "--explain",
        html.to_str().unwrap(),
        seeds().to_str().unwrap(),
        "--format",
        "jsonl",
        "--fields",
        "path,date,origins",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records = r.json_lines();
    let origins = |name: &str| by_file(&records, name)["origins"].clone();

    let wccftech = origins("wccftech-opengraph.html");
    assert_eq!(wccftech["title"], "json-ld headline");
    assert_eq!(wccftech["date"], "json-ld datePublished");
    assert_eq!(wccftech["authors"], "json-ld author");
    assert_eq!(wccftech["url"], "<link rel=canonical>");
    let jpost = origins("jpost-site-name-suffix.html");
    assert_eq!(jpost["title"], "meta og:title");
    assert_eq!(jpost["source"], "meta og:site_name");
    assert_eq!(jpost["authors"], "itemprop author name");
    assert_eq!(
        origins("ars-technica-json-ld-byline.html")["date"],
        "<time datetime>"
    );

    let nyt = origins("000_b06b2c4501500147.txt");
    assert_eq!(nyt["date"], "dateline");
    assert_eq!(nyt["authors"], "byline line");
    assert_eq!(nyt["url"], "link line");
    assert_eq!(nyt["lang"], "language detection on the text");
    let vice = origins("004_81f52aa8d415f930.txt");
    assert_eq!(vice["source"], "copyright line");
    assert_eq!(vice["date"], Value::Null);

    let text = env.run(&[
        "extract",
        "--explain",
        "--format",
        "text",
        seeds().join("000_b06b2c4501500147.txt").to_str().unwrap(),
    ]);
    assert!(
        text.stdout.contains("date: 2020-07-10  [from dateline]"),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains("authors: Mike Isaac, Karen Weise  [from byline line]"));
    // Without --explain, no origins.
    let plain = env.run(&["extract", html.to_str().unwrap()]);
    assert!(!plain.stdout.contains("origins"));
}

/// Comment threads under saved articles (real l3s pages, as text scrapes):
/// a Wired blog post whose 60 comments are signed below each one and have no
/// heading, and a Telegraph story with `Have your say` above the article and
/// `Comments` below it. Each body ends with the article's last paragraph.
#[test]
fn signed_comment_threads_end_the_article() {
    let Some(dir) = shared_if_present("corpora/extract/l3s/txt") else {
        return;
    };
    let cases = [
        (
            "3810ea2e-4d86-4ec2-908c-143f3832cdff.txt",
            "Tata Motors unveiled",
            "wouldn't meet U.S. emissions and safety regulations.",
        ),
        (
            "f5a46a81-efdc-4daf-9990-94ae378f2611.txt",
            "Redknapp had been the favourite to replace Sam Allardyce",
            "who has snubbed the offer",
        ),
    ];
    for (name, opening, ending) in cases {
        let recs = records(&dir.join(name));
        let body = recs[0]["body"].as_str().unwrap();
        assert!(body.contains(opening), "{name}: lost the article: {body}");
        assert!(!body.contains("Posted by"), "{name}: kept comments: {body}");
        let last = body.trim_end().lines().last().unwrap_or("");
        assert!(last.contains(ending), "{name}: ends with {last:?}");
    }
}

/// A text scrape that ran a whole page into one 2,000-character line (a real
/// l3s page: menu, article, job search and site index with ` | ` between
/// them) keeps the article's sentences of that line and loses the rest.
#[test]
fn a_page_run_into_one_line_keeps_only_its_article() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/txt/b5723dd9-855c-49b5-828e-4532b8826e16.txt")
    else {
        return;
    };
    let body = rec["body"].as_str().unwrap();
    assert!(
        body.contains("Thousands of New Year's Eve revellers have taken to the streets of London"),
        "{body}"
    );
    assert!(
        body.trim_end()
            .ends_with("to help revellers find their way back home."),
        "{body}"
    );
    for chrome in [
        "Search icNewcastle for:",
        "Find your new job:",
        "Business Jobs Homes",
    ] {
        assert!(!body.contains(chrome), "kept {chrome:?}: {body}");
    }
}

/// A byline Readability leaves atop the article (`By TERENCE HUNT`, a real l3s
/// AP page with no author mark-up) leaves the body and names the author.
#[test]
fn a_byline_atop_the_body_becomes_the_author() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/224aa27e-f2e2-41fb-97d5-13dc6df57cd6.html")
    else {
        return;
    };
    assert_eq!(rec["authors"], serde_json::json!(["TERENCE HUNT"]));
    let body = rec["body"].as_str().unwrap();
    assert!(!body.contains("By TERENCE HUNT"), "{body}");
    assert!(body.contains("President Bush warned Iran"), "{body}");
}

/// A WordPress page whose Yoast JSON-LD names its author only by reference
/// (the Article's `author` is `{"@id": …}`, the Person a separate node) and
/// whose Readability byline is someone else (a real aeb page, mspoweruser.com):
/// the author is the one the page shows, `by Lewis White`.
#[test]
fn an_author_named_by_reference_in_json_ld_is_found() {
    let Some(rec) = shared_record("corpora/extract/aeb/html/aade2ec8d1e7b0919aef1001c3ef0573f8a239e22d4d751d8e664f04ea77ef0d.html") else {
        return;
    };
    assert_eq!(rec["authors"], serde_json::json!(["Lewis White"]));
}

/// A poll beside the article (a real l3s page, 580 CFRA: `Yes to a handgun ban
/// & tougher sentences…`, one radio button per answer) is a form, not the
/// article; Readability took it for the article and the story was lost.
#[test]
fn a_poll_form_is_not_the_article() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/30cfde24-3c3f-4ef6-a1ac-4b58f5e631b6.html")
    else {
        return;
    };
    let body = rec["body"].as_str().unwrap();
    assert!(
        body.contains("Liberal leader Stephane Dion suggests a \"diplomatic solution\""),
        "{body}"
    );
    assert!(!body.contains("handgun ban"), "{body}");
}

/// A page whose `<title>` is only the outlet's name (a real l3s page: `The
/// Independent on Saturday`) takes its headline from the element marked up as
/// one, `<h1 class="ArticleHeadline">`, which shares words with the lead.
#[test]
fn a_title_naming_only_the_outlet_yields_to_the_marked_headline() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/1c0265ec-35f4-460c-a0a6-b3dab9555a57.html")
    else {
        return;
    };
    assert_eq!(rec["title"], "Sri Lankan cricket chief resigns");
}

/// An old BBC page that lost its `<head>` (a real l3s page): the headline is the
/// story-headline `<div>`, not the photo caption below it (`<div class="cap">`),
/// although the caption retells more of the lead; the caption leaves the body.
#[test]
fn a_photo_caption_is_neither_headline_nor_body() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/104ac8ce-3000-4106-bf10-b6ca9d01a475.html")
    else {
        return;
    };
    assert_eq!(rec["title"], "Gulf states urge peace with Iran");
    let body = rec["body"].as_str().unwrap();
    assert!(
        !body.contains("Ahmadinejad is the first Iranian leader"),
        "{body}"
    );
    assert!(
        body.contains("Mahmoud Ahmadinejad is the first Iran president to attend a GCC summit."),
        "{body}"
    );
}

/// The author's bio box below a short article (a real l3s page, WebProNews:
/// `<div class="about-the-author">`) is not article text, and the byline
/// `By David A. Utter - Fri, 12/28/2007 - 6:41am.` names him without the dash.
#[test]
fn an_author_bio_box_is_not_the_article() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/a3dfffbb-c567-46dc-8bda-211fb73172f9.html")
    else {
        return;
    };
    assert_eq!(rec["authors"], serde_json::json!(["David A. Utter"]));
    let body = rec["body"].as_str().unwrap();
    assert!(!body.contains("is a staff writer for WebProNews"), "{body}");
    assert!(
        body.contains("Devices like the iPhone could be virtual baristas"),
        "{body}"
    );
}

/// The deck under a headline (a real aeb page, WSJ: the page's description,
/// shown in its header above the article's container) leads the body.
#[test]
fn the_deck_under_the_headline_leads_the_body() {
    let Some(rec) = shared_record(
        "corpora/extract/aeb/html/7ab16ade32386ece353b8d31fc3bb7e660189efd5bf3c8549aaba101ad3f5ef5.html",
    ) else {
        return;
    };
    assert_eq!(rec["title"], "Is Football Violence a Crime?");
    let body = rec["body"].as_str().unwrap();
    assert!(
        body.starts_with(
            "NFL assaults have led to lawsuits before. But a prosecutor would have difficulty \
             proving a charge in court.\n\nIt was the shot to the head heard"
        ),
        "{body}"
    );
    assert_eq!(body.matches("NFL assaults have led to lawsuits").count(), 1);
}

/// A wire story whose lead and one later sentence are thick with names and
/// thin on stop words (a real l3s CBC page, as a text scrape): both stay with
/// the article, and the page's chrome around it does not.
#[test]
fn a_wire_lead_thick_with_names_is_kept() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/txt/a425a015-fc22-41b7-bfb8-9a4fa6fe1378.txt")
    else {
        return;
    };
    let body = rec["body"].as_str().unwrap();
    assert!(
        body.starts_with("B.C.'s premier toured Prince George Sunday to view the damage"),
        "{body}"
    );
    assert!(
        body.contains("Pat Bell, minister of agriculture and lands, deputy premier Shirley Bond"),
        "{body}"
    );
    for chrome in ["Story Tools:", "Text Size:"] {
        assert!(!body.contains(chrome), "kept {chrome:?}: {body}");
    }
}

/// In a text scrape the line right above the article may be a section or a
/// credit (`Filed Under: Sports`, `By the Associated Press`); the headline is
/// the line above the lead that shares its words (real l3s pages, as text).
#[test]
fn a_scrape_headline_shares_the_lead_s_words() {
    for (page, headline) in [
        (
            "045cb317-60ad-454d-add8-3baa40789258.txt",
            "Anand draws with Aronian, Negi posts third win",
        ),
        (
            "0cab2c4b-d0ff-47fb-80a0-5cfd391f3d94.txt",
            "Peterson eyes NFC rushing title, playoffs",
        ),
    ] {
        let Some(rec) = shared_record(&format!("corpora/extract/l3s/txt/{page}")) else {
            return;
        };
        assert_eq!(rec["title"], headline);
        let body = rec["body"].as_str().unwrap();
        assert!(!body.contains(headline), "{body}");
    }
}

/// A saved page with one stray NUL byte in 7,459 (a real l3s page, as
/// markdown) is text: its article is read, the NUL dropped.
#[test]
fn a_stray_nul_byte_does_not_lose_the_article() {
    let Some(rec) = shared_record("corpora/extract/l3s/md/907e52d9-4df4-46d0-86ff-911dacc1e94b.md")
    else {
        return;
    };
    let body = rec["body"].as_str().unwrap();
    assert!(
        body.contains("Derby manager Paul Jewell has revealed he has \"almost completed\" a deal"),
        "{body}"
    );
    assert!(!body.contains('\0'));
}

/// A blog post of three lines (a real WordPress.com page from trafilatura's
/// evaluation set) is read from its post container: Readability's text is
/// short, and the page around the post is share and like boxes, a comment
/// form, and a sidebar of categories, archives and a licence.
#[test]
fn a_short_post_is_read_from_its_container() {
    let recs = records(&fixtures().join("blog/wordpress-short-post.html"));
    let rec = by_file(&recs, "wordpress-short-post.html");
    assert_eq!(
        rec["title"],
        "Die Möglichkeit nichts zu tun ist auch eine Möglichkeit"
    );
    let body = rec["body"].as_str().unwrap();
    for line in [
        "„Ich weiß ich bin betrunken und sollte das vielleicht nicht sagen…“",
        "– „Dann sag es nicht“",
        "– „Ok.“",
    ] {
        assert!(body.contains(line), "missing {line}: {body}");
    }
    for chrome in [
        "Teilen Sie dies mit",
        "Gefällt mir",
        "Kommentar verfassen",
        "Kategorien",
        "Oktober 2014",
        "Die Inhalte dieser Website sind",
    ] {
        assert!(!body.contains(chrome), "{chrome} in {body}");
    }
}

/// An old page (a real l3s page, 2008) whose `<title>` is its masthead,
/// `Latest News`, and which marks up no headline: the body's opening line,
/// which the article below takes up, is the title.
#[test]
fn a_masthead_title_gives_way_to_the_body_s_opening_headline() {
    let Some(rec) =
        shared_record("corpora/extract/l3s/html/045cb317-60ad-454d-add8-3baa40789258.html")
    else {
        return;
    };
    assert_eq!(
        rec["title"],
        "Anand draws with Aronian, Negi posts third win"
    );
    assert!(rec["body"]
        .as_str()
        .unwrap()
        .contains("World Champion Viswanathan Anand"));
}

/// Old pages whose `<title>` is a masthead set their headline in a plain
/// element, not an `<h1>`: a `<span class="headingstory">` under
/// `Summit Daily News for Breckenridge… - Arts and Entertainment`, and the
/// headline part of `… - Football News | SPORTBOX.tv - Nothing Inside But
/// Sport`, of which the site part alone had been kept.
#[test]
fn a_masthead_title_gives_way_to_a_heading_the_lead_takes_up() {
    assert_l3s_page_titles(&[
        (
            "09988ff6-80a0-47c4-9b1d-d7861227461b.html",
            "With writers on strike, Leno, Kimmel appearing on each other’s show",
        ),
        (
            "e9bf9374-69d7-42fa-9575-b5b859b33b26.html",
            "Laursen close to new deal",
        ),
    ]);
}

/// A title a site gives every page (`News`, a real l3s page) names no article:
/// the page heading the lead takes up is the headline. Another l3s page has
/// no `<title>` and an `<h1>` of `News`: the body opens with its headline.
#[test]
fn a_generic_title_gives_way_to_the_headline() {
    assert_l3s_page_titles(&[
        (
            "39db369d-707f-4782-9971-329f2761246e.html",
            "Sarkozy defends himself against rights critics",
        ),
        (
            "f97fa932-1f94-4803-9ef8-7a5e7b676058.html",
            "Radiohead Play Secret Show In London",
        ),
    ]);
}

/// A title the page shows whole as its `<h1>` is the headline readers see,
/// kept whole (trimmed real pages from trafilatura's evaluation set): PETA's
/// `<h1>` holds the whole og:title, of which a section's `<h2>` (`Die Flop 5
/// der deutschen Veterinärämter`) had been taken; SPOX's `<h1>` keeps the
/// kicker `Olympia 2022 - `, which had gone as the part not about the lead.
/// Where the `<h1>` sets its kicker apart in an element of its own (Zeit's
/// `<span class="article-heading__kicker">`), the headline is still the rest.
/// Of tags that word the headline apart, the one the `<h1>` shows wins: the
/// Telegraph's JSON-LD headline is its CMS's name, `escenic`. BDZV's og:title
/// is its section, `Pressemitteilungen`; its `<title>` ends in the `<h1>`.
#[test]
fn a_title_shown_whole_as_the_h1_stays_whole() {
    let env = TestEnv::new();
    let folder = fixtures().join("headline");
    let r = env.run(&[
        "extract",
        folder.to_str().unwrap(),
        "--explain",
        "--format",
        "jsonl",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let recs = r.json_lines();
    assert_eq!(recs.len(), 5);
    for (page, title, origin) in [
        (
            "peta-h1-shows-whole-title.html",
            "Die Top 5 und die Flop 5 der deutschen Veterinärämter 2021",
            "meta og:title, shown whole as the page's <h1>",
        ),
        (
            "spox-h1-shows-kicker.html",
            "Olympia 2022 - Zwei weitere Corona-Fälle! Kombinierer Eric Frenzel und Terence Weber betroffen",
            "json-ld headline, shown whole as the page's <h1>",
        ),
        (
            "zeit-h1-kicker-span.html",
            "Bohren, bis es heiß wird",
            "json-ld headline, narrowed to the page's heading",
        ),
        (
            "bdzv-og-title-is-section.html",
            "Olafur Eliasson gestaltet Titelseite für die deutschen Zeitungen",
            "<h1>, a part of the <title>",
        ),
        (
            "telegraph-json-ld-headline-unshown.html",
            "Plumber jailed after boiler killed millionaire's daughter",
            "meta og:title, the one the page shows as its <h1>",
        ),
    ] {
        let rec = by_file(&recs, page);
        assert_eq!(rec["title"], title, "{page}");
        assert_eq!(rec["origins"]["title"], origin, "{page}");
    }
    let peta = by_file(&recs, "peta-h1-shows-whole-title.html");
    assert!(peta["body"]
        .as_str()
        .unwrap()
        .contains("Jeden Monat gehen bei uns von PETA Deutschland zahlreiche Meldungen"));
}
