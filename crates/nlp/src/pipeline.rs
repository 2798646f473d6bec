//! Layers, the [`Annotator`] trait and the [`Pipeline`] that runs annotators in order.
//!
//! Each annotator declares the layers it requires and the layers it assigns; the
//! [`PipelineBuilder`] checks the chain once, when the pipeline is built, so a pipeline
//! that runs is a pipeline whose every annotator finds what it needs.

use crate::error::{Error, Result};
use crate::{Doc, LemmaTagger, QuoteFinder, SentenceSplitter, TimeTagger, Tokenizer};
use std::fmt;

/// A kind of annotation a [`Doc`] can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Layer {
    /// Tokens with their spans, kinds, flags and normalised forms.
    Tokens,
    /// Sentences, each inside one block.
    Sentences,
    /// A lemma for every token.
    Lemmas,
    /// Time expressions resolved to dates.
    Times,
    /// Quotation spans.
    Quotes,
    /// Actor mentions (assigned by the actors crate).
    Mentions,
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 6] =
        [Layer::Tokens, Layer::Sentences, Layer::Lemmas, Layer::Times, Layer::Quotes, Layer::Mentions];

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of [`Layer`]s.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Layers(u16);

impl Layers {
    pub const NONE: Layers = Layers(0);

    /// The set of the given layers.
    #[must_use]
    pub const fn of(layers: &[Layer]) -> Layers {
        let mut bits = 0;
        let mut i = 0;
        while i < layers.len() {
            bits |= layers[i].bit();
            i += 1;
        }
        Layers(bits)
    }

    #[must_use]
    pub const fn contains(self, layer: Layer) -> bool {
        self.0 & layer.bit() != 0
    }

    #[must_use]
    pub const fn with(self, layer: Layer) -> Layers {
        Layers(self.0 | layer.bit())
    }

    #[must_use]
    pub const fn union(self, other: Layers) -> Layers {
        Layers(self.0 | other.0)
    }

    #[must_use]
    pub const fn without(self, other: Layers) -> Layers {
        Layers(self.0 & !other.0)
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The layers in this set, in pipeline order.
    pub fn iter(self) -> impl Iterator<Item = Layer> {
        Layer::ALL.into_iter().filter(move |layer| self.contains(*layer))
    }
}

impl fmt::Debug for Layers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl From<Layer> for Layers {
    fn from(layer: Layer) -> Layers {
        Layers::NONE.with(layer)
    }
}

/// One stage of linguistic annotation over a [`Doc`].
///
/// Implementations are built once and shared by every thread (`Send + Sync`);
/// [`annotate`](Annotator::annotate) must not fail or panic on any text: odd input makes
/// odd annotations. An annotator replaces the layers it assigns (running it twice gives
/// the same document) and must set nothing else.
///
/// ```
/// use faultline_nlp::{Annotator, Doc, Layer, Layers, Pipeline};
///
/// /// Counts nothing, needs tokens: a stand-in for the actors crate's mention finder.
/// #[derive(Debug)]
/// struct NoMentions;
///
/// impl Annotator for NoMentions {
///     fn name(&self) -> &'static str { "no-mentions" }
///     fn requires(&self) -> Layers { Layers::of(&[Layer::Tokens, Layer::Sentences]) }
///     fn assigns(&self) -> Layers { Layer::Mentions.into() }
///     fn annotate(&self, doc: &mut Doc) { doc.mentions.clear(); }
/// }
///
/// let pipeline = Pipeline::standard_builder().add(NoMentions).build()?;
/// let doc = pipeline.annotate_text("Russia will support China.", None)?;
/// assert!(doc.has(Layer::Mentions));
/// # Ok::<(), faultline_nlp::Error>(())
/// ```
pub trait Annotator: Send + Sync + fmt::Debug {
    /// A short name for errors and diagnostics.
    fn name(&self) -> &'static str;
    /// The layers this annotator reads.
    fn requires(&self) -> Layers;
    /// The layers this annotator writes.
    fn assigns(&self) -> Layers;
    /// Adds this annotator's layers to `doc`.
    fn annotate(&self, doc: &mut Doc);
}

/// Annotators in an order checked to be runnable. Build once, share between threads.
#[derive(Debug)]
pub struct Pipeline {
    annotators: Vec<Box<dyn Annotator>>,
    assumes: Layers,
    assigns: Layers,
}

impl Pipeline {
    /// An empty builder.
    #[must_use]
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder { annotators: Vec::new(), assumes: Layers::NONE }
    }

    /// A builder holding this crate's annotators: tokens, sentences, lemmas, times and
    /// quotes. Later crates add theirs and build.
    #[must_use]
    pub fn standard_builder() -> PipelineBuilder {
        Pipeline::builder()
            .add(Tokenizer)
            .add(SentenceSplitter)
            .add(LemmaTagger)
            .add(TimeTagger)
            .add(QuoteFinder)
    }

    /// This crate's annotators: tokens, sentences, lemmas, times and quotes.
    #[must_use]
    pub fn standard() -> Pipeline {
        let builder = Pipeline::standard_builder();
        let (annotators, assumes) = (builder.annotators, builder.assumes);
        // The standard chain is checked by a test; build it without the Result.
        let assigns = annotators.iter().fold(Layers::NONE, |acc, a| acc.union(a.assigns()));
        Pipeline { annotators, assumes, assigns }
    }

    /// The layers a document has after this pipeline ran.
    #[must_use]
    pub fn provides(&self) -> Layers {
        self.assumes.union(self.assigns)
    }

    /// The annotators' names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.annotators.iter().map(|a| a.name())
    }

    /// Runs every annotator on `doc`.
    ///
    /// # Errors
    /// [`Error::DocLacksLayer`] if the pipeline was built to
    /// [`assume`](PipelineBuilder::assume) a layer the document does not have.
    pub fn run(&self, doc: &mut Doc) -> Result<()> {
        if let Some(layer) = self.assumes.iter().find(|layer| !doc.has(*layer)) {
            return Err(Error::DocLacksLayer { layer });
        }
        doc.layers = doc.layers.without(self.assigns);
        for annotator in &self.annotators {
            annotator.annotate(doc);
            doc.layers = doc.layers.union(annotator.assigns());
        }
        Ok(())
    }

    /// A [`Doc`] over `text` (one paragraph block), annotated by this pipeline.
    ///
    /// # Errors
    /// As [`Pipeline::run`].
    pub fn annotate_text(&self, text: &str, reference_date: Option<jiff::civil::Date>) -> Result<Doc> {
        let mut doc = Doc::from_text(text, reference_date);
        self.run(&mut doc)?;
        Ok(doc)
    }

    /// A [`Doc`] over an article, annotated by this pipeline.
    ///
    /// # Errors
    /// As [`Pipeline::run`].
    pub fn annotate_article(&self, article: &faultline_model::Article) -> Result<Doc> {
        let mut doc = Doc::from_article(article);
        self.run(&mut doc)?;
        Ok(doc)
    }
}

/// Collects annotators; [`build`](PipelineBuilder::build) checks that each one's
/// requirements are met by the ones before it.
#[derive(Debug)]
pub struct PipelineBuilder {
    annotators: Vec<Box<dyn Annotator>>,
    assumes: Layers,
}

impl PipelineBuilder {
    /// Appends an annotator.
    #[must_use]
    #[allow(clippy::should_implement_trait)] // a builder step, not arithmetic
    pub fn add(mut self, annotator: impl Annotator + 'static) -> PipelineBuilder {
        self.annotators.push(Box::new(annotator));
        self
    }

    /// Appends a boxed annotator.
    #[must_use]
    pub fn add_boxed(mut self, annotator: Box<dyn Annotator>) -> PipelineBuilder {
        self.annotators.push(annotator);
        self
    }

    /// Declares layers the documents will already have when this pipeline runs (a
    /// second pipeline over documents the first one annotated). Checked by
    /// [`Pipeline::run`].
    #[must_use]
    pub fn assume(mut self, layers: Layers) -> PipelineBuilder {
        self.assumes = self.assumes.union(layers);
        self
    }

    /// Checks the chain and builds the pipeline.
    ///
    /// # Errors
    /// [`Error::MissingLayer`] if an annotator requires a layer nothing before it
    /// assigns; [`Error::AssignedTwice`] if two annotators assign one layer.
    pub fn build(self) -> Result<Pipeline> {
        let mut available = self.assumes;
        let mut assigned_by: Vec<(Layer, &'static str)> = Vec::new();
        for annotator in &self.annotators {
            if let Some(layer) = annotator.requires().iter().find(|layer| !available.contains(*layer)) {
                return Err(Error::MissingLayer { annotator: annotator.name(), layer });
            }
            for layer in annotator.assigns().iter() {
                if let Some((_, earlier)) = assigned_by.iter().find(|(l, _)| *l == layer) {
                    return Err(Error::AssignedTwice { annotator: annotator.name(), earlier, layer });
                }
                assigned_by.push((layer, annotator.name()));
            }
            available = available.union(annotator.assigns());
        }
        let assigns = self.annotators.iter().fold(Layers::NONE, |acc, a| acc.union(a.assigns()));
        Ok(Pipeline { annotators: self.annotators, assumes: self.assumes, assigns })
    }
}
