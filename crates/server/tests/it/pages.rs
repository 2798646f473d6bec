//! The dashboard pages: each renders, filters and pages, and the article view marks its
//! spans on the text.

use crate::support::{self, app, get, get_page, synthetic_store};
use axum::http::StatusCode;

#[tokio::test]
async fn the_feed_filters_and_pages() {
    let (_dir, db) = synthetic_store(200);
    let app = app(&db);
    let html = get_page(&app, "/").await;
    assert!(html.contains("<form class=\"filters\""));
    assert!(html.contains("events from"), "the store summary");
    assert_eq!(html.matches("<tr class=").count(), 50, "a page of 50, newest first");
    let next =
        html.split("class=\"next\" href=\"").nth(1).and_then(|s| s.split('"').next()).expect("a next link");
    assert!(next.starts_with("/?after="), "{next}");
    let next = next.replace("&#38;", "&");
    let second = get_page(&app, &next).await;
    assert!(second.contains("« First page"));
    assert_eq!(second.matches("<tr class=").count(), 50);

    let html = get_page(&app, "/?actor=RUS&plover=AGREE&limit=25").await;
    assert!(html.contains("value=\"RUS\""), "the form keeps its values");
    assert!(html.contains("<option value=\"AGREE\" selected>"));
    let rows = html.matches("<tr class=").count();
    assert!(rows > 0 && rows <= 25);
    assert!(html.contains("Clear"));
    // every row of the filtered page names RUS on one side and AGREE
    for row in html.split("<tr class=").skip(1) {
        assert!(row.contains("<code>RUS"), "{row}");
        assert!(row.contains(">AGREE</span>"), "{row}");
    }

    let html = get_page(&app, "/?modality=conditional&text=Taiwan").await;
    assert!(html.contains("/articles/pledge#ev-1"), "links to the evidence");
    assert!(html.contains("badge conditional"));

    let empty = get_page(&app, "/?actor=SWE&dyad=SWE-XXX").await;
    assert!(empty.contains("No events match these filters."));
}

#[tokio::test]
async fn a_bad_filter_keeps_the_form_and_says_why() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let reply = get(&app, "/?from=someday&actor=RUS").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.header("content-type").starts_with("text/html"));
    assert!(
        reply.body.contains("role=\"alert\">from: expected a date YYYY-MM-DD, got &#34;someday&#34;</p>"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("value=\"RUS\""));
    let reply = get(&app, "/?after=nonsense").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("invalid cursor"));
}

/// The article view: every span kind marked, the pledge's evidence card with its
/// condition, the quote and its speaker.
#[tokio::test]
async fn the_article_view_marks_the_evidence() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let html = get_page(&app, "/articles/pledge").await;
    assert!(
        html.contains("<h1>Russia vows to support China if Taiwan contingency flares up: Top diplomat</h1>")
    );
    for class in [
        "<mark class=\"ev\"",
        "class=\"trig\"",
        "class=\"cond\"",
        "class=\"when\"",
        "class=\"q\"",
        "class=\"m name",
    ] {
        assert!(html.contains(class), "no {class}");
    }
    // The pledge sentence is one mark (event 1), its condition inside it.
    let mark = html.split("<mark class=\"ev\" data-ev=\"1\"").nth(1).expect("the pledge's sentence mark");
    let mark = &mark[..mark.find("</mark>").unwrap()];
    assert!(mark.contains("<span class=\"cond\" data-ev=\"1\" title=\"E1 condition\">if a Taiwan contingency flares up</span>"), "{mark}");
    // Its card: codes, dyad, modality, condition, quote and speaker, rule, dictionaries.
    let card = html.split("id=\"ev-1\"").nth(1).expect("the first card");
    let card = &card[..card.find("</section>").unwrap()];
    for needle in [
        "<code class=\"cameo\">033</code>",
        ">AGREE</span>",
        "<code>RUSGOV</code>",
        "<code>CHN</code>",
        "badge conditional",
        "badge future",
        "badge reported",
        "<dd class=\"condition\">if a Taiwan contingency flares up</dd>",
        "Sergei Lavrov (RUSGOV)",
        "verbs/03-intent.txt:12 SUPPORT +will support",
        "<dt>dictionaries</dt>",
    ] {
        assert!(card.contains(needle), "card lacks {needle}: {card}");
    }
    // The November remark is dated by its words.
    assert!(html.contains("2025-11 <span class=\"muted\">(month: “in November”)</span>"));
    assert!(html.contains("<h2>Quotes</h2>"));
    let missing = get(&app, "/articles/nosuch").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("no article &#34;nosuch&#34;"));
}

#[tokio::test]
async fn an_event_link_goes_to_its_evidence() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let reply = get(&app, "/events/pledge%232").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/articles/pledge#ev-2");
    assert_eq!(get(&app, "/events/pledge%2399").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn actor_dyad_and_alert_pages() {
    let (_dir, db) = support::store_with(
        &support::seed_like().into_iter().chain(crate::api::escalation()).collect::<Vec<_>>(),
    );
    let app = app(&db);
    let html = get_page(&app, "/actors").await;
    assert!(html.contains("href=\"/actors/RUSGOV\""));
    let html = get_page(&app, "/actors?q=lavrov").await;
    assert!(html.contains("<code>RUSGOV</code>") && !html.contains("<code>CHN</code>"));

    let html = get_page(&app, "/actors/RUS").await;
    assert!(html.contains("<h2>Partners</h2>"));
    assert!(html.contains("href=\"/dyads/RUS/CHN\""), "a partner with its chart link");
    assert!(html.contains("href=\"/actors/RUSGOV\""), "codes under RUS");
    assert_eq!(get(&app, "/actors/NOSUCH").await.status, StatusCode::NOT_FOUND);

    let html = get_page(&app, "/dyads").await;
    assert!(html.contains("href=\"/dyads/DEU/FRA\""));
    let reply = get(&app, "/dyads?a=fra&b=deu").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/dyads/FRA/DEU");

    let html = get_page(&app, "/dyads/FRA/DEU").await;
    assert!(html.contains("<svg"), "the chart");
    assert!(html.contains("<rect class=\"conf-material\""), "conflict bars");
    assert!(html.contains("<rect class=\"conf-verbal\""));
    assert!(html.contains("<polyline points="), "the index line");
    assert!(html.contains("<h2>Escalation alerts</h2>") && html.contains("DEU – FRA"));
    let html = get_page(&app, "/dyads/RUS/CHN?modality=all&bucket=month&directed=true&unit=report").await;
    assert!(html.contains("<rect class=\"coop-verbal\""), "the pledge, counted with all modalities");
    assert!(html.contains("only RUS acting on CHN"));
    assert_eq!(get(&app, "/dyads/RUS/CHN?bucket=century").await.status, StatusCode::BAD_REQUEST);

    let html = get_page(&app, "/alerts").await;
    assert!(html.contains("1 alert."), "{html}");
    assert!(html.contains("href=\"/dyads/DEU/FRA\""));
    assert!(html.contains("href=\"/events/strike-"), "drivers link to their events");
    let reply = get(&app, "/alerts?window_days=0").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("window_days"));
}

#[tokio::test]
async fn assets_and_unknown_pages() {
    let (_dir, db) = synthetic_store(0);
    let app = app(&db);
    let css = get(&app, "/assets/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").starts_with("text/css"));
    let js = get(&app, "/assets/app.js").await;
    assert!(js.header("content-type").starts_with("text/javascript"));
    assert_eq!(get(&app, "/assets/other.js").await.status, StatusCode::NOT_FOUND);
    let reply = get(&app, "/no/such/page").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.header("content-type").starts_with("text/html"));
    assert!(reply.body.contains("404 · Not Found"));
}

/// Templates escape everything: none of them may opt out with `|safe` or `escape="none"`.
#[test]
fn no_template_turns_escaping_off() {
    let dir = support::workspace().join("crates/server/templates");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for banned in ["|safe", "| safe", "escape(\"none\")", "{% autoescape false", "{% filter safe"] {
            assert!(!text.contains(banned), "{} uses {banned}", path.display());
        }
        n += 1;
    }
    assert!(n >= 10, "{n} templates");
    let source = std::fs::read_to_string(support::workspace().join("crates/server/src/pages.rs")).unwrap();
    assert!(!source.contains("escape = \"none\""), "a template struct turns escaping off");
}
