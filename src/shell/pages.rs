//! The shell's pages other than home (the cluster forms, and the overview and API explorer every
//! system shares) as one chunk, fetched the first time one of them opens: the first load keeps
//! only what the home page needs.

crate::systems::chunk::chunk!(console, "console" {
    AddClusterRoute => super::cluster_form::AddCluster,
    EditClusterRoute => super::cluster_form::EditCluster,
    SystemOverviewRoute => super::system_views::SystemOverview,
    ApiExplorerRoute => super::system_views::ApiExplorer,
});
