//! faultline sources: files, folders, gzip, stdin, JSONL (later WARC and feeds) into RawDocuments; charset decoding
