//! The scraped-text extractor, as data: the synthetic sample pages of `samples/text/`
//! rendered as a summary and compared with their expected summary, skips, and one-line
//! cases for each rule (furniture dropped, sentences rejoined, datelines, agencies).

use faultline_model::{Article, BlockKind, Format, Origin, RawDocument, SkipReason};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/text");
const MARK: &str = "Synthetic sample article written for faultline; not real news.";

fn extract(id: &str, text: &str) -> Result<Article, SkipReason> {
    let doc = RawDocument::new(id, Origin::Inline, text.as_bytes().to_vec());
    let result = faultline_extract::extract(&doc, text, Format::Text);
    if let Ok(article) = &result {
        article.check().expect("article invariants");
    }
    result
}

fn sample(name: &str) -> String {
    let text = std::fs::read_to_string(format!("{SAMPLES}/{name}")).expect("sample file");
    assert!(text.contains(MARK), "{name} must say it is synthetic");
    text
}

/// An article as a few lines of text: every field, each block kind, the paragraphs.
fn render(article: &Article) -> String {
    let field = |f: &Option<faultline_model::Field>| f.as_ref().map_or("-".to_owned(), |f| f.value.clone());
    let mut out = vec![
        format!("title: {}", field(&article.title)),
        format!("standfirst: {}", field(&article.standfirst)),
        format!("byline: {}", field(&article.byline)),
        format!("dateline: {}", field(&article.dateline)),
        format!("agency: {}", field(&article.agency)),
        format!("published: {}", article.published.as_ref().map_or("-".to_owned(), |p| p.date.to_string())),
        format!("site: {} outlet: {}", article.site.as_deref().unwrap_or("-"), field(&article.outlet)),
    ];
    for block in &article.blocks {
        if !matches!(block.kind, BlockKind::Title | BlockKind::Standfirst | BlockKind::Byline) {
            out.push(format!("{:?}: {}", block.kind, block.span.slice(&article.text)));
        }
    }
    for credit in &article.credits {
        out.push(format!("credit: {}", credit.value));
    }
    out.join("\n")
}

fn check_sample(name: &str, expected: &str) {
    let article = extract(name, &sample(name)).expect("an article");
    assert!(!article.body().contains("Synthetic sample"), "the mark is not body");
    let got = render(&article);
    let expected = expected.trim().lines().map(str::trim).collect::<Vec<_>>().join("\n");
    assert_eq!(got, expected, "\n--- got ---\n{got}\n");
}

#[test]
fn sample_reuters_russia_china_taiwan() {
    check_sample(
        "reuters_russia_china_taiwan.txt",
        r#"
        title: Russia reaffirms support for China over Taiwan after Beijing talks
        standfirst: -
        byline: Jane Doe and John Roe
        dateline: MOSCOW
        agency: Reuters
        published: 2026-01-14
        site: - outlet: -
        Paragraph: MOSCOW (Reuters) - Russia on Wednesday reaffirmed its support for China's position on Taiwan, a day after its foreign minister held talks in Beijing, saying the two countries would keep coordinating their foreign policy.
        Paragraph: Foreign Minister Sergei Lavrov told reporters that Moscow regarded Taiwan as an inalienable part of China and opposed any moves toward the island's independence, repeating a line that Russian officials have used since the treaty of friendship signed by the two countries in 2001.
        Paragraph: "Our position has not changed and will not change," Lavrov said. "We support the efforts of the Chinese government to reunify the country."
        Paragraph: Chinese Foreign Ministry spokesperson Mao Ning thanked Moscow for what she called its firm support and said Beijing would deepen strategic coordination with Russia this year.
        Paragraph: Taiwan's Mainland Affairs Council said the remarks showed that Beijing and Moscow were working together to change the status quo by pressure, and urged democracies to stand with the island.
        Paragraph: The United States said it was watching closely. A State Department spokesperson said Washington remained committed to peace and stability across the Taiwan Strait.
        Signature: (Reporting by Jane Doe in Moscow and John Roe in Beijing; Editing by Sam Poe)
        Caption: Russian Foreign Minister Sergei Lavrov and Chinese Foreign Minister Wang Yi at a news conference in Beijing, China, January 13, 2026. REUTERS/Anna Example
        Related: Japan protests Chinese and Russian bomber flights near its islands
        Related: China holds drills around Taiwan after president's speech
        credit: REUTERS/Anna Example
        "#,
    );
}

#[test]
fn sample_afp_defence_ministers() {
    check_sample(
        "afp_defence_ministers_manila.txt",
        r"
        title: Asian defence ministers pledge hotline as sea tensions rise
        standfirst: Defence chiefs from Japan, the Philippines and Australia agreed to set up a crisis hotline and hold joint patrols.
        byline: -
        dateline: MANILA
        agency: Agence France-Presse
        published: 2026-03-03
        site: - outlet: -
        Paragraph: MANILA, March 3 (AFP) -- Defence ministers from Japan, the Philippines and Australia agreed on Tuesday to set up a crisis hotline and to hold more joint maritime patrols, as tensions with China in the South China Sea showed no sign of easing.
        Paragraph: The three ministers met in Manila for a day of talks that focused on recent confrontations between Chinese coast guard vessels and Philippine supply boats near disputed reefs.
        Paragraph: “We will not be intimidated,” Philippine Defence Secretary Gilberto Teodoro told a joint news conference. “Our patrols will continue, and our partners will be there with us.”
        Paragraph: Japan's Defence Minister said Tokyo would provide the Philippines with coastal radar systems under a security assistance programme and would send a destroyer to take part in exercises in April.
        Paragraph: Australia's Defence Minister Richard Marles said the hotline would allow the three countries to share information quickly during incidents at sea and reduce the risk of miscalculation.
        Paragraph: China's Foreign Ministry said countries outside the region should not stir up trouble and accused Manila of colluding with outside forces to undermine regional peace.
        Signature: AFP
        Caption: Defence chiefs from Japan, the Philippines and Australia agreed to set up a crisis hotline and hold joint patrols.
        Credit: Photo: AFP
        Related: Philippines and China trade accusations after collision near disputed shoal
        Related: Japan to expand radar aid to Southeast Asian partners
        credit: AFP
        ",
    );
}

#[test]
fn sample_kyodo_japan_philippines() {
    check_sample(
        "kyodo_japan_philippines_radar.txt",
        r#"
        title: Japan, Philippines sign radar deal as Chinese ships shadow patrol
        standfirst: Japan will supply the Philippines with air surveillance radars under a deal signed in Tokyo on Tuesday.
        byline: -
        dateline: TOKYO
        agency: Kyodo News
        published: 2026-02-10
        site: asiawire.example.com outlet: -
        Paragraph: TOKYO - Japan and the Philippines signed an agreement on Tuesday for Tokyo to supply air surveillance radars to Manila, as Chinese coast guard ships shadowed a joint patrol near the Scarborough Shoal.
        Paragraph: The deal, signed by the two countries' defence ministers, is the second under Japan's Official Security Assistance programme, which provides equipment to like-minded countries without the restrictions of development aid.
        Paragraph: China's embassy in Tokyo said in a statement that Japan should "stop meddling in the South China Sea" and respect China's sovereignty.
        Paragraph: Philippine officials said two Chinese coast guard vessels followed a Japanese destroyer and a Philippine frigate for several hours on Monday but did not come closer than two nautical miles.
        Paragraph: “The radars will help us see what is happening in our own waters,” the Philippine defence secretary told reporters after the signing.
        Signature: KYODO NEWS
        Caption: Japan will supply the Philippines with air surveillance radars under a deal signed in Tokyo on Tuesday.
        Credit: PHOTO: EPA
        Related: Japan and Philippines hold first joint sail in disputed waters
        Related: Tokyo expands security aid to Southeast Asia
        credit: EPA
        "#,
    );
}

#[test]
fn sample_skips() {
    assert_eq!(extract("p", &sample("paywall_stub.txt")).err(), Some(SkipReason::Paywall));
    assert_eq!(extract("s", &sample("section_front.txt")).err(), Some(SkipReason::NotArticle));
}

#[test]
fn skips() {
    for (input, reason) in [
        ("", "empty"),
        ("  \n\n \t\n", "empty"),
        ("Home\nNews\nSport\nWeather\nContact us", "not_article"),
        ("The minister resigned on Tuesday after a long and bitter dispute.", "too_short"),
    ] {
        assert_eq!(extract("t", input).err().map(|r| r.key()), Some(reason), "{input:?}");
    }
}

// ------------------------------------------------------------------ one rule per case

const TITLE: &str = "Ministers meet in Brussels as talks on the budget stall";
const BEFORE: [&str; 2] = [
    "The ministers met in Brussels on Monday for talks on the budget of the union, which have stalled for months over farm subsidies.",
    "The commission wants to move money from farms to defence and research, a plan that several governments have rejected.",
];
const AFTER: [&str; 2] = [
    "Diplomats said a deal was unlikely before the summer, as several governments wanted deeper cuts than the commission had proposed.",
    "The next meeting of the ministers is planned for April in Luxembourg, where the presidency hopes to present a compromise.",
];

/// A page: a title, a menu, the headline, two paragraphs, then `lines`, two more
/// paragraphs and a footer. Returns the body's paragraphs.
fn body_with(lines: &[&str]) -> Vec<String> {
    let mut page = vec![TITLE, "Home", "World", "Europe", "Business", "", TITLE, ""];
    page.extend_from_slice(&BEFORE);
    page.extend_from_slice(lines);
    page.extend_from_slice(&AFTER);
    page.extend_from_slice(&["", "About us", "Contact", "Privacy Policy", "© 2026 Example News"]);
    let article = extract("rule", &page.join("\n")).expect("an article");
    article.paragraph_texts().map(str::to_owned).collect()
}

/// The body expected when `kept` lines stand between the paragraphs.
fn body_around(kept: &[&str]) -> Vec<String> {
    BEFORE.iter().chain(kept).chain(&AFTER).map(|s| (*s).to_owned()).collect()
}

fn check_dropped(line: &str) {
    assert_eq!(body_with(&[line]), body_around(&[]), "should be dropped: {line}");
}

fn check_kept(line: &str) {
    assert_eq!(body_with(&[line]), body_around(&[line]), "should be kept: {line}");
}

#[test]
fn furniture_is_dropped() {
    for line in [
        "Sign up now: Get insights on Europe's fast-moving politics",
        "Subscribe to our newsletter",
        "Advertisement",
        "Share this article",
        "Follow topic:",
        "Read more: Farmers protest in Paris over subsidy cuts",
        "PHOTO: EPA",
        "Photo: Reuters",
        "Ministers arrive for the meeting in Brussels. (AP Photo/Jane Doe)",
        "Image 1 of 12",
        "By Jane Doe",
        "Updated: March 3, 2026 10:07 AM",
        "3 hours ago",
        "We use cookies on this website to give you the best experience. By continuing you consent to cookies.",
        "Click here to download the app",
        "Continue reading below",
        "Tags: Europe, Budget, Farming",
    ] {
        check_dropped(line);
    }
}

#[test]
fn body_lines_are_kept() {
    for line in [
        "Farm subsidies take up about a third of the budget, and France and Poland have resisted any cuts to them.",
        "What happens next",
        "“We are not there yet,” one diplomat said.",
    ] {
        check_kept(line);
    }
}

#[test]
fn link_broken_sentences_are_rejoined() {
    for (lines, joined) in [
        (
            &[
                "The commission has proposed cuts, citing",
                "rising defence spending",
                "across the union in 2026.",
            ][..],
            "The commission has proposed cuts, citing rising defence spending across the union in 2026.",
        ),
        (
            &[
                "Officials said the talks with",
                "the Dutch government",
                "would resume next week after the holiday.",
            ][..],
            "Officials said the talks with the Dutch government would resume next week after the holiday.",
        ),
        (
            &["The vote was postponed again after a request by several northern states", ", officials said."]
                [..],
            "The vote was postponed again after a request by several northern states , officials said.",
        ),
    ] {
        assert_eq!(body_with(lines), body_around(&[joined]), "{lines:?}");
    }
}

/// The article of a page whose first paragraph is `first` and last is `last`.
fn article_with(first: &str, last: &str) -> Article {
    let page = [
        TITLE,
        "Home",
        "World",
        "",
        TITLE,
        "",
        first,
        BEFORE[0],
        BEFORE[1],
        AFTER[0],
        last,
        "",
        "Privacy Policy",
    ];
    extract("rule", &page.join("\n")).expect("an article")
}

fn check_dateline(first: &str, place: Option<&str>, agency: Option<&str>) {
    let article = article_with(first, AFTER[1]);
    let value = |f: &Option<faultline_model::Field>| f.as_ref().map(|f| f.value.clone());
    assert_eq!(value(&article.dateline).as_deref(), place, "{first}");
    assert_eq!(value(&article.agency).as_deref(), agency, "{first}");
    assert_eq!(article.paragraph_texts().next(), Some(first), "the dateline stays in the paragraph");
    if let Some(dateline) = &article.dateline {
        assert_eq!(dateline.span.map(|s| s.slice(&article.text)), place);
    }
}

#[test]
fn datelines_are_found() {
    let rest = "Russia will support China if a Taiwan contingency flares up, the foreign minister said.";
    for (opening, place, agency) in [
        ("TOKYO - ", Some("TOKYO"), None),
        ("TOKYO — ", Some("TOKYO"), None),
        ("WASHINGTON (Reuters) - ", Some("WASHINGTON"), Some("Reuters")),
        ("BEIJING, Dec 28 (Xinhua) -- ", Some("BEIJING"), Some("Xinhua")),
        ("LONDON: ", Some("LONDON"), None),
        ("(AFP) - ", None, Some("Agence France-Presse")),
        ("DEAR ABBY: ", None, None),
        ("", None, None),
    ] {
        check_dateline(&format!("{opening}{rest}"), place, agency);
    }
}

fn check_signature(last: &str, body_end: &str, agency: &str) {
    let article = article_with(BEFORE[0], last);
    let paragraphs: Vec<&str> = article.paragraph_texts().collect();
    assert_eq!(paragraphs.last().copied(), Some(body_end), "{last}");
    assert_eq!(article.agency.as_ref().map(|a| a.value.as_str()), Some(agency), "{last}");
    assert!(article.blocks.iter().any(|b| b.kind == BlockKind::Signature), "{last}");
}

#[test]
fn agency_signatures_are_normalised() {
    let said = "The talks will resume next month in Geneva, the spokesman said.";
    for (signature, agency) in [
        ("KYODO NEWS", "Kyodo News"),
        ("REUTERS", "Reuters"),
        ("— AP", "Associated Press"),
        ("(AFP)", "Agence France-Presse"),
        ("Bernama", "Bernama"),
        ("dpa", "Deutsche Presse-Agentur"),
        ("Xinhua", "Xinhua"),
    ] {
        check_signature(&format!("{said} {signature}"), said, agency);
    }
}

#[test]
fn comments_are_not_body() {
    let page = [
        TITLE,
        "",
        TITLE,
        BEFORE[0],
        BEFORE[1],
        "Comments",
        "jdoe says:",
        "I think the ministers should have agreed on the budget long ago, it is a disgrace for the union and its people.",
        "mroe says:",
        "Another long comment that reads like prose, with stopwords and a full stop, but it is still a comment on the page.",
    ];
    let article = extract("comments", &page.join("\n")).expect("an article");
    assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), BEFORE);
}

#[test]
fn numbered_lists_after_the_body_are_kept() {
    let items = [
        "1) Tanks and armoured vehicles",
        "2) Artillery above 100 mm",
        "3) Combat aircraft and helicopters",
        "4) Warships",
    ];
    let mut lines: Vec<&str> = Vec::new();
    lines.extend_from_slice(&items);
    let body = body_with(&lines);
    for item in items {
        assert!(body.iter().any(|p| p == item), "{item} not kept: {body:#?}");
    }
}

#[test]
fn cjk_articles_are_counted_by_characters() {
    let page = [
        "東京で日米外相会談 防衛協力の強化で一致",
        "ホーム",
        "政治",
        "東京で日米外相会談 防衛協力の強化で一致",
        "日本とアメリカの外相は火曜日、東京で会談し、地域の安全保障環境が厳しさを増す中、防衛協力をさらに強化することで一致した。",
        "両外相は、台湾海峡の平和と安定の重要性を確認し、力による一方的な現状変更の試みに反対する立場を改めて示した。",
        "会談ではまた、経済安全保障や重要鉱物の供給網についても意見を交わし、年内に閣僚級の協議を開くことで合意した。",
        "プライバシーポリシー",
    ];
    let article = extract("cjk", &page.join("\n")).expect("a CJK article is not too short");
    assert_eq!(article.paragraphs.len(), 3);
    assert_eq!(article.title.as_ref().map(|t| t.value.as_str()), Some(page[0]));
}
