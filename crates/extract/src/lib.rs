//! faultline extraction: HTML and scraped text into Articles
