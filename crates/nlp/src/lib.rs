//! faultline nlp: sentences, tokens, lemmas and time expressions over an article's text
