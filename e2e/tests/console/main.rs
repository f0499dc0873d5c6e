//! The console seen through a real browser. Run by `scripts/e2e.sh` (which starts the services
//! and passes their addresses), one test at a time.

mod add_cluster;
mod chunks;
mod cockroach;
mod cockroach_login;
mod databend;
mod druid_config;
mod druid_data;
mod druid_faults;
mod druid_scale;
mod druid_services;
mod druid_tasks;
mod explorer;
mod failure;
mod fault_matrix;
mod flink_lifecycle;
mod flink_rescale;
mod flink_views;
mod home;
mod hostile_text;
mod nothing_lost;
mod polling;
mod request_log;
mod security;
mod share_link;
mod starrocks;
mod starrocks_data;
mod starrocks_ops;
mod subpath;
mod table;
mod theme;
