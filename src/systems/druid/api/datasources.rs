//! Druid API: datasources.
