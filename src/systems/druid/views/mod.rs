//! The Druid views, one file or folder per view; forms and actions live beside the view they
//! belong to.

pub mod config;
pub mod datasources;
pub mod home;
pub mod intervals;
pub mod query;
pub mod segments;
pub mod services;
pub mod supervisors;
pub mod tasks;
