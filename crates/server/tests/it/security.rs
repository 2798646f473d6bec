//! Stored text is untrusted. Hostile strings are planted in every text field the store
//! keeps (titles, article text, outlet, URL, actor words and names, quotes and speakers,
//! conditions, locations, rules, dictionary versions, mention names) and every page
//! that shows them is fetched: each must appear only escaped, with no element or
//! attribute of its own. Also: the headers, binding to loopback, and injection strings
//! through the API.

use crate::support::{self, app, get, get_json, store_with};
use axum::http::StatusCode;
use faultline_model::{Basis, BasisKind, Field, Pledge, Span, Terms, Trigger};
use faultline_store::synth::{self, article, event};
use faultline_store::{ArticleRecord, EventStore, SqliteStore};

/// The planted strings: a script element, an attribute break-out with an element, a
/// single-quoted attribute break-out, and a way out of `<title>`.
pub const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
];

/// A trigger `(any, conflict, TWN)` whose words carry the payload.
fn hostile_trigger(payload: &str) -> Trigger {
    let mut trigger = synth::trigger("any", "conflict", "TWN");
    trigger.cue = format!("cue {payload}");
    if let Some(target) = &mut trigger.target {
        target.text = format!("Trigger target {payload}");
        target.name = Some(format!("Trigger name {payload}"));
    }
    trigger
}

/// A pledge whose every text field carries the payload.
fn hostile_pledge(payload: &str) -> Pledge {
    let named = |code: &str, what: &str| {
        let mut actor = synth::actor(code);
        actor.text = format!("{what} {payload}");
        actor.name = Some(format!("{what} name {payload}"));
        actor
    };
    Pledge {
        beneficiary: Some(named("CHN", "Beneficiary")),
        adversary: Some(named("USA", "Adversary")),
        basis: Some(Basis {
            kind: BasisKind::Treaty,
            text: format!("Basis {payload}"),
            span: Span::default(),
            counterpart: Some(named("CHN", "Counterpart")),
            venue: Some(format!("Venue {payload}")),
            cited_by: Some(named("RUSGOV", "Citer")),
        }),
        terms: Some(Terms { text: format!("Terms {payload}"), span: Span::default() }),
        topic: Some(named("TWN", "Topic")),
        ..Pledge::default()
    }
}

/// One article per payload, with the payload in every text field.
pub fn hostile_records() -> Vec<ArticleRecord> {
    let mut records = Vec::new();
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let mut coded = article(&format!("evil-{i}"))
            .title(&format!("Title {payload}"))
            .paragraph(&format!("Body text {payload} in a paragraph."))
            .event(
                event("RUSGOV", "033")
                    .source_as(&format!("Minister {payload}"), Some(&format!("Name {payload}")))
                    .target("CHN")
                    .target_as(&format!("Target {payload}"), Some(&format!("Target name {payload}")))
                    .conditional(&format!("if {payload} happens"))
                    .quoted_by("RUSGOV", Some(&format!("Speaker {payload}")))
                    .location(&format!("Place {payload}"))
                    .words(&format!("words {payload}"))
                    .rule(&format!("rule {payload}"))
                    .mode(&format!("mode {payload}"), &[&format!("context {payload}")])
                    .trigger(hostile_trigger(payload))
                    .pledge(hostile_pledge(payload)),
            )
            .event(event("CHNMIL", "190").target("RUSMIL").dated(
                jiff::civil::date(2025, 11, 1),
                faultline_model::Precision::Month,
                &format!("in November {payload}"),
            ))
            .build();
        coded.article.outlet = Some(Field::meta(format!("Outlet {payload}")));
        coded.article.url = Some(if i == 0 {
            "javascript:alert(1)".to_string()
        } else {
            format!("https://x.example/{payload}")
        });
        coded.article.byline = Some(Field::meta(format!("By {payload}")));
        for e in &mut coded.events {
            e.evidence.dictionary_version = format!("dict {payload}");
        }
        for m in &mut coded.mentions {
            m.name = Some(format!("Mention {payload}"));
        }
        records.push(coded.into());
    }
    records
}

/// The tags of an HTML document and their attribute names, read the way a browser's
/// tokenizer would in the data and attribute states (enough to see an element or an
/// attribute that a payload made).
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            attrs.push(html[start..i].to_ascii_lowercase());
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != quote {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
        }
        if !closing {
            out.push((name, attrs));
        }
    }
    out
}

/// The elements the dashboard's templates use; anything else was made by data.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "body",
    "header",
    "nav",
    "a",
    "main",
    "section",
    "h1",
    "h2",
    "p",
    "form",
    "label",
    "input",
    "select",
    "option",
    "span",
    "button",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "div",
    "dl",
    "dt",
    "dd",
    "article",
    "mark",
    "aside",
    "footer",
    "figure",
    "figcaption",
    "svg",
    "g",
    "line",
    "text",
    "rect",
    "title",
    "polyline",
    "circle",
    "ul",
    "li",
];

/// Asserts a page shows data only as text: no element outside the templates' own, one
/// script (ours), no event-handler attribute, no `javascript:` link, and each payload's
/// tell-tale characters escaped wherever it appears.
fn assert_escaped(uri: &str, html: &str) {
    for (name, attrs) in tags(html) {
        assert!(ELEMENTS.contains(&name.as_str()), "{uri}: an element <{name}> made by data");
        for attr in attrs {
            assert!(!attr.starts_with("on"), "{uri}: an event handler attribute {attr} on <{name}>");
            assert!(
                attr.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{uri}: a malformed attribute {attr:?} on <{name}> (an attribute break-out)"
            );
        }
    }
    let lower = html.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "{uri}: one script element");
    assert!(lower.contains("<script src=\"/assets/app.js"), "{uri}: ours");
    let head = &lower[..lower.find("</head>").expect("a head")];
    assert_eq!(head.matches("<title>").count(), 1, "{uri}: one title");
    assert!(!lower.contains("=\"javascript:"), "{uri}: a javascript: URL in an attribute");
    for raw in ["<script>alert", "\"><img", "' onmouseover='", "</title><script>", "<img"] {
        assert!(!html.contains(raw), "{uri}: raw {raw:?}");
    }
}

#[tokio::test]
async fn planted_strings_appear_only_escaped() {
    let (_dir, db) = store_with(&hostile_records());
    let app = app(&db);
    let mut pages = vec![
        "/".to_string(),
        "/?text=alert".to_string(),
        "/?actor=RUSGOV&modality=conditional".to_string(),
        "/actors".to_string(),
        "/actors?q=script".to_string(),
        "/actors/RUSGOV".to_string(),
        "/actors/RUS".to_string(),
        "/actors/CHN".to_string(),
        "/dyads".to_string(),
        "/dyads/RUS/CHN?modality=all".to_string(),
        "/dyads/RUS/CHN?modality=all&bucket=day&unit=report".to_string(),
        "/alerts".to_string(),
        "/commitments".to_string(),
        "/commitments?actor=TWN".to_string(),
        "/contingency?source=CHN&act=attacks&target=TWN".to_string(),
    ];
    for i in 0..PAYLOADS.len() {
        pages.push(format!("/articles/evil-{i}"));
    }
    let mut seen = [0usize; PAYLOADS.len()];
    for uri in &pages {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_escaped(uri, &reply.body);
        for (i, payload) in PAYLOADS.iter().enumerate() {
            let escaped = payload
                .replace('&', "&#38;")
                .replace('<', "&#60;")
                .replace('>', "&#62;")
                .replace('"', "&#34;")
                .replace('\'', "&#39;");
            seen[i] += reply.body.matches(&escaped).count();
        }
    }
    for (i, n) in seen.iter().enumerate() {
        assert!(*n >= 20, "payload {i} shown escaped only {n} times: the pages did not show it");
    }
    // The article page shows every planted field.
    let html = get(&app, "/articles/evil-1").await.body;
    for field in [
        "Title ",
        "Body text ",
        "Outlet ",
        "By ",
        "Minister ",
        "Target ",
        "if ",
        "Speaker ",
        "Place ",
        "rule ",
        "dict ",
        "mode ",
        "context ",
        "in November ",
    ] {
        assert!(
            html.contains(&format!("{field}&#34;&#62;&#60;img")),
            "the article page shows {field:?} escaped"
        );
    }
    // The commitments and contingency pages show the pledge's and the trigger's words,
    // and every report's evidence, escaped.
    // (The four reports make one commitment: its terms and basis are one report's.)
    let escaped: Vec<String> = PAYLOADS
        .iter()
        .map(|p| p.replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;"))
        .collect();
    for uri in ["/commitments", "/contingency?source=CHN&act=attacks&target=TWN"] {
        let html = get(&app, uri).await.body;
        for field in ["Terms ", "Basis ", "if ", "Minister ", "Citer name "] {
            assert!(
                escaped.iter().any(|e| html.contains(&format!("{field}{e}"))),
                "{uri} shows {field:?} escaped"
            );
        }
        for (i, e) in escaped.iter().enumerate() {
            assert!(html.contains(e), "{uri}: payload {i}'s report is shown, escaped");
        }
    }
    // A link from data is a link only when it is http(s).
    let html = get(&app, "/articles/evil-0").await.body;
    assert!(!html.contains("href=\"javascript"), "javascript: URL linked");
}

/// What a client sends is echoed escaped too: form values, error messages.
#[tokio::test]
async fn request_strings_are_escaped_in_pages() {
    let (_dir, db) = support::synthetic_store(0);
    let app = app(&db);
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let encoded: String = form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        for uri in [
            format!("/?text={encoded}"),
            format!("/?actor={encoded}"),
            format!("/articles/{}", faultline_server::path_segment(payload)),
            format!("/events/{}", faultline_server::path_segment(payload)),
            format!("/actors?q={encoded}"),
            format!("/alerts?actor={encoded}"),
            format!("/commitments?holder={encoded}"),
            format!("/contingency?source={encoded}&act=attacks&target=TWN"),
            format!("/contingency?source=CHN&act={encoded}&target=TWN"),
            format!("/nothing/{}", faultline_server::path_segment(payload)),
        ] {
            let reply = get(&app, &uri).await;
            assert!(reply.status.is_success() || reply.status.is_client_error(), "{uri}: {}", reply.status);
            assert!(reply.header("content-type").starts_with("text/html"), "{uri}");
            assert_escaped(&format!("{uri} (payload {i})"), &reply.body);
        }
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (_dir, db) = store_with(&hostile_records());
    let app = app(&db);
    for uri in [
        "/",
        "/articles/evil-0",
        "/api/articles/evil-0",
        "/api/events",
        "/metrics",
        "/assets/app.js",
        "/nothing",
        "/api/nothing",
    ] {
        let reply = get(&app, uri).await;
        let csp = reply.header("content-security-policy");
        assert_eq!(csp, faultline_server::CONTENT_SECURITY_POLICY, "{uri}");
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && !csp.contains("unsafe-eval")
        );
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{uri}");
        assert_eq!(reply.header("referrer-policy"), "no-referrer", "{uri}");
    }
    // The API answers JSON, never HTML: a payload in it is data for the client.
    let reply = get(&app, "/api/articles/evil-0").await;
    assert!(reply.header("content-type").starts_with("application/json"));
    assert!(reply.json()["article"]["title"]["value"].as_str().unwrap().contains("<script>"));
    // No template asks for inline script or style, which the policy would block.
    for entry in std::fs::read_dir(support::workspace().join("crates/server/templates")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains("<script>") && !text.contains("style=") && !text.contains("<style"));
        assert!(!text.contains(" onclick") && !text.contains(" onload"));
    }
}

/// SQL and FTS5 injection strings reach the store only as bound values.
#[tokio::test]
async fn injection_strings_through_the_api() {
    let (_dir, db) = support::synthetic_store(50);
    let before = SqliteStore::open_reader(&db).unwrap().stats().unwrap();
    let app = app(&db);
    for text in [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "NEAR(a b) OR c:d *",
        "Taiwan') UNION SELECT * FROM articles --",
    ] {
        let encoded: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
        for scope in ["article", "sentence"] {
            let reply = get(&app, &format!("/api/events?text={encoded}&scope={scope}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{text}: {}", reply.body);
        }
        for uri in [
            format!("/api/articles/{}", faultline_server::path_segment(text)),
            format!("/api/events/{}", faultline_server::path_segment(text)),
            format!("/api/events?article={encoded}"),
        ] {
            let reply = get(&app, &uri).await;
            assert!(
                matches!(reply.status, StatusCode::OK | StatusCode::NOT_FOUND),
                "{uri}: {}",
                reply.status
            );
        }
        // Codes are checked before they reach the store.
        assert_eq!(get(&app, &format!("/api/events?actor={encoded}")).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            get(&app, &format!("/api/dyads/{}/CHN", faultline_server::path_segment(text))).await.status,
            StatusCode::BAD_REQUEST
        );
    }
    let after = SqliteStore::open_reader(&db).unwrap().stats().unwrap();
    assert_eq!(before, after, "the store is untouched");
    assert_eq!(get_json(&app, "/api/health").await["events"].as_u64(), Some(before.events));
}

/// The server binds where it is told, and the default is loopback.
#[tokio::test]
async fn the_default_address_is_loopback_and_serves() {
    let default: std::net::SocketAddr = faultline_server::DEFAULT_ADDR.parse().unwrap();
    assert!(default.ip().is_loopback(), "{default}");
    let (_dir, db) = support::synthetic_store(0);
    // Port 0: the default's loopback address on a free port.
    let listener = tokio::net::TcpListener::bind((default.ip(), 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    assert!(faultline_server::is_loopback(&addr));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(faultline_server::serve(listener, app(&db), async {
        let _ = stopped.await;
    }));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""));
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// On loopback the server answers only to loopback names, so a page that points its own
/// name at 127.0.0.1 (DNS rebinding) cannot read the store through the visitor's browser.
#[tokio::test]
async fn only_loopback_host_names_are_answered() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let (_dir, db) = support::synthetic_store(0);
    let status = |app: axum::Router, host: &'static str| async move {
        let request = Request::builder().uri("/api/health").header("host", host).body(Body::empty()).unwrap();
        app.oneshot(request).await.unwrap().status()
    };
    let guarded = app(&db);
    for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"] {
        assert_eq!(status(guarded.clone(), host).await, StatusCode::OK, "{host}");
    }
    for host in ["evil.example", "evil.example:8080", "127.0.0.1.nip.example:8080"] {
        assert_eq!(status(guarded.clone(), host).await, StatusCode::FORBIDDEN, "{host}");
    }
    // Serving on another address turns the check off (the CLI does so by the address).
    let config = faultline_server::ServerConfig {
        warm_analysis: false,
        loopback_hosts_only: false,
        ..faultline_server::ServerConfig::new(&db)
    };
    let open = faultline_server::router(&config).unwrap();
    assert_eq!(status(open, "dashboard.example:8080").await, StatusCode::OK);
}
