//! Druid API: dynamic configuration (coordinator, overlord workers) and compaction.
