//! The cluster registry as the app sees it: the deployment's `clusters.json` (read-only) plus the
//! user's own clusters in localStorage, with secrets in sessionStorage unless "remember" is ticked.

use super::model::{Cluster, Credentials, DeploymentFile, Source};
use super::portable::{import_json, merge, ImportReport};
use super::validate::{validate, FieldErrors};
use crate::net::{ApiRequest, FetchError, NetError};
use leptos::prelude::*;
use std::collections::BTreeMap;

const USER_KEY: &str = "switchboard.clusters.v1";
const SECRETS_KEY: &str = "switchboard.secrets.v1";

/// Whether the deployment's `clusters.json` has been read.
#[derive(Clone, Debug, PartialEq)]
pub enum DeploymentStatus {
    /// Still loading.
    Loading,
    /// Read (possibly empty).
    Loaded,
    /// The deployment serves none (e.g. a development server): only the user's clusters exist.
    Absent,
    /// It could not be read.
    Failed(FetchError),
}

/// The registry of clusters, shared through context by the whole app.
#[derive(Clone, Copy)]
pub struct Registry {
    /// The deployment's clusters.
    pub deployment: RwSignal<Vec<Cluster>>,
    /// Whether those have loaded.
    pub deployment_status: RwSignal<DeploymentStatus>,
    /// The user's clusters (without credentials).
    pub user: RwSignal<Vec<Cluster>>,
    /// Credentials of user clusters, by name.
    secrets: RwSignal<BTreeMap<String, Credentials>>,
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}
fn read<T: serde::de::DeserializeOwned + Default>(s: Option<web_sys::Storage>, key: &str) -> T {
    s.and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}
fn write<T: serde::Serialize>(s: Option<web_sys::Storage>, key: &str, value: &T) {
    if let (Some(s), Ok(text)) = (s, serde_json::to_string(value)) {
        let _ = s.set_item(key, &text);
    }
}

impl Registry {
    /// Creates the registry, loads the user's clusters and starts reading `clusters.json`;
    /// provides it as context.
    pub fn provide() -> Registry {
        let mut secrets: BTreeMap<String, Credentials> = read(local(), SECRETS_KEY);
        secrets.extend(read::<BTreeMap<String, Credentials>>(
            session(),
            SECRETS_KEY,
        ));
        let reg = Registry {
            deployment: RwSignal::new(Vec::new()),
            deployment_status: RwSignal::new(DeploymentStatus::Loading),
            user: RwSignal::new(read(local(), USER_KEY)),
            secrets: RwSignal::new(secrets),
        };
        provide_context(reg);
        reg.reload_deployment();
        reg
    }

    /// Reads `clusters.json` again.
    pub fn reload_deployment(self) {
        self.deployment_status.set(DeploymentStatus::Loading);
        let url = format!("{}clusters.json", super::endpoint::base_path());
        leptos::task::spawn_local(async move {
            match ApiRequest::get(url)
                .timeout(10_000)
                .json::<DeploymentFile>()
                .await
            {
                Ok(file) => {
                    self.deployment.set(file.clusters);
                    self.deployment_status.set(DeploymentStatus::Loaded);
                }
                Err(FetchError {
                    error: NetError::Http { status: 404, .. },
                    ..
                }) => self.deployment_status.set(DeploymentStatus::Absent),
                Err(e) => self.deployment_status.set(DeploymentStatus::Failed(e)),
            }
        });
    }

    /// The registry from context.
    pub fn get() -> Registry {
        expect_context::<Registry>()
    }

    /// Every cluster, deployment's first, with the user's credentials attached.
    pub fn all(self) -> Vec<Cluster> {
        let secrets = self.secrets.get();
        self.deployment.with(|d| {
            self.user.with(|u| {
                merge(d, u)
                    .into_iter()
                    .map(|mut c| {
                        if c.source == Source::User {
                            c.credentials = secrets.get(&c.name).cloned();
                        }
                        c
                    })
                    .collect()
            })
        })
    }

    /// The cluster called `name`.
    pub fn find(self, name: &str) -> Option<Cluster> {
        self.all().into_iter().find(|c| c.name == name)
    }

    /// Names in use, except `except` (the entry being edited).
    pub fn taken_names(self, except: Option<&str>) -> Vec<String> {
        self.all()
            .into_iter()
            .map(|c| c.name)
            .filter(|n| Some(n.as_str()) != except)
            .collect()
    }

    /// Adds or replaces (when `original` names it) a user cluster. `remember` keeps its
    /// credentials across browser restarts.
    pub fn save(
        self,
        cluster: Cluster,
        original: Option<&str>,
        remember: bool,
    ) -> Result<(), FieldErrors> {
        let errors = validate(&cluster, &self.taken_names(original));
        if !errors.is_empty() {
            return Err(errors);
        }
        let credentials = cluster.credentials.clone();
        let name = cluster.name.clone();
        self.user.update(|u| {
            u.retain(|c| Some(c.name.as_str()) != original && c.name != name);
            u.push(Cluster {
                credentials: None,
                source: Source::User,
                about: Default::default(),
                ..cluster
            });
        });
        self.secrets.update(|s| {
            if let Some(o) = original {
                s.remove(o);
            }
            match credentials.filter(|c| !c.username.is_empty() || !c.password.is_empty()) {
                Some(c) => {
                    s.insert(name.clone(), c);
                }
                None => {
                    s.remove(&name);
                }
            }
        });
        self.persist(Some((&name, remember)));
        Ok(())
    }

    /// Removes a user cluster and its credentials.
    pub fn remove(self, name: &str) {
        self.user.update(|u| u.retain(|c| c.name != name));
        self.secrets.update(|s| {
            s.remove(name);
        });
        self.persist(None);
    }

    /// Adds the valid entries of an exported registry; reports the rest.
    pub fn import(self, text: &str) -> Result<ImportReport, String> {
        let report = import_json(text, &self.taken_names(None))?;
        self.user
            .update(|u| u.extend(report.accepted.iter().cloned()));
        self.persist(None);
        Ok(report)
    }

    fn persist(self, remembered: Option<(&str, bool)>) {
        write(local(), USER_KEY, &self.user.get_untracked());
        let secrets = self.secrets.get_untracked();
        let mut in_local: BTreeMap<String, Credentials> = read(local(), SECRETS_KEY);
        in_local.retain(|k, _| secrets.contains_key(k));
        let mut in_session: BTreeMap<String, Credentials> = BTreeMap::new();
        for (name, c) in &secrets {
            let remember = match remembered {
                Some((n, r)) if n == name => r,
                _ => in_local.contains_key(name),
            };
            if remember {
                in_local.insert(name.clone(), c.clone());
            } else {
                in_local.remove(name);
                in_session.insert(name.clone(), c.clone());
            }
        }
        write(local(), SECRETS_KEY, &in_local);
        write(session(), SECRETS_KEY, &in_session);
    }

    /// Whether the credentials of `name` are kept across restarts.
    pub fn remembers(self, name: &str) -> bool {
        read::<BTreeMap<String, Credentials>>(local(), SECRETS_KEY).contains_key(name)
    }
}
