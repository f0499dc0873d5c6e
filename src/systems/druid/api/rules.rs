//! Druid API: rules.
