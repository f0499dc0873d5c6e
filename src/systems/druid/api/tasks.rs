//! Druid API: tasks.
