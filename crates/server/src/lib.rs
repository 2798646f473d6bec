//! faultline server: the HTTP JSON API and the web dashboard
