//! Druid API: supervisors.
