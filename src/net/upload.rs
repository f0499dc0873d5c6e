//! Uploads with progress: a multipart request sent through `XMLHttpRequest` (fetch cannot report
//! upload progress), cancellable, and recorded in the request log like every other call.

use super::curl::curl_command;
use super::error::{from_status, FetchError, NetError};
use super::log;
use super::request::{absolute_url, now_ms, ApiRequest, ApiResponse, Body};
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How much of an upload has been sent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// Bytes sent so far.
    pub loaded: f64,
    /// Bytes in all (0 when the browser cannot tell).
    pub total: f64,
}

impl Progress {
    /// The share sent, 0..1, when the total is known.
    pub fn share(&self) -> Option<f64> {
        (self.total > 0.0).then(|| (self.loaded / self.total).clamp(0.0, 1.0))
    }
}

/// A running upload; [`UploadHandle::abort`] cancels it (its future then ends with
/// [`NetError::Aborted`]).
#[derive(Clone)]
pub struct UploadHandle {
    xhr: web_sys::XmlHttpRequest,
    aborted: Rc<Cell<bool>>,
}

impl UploadHandle {
    /// Cancels the upload.
    pub fn abort(&self) {
        self.aborted.set(true);
        let _ = self.xhr.abort();
    }
}

/// Starts sending `req` (normally with a [`Body::Form`] or [`Body::File`]) and reports progress to `on_progress`.
/// Returns the handle and the future of the answer (2xx, else the error a user can act on).
#[allow(clippy::result_large_err)] // the error is the request itself, handed back to retry
pub fn start_upload(
    req: ApiRequest,
    on_progress: impl Fn(Progress) + 'static,
) -> Result<
    (
        UploadHandle,
        impl Future<Output = Result<ApiResponse, FetchError>>,
    ),
    FetchError,
> {
    let (method, req_url, timeout_ms) = (req.method.clone(), req.url.clone(), req.timeout_ms);
    let fail = |error| FetchError {
        method: method.clone(),
        url: req_url.clone(),
        error,
    };
    let js = |e: JsValue| {
        fail(NetError::Network {
            message: e.as_string().unwrap_or_else(|| format!("{e:?}")),
        })
    };
    let xhr = web_sys::XmlHttpRequest::new().map_err(js)?;
    xhr.open_with_async(&req.method, &req.url, true)
        .map_err(js)?;
    for (k, v) in &req.headers {
        xhr.set_request_header(k, v).map_err(js)?;
    }
    if req.timeout_ms > 0 {
        xhr.set_timeout(req.timeout_ms);
    }
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            on_progress(Progress {
                loaded: e.loaded(),
                total: if e.length_computable() {
                    e.total()
                } else {
                    0.0
                },
            })
        });
    xhr.upload()
        .map_err(js)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    let done = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let timed_out = timed_out.clone();
        Closure::<dyn FnMut()>::new(move || timed_out.set(true))
    };
    xhr.set_ontimeout(Some(on_timeout.as_ref().unchecked_ref()));

    let url = absolute_url(&req.url);
    let body_note = match &req.body {
        Body::None => None,
        Body::File(_) => Some("@<file>"),
        _ => Some("<multipart form>"),
    };
    let id = log::start(
        &req.method,
        &url,
        curl_command(&req.method, &url, &req.headers, body_note),
    );
    let sent = match req.body {
        Body::Form(f) => xhr.send_with_opt_form_data(Some(&f.take())),
        Body::File(f) => xhr.send_with_opt_blob(Some(&f.take())),
        Body::Json(t) | Body::Text(_, t) => xhr.send_with_opt_str(Some(&t)),
        Body::None => xhr.send(),
    };
    if let Err(e) = sent {
        let err = js(e);
        log::finish(id, None, 0.0, None, Some(err.error.to_string()));
        return Err(err);
    }
    let handle = UploadHandle {
        xhr: xhr.clone(),
        aborted: Rc::new(Cell::new(false)),
    };
    let aborted = handle.aborted.clone();
    let started = now_ms();
    let future = async move {
        let _ = wasm_bindgen_futures::JsFuture::from(done).await;
        drop((progress, on_timeout));
        let elapsed = now_ms() - started;
        let status = xhr.status().unwrap_or(0);
        let body = xhr.response_text().ok().flatten().unwrap_or_default();
        let header = |name: &str| {
            xhr.get_response_header(name)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        let error = if aborted.get() {
            Some(NetError::Aborted)
        } else if timed_out.get() {
            Some(NetError::Timeout {
                after_ms: timeout_ms,
            })
        } else if status == 0 {
            Some(NetError::Network {
                message: "the upload did not get an answer".into(),
            })
        } else if !(200..300).contains(&status) {
            let proxy = header("x-switchboard-proxy") == "error";
            Some(from_status(
                status,
                &xhr.status_text().unwrap_or_default(),
                proxy,
                &body,
            ))
        } else {
            None
        };
        let status = (status != 0).then_some(status);
        match error {
            Some(error) => {
                log::finish(id, status, elapsed, None, Some(error.to_string()));
                Err(FetchError {
                    method,
                    url: req_url,
                    error,
                })
            }
            None => {
                log::finish(id, status, elapsed, Some(body.len()), None);
                Ok(ApiResponse {
                    status: status.unwrap_or(200),
                    content_type: header("content-type"),
                    body,
                })
            }
        }
    };
    Ok((handle, future))
}
