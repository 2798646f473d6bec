//! Pipelines: requirements are checked when built; layers are recorded on the document.

use faultline_nlp::{
    Annotator, Doc, Error, Layer, Layers, LemmaTagger, Pipeline, QuoteFinder, SentenceSplitter, TimeTagger,
    Tokenizer,
};

#[derive(Debug)]
struct Mentions;

impl Annotator for Mentions {
    fn name(&self) -> &'static str {
        "mentions"
    }
    fn requires(&self) -> Layers {
        Layers::of(&[Layer::Tokens, Layer::Sentences, Layer::Lemmas])
    }
    fn assigns(&self) -> Layers {
        Layer::Mentions.into()
    }
    fn annotate(&self, doc: &mut Doc) {
        doc.mentions.clear();
    }
}

#[test]
fn standard_chain_is_valid() {
    let built = Pipeline::standard_builder().build().expect("the standard chain is valid");
    let standard = Pipeline::standard();
    assert_eq!(built.provides(), standard.provides());
    assert_eq!(standard.names().collect::<Vec<_>>(), ["tokens", "sentences", "lemmas", "times", "quotes"]);
    let all = Layers::of(&[Layer::Tokens, Layer::Sentences, Layer::Lemmas, Layer::Times, Layer::Quotes]);
    assert_eq!(standard.provides(), all);
}

#[test]
fn missing_requirements_are_refused() {
    let err = Pipeline::builder().add(SentenceSplitter).build().unwrap_err();
    assert_eq!(err, Error::MissingLayer { annotator: "sentences", layer: Layer::Tokens });
    let err = Pipeline::builder().add(Tokenizer).add(TimeTagger).build().unwrap_err();
    assert_eq!(err, Error::MissingLayer { annotator: "times", layer: Layer::Sentences });
    let err = Pipeline::builder().add(Tokenizer).add(SentenceSplitter).add(Mentions).build().unwrap_err();
    assert_eq!(err, Error::MissingLayer { annotator: "mentions", layer: Layer::Lemmas });
    let err = Pipeline::builder().add(Tokenizer).add(Tokenizer).build().unwrap_err();
    assert_eq!(err, Error::AssignedTwice { annotator: "tokens", earlier: "tokens", layer: Layer::Tokens });
    assert!(err.to_string().contains("already assigned"));
}

#[test]
fn a_later_crate_adds_its_annotator() {
    let pipeline = Pipeline::standard_builder().add(Mentions).build().unwrap();
    let doc = pipeline.annotate_text("Russia will support China.", None).unwrap();
    assert!(doc.has(Layer::Mentions) && doc.has(Layer::Times));
}

/// A second pipeline over documents the first annotated declares what it assumes.
#[test]
fn assumed_layers_are_checked_at_run_time() {
    let second = Pipeline::builder()
        .assume(Layers::of(&[Layer::Tokens, Layer::Sentences, Layer::Lemmas]))
        .add(Mentions)
        .build()
        .unwrap();
    let mut bare = Doc::from_text("Russia will support China.", None);
    assert_eq!(second.run(&mut bare).unwrap_err(), Error::DocLacksLayer { layer: Layer::Tokens });
    let mut doc = Pipeline::standard().annotate_text("Russia will support China.", None).unwrap();
    second.run(&mut doc).unwrap();
    assert!(doc.has(Layer::Mentions));
}

/// Running a pipeline twice gives the same document.
#[test]
fn rerunning_is_idempotent() {
    let pipeline = Pipeline::builder()
        .add(Tokenizer)
        .add(SentenceSplitter)
        .add(LemmaTagger)
        .add(TimeTagger)
        .add(QuoteFinder)
        .build()
        .unwrap();
    let text = "“Russia sought talks,” Mr. Lavrov said on Dec 28. It was accelerating.";
    let mut doc = Doc::from_text(text, Some(jiff::civil::date(2025, 12, 30)));
    pipeline.run(&mut doc).unwrap();
    let first = format!("{:?}", (doc.tokens(), doc.sentences(), doc.times(), doc.quotes()));
    let lemmas: Vec<String> = (0..doc.tokens().len()).map(|i| doc.lemma(i).to_owned()).collect();
    pipeline.run(&mut doc).unwrap();
    assert_eq!(first, format!("{:?}", (doc.tokens(), doc.sentences(), doc.times(), doc.quotes())));
    let again: Vec<String> = (0..doc.tokens().len()).map(|i| doc.lemma(i).to_owned()).collect();
    assert_eq!(lemmas, again);
}

#[test]
fn pipelines_are_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Pipeline>();
    assert_send_sync::<Doc>();
    let pipeline = Pipeline::standard();
    std::thread::scope(|scope| {
        for n in 0..2 {
            let pipeline = &pipeline;
            scope.spawn(move || {
                let doc = pipeline.annotate_text(&format!("Thread {n} ran. It ended."), None).unwrap();
                assert_eq!(doc.sentences().len(), 2);
            });
        }
    });
}

#[test]
fn before_lemmas_the_lemma_is_the_norm() {
    let pipeline = Pipeline::builder().add(Tokenizer).build().unwrap();
    let doc = pipeline.annotate_text("Talks STALLED", None).unwrap();
    assert_eq!(doc.lemma(1), "stalled");
    assert!(!doc.has(Layer::Lemmas));
}
