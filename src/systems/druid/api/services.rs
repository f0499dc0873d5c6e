//! Druid API: services.
