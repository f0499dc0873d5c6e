//! The one HTTP layer: every request the console makes goes through here, so that errors, time-outs,
//! cancellation and the request log behave the same for every system.

pub mod auth;
pub mod curl;
pub mod error;
pub mod lenient;
pub mod list;
pub mod log;
pub mod prometheus;
pub mod request;
pub mod upload;

pub use auth::cluster_request;
pub use error::{FetchError, NetError};
pub use request::{ApiRequest, ApiResponse, Body};
