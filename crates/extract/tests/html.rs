//! The HTML extractor, case by case: a page in, the article (or the skip) out, as text.
//!
//! Every case goes through [`check`]: it extracts, verifies the article's invariants and
//! compares a plain rendering with the expected one. `UPDATE_EXPECT=1 cargo test` rewrites
//! the expectations after a deliberate change; read the diff before committing it.

use std::time::{Duration, Instant};

use expect_test::{Expect, expect};
use faultline_model::{Article, Format, Origin, RawDocument, SkipReason};

fn extract(html: &str) -> Result<Article, SkipReason> {
    let doc = RawDocument::new("test", Origin::Inline, html.as_bytes().to_vec());
    let result = faultline_extract::extract(&doc, html, Format::Html);
    if let Ok(article) = &result {
        article.check().expect("article invariants");
    }
    result
}

/// The article as the tests compare it: fields one a line, then the body's paragraphs,
/// then what sits around the body.
fn render(result: &Result<Article, SkipReason>) -> String {
    let article = match result {
        Ok(article) => article,
        Err(skip) => return format!("skip: {}\n", skip.key()),
    };
    let mut out = String::new();
    let mut line = |name: &str, value: &str| out.push_str(&format!("{name}: {value}\n"));
    let field = |f: &Option<faultline_model::Field>| f.as_ref().map(|f| f.value.clone());
    if let Some(title) = field(&article.title) {
        line("title", &title);
    }
    if let Some(published) = &article.published {
        line("published", &published.date.to_string());
    }
    if let Some(outlet) = field(&article.outlet) {
        line("outlet", &outlet);
    }
    if let Some(byline) = field(&article.byline) {
        line("byline", &byline);
    }
    if let Some(standfirst) = field(&article.standfirst) {
        line("standfirst", &standfirst);
    }
    if let Some(dateline) = field(&article.dateline) {
        line("dateline", &dateline);
    }
    if let Some(agency) = field(&article.agency) {
        line("agency", &agency);
    }
    if let Some(language) = &article.language {
        line("language", language);
    }
    for paragraph in article.paragraph_texts() {
        line("|", &paragraph.replace('\n', " / "));
    }
    for caption in &article.captions {
        line("caption", &caption.value);
    }
    for credit in &article.credits {
        line("credit", &credit.value);
    }
    for related in &article.related {
        line("related", &format!("{} <{}>", related.title.value, related.url.as_deref().unwrap_or("")));
    }
    out
}

fn check(html: &str, expected: Expect) {
    expected.assert_eq(&render(&extract(html)));
}

/// Paragraphs long enough to read as prose, numbered.
fn prose(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the synthetic story: the ministers met for a second day and agreed, \
                 after long talks, to meet again next month in the capital.</p>"
            )
        })
        .collect()
}

#[test]
fn keeps_the_body_and_drops_the_furniture() {
    let html = format!(
        r##"<html><head><title>Story</title></head><body>
        <header class="site-header"><a href="/">Example News</a><nav><a href="/a">World</a><a href="/b">Politics</a></nav></header>
        <div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
        <main><article><div class="article-body">{}</div>
        <div class="newsletter-signup"><p>Get the best of our journalism every morning in your inbox, free of charge, sign up now.</p></div>
        </article>
        <section class="comments"><p>A reader's comment that is long enough to look like a paragraph of prose to anyone.</p></section>
        <div class="ad-slot">Advertisement</div>
        </main><footer><p>Copyright 2026 Example News. All rights reserved. Terms and privacy apply to this site.</p></footer>
        </body></html>"##,
        prose(3)
    );
    check(
        &html,
        expect![[r#"
            title: Story
            language: eng
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 2 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 3 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
        "#]],
    );
}

#[test]
fn subheads_lists_and_short_lines_inside_the_body() {
    let html = format!(
        "<html><body><h1>Headline</h1><div class=story>{}<h2>What was agreed</h2><ul><li>a ceasefire;</li>\
         <li>talks in May.</li></ul><p>He said no.</p>{}</div></body></html>",
        prose(2),
        prose(1)
    );
    check(
        &html,
        expect![[r#"
            title: Headline
            language: eng
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 2 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: What was agreed
            |: a ceasefire;
            |: talks in May.
            |: He said no.
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
        "#]],
    );
}

#[test]
fn a_page_wrapped_in_a_form_or_a_themed_wrapper() {
    // ASP.NET pages wrap everything in a <form>; themes put words like "header" or
    // "tag-..." on the wrappers around the article.
    for (open, close) in [
        ("<form id=\"aspnetForm\" method=\"post\">", "</form>"),
        ("<div class=\"site-wrapper has-header-ad\">", "</div>"),
        ("<article class=\"post tag-politics category-world\">", "</article>"),
        // An opinion piece: "comment" names the section, the body is named as such.
        (
            "<article class=\"content content--type-comment\"><div itemprop=\"articleBody\">",
            "</div></article>",
        ),
    ] {
        let html = format!("<html><body>{open}<h1>Headline</h1>{}{close}</body></html>", prose(2));
        assert_eq!(extract(&html).map(|a| a.paragraphs.len()), Ok(2), "{open}");
    }
}

#[test]
fn a_body_split_by_ads_and_widgets_stays_whole() {
    let widget = "<div class=\"ad-container\"><span>Advertisement</span></div>\
        <div class=\"newsletter-box\"><p>Sign up for the morning briefing, the best way to start your day with news.</p></div>";
    let html = format!(
        "<html><body><article><h1>Headline</h1><div class=\"body-part\">{}</div>{widget}<div class=\"body-part\">{}</div>{widget}\
         <div class=\"body-part\">{}</div></article></body></html>",
        prose(2),
        prose(2),
        prose(1)
    );
    assert_eq!(extract(&html).map(|a| a.paragraphs.len()), Ok(5));
}

#[test]
fn div_soup_and_layout_tables() {
    let div_soup: String = (1..=4)
        .map(|i| format!("<div class=\"txt\">Line {i} of a story written in divs: officials met on Monday and agreed to meet again.</div>"))
        .collect();
    let html = format!(
        "<html><body><div id=menu><a href=/a>Home</a> <a href=/b>News</a></div><div id=main>{div_soup}</div></body></html>"
    );
    assert_eq!(extract(&html).map(|a| a.paragraphs.len()), Ok(4));
    let table = format!(
        "<html><body><table><tr><td class=nav><a href=/a>Home</a><br><a href=/b>World</a><br><a href=/c>Sport</a></td>\
         <td><h1>Headline</h1>{}</td></tr></table></body></html>",
        prose(3)
    );
    let article = extract(&table).expect("article");
    assert_eq!(article.paragraphs.len(), 3, "{}", article.body());
}

#[test]
fn entities_white_space_and_line_breaks() {
    let html = "<html><body><article>\
        <p>Tom &amp; Jerry&#8217;s &ldquo;peace&rdquo;&nbsp;plan &copy 2026 was   signed\n\t on Monday, officials said, after a week of talks in the capital city.</p>\
        <p>First line of an address<br>second line<br/>third line, which is long enough to count as the body of a story.</p>\
        <p>One old-style paragraph.<br><br>Another one after two line breaks, which old pages use to separate paragraphs.</p>\
        </article></body></html>";
    check(
        html,
        expect![[r#"
            language: eng
            |: Tom & Jerry’s “peace” plan © 2026 was signed on Monday, officials said, after a week of talks in the capital city.
            |: First line of an address / second line / third line, which is long enough to count as the body of a story.
            |: One old-style paragraph.
            |: Another one after two line breaks, which old pages use to separate paragraphs.
        "#]],
    );
}

#[test]
fn metadata_from_meta_tags_and_json_ld() {
    let html = format!(
        r##"<html lang="en-GB"><head>
        <title>Pact pledged | Example News</title>
        <meta property="og:title" content="Pact pledged, on a condition">
        <meta property="og:site_name" content="Example News">
        <meta name="description" content="The pledge holds only if the border is crossed, the minister said.">
        <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Pact pledged, on a condition","datePublished":"2026-02-14T09:30:00+01:00",
          "author":[{{"@type":"Person","name":"Jane Roe"}},{{"@type":"Person","name":"John Doe"}}],
          "publisher":{{"@type":"Organization","name":"Example News Group"}}}}</script>
        </head><body><article><h1>Pact pledged, on a condition</h1>
        <div class="byline">By Jane Roe and John Doe</div>{}</article></body></html>"##,
        prose(2)
    );
    check(
        &html,
        expect![[r#"
            title: Pact pledged, on a condition
            published: 2026-02-14
            outlet: Example News
            byline: Jane Roe and John Doe
            standfirst: The pledge holds only if the border is crossed, the minister said.
            language: eng
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 2 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
        "#]],
    );
}

#[test]
fn dates_from_time_elements_and_meta_names() {
    let with_time = format!(
        "<html><body><article><time datetime=\"2026-04-01T08:00:00Z\">April 1</time>{}</article></body></html>",
        prose(2)
    );
    assert_eq!(
        extract(&with_time).map(|a| a.published.map(|p| p.date.to_string())),
        Ok(Some("2026-04-01".into()))
    );
    let with_meta = format!(
        "<html><head><meta name=\"pubdate\" content=\"20260402\"></head><body>{}</body></html>",
        prose(2)
    );
    assert_eq!(
        extract(&with_meta).map(|a| a.published.map(|p| p.date.to_string())),
        Ok(Some("2026-04-02".into()))
    );
    let with_itemprop = format!(
        "<html><body><span itemprop=\"datePublished\" content=\"2026-04-03\">3 April</span>{}</body></html>",
        prose(2)
    );
    assert_eq!(
        extract(&with_itemprop).map(|a| a.published.map(|p| p.date.to_string())),
        Ok(Some("2026-04-03".into()))
    );
}

#[test]
fn title_without_the_site_name() {
    let html = format!(
        "<html><head><title>Talks resume in Geneva - Example News</title><meta property=\"og:site_name\" content=\"Example News\"></head><body>{}</body></html>",
        prose(2)
    );
    let article = extract(&html).expect("article");
    assert_eq!(article.title.map(|t| t.value).as_deref(), Some("Talks resume in Geneva"));
    assert!(article.text.starts_with("Talks resume in Geneva\n\n"), "the title is the first block");
}

#[test]
fn captions_and_credits_are_not_body() {
    let html = format!(
        r##"<html><body><article><h1>Headline</h1>
        <figure><img src="a.jpg"><figcaption>The minister in Warsaw on Friday. <span class="credit">Photo: Example Pictures</span></figcaption></figure>
        {}<figure><img src="b.jpg"><figcaption>Troops on the border (Photo: Agency X)</figcaption></figure>
        </article></body></html>"##,
        prose(2)
    );
    check(
        &html,
        expect![[r#"
            title: Headline
            language: eng
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 2 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            caption: The minister in Warsaw on Friday.
            caption: Troops on the border
            credit: Example Pictures
            credit: Agency X
        "#]],
    );
}

#[test]
fn related_links_are_kept_apart() {
    let html = format!(
        r##"<html><body><article><h1>Headline</h1>{}</article>
        <section><h2>More on this topic</h2><ul>
          <li><a href="/story/1">Troops pull back from two patrol points</a></li>
          <li><a href="/story/2">Airlines prepare to resume direct flights</a></li></ul></section>
        <div class="related-stories"><a href="/story/3">Ministers to meet again in the spring</a></div>
        </body></html>"##,
        prose(2)
    );
    check(
        &html,
        expect![[r#"
            title: Headline
            language: eng
            |: Paragraph 1 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            |: Paragraph 2 of the synthetic story: the ministers met for a second day and agreed, after long talks, to meet again next month in the capital.
            related: Troops pull back from two patrol points </story/1>
            related: Airlines prepare to resume direct flights </story/2>
            related: Ministers to meet again in the spring </story/3>
        "#]],
    );
}

#[test]
fn teaser_cards_are_not_body() {
    let cards: String = (1..=4)
        .map(|i| {
            format!(
                "<div class=card><h3><a href=\"/s/{i}\">Another story headline number {i}</a></h3>\
                 <p>A summary of the other story that is long enough to look like a paragraph of prose.</p></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><div class=main><article>{}</article><div class=rail>{cards}</div></div></body></html>",
        prose(3)
    );
    let article = extract(&html).expect("article");
    assert_eq!(article.paragraphs.len(), 3, "{}", article.body());
    assert!(!article.body().contains("summary of the other story"));
}

#[test]
fn data_tables_read_as_rows() {
    let html = format!(
        "<html><body><article>{}<table><tr><th>Pos</th><th>Driver</th><th>Points</th></tr>\
         <tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr><tr><td>2</td><td>Martin Truex</td><td>5035</td></tr></table>{}</article></body></html>",
        prose(1),
        prose(1)
    );
    let article = extract(&html).expect("article");
    let paragraphs: Vec<&str> = article.paragraph_texts().collect();
    assert!(paragraphs.contains(&"1 Kyle Busch 5040"), "{paragraphs:?}");
}

#[test]
fn hidden_and_inert_markup_is_never_text() {
    let html = format!(
        r##"<html><body><article>{}
        <p style="display: none">A hidden paragraph that is long enough to be read as prose if it were shown.</p>
        <p hidden>Another hidden paragraph that is long enough to be read as prose if it were shown.</p>
        <div aria-hidden="true">An aria-hidden paragraph that is long enough to be read as prose if shown.</div>
        <template><p>A template paragraph that is long enough to be read as prose if it were shown.</p></template>
        <script>document.write("<p>A scripted paragraph long enough to be read as prose if it were shown.</p>")</script>
        <noscript><p>A noscript paragraph that is long enough to be read as prose if it were shown.</p></noscript>
        <style>p {{ color: red }}</style><svg><title>Icon</title><text>svg text</text></svg>
        </article></body></html>"##,
        prose(2)
    );
    let article = extract(&html).expect("article");
    for hidden in ["hidden", "template", "scripted", "noscript", "aria", "svg", "color", "Icon"] {
        assert!(!article.body().contains(hidden), "{hidden}: {}", article.body());
    }
    assert_eq!(article.paragraphs.len(), 2);
}

#[test]
fn language_from_the_page_or_the_text() {
    let declared = "<html lang=\"pt-BR\"><body><article><p>Os ministros das Relações Exteriores dos dois países \
        reuniram-se na segunda-feira em Genebra e concordaram em retomar as conversas sobre a fronteira em abril.</p>\
        <p>Os dois lados disseram que a primeira rodada será realizada na capital e elogiaram a troca franca.</p>\
        </article></body></html>";
    assert_eq!(extract(declared).ok().and_then(|a| a.language), Some("por".into()));
    let german = "<html lang=\"en\"><body><article><p>Die Außenminister beider Länder haben sich am Montag in Genf getroffen \
        und vereinbart, die Gespräche über die umstrittene Grenze im April wieder aufzunehmen.</p>\
        <p>Beide Seiten erklärten, die erste Runde werde in der Hauptstadt stattfinden, und lobten den offenen Austausch.</p>\
        </article></body></html>";
    assert_eq!(
        extract(german).ok().and_then(|a| a.language),
        Some("deu".into()),
        "the text outweighs a template's lang"
    );
}

#[test]
fn skips() {
    check(
        "   \n\t  ",
        expect![[r#"
        skip: empty
    "#]],
    );
    check(
        "<html><head><title>x</title></head><body><div></div></body></html>",
        expect![[r#"
        skip: empty
    "#]],
    );
    let index: String = (0..40)
        .map(|i| format!("<li><a href=\"/s/{i}\">A headline for story number {i} on the front</a></li>"))
        .collect();
    check(
        &format!("<html><body><ul>{index}</ul></body></html>"),
        expect![[r#"
        skip: not_article
    "#]],
    );
    check(
        "<html><body><article><p>The first lines of a story that the publisher shows to everyone, a teaser of sorts.</p>\
         <div class=paywall><p>Subscribe to continue reading.</p><a href=/login>Already a subscriber? Sign in</a></div></article></body></html>",
        expect![[r#"
            skip: paywall
        "#]],
    );
    check(
        "<html><body><p>Just a few words here.</p></body></html>",
        expect![[r#"
        skip: too_short
    "#]],
    );
    check(
        "<html><body><p>Some short text, but a sentence at least.</p><p>And another one here.</p></body></html>",
        expect![[r#"
        skip: too_short
    "#]],
    );
}

#[test]
fn binary_and_garbage_give_a_skip() {
    let blob: String = (0u32..20_000).map(|i| char::from_u32((i * 7919) % 0xD7FF).unwrap_or('?')).collect();
    assert!(extract(&blob).is_err() || extract(&blob).is_ok());
    let png_like = "\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR\0\0\u{1}\0<<<>>>&&&;;;</</<!<!--";
    let result = extract(png_like);
    assert!(result.is_err(), "{result:?}");
}

#[test]
fn truncated_pages_still_extract() {
    let html = format!(
        "<html><head><title>Cut short</title></head><body><article>{}</article></body></html>",
        prose(6)
    );
    for cut in [html.len() / 2, html.len() - 20, html.find("<article>").unwrap_or(0) + 300] {
        let mut end = cut;
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        let result = extract(&html[..end]);
        assert!(result.is_ok(), "cut at {end}: {result:?}");
    }
    // Cut inside a tag, a comment, a script.
    for tail in ["<p class=\"unfinished", "<!-- a comment that never", "<script>var a = '<p>"] {
        let page = format!("<html><body><article>{}{tail}", prose(3));
        assert_eq!(extract(&page).map(|a| a.paragraphs.len()), Ok(3), "{tail}");
    }
}

#[test]
fn deep_nesting_is_no_problem() {
    let depth = 10_000;
    let html =
        format!("<html><body>{}{}{}</body></html>", "<div>".repeat(depth), prose(3), "</div>".repeat(depth));
    let started = Instant::now();
    let article = extract(&html).expect("article");
    assert_eq!(article.paragraphs.len(), 3);
    let unclosed = format!("<html><body>{}{}", "<span><b><i>".repeat(depth), prose(3));
    assert!(extract(&unclosed).is_ok());
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A generated page of about 50 MB (set `FAULTLINE_BIG_PAGE_MB` to change it) gives an
/// article or a skip quickly: nothing in the extractor is quadratic.
#[test]
fn a_50_mb_page_is_linear() {
    let mb: usize = std::env::var("FAULTLINE_BIG_PAGE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let unit = "<div class=\"row\"><p>Paragraph of a very long page, with a <a href=\"/x\">link</a> &amp; an entity, \
         repeated many times over to make the page large.</p><span></b></i></span><ul><li>item<li>item</ul></div>\n";
    let mut html = String::with_capacity(mb * 1_000_000 + 1000);
    html.push_str("<html><head><title>Big</title></head><body><article>");
    while html.len() < mb * 1_000_000 {
        html.push_str(unit);
    }
    html.push_str("</article></body></html>");
    let started = Instant::now();
    let result = extract(&html);
    let elapsed = started.elapsed();
    eprintln!(
        "{} MB page: {:?} in {elapsed:.2?}",
        html.len() / 1_000_000,
        result.as_ref().map(|a| a.paragraphs.len())
    );
    assert!(result.is_ok());
    // Generous: debug builds are slow; a quadratic step would take hours.
    assert!(elapsed < Duration::from_secs(120), "{elapsed:?}");
}

/// Markup built to make a tree builder or a field reader do quadratic work: each page is
/// a few megabytes and must come back in seconds even in a debug build.
#[test]
fn adversarial_markup_is_linear() {
    let n = 200_000;
    let pages = [
        // Stray end tags under a deep stack of inline elements.
        format!("<i><div>{}{}{}", "<span>".repeat(250), "</i>".repeat(n), prose(3)),
        // List items, paragraphs and cells under deep inline nesting.
        format!("<ul>{}{}{}", "<b>".repeat(250), "<li>x".repeat(n), prose(3)),
        format!("{}{}{}", "<span>".repeat(250), "<p>x".repeat(n), prose(3)),
        format!("{}{}", "<table><tr><td>".repeat(n / 4), prose(3)),
        // Nested look-alikes of fields: captions, bylines, related lists.
        format!(
            "{}{}{}",
            "<div class=caption><div class=author><div class=related>".repeat(100),
            "<span></span>".repeat(n),
            prose(3)
        ),
        format!(
            "{}{}",
            "<h3>Related</h3><ul><li><a href=/x>A related headline here</a></li></ul>".repeat(n / 20),
            prose(3)
        ),
        // Attributes, entities, unclosed links, raw text full of end-tag look-alikes.
        format!("<div {}>{}</div>", "a=1 ".repeat(n), prose(3)),
        format!("<p>{}</p>{}", "&amp;&#x41;&bogus;&".repeat(n / 4), prose(3)),
        format!("{}{}", "<a href=x>link ".repeat(n / 2), prose(3)),
        format!("<script>{}</script>{}", "</scrip</ </a".repeat(n / 4), prose(3)),
    ];
    for (i, page) in pages.iter().enumerate() {
        let started = Instant::now();
        let result = extract(page);
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_secs(20), "page {i}: {elapsed:?}");
        drop(result);
    }
}

/// The synthetic sample pages in `samples/html/`, decoded from their bytes as a source
/// would (one of them is windows-1252).
#[test]
fn samples() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/html");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("samples/html") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("sample");
        let doc = RawDocument::new(path.display().to_string(), Origin::Inline, bytes);
        let decoded = faultline_sources::decode(&doc, faultline_sources::DEFAULT_MAX_BYTES).expect("decodes");
        let article = faultline_extract::extract(&doc, &decoded.text, decoded.format).expect("an article");
        article.check().expect("invariants");
        let name = path.display();
        assert!(article.title.is_some(), "{name}: title");
        assert!(article.published.as_ref().is_some_and(|p| p.date.year() == 2026), "{name}: date");
        assert_eq!(article.language.as_deref(), Some("eng"), "{name}");
        assert!(
            article.body().ends_with("Synthetic sample article written for faultline; not real news."),
            "{name}"
        );
        assert!(article.paragraphs.len() >= 5, "{name}");
        for furniture in
            ["Share on", "Advertisement", "Sign up", "Comments (", "Disqus", "\u{a9}", "Most read", "Menu"]
        {
            assert!(!article.body().contains(furniture), "{name}: {furniture}");
        }
        assert!(
            !article.captions.is_empty() || name.to_string().contains("windows-1252"),
            "{name}: captions"
        );
        assert!(!article.related.is_empty(), "{name}: related");
        if name.to_string().contains("windows-1252") {
            assert!(article.body().contains("bloc\u{2019}s first"), "{name}: typographic quotes decoded");
        }
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn dateline_and_wire_signature_in_the_body() {
    check(
        "<html><body><article><h1>Ministers meet</h1>\
         <p>BERLIN (Reuters) - The foreign ministers of the two countries met on Monday to discuss a \
         synthetic agreement on energy, officials said after the talks ended late in the evening.</p>\
         <p>The ministers agreed to meet again next month, a spokesman said, adding that the talks \
         had been constructive and that no date had yet been set. REUTERS</p></article></body></html>",
        expect![[r#"
            title: Ministers meet
            dateline: BERLIN
            agency: Reuters
            language: eng
            |: BERLIN (Reuters) - The foreign ministers of the two countries met on Monday to discuss a synthetic agreement on energy, officials said after the talks ended late in the evening.
            |: The ministers agreed to meet again next month, a spokesman said, adding that the talks had been constructive and that no date had yet been set.
        "#]],
    );
}
