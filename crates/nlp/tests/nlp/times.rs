//! Time expressions: (article date, text, expected span text, date, precision).

use crate::annotate;
use faultline_model::Precision::{self, Day, Month, Week, Year};
use faultline_nlp::TimeRelation;
use jiff::civil::{Date, date};

const ARTICLE: Date = date(2025, 12, 28); // a Sunday

#[track_caller]
fn check(article: Date, text: &str, span: &str, want: Date, precision: Precision) {
    let doc = annotate(text, Some(article));
    let got: Vec<(&str, Date, Precision)> =
        doc.times().iter().map(|t| (doc.span_text(t.span), t.date, t.precision)).collect();
    assert_eq!(got, [(span, want, precision)], "time expressions of {text:?} on {article}");
}

#[track_caller]
fn none(article: Option<Date>, text: &str) {
    let doc = annotate(text, article);
    let got: Vec<&str> = doc.times().iter().map(|t| doc.span_text(t.span)).collect();
    assert!(got.is_empty(), "no time expression expected in {text:?}, got {got:?}");
}

#[test]
fn the_seed_cases() {
    check(
        ARTICLE,
        "Mr Lavrov also said in the interview, released on Dec 28, that the plan was set.",
        "on Dec 28",
        date(2025, 12, 28),
        Day,
    );
    check(
        ARTICLE,
        "Ms Takaichi said in a parliamentary session in November that an attack could follow.",
        "in November",
        date(2025, 11, 1),
        Month,
    );
    check(
        ARTICLE,
        "They have been governed separately since 1949 following a civil war.",
        "since 1949",
        date(1949, 1, 1),
        Year,
    );
}

#[test]
fn days() {
    check(ARTICLE, "It was released on Dec. 28 in Moscow.", "on Dec. 28", date(2025, 12, 28), Day);
    check(ARTICLE, "It was released on December 28 in Moscow.", "on December 28", date(2025, 12, 28), Day);
    check(ARTICLE, "It was released on 28 December in Moscow.", "on 28 December", date(2025, 12, 28), Day);
    check(ARTICLE, "It was released December 28th in Moscow.", "December 28th", date(2025, 12, 28), Day);
    check(
        ARTICLE,
        "It was released on the 28th of December.",
        "on the 28th of December",
        date(2025, 12, 28),
        Day,
    );
    check(ARTICLE, "It was released on Dec 28, 2024, in Moscow.", "on Dec 28, 2024", date(2024, 12, 28), Day);
    check(ARTICLE, "It was released on 28 December 2024.", "on 28 December 2024", date(2024, 12, 28), Day);
    check(ARTICLE, "It was released on 2024-12-28.", "on 2024-12-28", date(2024, 12, 28), Day);
    // no year: the nearest occurrence not after the article date
    check(ARTICLE, "It happened on Dec 30.", "on Dec 30", date(2024, 12, 30), Day);
    check(ARTICLE, "It happened on March 3.", "on March 3", date(2025, 3, 3), Day);
    check(ARTICLE, "It happened on May 5.", "on May 5", date(2025, 5, 5), Day);
    check(date(2025, 3, 1), "It happened on Feb 29.", "on Feb 29", date(2024, 2, 29), Day);
    check(ARTICLE, "Talks resume Sept. 12 in Geneva.", "Sept. 12", date(2025, 9, 12), Day);
    check(ARTICLE, "Fighting on Dec 27-28 killed dozens.", "on Dec 27-28", date(2025, 12, 27), Day);
    check(ARTICLE, "Friday, January 4, 2019", "Friday, January 4, 2019", date(2019, 1, 4), Day);
}

#[test]
fn months() {
    check(ARTICLE, "He said so in November.", "in November", date(2025, 11, 1), Month);
    check(ARTICLE, "He said so in December.", "in December", date(2025, 12, 1), Month);
    check(ARTICLE, "He said so in January.", "in January", date(2025, 1, 1), Month);
    check(date(2025, 10, 5), "He said so in November.", "in November", date(2024, 11, 1), Month);
    check(ARTICLE, "He said so in November 2024.", "in November 2024", date(2024, 11, 1), Month);
    check(ARTICLE, "He said so in May.", "in May", date(2025, 5, 1), Month);
    check(ARTICLE, "He said so in early November.", "in early November", date(2025, 11, 1), Month);
    check(ARTICLE, "He said so in mid-November.", "in mid-November", date(2025, 11, 1), Month);
    check(ARTICLE, "He said so late November.", "late November", date(2025, 11, 1), Month);
    check(ARTICLE, "It has grown since March.", "since March", date(2025, 3, 1), Month);
    check(ARTICLE, "He said so last November.", "last November", date(2025, 11, 1), Month);
    check(date(2025, 11, 20), "He said so last November.", "last November", date(2024, 11, 1), Month);
    check(ARTICLE, "He will go next March.", "next March", date(2026, 3, 1), Month);
    check(ARTICLE, "It happened last month.", "last month", date(2025, 11, 1), Month);
    check(ARTICLE, "It happens this month.", "this month", date(2025, 12, 1), Month);
    check(ARTICLE, "It happens next month.", "next month", date(2026, 1, 1), Month);
    check(ARTICLE, "Prices rose two months ago.", "two months ago", date(2025, 10, 1), Month);
    check(ARTICLE, "Talks end at the end of November.", "of November", date(2025, 11, 1), Month);
    check(ARTICLE, "It began in the summer of 2019.", "of 2019", date(2019, 1, 1), Year);
}

#[test]
fn weeks() {
    check(ARTICLE, "It happened last week.", "last week", date(2025, 12, 15), Week);
    check(ARTICLE, "It happens this week.", "this week", date(2025, 12, 22), Week);
    check(ARTICLE, "It happens next week.", "next week", date(2025, 12, 29), Week);
    check(date(2025, 12, 29), "It happened last week.", "last week", date(2025, 12, 22), Week);
    check(ARTICLE, "It happened two weeks ago.", "two weeks ago", date(2025, 12, 8), Week);
}

#[test]
fn relative_days() {
    check(ARTICLE, "He spoke yesterday.", "yesterday", date(2025, 12, 27), Day);
    check(ARTICLE, "He speaks today.", "today", date(2025, 12, 28), Day);
    check(ARTICLE, "He speaks tomorrow.", "tomorrow", date(2025, 12, 29), Day);
    check(ARTICLE, "He spoke yesterday morning.", "yesterday morning", date(2025, 12, 27), Day);
    check(ARTICLE, "He spoke last night.", "last night", date(2025, 12, 27), Day);
    check(ARTICLE, "He spoke this morning.", "this morning", date(2025, 12, 28), Day);
    check(ARTICLE, "He spoke earlier today.", "earlier today", date(2025, 12, 28), Day);
    check(ARTICLE, "Yesterday he spoke.", "Yesterday", date(2025, 12, 27), Day);
    check(ARTICLE, "He spoke three days ago.", "three days ago", date(2025, 12, 25), Day);
    check(ARTICLE, "He spoke 3 days ago.", "3 days ago", date(2025, 12, 25), Day);
}

#[test]
fn weekdays() {
    // 2025-12-28 is a Sunday; 2025-12-22 the Monday before
    check(ARTICLE, "He spoke on Monday.", "on Monday", date(2025, 12, 22), Day);
    check(ARTICLE, "He spoke Monday.", "Monday", date(2025, 12, 22), Day);
    check(ARTICLE, "He spoke on Sunday.", "on Sunday", date(2025, 12, 28), Day);
    check(ARTICLE, "He spoke on Saturday night.", "on Saturday night", date(2025, 12, 27), Day);
    check(ARTICLE, "He spoke last Sunday.", "last Sunday", date(2025, 12, 21), Day);
    check(ARTICLE, "He speaks next Monday.", "next Monday", date(2025, 12, 29), Day);
    check(ARTICLE, "He speaks next Sunday.", "next Sunday", date(2026, 1, 4), Day);
}

#[test]
fn years() {
    check(ARTICLE, "It was built in 2019.", "in 2019", date(2019, 1, 1), Year);
    check(ARTICLE, "It will be done by 2030.", "by 2030", date(2030, 1, 1), Year);
    check(ARTICLE, "It was built in early 2020.", "in early 2020", date(2020, 1, 1), Year);
    check(ARTICLE, "It was built in mid-2020.", "in mid-2020", date(2020, 1, 1), Year);
    check(ARTICLE, "Prices rose last year.", "last year", date(2024, 1, 1), Year);
    check(ARTICLE, "Prices rose this year.", "this year", date(2025, 1, 1), Year);
    check(ARTICLE, "Prices will rise next year.", "next year", date(2026, 1, 1), Year);
    check(ARTICLE, "Prices rose earlier this year.", "earlier this year", date(2025, 1, 1), Year);
    check(ARTICLE, "Prices will rise later this year.", "later this year", date(2025, 1, 1), Year);
    check(ARTICLE, "Prices rose a year ago.", "a year ago", date(2024, 1, 1), Year);
}

/// After a word announcing the future, a yearless date resolves forward.
#[test]
fn future_cues() {
    check(ARTICLE, "The meeting is due on Dec 30.", "on Dec 30", date(2025, 12, 30), Day);
    check(ARTICLE, "He will visit in January.", "in January", date(2026, 1, 1), Month);
    check(ARTICLE, "They will meet on Monday.", "on Monday", date(2025, 12, 29), Day);
    check(ARTICLE, "A vote is scheduled for Sunday.", "Sunday", date(2025, 12, 28), Day);
    check(date(2019, 1, 22), "A book is due out in May.", "in May", date(2019, 5, 1), Month);
    // the cue must be in the same clause, close before the expression
    check(ARTICLE, "China will act, the ministry said on Monday.", "on Monday", date(2025, 12, 22), Day);
    check(
        ARTICLE,
        "Russia will support China if asked, Mr Lavrov said in November.",
        "in November",
        date(2025, 11, 1),
        Month,
    );
}

#[test]
fn not_times() {
    none(Some(ARTICLE), "Russia may support China.");
    none(Some(ARTICLE), "May I ask a question?");
    none(Some(ARTICLE), "Thousands march in Paris.");
    none(Some(ARTICLE), "Protesters will march on the capital.");
    none(Some(ARTICLE), "March on, the general said.");
    none(Some(ARTICLE), "He spoke to Russia Today about it.");
    none(Some(ARTICLE), "It has 2019 members.");
    none(Some(ARTICLE), "He won 28 seats in the vote.");
    none(Some(ARTICLE), "It was the government of May that fell.");
    none(Some(ARTICLE), "One of 20 people left.");
    none(Some(ARTICLE), "The last time he spoke, he was in Paris.");
    none(Some(ARTICLE), "A week of talks began in the capital.");
    none(Some(ARTICLE), "He will say so in a week.");
    // relative expressions need a reference date
    none(None, "He spoke yesterday, last week and in November.");
}

#[test]
fn absolute_without_reference_date() {
    let doc = annotate("It was signed on Dec 28, 2025 and revised in 2019.", None);
    let got: Vec<(&str, Date, bool)> =
        doc.times().iter().map(|t| (doc.span_text(t.span), t.date, t.relative)).collect();
    assert_eq!(got, [("on Dec 28, 2025", date(2025, 12, 28), false), ("in 2019", date(2019, 1, 1), false)]);
}

#[test]
fn relations_and_event_dates() {
    let doc = annotate("Governed since 1949, it will act by 2030 and did so before Monday.", Some(ARTICLE));
    let relations: Vec<TimeRelation> = doc.times().iter().map(|t| t.relation).collect();
    assert_eq!(relations, [TimeRelation::Since, TimeRelation::By, TimeRelation::Before]);
    let event_date = doc.times()[0].event_date();
    assert_eq!(event_date.precision, Year);
    assert_eq!(event_date.span.map(|s| doc.span_text(s)), Some("since 1949"));
    let sentence = doc.times()[1].sentence as usize;
    assert_eq!(sentence, 0);
}

/// Several expressions in one text, each in its sentence.
#[test]
fn several() {
    let doc =
        annotate("On Monday, talks began. They ended yesterday. A deal is due next month.", Some(ARTICLE));
    let got: Vec<(&str, u32)> = doc.times().iter().map(|t| (doc.span_text(t.span), t.sentence)).collect();
    assert_eq!(got, [("On Monday", 0), ("yesterday", 1), ("next month", 2)]);
    let second: Vec<&str> = doc.sentence_times(1).iter().map(|t| doc.span_text(t.span)).collect();
    assert_eq!(second, ["yesterday"]);
    assert!(doc.sentence_times(7).is_empty());
}
