//! Import and export of the user's cluster registry as JSON (never with credentials), and the
//! merge of the deployment's clusters with the user's.

use super::model::{Cluster, Source};
use super::validate::validate;
use serde::{Deserialize, Serialize};

/// The file format of an exported registry.
#[derive(Serialize, Deserialize)]
pub struct ExportFile {
    /// Format version, currently 1.
    pub version: u32,
    /// The exported clusters (without credentials).
    pub clusters: Vec<Cluster>,
}

/// Serialises the user's clusters for download. Credentials are never included.
pub fn export_json(user: &[Cluster]) -> String {
    let file = ExportFile {
        version: 1,
        clusters: user.to_vec(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".into())
}

/// The outcome of an import: what was added, and what was refused and why.
#[derive(Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Entries that passed validation, ready to add.
    pub accepted: Vec<Cluster>,
    /// `(name, reason)` for each refused entry.
    pub rejected: Vec<(String, String)>,
}

/// Parses an exported registry (the export format, or a bare array of clusters) and validates
/// each entry against the names already taken and the ones accepted before it.
pub fn import_json(text: &str, taken: &[String]) -> Result<ImportReport, String> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum AnyFile {
        Wrapped { clusters: Vec<serde_json::Value> },
        Bare(Vec<serde_json::Value>),
    }
    let entries = match serde_json::from_str::<AnyFile>(text) {
        Ok(AnyFile::Wrapped { clusters }) | Ok(AnyFile::Bare(clusters)) => clusters,
        Err(e) => return Err(format!("Not a cluster registry export: {e}")),
    };
    let mut taken = taken.to_vec();
    let mut report = ImportReport::default();
    for (i, entry) in entries.into_iter().enumerate() {
        let name = entry
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("entry {}", i + 1));
        let mut cluster: Cluster = match serde_json::from_value(entry) {
            Ok(c) => c,
            Err(e) => {
                report.rejected.push((name, e.to_string()));
                continue;
            }
        };
        cluster.source = Source::User;
        cluster.credentials = None;
        let errors = validate(&cluster, &taken);
        if errors.is_empty() {
            taken.push(cluster.name.clone());
            report.accepted.push(cluster);
        } else {
            let why: Vec<String> = errors
                .into_iter()
                .map(|(f, e)| format!("{f}: {e}"))
                .collect();
            report.rejected.push((name, why.join("; ")));
        }
    }
    Ok(report)
}

/// All clusters the console shows: the deployment's first (read-only), then the user's whose
/// names the deployment does not already use.
pub fn merge(deployment: &[Cluster], user: &[Cluster]) -> Vec<Cluster> {
    let mut all: Vec<Cluster> = deployment
        .iter()
        .cloned()
        .map(|mut c| {
            c.source = Source::Deployment;
            c
        })
        .collect();
    for c in user {
        if !all.iter().any(|d| d.name.eq_ignore_ascii_case(&c.name)) {
            all.push(c.clone());
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::model::{Credentials, System};

    fn user(name: &str, system: System, url: &str) -> Cluster {
        Cluster {
            name: name.into(),
            system,
            mode: Default::default(),
            endpoints: [(system.primary_role().to_string(), url.to_string())].into(),
            auth: system.auth_kind(),
            credentials: None,
            source: Source::User,
            about: Default::default(),
        }
    }

    #[test]
    fn export_never_contains_credentials_and_round_trips() {
        let mut c = user("sr", crate::systems::named("starrocks"), "http://fe:8030");
        c.credentials = Some(Credentials {
            username: "root".into(),
            password: "hunter2".into(),
        });
        let text = export_json(&[c.clone()]);
        assert!(!text.contains("hunter2"), "{text}");
        let report = import_json(&text, &[]).unwrap();
        c.credentials = None;
        assert_eq!(report.accepted, vec![c]);
        assert!(report.rejected.is_empty());
    }

    #[test]
    fn import_reports_each_bad_entry() {
        let text = r#"[{"name":"ok","system":"flink","endpoints":{"jobmanager":"http://j:8081"}},
                       {"name":"ok","system":"flink","endpoints":{"jobmanager":"http://j:8081"}},
                       {"name":"k","system":"kafka"},
                       {"name":"bad url","system":"druid","endpoints":{"router":"x"}}]"#;
        let r = import_json(text, &[]).unwrap();
        assert_eq!(r.accepted.len(), 1);
        assert_eq!(r.rejected.len(), 3);
        assert!(r.rejected[0].1.contains("already exists"));
        assert!(r.rejected[1].1.contains("unknown system 'kafka'"));
        assert!(r.rejected[2].1.contains("name"));
    }

    #[test]
    fn import_refuses_what_is_not_a_registry() {
        assert!(import_json("{\"a\":1}", &[])
            .unwrap_err()
            .contains("Not a cluster registry"));
    }

    #[test]
    fn merge_puts_deployment_first_and_hides_shadowed_user_entries() {
        let d = vec![user(
            "prod",
            crate::systems::named("druid"),
            "http://r:8888",
        )];
        let u = vec![
            user("PROD", crate::systems::named("flink"), "http://x:1"),
            user("mine", crate::systems::named("flink"), "http://y:1"),
        ];
        let all = merge(&d, &u);
        assert_eq!(
            all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["prod", "mine"]
        );
        assert_eq!(all[0].source, Source::Deployment);
    }
}
