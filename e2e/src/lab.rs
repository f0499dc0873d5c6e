//! Runs one test: its browser sessions are opened on demand and always closed, and a failing test
//! leaves a screenshot and the address of each of its sessions behind.

use crate::browser::Browser;
use crate::setup::Setup;
use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// What a test works with: the setup, and the browser sessions it opened.
#[derive(Clone)]
pub struct Lab {
    /// Where everything is.
    pub setup: Setup,
    sessions: Arc<Mutex<Vec<Browser>>>,
}

impl Lab {
    /// Opens a new browser session (a fresh profile: a "new browser context").
    pub async fn browser(&self) -> Browser {
        let b = Browser::start(&self.setup).await;
        if let Ok(mut s) = self.sessions.lock() {
            s.push(b.clone());
        }
        b
    }
}

/// Runs a future, turning a panic inside it into an `Err` (so that the sessions can be closed).
struct CatchPanic<F>(Pin<Box<F>>);

impl<F: Future<Output = ()>> Future for CatchPanic<F> {
    type Output = Result<(), Box<dyn Any + Send>>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(())) => Poll::Ready(Ok(())),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// Runs `fut`, turning a panic inside it into an `Err` with the panic's message: for a test made of
/// many cases that goes on after one of them fails (the panic is still printed when it happens).
pub async fn catch_panic(fut: impl Future<Output = ()>) -> Result<(), String> {
    CatchPanic(Box::pin(fut)).await.map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".to_string())
    })
}

fn test_name() -> String {
    let name = std::thread::current().name().unwrap_or("test").to_string();
    name.rsplit("::").next().unwrap_or("test").to_string()
}

/// Runs `body` as one end-to-end test. When it fails, each open session's screenshot is saved as
/// `<screenshots>/failed-<test>-<n>.png` and its address printed; then the failure is re-raised.
pub fn e2e<F, Fut>(body: F)
where
    F: FnOnce(Lab) -> Fut,
    Fut: Future<Output = ()>,
{
    let lab = Lab {
        setup: Setup::from_env(),
        sessions: Arc::new(Mutex::new(Vec::new())),
    };
    let name = test_name();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start a tokio runtime: {e}"));
    let outcome = runtime.block_on(async {
        let outcome = CatchPanic(Box::pin(body(lab.clone()))).await;
        let sessions: Vec<Browser> = lab
            .sessions
            .lock()
            .map(|mut s| s.drain(..).collect())
            .unwrap_or_default();
        for (n, b) in sessions.into_iter().enumerate() {
            if outcome.is_err() {
                let _ = std::fs::create_dir_all(&lab.setup.screenshots);
                let path = lab.setup.screenshots.join(format!("failed-{name}-{n}.png"));
                if let Ok(png) = b.client().screenshot().await {
                    let _ = std::fs::write(&path, png);
                }
                eprintln!(
                    "session {n} of {name} was at {} (screenshot {})",
                    b.url().await,
                    path.display()
                );
            }
            b.quit().await;
        }
        outcome
    });
    if let Err(payload) = outcome {
        std::panic::resume_unwind(payload);
    }
}
