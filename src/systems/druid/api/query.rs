//! Druid API: query.
