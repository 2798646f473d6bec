//! The shared benchmark corpora, read the same way by every benchmark and by
//! `faultline bench`: where the shared data folder is, and the Wikinews articles
//! (`data/wikinews/*.csv`, columns `url,date,title,text`).
//!
//! Nothing here is copied into the project: the files are read from the folder.

use std::path::{Path, PathBuf};

/// The shared data folder: `FAULTLINE_SHARED`, else `../shared` beside the workspace,
/// if it exists.
#[must_use]
pub fn shared() -> Option<PathBuf> {
    let path = std::env::var_os("FAULTLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    path.is_dir().then_some(path)
}

/// One Wikinews article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WikinewsArticle {
    pub url: String,
    /// The `date` column as written (`YYYY-MM-DD`).
    pub date: String,
    pub title: String,
    pub text: String,
}

impl WikinewsArticle {
    /// The date, if the column parses.
    #[must_use]
    pub fn day(&self) -> Option<jiff::civil::Date> {
        self.date.parse().ok()
    }
}

/// The articles of one Wikinews CSV file (RFC 4180: quoted fields may hold commas,
/// quotes and line breaks); rows without four fields are left out.
///
/// # Errors
/// The file cannot be read.
pub fn wikinews_file(path: &Path) -> std::io::Result<Vec<WikinewsArticle>> {
    let data = std::fs::read_to_string(path)?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(data.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter_map(|record| match (record.get(0), record.get(1), record.get(2), record.get(3)) {
            (Some(url), Some(date), Some(title), Some(text)) => Some(WikinewsArticle {
                url: url.to_string(),
                date: date.to_string(),
                title: title.to_string(),
                text: text.to_string(),
            }),
            _ => None,
        })
        .collect())
}

/// Every article of `<shared>/data/wikinews/*.csv`, files in name order; `None` when
/// the folder is absent or a file cannot be read.
#[must_use]
pub fn wikinews(shared: &Path) -> Option<Vec<WikinewsArticle>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("data/wikinews"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut articles = Vec::new();
    for file in files {
        articles.extend(wikinews_file(&file).ok()?);
    }
    Some(articles)
}

/// The text and day of every Wikinews article in the shared folder (2020-01-01 for an
/// article without a readable date): what the stage benchmarks feed the coder. `None`
/// without the shared folder.
#[must_use]
pub fn wikinews_dated() -> Option<Vec<(String, jiff::civil::Date)>> {
    let fallback = jiff::civil::date(2020, 1, 1);
    let articles = wikinews(&shared()?)?;
    Some(
        articles
            .into_iter()
            .map(|a| {
                let day = a.day().unwrap_or(fallback);
                (a.text, day)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_short_rows() {
        let dir = std::env::temp_dir().join(format!("faultline-corpora-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data/wikinews")).unwrap();
        std::fs::write(
            dir.join("data/wikinews/a.csv"),
            "url,date,title,text\nhttp://x,2020-01-02,\"A, b\",\"Line one\nsaid \"\"yes\"\"\"\nshort,row\n",
        )
        .unwrap();
        let articles = wikinews(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title, "A, b");
        assert_eq!(articles[0].text, "Line one\nsaid \"yes\"");
        assert_eq!(articles[0].day(), Some(jiff::civil::date(2020, 1, 2)));
    }
}
