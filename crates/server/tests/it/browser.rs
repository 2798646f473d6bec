//! The dashboard in a real browser: headless Chromium driven through chromedriver by
//! `fantoccini`.
//!
//! On a store made by the real pipeline from `samples/` and the seed page (samples only
//! when `../shared` is absent) it loads the feed, filters it by actor and PLOVER type
//! with the form, opens the seed's article from the feed, clicks the pledge's highlighted
//! sentence and reads its evidence card (conditional, with the condition's words), checks
//! the dyad chart was drawn, and takes a screenshot. A second store with hostile strings
//! in every field is browsed to check that no dialog ever opens.
//!
//! Without `chromium` and `chromedriver` on the PATH the test prints a note and returns;
//! with `FAULTLINE_BROWSER_TESTS=1` (CI) it fails instead. Screenshots go to
//! `target/browser/`; with `FAULTLINE_UPDATE_SCREENSHOTS=1` also to `docs/` for the README.

use crate::seed::{SEED_ID, SEED_PLEDGE, real_inputs};
use crate::support::{self, app, workspace};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Flags for a quiet, reproducible headless Chromium that fetches nothing by itself.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1440,1000",
];

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Chromium and chromedriver, or a note (a failure when browser tests are required).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let required = std::env::var("FAULTLINE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = find_program(&["chromedriver"]);
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        (chromium, driver) => {
            let missing: Vec<&str> = [(chromium.is_none(), "chromium"), (driver.is_none(), "chromedriver")]
                .into_iter()
                .filter_map(|(missing, name)| missing.then_some(name))
                .collect();
            let missing =
                format!("{} not found (apt-get install -y chromium chromium-driver)", missing.join(" and "));
            assert!(!required, "FAULTLINE_BROWSER_TESTS=1 but {missing}");
            eprintln!("note: {missing}: the browser test is SKIPPED");
            None
        }
    }
}

/// A chromedriver process on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

async fn start_driver(driver: &Path) -> Driver {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not listen");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    driver
}

async fn connect(driver: &Driver, chromium: &Path, profile: &Path) -> Client {
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), json!({ "binary": chromium, "args": args }));
    // A dialog must not be dismissed silently: the test looks for it.
    caps.insert("unhandledPromptBehavior".into(), json!("ignore"));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(&driver.url).await.expect("a browser session")
}

/// The server on a loopback port in the background.
async fn start_server(db: &Path) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("its address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = app(db);
    tokio::spawn(async move {
        let _ = faultline_server::serve(listener, app, async {
            let _ = stopped.await;
        })
        .await;
    });
    (addr, stop)
}

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, Vec::new()).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Waits until `script` returns true.
async fn wait_for(client: &Client, what: &str, script: &str) {
    let started = Instant::now();
    loop {
        if js(client, script).await == json!(true) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn assert_no_dialog(client: &Client, page: &str) {
    match client.get_alert_text().await {
        Err(err) if err.is_no_such_alert() => {}
        Ok(text) => panic!("{page}: a dialog opened: {text:?}"),
        Err(err) => panic!("{page}: {err}"),
    }
}

fn save_screenshot(name: &str, png: &[u8]) {
    let dir = workspace().join("target/browser");
    std::fs::create_dir_all(&dir).expect("target/browser");
    let path = dir.join(name);
    std::fs::write(&path, png).expect("the screenshot");
    eprintln!("screenshot: {}", path.display());
    if std::env::var("FAULTLINE_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
        let docs = workspace().join("docs").join(name);
        std::fs::write(&docs, png).expect("the screenshot in docs/");
        eprintln!("screenshot: {}", docs.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_in_chromium() {
    let Some((chromium, driver_path)) = browser() else { return };
    let inputs = real_inputs();
    let input_refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let (_dir, db) = support::ingest(&input_refs);
    let with_seed = inputs.len() > 1;
    let (addr, stop) = start_server(&db).await;
    let base = format!("http://{addr}");
    let driver = start_driver(&driver_path).await;
    let profile = tempfile::tempdir().expect("a browser profile folder");
    let client = connect(&driver, &chromium, profile.path()).await;

    // The feed, filtered with the form: actor RUS and PLOVER AGREE (the seed's pledge);
    // without the seed, PLOVER AGREE and conditional modality (a sample's pledge).
    client.goto(&format!("{base}/")).await.expect("the feed");
    assert!(client.title().await.unwrap().starts_with("Events"));
    let all_rows = client.find_all(Locator::Css("table.events tbody tr")).await.unwrap().len();
    assert!(all_rows > 5, "{all_rows} rows");
    let form = client.form(Locator::Css("form.filters")).await.expect("the filter form");
    if with_seed {
        form.set_by_name("actor", "RUS").await.expect("the actor field");
    } else {
        eprintln!("note: no ../shared: the browser test filters the samples and opens a sample's pledge");
        client
            .find(Locator::Css("select[name=modality]"))
            .await
            .unwrap()
            .select_by_value("conditional")
            .await
            .unwrap();
    }
    client.find(Locator::Css("select[name=plover]")).await.unwrap().select_by_value("AGREE").await.unwrap();
    client.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    let expected_query = if with_seed { "actor=RUS" } else { "modality=conditional" };
    wait_for(
        &client,
        "the filtered feed",
        &format!(
            "return location.search.includes('{expected_query}') && location.search.includes('plover=AGREE')"
        ),
    )
    .await;
    let rows = client.find_all(Locator::Css("table.events tbody tr")).await.unwrap();
    assert!(!rows.is_empty(), "no events for {expected_query} and AGREE");
    assert!(rows.len() < all_rows);
    for row in &rows {
        let text = row.text().await.unwrap();
        assert!(text.contains("AGREE"), "{text}");
        if with_seed {
            assert!(text.contains("RUS"), "{text}");
        } else {
            assert!(text.contains("conditional"), "{text}");
        }
    }
    assert_no_dialog(&client, "feed").await;

    // Open the pledge's article from the feed, at its evidence.
    let mut opened = false;
    for link in client.find_all(Locator::Css("table.events td.sentence a")).await.unwrap() {
        if !with_seed || link.text().await.unwrap().contains(SEED_PLEDGE) {
            link.click().await.unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened, "the pledge's evidence link in the feed");
    wait_for(&client, "the article view", "return !!document.getElementById('article-text')").await;
    let url = client.current_url().await.unwrap();
    if with_seed {
        assert_eq!(url.path(), format!("/articles/{SEED_ID}"));
    }
    let anchor = url.fragment().expect("the link goes to the event's card").to_string();
    let card = client.find(Locator::Id(&anchor)).await.expect("the event's card");
    let n = card.attr("data-ev").await.unwrap().expect("its event number");

    // The pledge sentence is highlighted; a click on it shows its evidence card.
    js(
        &client,
        "document.querySelectorAll('.card.active').forEach(c => c.classList.remove('active')); return true",
    )
    .await;
    let mark = client
        .find(Locator::Css(&format!("#article-text mark.ev[data-ev~=\"{n}\"]")))
        .await
        .expect("the pledge's sentence is marked");
    let sentence = mark.text().await.unwrap();
    if with_seed {
        assert!(sentence.contains(SEED_PLEDGE), "{sentence}");
    }
    // Into the middle of the viewport first: the anchor jump can leave it under the
    // sticky header, which would take the click.
    js(
        &client,
        &format!(
            "document.querySelector('#article-text mark.ev[data-ev~=\"{n}\"]').scrollIntoView({{block: 'center'}}); return true"
        ),
    )
    .await;
    mark.click().await.unwrap();
    let card_selector = format!(".card.active[data-ev=\"{n}\"]");
    wait_for(
        &client,
        "the active evidence card",
        &format!("return !!document.querySelector('{card_selector}')"),
    )
    .await;
    let card = client.find(Locator::Css(&card_selector)).await.unwrap();
    assert!(card.is_displayed().await.unwrap());
    let card_text = card.text().await.unwrap();
    assert!(card_text.contains("conditional") && card_text.contains("AGREE"), "{card_text}");
    let condition =
        card.find(Locator::Css("dd.condition")).await.expect("the condition").text().await.unwrap();
    let marked = client
        .find(Locator::Css(&format!("#article-text mark.ev.sel span.cond[data-ev~=\"{n}\"]")))
        .await
        .expect("the condition is marked inside the sentence")
        .text()
        .await
        .unwrap();
    assert_eq!(marked, condition, "the card's condition is the marked one");
    if with_seed {
        assert_eq!(condition, "if a Taiwan contingency flares up");
        assert!(card_text.contains("RUSGOV") && card_text.contains("CHN"), "{card_text}");
    }
    let selected = js(&client, "return document.querySelectorAll('#article-text .sel').length").await;
    assert!(selected.as_u64().unwrap_or(0) >= 2, "the event's sentence and parts are selected: {selected}");
    assert_no_dialog(&client, "article").await;
    js(&client, "window.scrollTo(0, 0); return true").await;
    save_screenshot("screenshot.png", &client.screenshot().await.expect("a screenshot"));

    // The dyad chart.
    client.goto(&format!("{base}/dyads/RUS/CHN?modality=all&bucket=month")).await.unwrap();
    let n_rects = js(&client, "return document.querySelectorAll('svg.dyad-svg rect').length").await;
    assert!(n_rects.as_u64().unwrap_or(0) >= 1, "bars drawn: {n_rects}");
    let height =
        js(&client, "return document.querySelector('svg.dyad-svg').getBoundingClientRect().height").await;
    assert!(height.as_f64().unwrap_or(0.0) > 100.0, "the chart has a size: {height}");
    let filled =
        js(&client, "const r = document.querySelector('svg.dyad-svg rect'); return getComputedStyle(r).fill")
            .await;
    assert_ne!(filled, json!("rgb(0, 0, 0)"), "the stylesheet was applied under the CSP");
    save_screenshot("screenshot-dyad.png", &client.screenshot().await.expect("a screenshot"));
    assert_no_dialog(&client, "dyad").await;

    // The contingency form asks and answers.
    client.goto(&format!("{base}/contingency")).await.unwrap();
    let form = client.form(Locator::Id("contingency-form")).await.expect("the contingency form");
    form.set_by_name("source", "CHN").await.unwrap();
    form.set_by_name("act", "attacks").await.unwrap();
    form.set_by_name("target", "TWN").await.unwrap();
    form.submit().await.unwrap();
    wait_for(&client, "the contingency answer", "return !!document.getElementById('answer')").await;
    let answer = client.find(Locator::Id("answer")).await.unwrap().text().await.unwrap();
    assert!(answer.contains("If CHN attacks TWN"), "{answer}");
    assert!(answer.contains("would be set off") && answer.contains("RUS"), "{answer}");
    if with_seed {
        assert!(answer.contains(SEED_PLEDGE), "{answer}");
    }
    let dyad_link = client.find(Locator::Css("#answer table.trends a")).await.expect("a dyad link");
    assert_eq!(dyad_link.attr("href").await.unwrap().as_deref(), Some("/dyads/CHN/TWN"));
    assert_no_dialog(&client, "contingency").await;
    save_screenshot("screenshot-contingency.png", &client.screenshot().await.expect("a screenshot"));

    client.close().await.expect("the session closes");
    let _ = stop.send(());
}

/// Hostile strings in every field: the pages load, the payloads show as text, and no
/// dialog opens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_dialog_on_hostile_pages() {
    let Some((chromium, driver_path)) = browser() else { return };
    let (_dir, db) = support::store_with(&crate::security::hostile_records());
    let (addr, stop) = start_server(&db).await;
    let base = format!("http://{addr}");
    let driver = start_driver(&driver_path).await;
    let profile = tempfile::tempdir().expect("a browser profile folder");
    let client = connect(&driver, &chromium, profile.path()).await;
    let mut pages = vec![
        "/".to_string(),
        "/actors".to_string(),
        "/actors/RUSGOV".to_string(),
        "/dyads/RUS/CHN?modality=all".to_string(),
        "/alerts".to_string(),
        "/commitments".to_string(),
        "/contingency?source=CHN&act=attacks&target=TWN".to_string(),
        "/?text=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
    ];
    for i in 0..crate::security::PAYLOADS.len() {
        pages.push(format!("/articles/evil-{i}"));
    }
    for page in &pages {
        client.goto(&format!("{base}{page}")).await.unwrap_or_else(|e| panic!("{page}: {e}"));
        assert_no_dialog(&client, page).await;
        // Hover and click everything marked, in case a handler was smuggled in.
        for mark in client
            .find_all(Locator::Css("#article-text mark, #article-text .m"))
            .await
            .unwrap()
            .into_iter()
            .take(20)
        {
            let _ = mark.click().await;
        }
        assert_no_dialog(&client, page).await;
        let images = js(&client, "return document.images.length").await;
        assert_eq!(images, json!(0), "{page}: an <img> from data");
        let scripts = js(&client, "return document.scripts.length").await;
        assert_eq!(scripts, json!(1), "{page}: only our script");
    }
    client.goto(&format!("{base}/articles/evil-3")).await.unwrap();
    let title = js(&client, "return document.title").await;
    assert!(
        title.as_str().unwrap().contains("</title><script>"),
        "the title shows the payload as text: {title}"
    );
    client.close().await.expect("the session closes");
    let _ = stop.send(());
}
