//! A system's views as one chunk of the bundle, fetched the first time one of its routes opens.
//!
//! A system folder declares its chunk once, with [`chunk!`]: a route type per view, for the
//! system's route tree (`view=OverviewRoute`). In the release bundle (built with
//! `--cfg wasm_split`, see `scripts/env.sh`) the chunk is a split point: `scripts/split-wasm.sh`,
//! trunk's post-build step, moves everything that only the chunk reaches out of the main module
//! into `<system>-<hash>.wasm`, which the browser fetches when a route first needs it. In every
//! other build (host tests, browser tests, `trunk serve`) the views are called directly.

use crate::net::{FetchError, NetError};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// Why a system's chunk did not arrive (the browser's fetch or compile of it failed).
#[derive(Debug)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// What the route shows when the views of `label` did not load: the error panel, whose retry
/// loads the page again (the route is in the address, so nothing is lost).
pub fn failed(label: &'static str, chunk: &'static str) -> AnyView {
    let error = FetchError {
        method: "GET".into(),
        url: format!("{}{chunk}-*.wasm", crate::cluster::endpoint::base_path()),
        error: NetError::Network {
            message: format!("the {label} views did not load"),
        },
    };
    let retry = Callback::new(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    view! { <crate::ui::ErrorPanel error=error on_retry=retry /> }.into_any()
}

/// A route's view, rendered from a system's chunk (`view=OverviewRoute`). One type serves every
/// route of every system, so the router's code that picks and awaits a view exists once in the
/// bundle rather than once per route (about 70 routes: several KB of the first load).
#[derive(Clone, Copy)]
pub struct ChunkRoute(pub fn() -> Pin<Box<dyn Future<Output = AnyView>>>);

impl leptos_router::ChooseView for ChunkRoute {
    async fn choose(self) -> AnyView {
        (self.0)().await
    }

    async fn preload(&self) {}
}

/// Declares the chunk of a system: `chunk!(flink, "Apache Flink" { OverviewRoute => Overview, ... })`.
///
/// Each `Route => Component` pair becomes a [`ChunkRoute`] constant that renders the prop-less
/// component from the chunk `name`. All of a system's views share one chunk.
macro_rules! chunk {
    ($name:ident, $label:literal { $($route:ident => $view:path),+ $(,)? }) => {
        /// Which view of this system's chunk to render.
        #[derive(Clone, Copy, Debug)]
        pub enum ChunkView {
            $(
                #[doc = concat!("`", stringify!($view), "`.")]
                $route,
            )+
        }

        /// The chunk's one entry point: renders `view`. In the release bundle calling it first
        /// fetches the chunk.
        #[cfg_attr(
            wasm_split,
            ::leptos::wasm_split::wasm_split(
                $name,
                wasm_split_path = ::leptos::wasm_split,
                fallible
            )
        )]
        fn render_chunk_view(
            view: ChunkView,
        ) -> ::core::result::Result<::leptos::prelude::AnyView, $crate::systems::chunk::ChunkError> {
            use ::leptos::prelude::IntoAny;
            ::core::result::Result::Ok(match view {
                $(ChunkView::$route => $view().into_any(),)+
            })
        }

        /// Renders `view` from the chunk, or says that the chunk did not load.
        async fn chunk_view(view: ChunkView) -> ::leptos::prelude::AnyView {
            #[cfg(wasm_split)]
            let rendered = render_chunk_view(view).await;
            #[cfg(not(wasm_split))]
            let rendered = render_chunk_view(view);
            rendered.unwrap_or_else(|_| $crate::systems::chunk::failed($label, stringify!($name)))
        }

        $(
            #[doc = concat!("The route of `", stringify!($view), "`, rendered from this system's chunk.")]
            #[allow(non_upper_case_globals)]
            pub const $route: $crate::systems::chunk::ChunkRoute =
                $crate::systems::chunk::ChunkRoute(|| ::std::boxed::Box::pin(chunk_view(ChunkView::$route)));
        )+
    };
}
pub(crate) use chunk;
