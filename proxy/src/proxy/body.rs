//! Request bodies on their way upstream: size limit, progress for time-outs, and re-sending.
//!
//! A small body is kept in memory and can be sent as often as needed (redirect, failover, new login).
//! A large one streams: it sits in a [`StreamSlot`] until an attempt actually starts sending it, so an
//! upstream that answers before reading it (a StarRocks FE answering 307, a refused connection, an
//! error after `Expect: 100-continue`) leaves it untouched for the next attempt.

use axum::body::Body;
use bytes::Bytes;
use futures_util::task::AtomicWaker;
use http_body::{Frame, SizeHint};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// The error type of bodies sent upstream.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Shared facts about the client's request body while it is being forwarded.
#[derive(Debug)]
pub struct BodyWatch {
    started: Instant,
    last_progress_ms: AtomicU64,
    too_large: AtomicBool,
    client_stalled: AtomicBool,
}

impl BodyWatch {
    /// A watch starting now.
    pub fn new() -> Arc<Self> {
        Arc::new(BodyWatch {
            started: Instant::now(),
            last_progress_ms: AtomicU64::new(0),
            too_large: AtomicBool::new(false),
            client_stalled: AtomicBool::new(false),
        })
    }

    /// Records that something happened now (a chunk was sent, an attempt started).
    pub fn touch(&self) {
        let ms = self.started.elapsed().as_millis() as u64;
        self.last_progress_ms.fetch_max(ms, Ordering::Relaxed);
    }

    /// When something last happened.
    pub fn last_progress(&self) -> Instant {
        self.started + Duration::from_millis(self.last_progress_ms.load(Ordering::Relaxed))
    }

    /// Whether the body went over the size limit.
    pub fn too_large(&self) -> bool {
        self.too_large.load(Ordering::Relaxed)
    }

    /// Whether the client stopped sending its body for longer than `request_body_timeout_ms`.
    pub fn client_stalled(&self) -> bool {
        self.client_stalled.load(Ordering::Relaxed)
    }
}

/// Raised when the client sends nothing of its body for too long.
#[derive(Debug)]
pub struct ClientStalled(Duration);

impl std::fmt::Display for ClientStalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the client sent nothing of its request body for {} ms",
            self.0.as_millis()
        )
    }
}

impl std::error::Error for ClientStalled {}

/// Raised when a body goes over the limit.
#[derive(Debug)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("request body exceeds the configured limit")
    }
}

impl std::error::Error for TooLarge {}

/// The client's body, counted against the limit, reporting progress, and given up when the client
/// sends nothing for `idle` while the proxy waits for it.
pub struct ClientBody {
    inner: Body,
    seen: u64,
    max: u64,
    watch: Arc<BodyWatch>,
    idle: Duration,
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl ClientBody {
    /// Wraps the body of the browser's request.
    pub fn new(inner: Body, max: u64, idle: Duration, watch: Arc<BodyWatch>) -> Self {
        ClientBody {
            inner,
            seen: 0,
            max,
            watch,
            idle,
            stall: None,
        }
    }
}

impl http_body::Body for ClientBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        if polled.is_pending() {
            let idle = this.idle;
            let stall = this
                .stall
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
            if stall.as_mut().poll(cx).is_ready() {
                this.watch.client_stalled.store(true, Ordering::Relaxed);
                return Poll::Ready(Some(Err(Box::new(ClientStalled(idle)))));
            }
            return Poll::Pending;
        }
        this.stall = None;
        match polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.seen += data.len() as u64;
                    if this.seen > this.max {
                        this.watch.too_large.store(true, Ordering::Relaxed);
                        return Poll::Ready(Some(Err(Box::new(TooLarge))));
                    }
                }
                this.watch.touch();
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(Box::new(e)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Holds a streaming body until one attempt takes it.
pub struct StreamSlot {
    state: Mutex<SlotState>,
    size: Option<u64>,
}

struct SlotState {
    body: Option<ClientBody>,
    attempt: u64,
}

/// The request body as the forwarder holds it.
pub enum RequestBody {
    /// No body.
    Empty,
    /// A small body kept in memory.
    Buffered(Bytes),
    /// A large body that can be sent once.
    Streaming(Arc<StreamSlot>),
}

impl RequestBody {
    /// Keeps a streaming body in a slot; `size` is its Content-Length when known.
    pub fn streaming(body: ClientBody, size: Option<u64>) -> Self {
        RequestBody::Streaming(Arc::new(StreamSlot {
            state: Mutex::new(SlotState {
                body: Some(body),
                attempt: 0,
            }),
            size,
        }))
    }

    /// Whether there is a body to send.
    pub fn is_empty(&self) -> bool {
        match self {
            RequestBody::Empty => true,
            RequestBody::Buffered(b) => b.is_empty(),
            RequestBody::Streaming(_) => false,
        }
    }

    /// Drops a streaming body that no attempt has started sending, so an attempt whose answer was
    /// already taken (and which still waits for `100 Continue`) can never start uploading it.
    pub fn abandon(&self) {
        if let RequestBody::Streaming(slot) = self {
            let mut state = slot.state.lock().unwrap_or_else(|p| p.into_inner());
            state.attempt += 1;
            state.body = None;
        }
    }

    /// The body for a new attempt, or `None` if an earlier attempt already started sending it.
    /// Earlier attempts can no longer take a streaming body once this is called.
    pub fn next_attempt(&self, gate: Option<Arc<Gate>>, timeout: Duration) -> Option<AttemptBody> {
        let gate = gate.map(|gate| GateWait {
            gate,
            timer: Box::pin(tokio::time::sleep(timeout)),
        });
        let kind = match self {
            RequestBody::Empty => AttemptKind::Bytes(None),
            RequestBody::Buffered(b) => AttemptKind::Bytes(Some(b.clone())),
            RequestBody::Streaming(slot) => {
                let mut state = slot.state.lock().unwrap_or_else(|p| p.into_inner());
                state.body.as_ref()?;
                state.attempt += 1;
                AttemptKind::Stream {
                    slot: slot.clone(),
                    attempt: state.attempt,
                    taken: None,
                }
            }
        };
        Some(AttemptBody { kind, gate })
    }
}

/// Opens when the upstream answers `100 Continue`.
#[derive(Default)]
pub struct Gate {
    open: AtomicBool,
    waker: AtomicWaker,
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Arc<Self> {
        Arc::new(Gate::default())
    }

    /// Lets the body go.
    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.waker.wake();
    }
}

struct GateWait {
    gate: Arc<Gate>,
    timer: Pin<Box<tokio::time::Sleep>>,
}

enum AttemptKind {
    Bytes(Option<Bytes>),
    Stream {
        slot: Arc<StreamSlot>,
        attempt: u64,
        taken: Option<ClientBody>,
    },
}

/// The body of one attempt; waits at its gate (if any) before sending.
pub struct AttemptBody {
    kind: AttemptKind,
    gate: Option<GateWait>,
}

#[derive(Debug)]
struct Superseded;

impl std::fmt::Display for Superseded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("request body went to another attempt")
    }
}

impl std::error::Error for Superseded {}

impl http_body::Body for AttemptBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        if let Some(wait) = &mut this.gate {
            if !wait.gate.open.load(Ordering::SeqCst) {
                wait.gate.waker.register(cx.waker());
                if !wait.gate.open.load(Ordering::SeqCst)
                    && wait.timer.as_mut().poll(cx).is_pending()
                {
                    return Poll::Pending;
                }
            }
            this.gate = None;
        }
        match &mut this.kind {
            AttemptKind::Bytes(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            AttemptKind::Stream {
                slot,
                attempt,
                taken,
            } => {
                if taken.is_none() {
                    let mut state = slot.state.lock().unwrap_or_else(|p| p.into_inner());
                    if state.attempt != *attempt {
                        return Poll::Ready(Some(Err(Box::new(Superseded))));
                    }
                    *taken = state.body.take();
                }
                match taken {
                    Some(body) => Pin::new(body).poll_frame(cx),
                    None => Poll::Ready(Some(Err(Box::new(Superseded)))),
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            AttemptKind::Bytes(b) => b.as_ref().is_none_or(|b| b.is_empty()),
            AttemptKind::Stream {
                taken: Some(body), ..
            } => body.is_end_stream(),
            AttemptKind::Stream { .. } => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            AttemptKind::Bytes(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            AttemptKind::Stream {
                taken: Some(body), ..
            } => body.size_hint(),
            AttemptKind::Stream { slot, .. } => slot
                .size
                .map_or_else(SizeHint::default, SizeHint::with_exact),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    fn client_body(text: &'static str, max: u64) -> (ClientBody, Arc<BodyWatch>) {
        let watch = BodyWatch::new();
        (
            ClientBody::new(
                Body::from(text),
                max,
                Duration::from_secs(30),
                watch.clone(),
            ),
            watch,
        )
    }

    #[tokio::test]
    async fn a_streaming_body_goes_to_the_latest_attempt_only() {
        let (body, _) = client_body("payload", 100);
        let request = RequestBody::streaming(body, Some(7));
        let first = request.next_attempt(None, Duration::ZERO).unwrap();
        let second = request.next_attempt(None, Duration::ZERO).unwrap();
        assert!(
            first.collect().await.is_err(),
            "a superseded attempt must not send the body"
        );
        assert_eq!(second.collect().await.unwrap().to_bytes(), "payload");
        assert!(
            request.next_attempt(None, Duration::ZERO).is_none(),
            "a sent stream cannot be sent again"
        );
    }

    #[tokio::test]
    async fn an_abandoned_body_is_never_sent() {
        let (body, _) = client_body("payload", 100);
        let request = RequestBody::streaming(body, Some(7));
        let waiting = request
            .next_attempt(Some(Gate::new()), Duration::from_millis(10))
            .unwrap();
        request.abandon();
        assert!(
            waiting.collect().await.is_err(),
            "the body went out after the answer was taken"
        );
    }

    #[tokio::test]
    async fn a_body_over_the_limit_fails_and_is_flagged() {
        let (body, watch) = client_body("0123456789", 5);
        assert!(body.collect().await.is_err());
        assert!(watch.too_large());
    }

    #[tokio::test]
    async fn a_gated_body_waits_for_the_gate() {
        let request = RequestBody::Buffered(Bytes::from_static(b"abc"));
        let gate = Gate::new();
        let mut body = request
            .next_attempt(Some(gate.clone()), Duration::from_secs(30))
            .unwrap();
        let early = tokio::time::timeout(Duration::from_millis(50), body.frame()).await;
        assert!(early.is_err(), "the body went before the gate opened");
        gate.open();
        let frame = body.frame().await.unwrap().unwrap();
        assert_eq!(frame.into_data().unwrap(), "abc");
    }
}
