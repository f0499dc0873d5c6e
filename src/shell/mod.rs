//! The console's frame and its own pages: layout, top bar, side navigation, home, cluster forms,
//! the cluster frame, views every system shares, request log and theme.

pub mod cluster_form;
pub mod cluster_layout;
pub mod home;
pub mod layout;
pub mod pages;
pub mod request_log;
pub mod system_views;
pub mod theme;

pub use cluster_form::{AddCluster, EditCluster};
pub use cluster_layout::{use_cluster, ClusterLayout, CurrentCluster};
pub use home::Home;
pub use layout::Shell;
pub use system_views::{ApiExplorer, SystemOverview};

use crate::ui::style::Scope;

/// Scoped styles of the shell.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/shell/shell.css");
const _TRACK: &str = include_str!("shell.css");

fn scope() -> Scope {
    Scope::of(STYLE)
}

/// An app path (`/flink/x`) as a link under the deployment's base path.
pub fn href(path: &str) -> String {
    let base = crate::cluster::endpoint::base_path();
    format!("{}{}", base.trim_end_matches('/'), path)
}
