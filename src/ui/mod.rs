//! The UI kit every system uses: table, JSON viewer, key-value panel, error panel, confirm dialog,
//! toasts, refresh control, data loading (`kit::load`, built on `loaded::Loaded`).

pub mod any_row;
pub mod chart;
pub mod dag;
pub mod dialog;
pub mod diff;
pub mod download;
pub mod feedback;
pub mod flame;
pub mod format;
pub mod json_editor;
pub mod json_view;
pub mod kit;
pub mod loaded;
pub mod log_viewer;
pub mod metrics_explorer;
pub mod operation;
pub mod refresh;
pub mod style;
pub mod table;
pub mod tabs;
pub mod upload;

pub use dialog::ConfirmButton;
pub use feedback::{toast, Badge, ErrorPanel, KeyValue, Loading, ToastKind, Tone};
pub use json_view::JsonView;
pub use table::{Cell, Column, DataTable};
