//! The server's integration tests: one binary, a module per concern.
//!
//! - `api`: every route, filters, paging, 404 and 400, on a store made with the store's
//!   synthetic builder and generator.
//! - `pages`: every dashboard page, and the article view's highlights.
//! - `commitments`: the register and contingency routes and pages, on the synthetic
//!   seed-like store, and on the real seed when `../shared` is present.
//! - `security`: hostile strings in every stored text field, escaped on every page that
//!   shows them; headers; loopback binding; injection through the API.
//! - `seed`: the real pipeline (extract, code) on the bundled samples and the seed page.
//! - `browser`: the dashboard in headless Chromium (skips with a note when Chromium or
//!   chromedriver is absent, fails then if `FAULTLINE_BROWSER_TESTS=1`).

mod api;
mod browser;
mod commitments;
mod pages;
mod security;
mod seed;
mod support;
