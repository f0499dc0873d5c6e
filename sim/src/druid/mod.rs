//! stub
use axum::Router;
/// stub
pub fn routers(_s: &crate::runtime::Shared) -> Vec<(&'static str, Router)> { vec![] }
