//! Data loading with one resource type for every view: [`Loaded<T>`] keeps the answer as a
//! type-erased `Arc<dyn Any>`, so the reactive machinery behind `LocalResource` is compiled once
//! instead of once per data type and call site (it was the largest part of the Flink views in
//! the bundle). It keeps the latest successful answer while a refresh loads or fails, so tables
//! and charts do not blink, and shows loading and errors with [`Loaded::status`].

use super::feedback::{ErrorPanel, Loading};
use super::refresh::RefreshClock;
use crate::net::FetchError;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

/// An answer of any type.
pub type AnyData = Arc<dyn Any + Send + Sync>;
type AnyFuture = Pin<Box<dyn Future<Output = Result<AnyData, FetchError>>>>;

/// Data of type `T` being loaded (a `Copy` handle).
pub struct Loaded<T> {
    resource: LocalResource<Result<AnyData, FetchError>>,
    last: RwSignal<Option<AnyData>>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Loaded<T> {}

/// The one non-generic resource: runs `fetch` now, when the signals it reads change, and (with
/// `follow_clock`) on every refresh tick; remembers the latest success.
fn erased(
    fetch: Rc<dyn Fn() -> AnyFuture>,
    follow_clock: bool,
) -> (
    LocalResource<Result<AnyData, FetchError>>,
    RwSignal<Option<AnyData>>,
) {
    let clock = if follow_clock {
        RefreshClock::get()
    } else {
        None
    };
    let resource = LocalResource::new(move || {
        if let Some(c) = clock {
            c.tick.track();
        }
        fetch()
    });
    let last = RwSignal::new(None::<AnyData>);
    Effect::new(move |_| {
        if let Some(Ok(v)) = resource.get() {
            last.set(Some(v));
        }
    });
    (resource, last)
}

fn status_view(
    resource: LocalResource<Result<AnyData, FetchError>>,
    what: &'static str,
) -> AnyView {
    (move || match resource.map(|v| v.as_ref().err().cloned()) {
        None => view! { <Loading what=what /> }.into_any(),
        Some(Some(e)) => {
            view! { <ErrorPanel error=e on_retry=Callback::new(move |_| resource.refetch()) /> }
                .into_any()
        }
        Some(None) => ().into_any(),
    })
    .into_any()
}

impl<T: Any + Send + Sync> Loaded<T> {
    /// Loads with `fetch`; `follow_clock` re-runs it on every refresh tick (off for data that does
    /// not change by itself, like configuration and plans).
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static, follow_clock: bool) -> Loaded<T>
    where
        Fut: Future<Output = Result<T, FetchError>> + 'static,
    {
        let fetch: Rc<dyn Fn() -> AnyFuture> = Rc::new(move || {
            let fut = fetch();
            Box::pin(async move { fut.await.map(|v| Arc::new(v) as AnyData) })
        });
        let (resource, last) = erased(fetch, follow_clock);
        Loaded {
            resource,
            last,
            _type: PhantomData,
        }
    }

    /// Reads the latest successful answer (reactively).
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.last
            .with(|d| f(d.as_ref().and_then(|a| a.downcast_ref::<T>())))
    }

    /// Reads the latest successful answer without tracking it.
    pub fn with_untracked<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.last
            .with_untracked(|d| f(d.as_ref().and_then(|a| a.downcast_ref::<T>())))
    }

    /// A copy of the latest successful answer (reactively).
    pub fn get(&self) -> Option<T>
    where
        T: Clone,
    {
        self.with(|d| d.cloned())
    }

    /// The failure of the latest call, if it failed (reactively).
    pub fn error(&self) -> Option<FetchError> {
        self.resource.map(|v| v.as_ref().err().cloned()).flatten()
    }

    /// Loads again now.
    pub fn refetch(&self) {
        self.resource.refetch();
    }

    /// Loads again by itself, whatever the refresh interval, for as long as `every` asks for it:
    /// after each answer, `every` tells how many milliseconds to wait before the next one
    /// (`None`: stop). For things on their way to another state, like a job being cancelled.
    /// Waits while the tab is hidden and goes on when it shows again.
    pub fn follow(self, every: impl Fn(&T) -> Option<u32> + 'static) {
        let visible = RefreshClock::get().map(|c| c.visible);
        let pending = StoredValue::new_local(None::<TimeoutHandle>);
        let clear = move || {
            if let Some(h) = pending.try_update_value(Option::take).flatten() {
                h.clear();
            }
        };
        Effect::new(move |_| {
            clear();
            if visible.is_some_and(|v| !v.get()) {
                return;
            }
            if let Some(ms) = self.with(|d| d.and_then(&every)) {
                let h = set_timeout_with_handle(
                    move || self.refetch(),
                    std::time::Duration::from_millis(ms.into()),
                );
                pending.set_value(h.ok());
            }
        });
        on_cleanup(clear);
    }

    /// The loading line before the first answer, the error panel (with retry) when the latest
    /// call failed, nothing otherwise.
    pub fn status(&self, what: &'static str) -> AnyView {
        status_view(self.resource, what)
    }
}
