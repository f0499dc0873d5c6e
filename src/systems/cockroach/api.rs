//! One function per endpoint of the CockroachDB HTTP API v2 the views use. `node` is any node
//! (the proxy tries the configured ones in turn and holds the login session); a single node is
//! `node:<host>:<port>`. Lists are read to their end, page by page, with a guard: a `next` that
//! does not advance (or repeats) stops the walk.

use super::model::{
    HotPage, HotRange, Node, NodesPage, RangeInfo, RangeResponse, RangesPage, SessionsPage,
};
use super::schema::{
    DatabaseDetails, EventsPage, Grant, GrantsPage, LoginAnswer, NamesPage, TableDetails, User,
    UsersPage,
};
use crate::cluster::Cluster;
use crate::net::{cluster_request, ApiRequest, FetchError, NetError};
use crate::url_state::{encode, encode_segment};

/// The target of any node.
pub const ANY: &str = "node";

/// Page size of the lists.
pub const PAGE: i64 = 100;

/// At most this many pages are read from one list.
pub const MAX_PAGES: usize = 200;

/// The target of the node whose HTTP address is `host_port`.
pub fn node(host_port: &str) -> String {
    format!("node:{host_port}")
}

/// A GET of `path` on `target`.
pub fn request(c: &Cluster, target: &str, path: &str) -> ApiRequest {
    cluster_request(c, "GET", target, path)
}

/// The server's message of a failure (its text body, trimmed), else the failure itself.
pub fn error_text(e: &FetchError) -> String {
    match &e.error {
        NetError::Http { body, .. } | NetError::AuthRequired { body, .. }
            if !body.trim().is_empty() =>
        {
            format!("{}: {}", e.error, body.trim())
        }
        other => other.to_string(),
    }
}

/// The next offset of a `limit`/`offset` list: `None` (stop) when the page was empty or `next`
/// does not move past `offset`.
pub fn next_offset(offset: i64, got: usize, next: i64) -> Option<i64> {
    (got > 0 && next > offset).then_some(next)
}

/// The next token of a `limit`/`start` list: `None` (stop) when it is empty or already seen.
pub fn next_token(seen: &[String], next: &str) -> Option<String> {
    (!next.is_empty() && !seen.iter().any(|s| s == next)).then(|| next.to_string())
}

/// The HTTP addresses (`host:port`) the cluster's configuration names: the proxy's
/// `node:<host>:<port>` targets, else the URLs of the `node`/`nodes` roles.
pub fn configured_nodes(c: &Cluster) -> Vec<String> {
    crate::cluster::endpoint::configured_node_addresses(c, &[ANY, "nodes"])
}

/// `GET /api/v2/nodes/?limit=&offset=`, every page.
pub async fn nodes(c: &Cluster) -> Result<Vec<Node>, FetchError> {
    let mut out = Vec::new();
    let mut offset = 0;
    for _ in 0..MAX_PAGES {
        let page: NodesPage = request(
            c,
            ANY,
            &format!("/api/v2/nodes/?limit={PAGE}&offset={offset}"),
        )
        .json()
        .await?;
        let got = page.nodes.len();
        out.extend(page.nodes);
        match next_offset(offset, got, page.next) {
            Some(n) => offset = n,
            None => break,
        }
    }
    Ok(out)
}

/// `GET /api/v2/health/` (live) or `/api/v2/health/?ready=true` (ready) of `target`: the
/// server's text when it does not answer 200.
pub async fn health(c: &Cluster, target: &str, ready: bool) -> Result<(), FetchError> {
    let path = if ready {
        "/api/v2/health/?ready=true"
    } else {
        "/api/v2/health/"
    };
    request(c, target, path)
        .timeout(5_000)
        .text()
        .await
        .map(|_| ())
}

/// The id of the node at `target` (`GET /api/v2/nodes/local/ranges/?limit=1`: its
/// `source_node_id`); `None` when it holds no range.
pub async fn local_node_id(c: &Cluster, target: &str) -> Result<Option<i64>, FetchError> {
    let page: RangesPage = request(c, target, "/api/v2/nodes/local/ranges/?limit=1")
        .timeout(5_000)
        .json()
        .await?;
    Ok(page.ranges.first().map(|r| r.source_node_id))
}

/// `GET /api/v2/nodes/{id}/ranges/?limit=&offset=`, every page.
pub async fn node_ranges(c: &Cluster, node_id: &str) -> Result<Vec<RangeInfo>, FetchError> {
    let mut out = Vec::new();
    let mut offset = 0;
    for _ in 0..MAX_PAGES {
        let page: RangesPage = request(
            c,
            ANY,
            &format!(
                "/api/v2/nodes/{}/ranges/?limit={PAGE}&offset={offset}",
                encode_segment(node_id)
            ),
        )
        .json()
        .await?;
        let got = page.ranges.len();
        out.extend(page.ranges);
        match next_offset(offset, got, page.next) {
            Some(n) => offset = n,
            None => break,
        }
    }
    Ok(out)
}

/// `GET /api/v2/ranges/{id}/`: the range as every node that holds it sees it.
pub async fn range(c: &Cluster, range_id: &str) -> Result<RangeResponse, FetchError> {
    request(c, ANY, &format!("/api/v2/ranges/{}/", encode_segment(range_id)))
        .json()
        .await
}

/// `GET /api/v2/ranges/hot/?limit=&start=[&node_id=]`, every page.
pub async fn hot_ranges(c: &Cluster, node_id: Option<&str>) -> Result<Vec<HotRange>, FetchError> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let only = node_id
        .map(|n| format!("&node_id={}", encode(n)))
        .unwrap_or_default();
    for _ in 0..MAX_PAGES {
        let start = seen
            .last()
            .map(|s| format!("&start={}", encode(s)))
            .unwrap_or_default();
        let page: HotPage = request(
            c,
            ANY,
            &format!("/api/v2/ranges/hot/?limit={PAGE}{start}{only}"),
        )
        .json()
        .await?;
        let got = page.ranges.len();
        out.extend(page.ranges);
        match next_token(&seen, &page.next).filter(|_| got > 0) {
            Some(n) => seen.push(n),
            None => break,
        }
    }
    Ok(out)
}

/// `GET /api/v2/sessions/?limit=&start=[&username=]`: one page, from the opaque `start` token
/// (the first page without one).
pub async fn sessions(
    c: &Cluster,
    username: Option<&str>,
    limit: i64,
    start: Option<&str>,
) -> Result<SessionsPage, FetchError> {
    let user = username
        .map(|u| format!("&username={}", encode(u)))
        .unwrap_or_default();
    let start = start
        .map(|s| format!("&start={}", encode(s)))
        .unwrap_or_default();
    request(
        c,
        ANY,
        &format!("/api/v2/sessions/?limit={limit}{start}{user}"),
    )
    .json()
    .await
}

/// `POST /api/v2/login/` with the form-encoded `username` and `password`: the session.
pub async fn login(c: &Cluster, username: &str, password: &str) -> Result<String, FetchError> {
    let body = format!(
        "username={}&password={}",
        encode(username),
        encode(password)
    );
    let a: LoginAnswer = cluster_request(c, "POST", ANY, "/api/v2/login/")
        .text_body("application/x-www-form-urlencoded", body)
        .json()
        .await?;
    Ok(a.session)
}

/// `POST /api/v2/logout/`: revokes the session the console holds.
pub async fn logout(c: &Cluster) -> Result<(), FetchError> {
    cluster_request(c, "POST", ANY, "/api/v2/logout/")
        .text()
        .await
        .map(|_| ())
}

/// Every page of the `limit`/`offset` list at `path` (which has no query yet), each decoded as
/// `P` whose items `items` takes out and whose `next` offset `next` reads; stops when `next`
/// does not advance.
async fn offset_pages<P, T>(
    c: &Cluster,
    path: &str,
    items: impl Fn(P) -> (Vec<T>, i64),
) -> Result<Vec<T>, FetchError>
where
    P: serde::de::DeserializeOwned,
{
    let mut out = Vec::new();
    let mut offset = 0;
    for _ in 0..MAX_PAGES {
        let page: P = request(c, ANY, &format!("{path}?limit={PAGE}&offset={offset}"))
            .json()
            .await?;
        let (list, next) = items(page);
        let got = list.len();
        out.extend(list);
        match next_offset(offset, got, next) {
            Some(n) => offset = n,
            None => break,
        }
    }
    Ok(out)
}

/// `GET /api/v2/databases/`, every page.
pub async fn databases(c: &Cluster) -> Result<Vec<String>, FetchError> {
    offset_pages(c, "/api/v2/databases/", |p: NamesPage| (p.databases, p.next)).await
}

fn db_path(db: &str) -> String {
    format!("/api/v2/databases/{}/", encode_segment(db))
}

/// `GET /api/v2/databases/{db}/`.
pub async fn database(c: &Cluster, db: &str) -> Result<DatabaseDetails, FetchError> {
    request(c, ANY, &db_path(db)).json().await
}

/// `GET /api/v2/databases/{db}/tables/`, every page: schema-qualified names.
pub async fn tables(c: &Cluster, db: &str) -> Result<Vec<String>, FetchError> {
    let path = format!("{}tables/", db_path(db));
    offset_pages(c, &path, |p: NamesPage| (p.table_names, p.next)).await
}

/// `GET /api/v2/databases/{db}/grants/`, every page.
pub async fn grants(c: &Cluster, db: &str) -> Result<Vec<Grant>, FetchError> {
    let path = format!("{}grants/", db_path(db));
    offset_pages(c, &path, |p: GrantsPage| (p.grants, p.next)).await
}

/// `GET /api/v2/databases/{db}/tables/{table}/`.
pub async fn table(c: &Cluster, db: &str, table: &str) -> Result<TableDetails, FetchError> {
    let path = format!("{}tables/{}/", db_path(db), encode_segment(table));
    request(c, ANY, &path).json().await
}

/// `GET /api/v2/users/`, every page.
pub async fn users(c: &Cluster) -> Result<Vec<User>, FetchError> {
    offset_pages(c, "/api/v2/users/", |p: UsersPage| (p.users, p.next)).await
}

/// `GET /api/v2/events/?limit=&offset=[&type=]`: one page, newest first.
pub async fn events(
    c: &Cluster,
    kind: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<EventsPage, FetchError> {
    let kind = kind
        .map(|k| format!("&type={}", encode(k)))
        .unwrap_or_default();
    request(
        c,
        ANY,
        &format!("/api/v2/events/?limit={limit}&offset={offset}{kind}"),
    )
    .json()
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_stops_when_next_does_not_advance() {
        assert_eq!(next_offset(0, 100, 100), Some(100));
        assert_eq!(next_offset(100, 3, 103), Some(103));
        assert_eq!(next_offset(103, 0, 103), None);
        assert_eq!(next_offset(50, 10, 50), None);
        assert_eq!(next_offset(50, 10, 0), None);
        let seen = vec!["a".to_string()];
        assert_eq!(next_token(&seen, "b"), Some("b".into()));
        assert_eq!(next_token(&seen, "a"), None);
        assert_eq!(next_token(&seen, ""), None);
    }
}
