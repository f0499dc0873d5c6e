//! One log line per request: time, method, path (no query), status, duration, bytes in and out,
//! and the cluster for proxied requests. Written when the response body is finished or dropped; a
//! body that broke off (the upstream died mid-answer) is marked `result=failed` with the reason, one
//! the client stopped reading before its end `result=incomplete`.

use axum::body::Body;
use bytes::Bytes;
use http::{Method, StatusCode};
use http_body::{Frame, SizeHint};
use std::io::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// A body that counts the bytes passing through it.
pub struct CountingBody {
    inner: Body,
    count: Arc<AtomicU64>,
}

impl CountingBody {
    /// Wraps `inner`, adding to `count`.
    pub fn new(inner: Body, count: Arc<AtomicU64>) -> Self {
        CountingBody { inner, count }
    }
}

impl http_body::Body for CountingBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &polled {
            if let Some(data) = frame.data_ref() {
                self.count.fetch_add(data.len() as u64, Ordering::Relaxed);
            }
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// What the log line says about a request.
pub struct RequestLine {
    /// Method.
    pub method: Method,
    /// Path without the query.
    pub path: String,
    /// `cluster/target` for proxied requests, `-` otherwise.
    pub cluster: String,
    /// When the request arrived.
    pub started: Instant,
    /// Bytes of the request body read so far.
    pub bytes_in: Arc<AtomicU64>,
}

/// A response body that writes the log line when it ends or is dropped.
pub struct LoggedBody {
    inner: Body,
    line: RequestLine,
    status: StatusCode,
    bytes_out: u64,
    ended: bool,
    error: Option<String>,
}

impl LoggedBody {
    /// Wraps a response body.
    pub fn new(inner: Body, line: RequestLine, status: StatusCode) -> Self {
        LoggedBody {
            inner,
            line,
            status,
            bytes_out: 0,
            ended: false,
            error: None,
        }
    }
}

impl http_body::Body for LoggedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    self.bytes_out += data.len() as u64;
                }
            }
            Poll::Ready(Some(Err(e))) => self.error = Some(e.to_string()),
            Poll::Ready(None) => self.ended = true,
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for LoggedBody {
    fn drop(&mut self) {
        let l = &self.line;
        let result = match &self.error {
            Some(e) => format!(" result=failed error={e:?}"),
            None if !self.ended && !http_body::Body::is_end_stream(&self.inner) => {
                " result=incomplete".into()
            }
            None => String::new(),
        };
        let line = format!(
            "{} {} {} {} {}ms cluster={} in={} out={}{result}\n",
            utc_timestamp(SystemTime::now()),
            l.method,
            l.path,
            self.status.as_u16(),
            l.started.elapsed().as_millis(),
            l.cluster,
            l.bytes_in.load(Ordering::Relaxed),
            self.bytes_out,
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
}

/// `2025-01-15T10:31:07.123Z`.
pub fn utc_timestamp(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_utc_timestamps() {
        assert_eq!(utc_timestamp(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            utc_timestamp(UNIX_EPOCH + Duration::from_millis(1_736_937_067_123)),
            "2025-01-15T10:31:07.123Z"
        );
        assert_eq!(
            utc_timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00.000Z"
        );
    }
}
