//! What the user sets ([`EngineConfig`]), and the one-time build into an [`Engine`].

use crate::analyzer::AnalysisConfig;
use crate::engine::Engine;
use crate::{Error, Result};
use faultline_actors::ActorDictionaryBuilder;
use faultline_coding::{Coder, DictionaryBuilder, DictionaryError, DictionarySource, EventCoder};
use faultline_nlp::Pipeline;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the user sets for a run: plain data (the CLI fills it from flags), turned into
/// an [`Engine`] once by [`EngineConfig::build`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// A folder of PETRARCH-2/Phoenix dictionaries (`CAMEO*.txt` verbs, `*discards*`,
    /// `*.actors.txt`, `*agents.txt`), layered over faultline's own.
    pub dictionaries: Option<PathBuf>,
    /// Use the `dictionaries` folder alone, without faultline's verb patterns and actors.
    pub dictionaries_only: bool,
    /// Worker threads for the CPU stages (decode, extract, code); 0 means one per core.
    pub threads: usize,
    /// How many nice steps the worker threads run below the pipeline's serial stages
    /// (reader, writer, store), so that those never wait for a core behind a worker (see
    /// [`pipeline`](crate::pipeline)); 0 leaves the workers at the process's priority.
    /// Linux only.
    pub worker_nice: u8,
    /// Documents per store transaction: a killed run loses at most one batch.
    pub batch_size: usize,
    /// Largest document, in bytes (after gzip); larger ones are skipped `too_large`.
    pub max_bytes: u64,
    /// The database file. The engine does not open it (the caller does, and hands the
    /// engine an [`EventStore`](faultline_store::EventStore)); it is here so that one
    /// value says where a run goes.
    pub db_path: PathBuf,
    /// The date of articles that carry none (default: the day the engine is built, UTC).
    pub default_date: Option<Date>,
    /// Near-duplicate groups and event clusters.
    pub analysis: AnalysisConfig,
}

/// Default documents per batch: large enough that a commit's fixed cost (index pages
/// and full-text segments written once per batch) is small, small enough that a batch is
/// about a second of work and a few tens of MB. 1,024 rather than 256 cut the store's
/// time per document by a fifth on a 30,000-article Wikinews run (`faultline bench
/// --batch-size`), with the same peak RSS on the AEB HTML pages.
pub const DEFAULT_BATCH_SIZE: usize = 1024;

/// Default [`EngineConfig::worker_nice`]: at 10 steps a worker gets about a tenth of the
/// share of a core a serial stage gets when both want it; 5 and 19 measured within a
/// percent of it (`faultline bench --threads 2`).
pub const DEFAULT_WORKER_NICE: u8 = 10;

/// The default database file.
pub const DEFAULT_DB: &str = "faultline.db";

impl Default for EngineConfig {
    fn default() -> EngineConfig {
        EngineConfig {
            dictionaries: None,
            dictionaries_only: false,
            threads: 0,
            worker_nice: DEFAULT_WORKER_NICE,
            batch_size: DEFAULT_BATCH_SIZE,
            max_bytes: faultline_sources::DEFAULT_MAX_BYTES,
            db_path: PathBuf::from(DEFAULT_DB),
            default_date: None,
            analysis: AnalysisConfig::default(),
        }
    }
}

impl EngineConfig {
    /// Worker threads: `threads`, or one per core when 0.
    #[must_use]
    pub fn worker_threads(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }
    }

    /// Loads the dictionaries and builds the engine: the one slow step (the built-in
    /// dictionaries take well under a second; Phoenix's about two), done once.
    ///
    /// Reading the dictionary files is the engine's only file access, and happens
    /// here, before any document is seen.
    ///
    /// # Errors
    /// A configuration that contradicts itself, dictionaries that cannot be read or do
    /// not parse (every problem with its file and line), an invalid analysis
    /// configuration.
    pub fn build(&self) -> Result<Engine> {
        if self.batch_size == 0 {
            return Err(Error::Config("the batch size must be at least 1".into()));
        }
        if self.dictionaries_only && self.dictionaries.is_none() {
            return Err(Error::Config("dictionaries_only needs a dictionaries folder".into()));
        }
        self.analysis.validate()?;
        let (coder, warnings) = match &self.dictionaries {
            None => (EventCoder::builtin()?, Vec::new()),
            Some(dir) => load_dictionaries(dir, self.dictionaries_only)?,
        };
        let default_date = self.default_date.unwrap_or_else(today);
        Ok(Engine::new(self.clone(), coder, warnings, default_date))
    }
}

/// Today's date in UTC.
#[must_use]
pub fn today() -> Date {
    let epoch = jiff::civil::date(1970, 1, 1);
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    epoch.checked_add(jiff::Span::new().days(days)).unwrap_or(epoch)
}

/// The event coder of a PETRARCH-2/Phoenix folder, over faultline's dictionaries or
/// alone, with the lines skipped as PETRARCH skips them.
///
/// # Errors
/// The folder cannot be read, holds no verb dictionary, or its dictionaries do not parse.
pub fn load_dictionaries(dir: &Path, alone: bool) -> Result<(EventCoder, Vec<DictionaryError>)> {
    let (verbs, discards) = petrarch_files(dir)?;
    if verbs.is_empty() {
        return Err(Error::NoVerbs(dir.to_path_buf()));
    }
    let mut builder = DictionaryBuilder::new().builtin_verbs(!alone);
    for source in verbs {
        builder = builder.petrarch_verbs(source);
    }
    for source in discards {
        builder = builder.discards(source);
    }
    let dictionaries = builder.build()?;
    let warnings = dictionaries.warnings().to_vec();
    let mut actors = ActorDictionaryBuilder::new();
    if !alone {
        actors.add_builtin()?;
    }
    actors.add_phoenix_dir(dir)?;
    let actors = actors.build()?;
    Ok((EventCoder::new(Pipeline::standard(), actors, Coder::new(dictionaries)), warnings))
}

/// The PETRARCH verb dictionaries and discard lists of a folder, read as text, in name
/// order.
fn petrarch_files(dir: &Path) -> Result<(Vec<DictionarySource>, Vec<DictionarySource>)> {
    let read_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let mut verbs = Vec::new();
    let mut discards = Vec::new();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        let lower = name.to_lowercase();
        let is_verbs = lower.starts_with("cameo") && lower.ends_with(".txt") || lower.ends_with(".verbs");
        let is_discards = lower.contains("discard");
        if !is_verbs && !is_discards {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(read_err(&path))?;
        if is_verbs {
            verbs.push(DictionarySource::new(name, text));
        } else {
            discards.push(DictionarySource::new(name, text));
        }
    }
    Ok((verbs, discards))
}
