//! Cockroach's two pagination styles.
//!
//! Simple (`limit`/`offset`, integer `next`): `next` is the end index of the returned slice and
//! is omitted when no limit was given. RPC (`limit`/`start`, opaque `next`): a base64 text
//! `queried,|inProgress|inProgressIndex|toQuery,` describing how far the fan-out over nodes got.

use crate::http_util::{b64, unb64, Params};

/// Reads `limit` and `offset`.
pub fn simple_values(p: &Params) -> (usize, usize) {
    let limit = p.int("limit").filter(|v| *v > 0).unwrap_or(0) as usize;
    let offset = p.int("offset").filter(|v| *v > 0).unwrap_or(0) as usize;
    (limit, offset)
}

/// `simplePaginate`: the page and the `next` value (`None` when no limit, i.e. omitted).
pub fn simple_paginate<T: Clone>(
    items: &[T],
    limit: usize,
    offset: usize,
) -> (Vec<T>, Option<usize>) {
    if limit == 0 {
        return (items.to_vec(), None);
    }
    let start = offset.min(items.len());
    let end = offset.saturating_add(limit).min(items.len());
    (items[start..end].to_vec(), Some(end))
}

/// Fan-out position over the nodes of the cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaginationState {
    /// Nodes fully read.
    pub queried: Vec<i64>,
    /// Node being read (0 = none).
    pub in_progress: i64,
    /// Items of `in_progress` already returned.
    pub in_progress_index: usize,
    /// Nodes not read yet.
    pub to_query: Vec<i64>,
}

impl PaginationState {
    /// The opaque token.
    pub fn marshal(&self) -> String {
        let list = |v: &[i64]| v.iter().map(|n| format!("{n},")).collect::<String>();
        b64(format!(
            "{}|{}|{}|{}",
            list(&self.queried),
            self.in_progress,
            self.in_progress_index,
            list(&self.to_query)
        )
        .as_bytes())
    }

    /// Parses a token; `None` for garbage.
    pub fn unmarshal(token: &str) -> Option<PaginationState> {
        let text = String::from_utf8(unb64(token)?).ok()?;
        let parts: Vec<&str> = text.split('|').collect();
        if parts.len() != 4 {
            return None;
        }
        let list = |s: &str| -> Option<Vec<i64>> {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().ok())
                .collect()
        };
        Some(PaginationState {
            queried: list(parts[0])?,
            in_progress: parts[1].parse().ok()?,
            in_progress_index: parts[2].parse().ok()?,
            to_query: list(parts[3])?,
        })
    }
}

/// Pages through `items_by_node` (in node order) starting at `start`; returns the page and the
/// state after it. `limit == 0` returns everything left.
pub fn rpc_paginate<T: Clone>(
    items_by_node: &[(i64, Vec<T>)],
    limit: usize,
    start: Option<PaginationState>,
) -> (Vec<T>, PaginationState) {
    let mut state = start.unwrap_or_else(|| PaginationState {
        to_query: items_by_node.iter().map(|(n, _)| *n).collect(),
        ..PaginationState::default()
    });
    let mut out = Vec::new();
    loop {
        if state.in_progress == 0 {
            if state.to_query.is_empty() {
                break;
            }
            state.in_progress = state.to_query.remove(0);
            state.in_progress_index = 0;
        }
        let node_items = items_by_node
            .iter()
            .find(|(n, _)| *n == state.in_progress)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[]);
        while state.in_progress_index < node_items.len() {
            if limit > 0 && out.len() >= limit {
                return (out, state);
            }
            out.push(node_items[state.in_progress_index].clone());
            state.in_progress_index += 1;
        }
        state.queried.push(state.in_progress);
        state.in_progress = 0;
        state.in_progress_index = 0;
        if limit > 0 && out.len() >= limit {
            break;
        }
    }
    (out, state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_the_server_format() {
        let done = PaginationState {
            queried: vec![1],
            in_progress: 0,
            in_progress_index: 0,
            to_query: vec![],
        };
        assert_eq!(done.marshal(), "MSx8MHwwfA==");
        let mid = PaginationState {
            queried: vec![1],
            in_progress: 2,
            in_progress_index: 0,
            to_query: vec![3],
        };
        assert_eq!(mid.marshal(), "MSx8MnwwfDMs");
        assert_eq!(PaginationState::unmarshal("MSx8MnwwfDMs"), Some(mid));
    }

    #[test]
    fn rpc_pages_cover_everything_once() {
        let data = vec![(1, vec![1, 2, 3]), (2, vec![4]), (3, vec![5, 6])];
        let (p1, s1) = rpc_paginate(&data, 2, None);
        let (p2, s2) = rpc_paginate(&data, 2, Some(s1));
        let (p3, s3) = rpc_paginate(&data, 2, Some(s2));
        let (p4, _) = rpc_paginate(&data, 2, Some(s3));
        assert_eq!([p1, p2, p3].concat(), vec![1, 2, 3, 4, 5, 6]);
        assert!(p4.is_empty());
    }
}
