//! Loading data in views: a resource that re-fetches on the refresh clock, and the component that
//! shows it (loading line, error panel with retry, or the content; the old content stays while a
//! refresh loads).

use super::feedback::{ErrorPanel, Loading};
use super::refresh::RefreshClock;
use crate::net::FetchError;
use leptos::prelude::*;
use std::future::Future;

/// A resource that runs `fetch` now, whenever the signals it reads change, and on each refresh tick.
pub fn use_fetch<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<Result<T, FetchError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let clock = RefreshClock::get();
    LocalResource::new(move || {
        if let Some(c) = clock {
            c.tick.track();
        }
        fetch()
    })
}

/// Shows a [`use_fetch`] resource: `children` with the data once loaded, otherwise a loading line
/// or an error panel whose retry re-fetches.
#[component]
pub fn Fetched<T, V, F>(
    /// The resource.
    resource: LocalResource<Result<T, FetchError>>,
    /// What is loading, for the loading line.
    #[prop(optional, into)]
    what: Option<String>,
    /// Renders the data.
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let what = what.unwrap_or_default();
    let fallback = {
        let what = what.clone();
        move || view! { <Loading what=what.clone() /> }
    };
    view! {
        <Transition fallback=fallback>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => children(data).into_any(),
                        Err(e) => view! { <ErrorPanel error=e on_retry=Callback::new(move |_| resource.refetch()) /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
