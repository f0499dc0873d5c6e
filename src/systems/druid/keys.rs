//! The query-string keys of the Druid views: every part of a view's state that a copied link
//! carries, spelled once. Views add theirs here.

use crate::url_state::QueryKey;

/// A datasource filter (its name).
pub const DATASOURCE: QueryKey = QueryKey::new("datasource");
