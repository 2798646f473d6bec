//! The watcher's state file: per feed, the validators of the last version fully handled
//! and the backoff of a failing feed. Articles already ingested are the store's business
//! (the [`Seen`](super::Seen) check), not this file's.

use crate::{Error, Result};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What is remembered about one feed between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// The `ETag` of the last version whose new items were all handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` of that version, as the server sent it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Failures in a row (0 when the last poll worked).
    #[serde(default)]
    pub failures: u32,
    /// A failing feed is not polled again before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<Timestamp>,
    /// Why the last poll failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// When the feed last answered with a feed (200 or 304).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_ok: Option<Timestamp>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFileData {
    version: u32,
    #[serde(default)]
    feeds: BTreeMap<String, FeedState>,
}

const VERSION: u32 = 1;

/// The state file: JSON, `{"version": 1, "feeds": {"<feed url>": FeedState}}`, written
/// whole to a temporary file and renamed over the old one, so a crash never leaves half
/// a file.
#[derive(Debug)]
pub(crate) struct StateFile {
    path: Option<PathBuf>,
}

impl StateFile {
    pub fn new(path: Option<PathBuf>) -> StateFile {
        StateFile { path }
    }

    /// The saved states; none when there is no path or no file yet. A file that is not
    /// a state file is an error (delete it to start afresh), never silently replaced.
    pub fn load(&self) -> Result<BTreeMap<String, FeedState>> {
        let Some(path) = &self.path else { return Ok(BTreeMap::new()) };
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(source) => return Err(Error::Io { path: path.display().to_string(), source }),
        };
        let data: StateFileData = serde_json::from_str(&text)
            .map_err(|e| Error::State { path: path.display().to_string(), detail: e.to_string() })?;
        if data.version != VERSION {
            let detail = format!("state file version {} (this faultline reads {VERSION})", data.version);
            return Err(Error::State { path: path.display().to_string(), detail });
        }
        Ok(data.feeds)
    }

    pub fn save(&self, feeds: &BTreeMap<String, FeedState>) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let data = StateFileData { version: VERSION, feeds: feeds.clone() };
        let io_err = |source| Error::Io { path: path.display().to_string(), source };
        let json = serde_json::to_string_pretty(&data)
            .map_err(|e| Error::State { path: path.display().to_string(), detail: e.to_string() })?;
        let tmp = tmp_path(path);
        std::fs::write(&tmp, json).map_err(io_err)?;
        std::fs::rename(&tmp, path).map_err(io_err)
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("watch-state.json");
        let file = StateFile::new(Some(path.clone()));
        assert!(file.load().unwrap().is_empty());
        let mut feeds = BTreeMap::new();
        feeds.insert(
            "https://a.example/rss".to_owned(),
            FeedState {
                etag: Some("\"v1\"".into()),
                failures: 2,
                retry_at: Some(Timestamp::UNIX_EPOCH),
                ..FeedState::default()
            },
        );
        file.save(&feeds).unwrap();
        assert_eq!(file.load().unwrap(), feeds);
        std::fs::write(&path, "{not json").unwrap();
        assert!(file.load().unwrap_err().to_string().contains("watch-state.json"));
        std::fs::write(&path, r#"{"version": 9, "feeds": {}}"#).unwrap();
        assert!(file.load().unwrap_err().to_string().contains("version 9"));
        assert!(StateFile::new(None).load().unwrap().is_empty());
    }
}
