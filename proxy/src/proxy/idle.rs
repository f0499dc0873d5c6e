//! An upstream's response body that is cut (with a log line) when the upstream sends nothing of it
//! for `upstream_idle_timeout_ms`, so a stalled upstream cannot hold a browser connection forever.

use crate::proxy::body::BoxError;
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A response body from an upstream, with a limit on pauses.
pub struct IdleLimitedBody {
    inner: Incoming,
    idle: Duration,
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
    upstream: String,
}

impl IdleLimitedBody {
    /// Wraps the body `upstream` (its origin, for the log line) sends.
    pub fn new(inner: Incoming, idle: Duration, upstream: String) -> Self {
        IdleLimitedBody {
            inner,
            idle,
            stall: None,
            upstream,
        }
    }
}

/// The error that ends a stalled response.
#[derive(Debug)]
pub struct UpstreamStalled(String);

impl std::fmt::Display for UpstreamStalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UpstreamStalled {}

impl Body for IdleLimitedBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Pending => {
                let idle = this.idle;
                let stall = this
                    .stall
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                if stall.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                let message = format!(
                    "{} sent nothing of its response body for {} ms; the response was cut",
                    this.upstream,
                    idle.as_millis()
                );
                eprintln!("switchboard-proxy: {message}");
                Poll::Ready(Some(Err(Box::new(UpstreamStalled(message)))))
            }
            Poll::Ready(frame) => {
                this.stall = None;
                Poll::Ready(frame.map(|f| f.map_err(BoxError::from)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
