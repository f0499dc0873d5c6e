//! The data table: pure state and logic ([`state`], [`export`]) and the component ([`view`]).

pub mod export;
pub mod state;
pub mod view;

pub use state::Cell;
pub use view::{Column, DataTable};
