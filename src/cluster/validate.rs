//! Checks a cluster entry before it is saved, with a message per form field.

use super::model::{Cluster, System};
use std::collections::BTreeMap;

/// The problems found in a cluster entry, keyed by the form field they belong to
/// (`name`, `system`, or `endpoint:<role>`).
pub type FieldErrors = BTreeMap<String, String>;

/// Checks a cluster name: 1 to 63 characters of letters, digits, `.`, `_` and `-`, starting with a
/// letter or digit (it becomes part of URLs).
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("A name is required.".into());
    }
    if name.len() > 63 {
        return Err("At most 63 characters.".into());
    }
    if !name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Err("Start with a letter or a digit.".into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c)))
    {
        return Err(format!(
            "'{bad}' is not allowed: use letters, digits, '.', '_' and '-'."
        ));
    }
    Ok(())
}

/// Checks a base URL: `http://` or `https://`, a host, an optional port and path; no user info,
/// query or fragment.
pub fn check_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("A URL is required.".into());
    }
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| "Start with http:// or https://.".to_string())?;
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err("Do not put credentials in the URL: use the credential fields.".into());
    }
    if rest.contains('?') || rest.contains('#') {
        return Err("A base URL has no query or fragment.".into());
    }
    let (host, port) = split_host_port(authority);
    if host.is_empty() {
        return Err("The URL has no host.".into());
    }
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_[]:".contains(c))
    {
        return Err(format!("'{host}' is not a valid host name."));
    }
    if let Some(port) = port {
        match port.parse::<u32>() {
            Ok(p) if (1..=65535).contains(&p) => {}
            _ => return Err(format!("'{port}' is not a valid port (1-65535).")),
        }
    }
    Ok(())
}

fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(end) = authority.strip_prefix('[').and_then(|a| a.find(']')) {
        let host = &authority[..end + 2];
        let port = authority[end + 2..].strip_prefix(':');
        return (host, port);
    }
    match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    }
}

/// The URLs of a list role (`be`, `cn`, `nodes`): separated by commas or white space.
pub fn split_list(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|u| !u.is_empty())
        .collect()
}

/// Parses the system field of a form.
pub fn check_system(id: &str) -> Result<System, String> {
    crate::systems::find(id).ok_or_else(|| {
        let known: Vec<&str> = crate::systems::systems().map(|s| s.id()).collect();
        format!("Unknown system '{id}': one of {}.", known.join(", "))
    })
}

/// The message at the first primary field when a cluster has none of its system's primary roles.
fn required_message(system: System) -> String {
    let names: Vec<&str> = system.meta().primary_roles().map(|r| r.name).collect();
    match names.as_slice() {
        [one] => format!("The {one} URL is required."),
        many => format!("One of the {} URLs is required.", many.join(", ")),
    }
}

/// Checks a whole entry against the names already taken (`taken` excludes the entry being edited).
pub fn validate(cluster: &Cluster, taken: &[String]) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err(e) = check_name(&cluster.name) {
        errors.insert("name".into(), e);
    } else if taken.iter().any(|t| t.eq_ignore_ascii_case(&cluster.name)) {
        errors.insert(
            "name".into(),
            format!("A cluster named '{}' already exists.", cluster.name),
        );
    }
    let system = cluster.system;
    let has_a_primary = system.meta().primary_roles().any(|r| {
        cluster
            .endpoints
            .get(r.name)
            .is_some_and(|u| !u.trim().is_empty())
    });
    for role in system.roles() {
        let key = format!("endpoint:{}", role.name);
        match cluster.endpoints.get(role.name).map(|u| u.trim()) {
            Some(u) if !u.is_empty() && role.list => {
                if let Some(e) = split_list(u)
                    .into_iter()
                    .find_map(|u| check_url(u).err().map(|e| format!("{u}: {e}")))
                {
                    errors.insert(key, e);
                }
            }
            Some(u) if !u.is_empty() => {
                if let Err(e) = check_url(u) {
                    errors.insert(key, e);
                }
            }
            _ if role.name == system.primary_role() && !has_a_primary => {
                errors.insert(key, required_message(system));
            }
            _ => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::model::{Mode, Source};

    fn cluster(name: &str, system: System, url: &str) -> Cluster {
        let role = system.primary_role();
        Cluster {
            name: name.into(),
            system,
            mode: Mode::Proxy,
            endpoints: [(role.to_string(), url.to_string())].into(),
            auth: system.auth_kind(),
            credentials: None,
            source: Source::User,
            about: Default::default(),
        }
    }

    #[test]
    fn accepts_a_plain_cluster() {
        let c = cluster(
            "prod-flink",
            crate::systems::named("flink"),
            "http://10.0.0.5:8081",
        );
        assert!(validate(&c, &[]).is_empty());
    }

    #[test]
    fn rejects_duplicate_names_case_insensitively() {
        let c = cluster("Prod", crate::systems::named("flink"), "http://h:8081");
        let e = validate(&c, &["prod".into()]);
        assert!(e["name"].contains("already exists"), "{e:?}");
    }

    #[test]
    fn rejects_bad_names() {
        assert!(check_name("").is_err());
        assert!(check_name("-x").is_err());
        assert!(check_name("a b").unwrap_err().contains("' '"));
        assert!(check_name(&"a".repeat(64)).is_err());
        assert!(check_name("druid.prod_eu-1").is_ok());
    }

    #[test]
    fn rejects_bad_urls_with_a_reason() {
        assert!(check_url("ftp://x").unwrap_err().contains("http://"));
        assert!(check_url("http://u:p@h:1")
            .unwrap_err()
            .contains("credentials"));
        assert!(check_url("http://h:99999").unwrap_err().contains("port"));
        assert!(check_url("http://h/x?y=1").unwrap_err().contains("query"));
        assert!(check_url("http://").unwrap_err().contains("no host"));
        assert!(check_url("https://[::1]:8443/base").is_ok());
        assert!(check_url("http://druid-router.internal:8888").is_ok());
    }

    #[test]
    fn requires_the_primary_role_only() {
        let mut c = cluster("d", crate::systems::named("druid"), "http://r:8888");
        assert!(validate(&c, &[]).is_empty());
        c.endpoints.insert("broker".into(), "nope".into());
        assert!(validate(&c, &[]).contains_key("endpoint:broker"));
        c.endpoints.clear();
        assert!(validate(&c, &[])["endpoint:router"].contains("required"));
    }

    #[test]
    fn list_roles_check_every_url() {
        let mut c = cluster("sr", crate::systems::named("starrocks"), "http://fe:8030");
        c.endpoints.insert(
            "be".into(),
            "http://be1:8040, http://be2:8040\nhttp://be3:8040".into(),
        );
        assert!(validate(&c, &[]).is_empty());
        c.endpoints
            .insert("be".into(), "http://be1:8040, be2:8040".into());
        assert!(validate(&c, &[])["endpoint:be"].starts_with("be2:8040:"));
        assert_eq!(split_list(" a, b\tc "), ["a", "b", "c"]);
    }

    #[test]
    fn unknown_system_names_the_known_ones() {
        let e = check_system("kafka").unwrap_err();
        assert!(e.contains("kafka") && e.contains("databend-meta"));
        assert_eq!(
            check_system("starrocks"),
            Ok(crate::systems::named("starrocks"))
        );
    }
}
