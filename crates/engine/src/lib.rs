//! faultline engine: the pipeline from documents to stored events, in parallel
