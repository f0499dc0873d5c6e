//! The types Druid's endpoints return, lenient where Druid is loose (numbers as strings, missing
//! fields, sentinel dates for empty datasources). Each is tested against the recorded samples of
//! `../shared/api-samples/druid/` or the simulator's answers.
pub mod config;
pub mod rules;
pub mod status;
pub mod datasources;
pub mod query;
pub mod services;
pub mod supervisors;
pub mod tasks;
