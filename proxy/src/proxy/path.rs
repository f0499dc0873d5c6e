//! Splits `<cluster>/<target>/<path>` and refuses paths that could leave the upstream's base.

/// A checked proxy path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyPath {
    /// Cluster name, decoded.
    pub cluster: String,
    /// Target (`router`, `node:host:port`, ...), decoded.
    pub target: String,
    /// The system path, raw (still percent-encoded), starting with `/`.
    pub rest: String,
}

/// Why a proxy path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// The path has no cluster or target segment.
    Incomplete,
    /// The system path could escape the upstream's base or is malformed; the text says how.
    Unsafe(String),
}

/// Parses the raw path that follows `<base>proxy/`.
pub fn parse_proxy_path(raw: &str) -> Result<ProxyPath, PathProblem> {
    let mut parts = raw.splitn(3, '/');
    let cluster = decode_segment(parts.next().unwrap_or(""));
    let target = decode_segment(parts.next().unwrap_or(""));
    let (Some(cluster), Some(target)) = (cluster, target) else {
        return Err(PathProblem::Unsafe(
            "the cluster or target name is not valid UTF-8".into(),
        ));
    };
    if cluster.is_empty() || target.is_empty() {
        return Err(PathProblem::Incomplete);
    }
    let rest = format!("/{}", parts.next().unwrap_or(""));
    check_system_path(&rest).map_err(PathProblem::Unsafe)?;
    Ok(ProxyPath {
        cluster,
        target,
        rest,
    })
}

/// Refuses dot segments (also encoded), encoded slashes or backslashes, empty segments and
/// encoded control characters in a raw path that starts with `/`.
pub fn check_system_path(rest: &str) -> Result<(), String> {
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || rest.contains('\\') {
        return Err("encoded slashes and backslashes are not allowed in proxied paths".into());
    }
    if lower.contains("%00") || rest.chars().any(|c| c.is_control()) {
        return Err("control characters are not allowed in proxied paths".into());
    }
    let segments: Vec<&str> = rest[1..].split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() && i != last {
            return Err("empty path segments ('//') are not allowed in proxied paths".into());
        }
        match decode_segment(seg).as_deref() {
            Some(".") | Some("..") => {
                return Err("'.' and '..' segments are not allowed in proxied paths".into())
            }
            Some(_) => {}
            None => return Err("the path is not valid UTF-8 after decoding".into()),
        }
    }
    Ok(())
}

fn decode_segment(seg: &str) -> Option<String> {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cluster_target_and_path() {
        let p = parse_proxy_path("demo-druid/router/druid/v2/sql/").unwrap();
        assert_eq!(
            (p.cluster.as_str(), p.target.as_str(), p.rest.as_str()),
            ("demo-druid", "router", "/druid/v2/sql/")
        );
        let p = parse_proxy_path("c/node%3A127.0.0.1%3A8080").unwrap();
        assert_eq!(
            (p.target.as_str(), p.rest.as_str()),
            ("node:127.0.0.1:8080", "/")
        );
        let p = parse_proxy_path("c/t/jars/my%20job.jar").unwrap();
        assert_eq!(p.rest, "/jars/my%20job.jar");
    }

    #[test]
    fn refuses_escaping_paths() {
        for bad in [
            "c/t/../secret",
            "c/t/a/..",
            "c/t/%2e%2E/x",
            "c/t/.%2e/x",
            "c/t/./x",
            "c/t/a%2Fb",
            "c/t/a%5cb",
            "c/t/a\\b",
            "c/t//evil.example/x",
            "c/t/http://evil.example/",
            "c/t/a%00b",
        ] {
            assert!(
                matches!(parse_proxy_path(bad), Err(PathProblem::Unsafe(_))),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn incomplete_paths_are_told_apart() {
        assert_eq!(parse_proxy_path("c"), Err(PathProblem::Incomplete));
        assert_eq!(parse_proxy_path(""), Err(PathProblem::Incomplete));
        assert_eq!(parse_proxy_path("c/"), Err(PathProblem::Incomplete));
    }
}
