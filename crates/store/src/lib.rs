//! faultline store: the embedded SQLite store, migrations and queries
