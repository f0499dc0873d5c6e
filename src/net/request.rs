//! Building and sending requests: JSON, text and multipart bodies, time-outs, cancellation when
//! the calling view goes away, and the request log.

use super::curl::curl_command;
use super::error::{decode_json, from_status, FetchError, NetError};
use super::log;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Default time limit of a request.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// A request body.
#[derive(Clone, Debug, Default)]
pub enum Body {
    /// No body.
    #[default]
    None,
    /// A JSON document (sent as `application/json`).
    Json(String),
    /// Text with its content type.
    Text(String, String),
    /// A multipart form (the browser sets the boundary).
    Form(SendWrapper<web_sys::FormData>),
    /// A file (or any blob) sent as it is, its type as the content type.
    File(SendWrapper<web_sys::Blob>),
}

/// A request being built. Send it with [`ApiRequest::send`], [`ApiRequest::json`] or
/// [`ApiRequest::text`].
#[derive(Clone, Debug)]
pub struct ApiRequest {
    /// HTTP method.
    pub method: String,
    /// Full URL.
    pub url: String,
    /// Headers to send.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Time limit in milliseconds (0 = none).
    pub timeout_ms: u32,
}

/// A 2xx answer, read to the end.
#[derive(Clone, Debug)]
pub struct ApiResponse {
    /// The status.
    pub status: u16,
    /// The Content-Type header.
    pub content_type: String,
    /// The body as text.
    pub body: String,
}

impl ApiResponse {
    /// Decodes the body as JSON into `T`, naming the path that failed.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, NetError> {
        decode_json(&self.body, &self.content_type)
    }
}

impl ApiRequest {
    /// A request with `method` to `url`.
    pub fn new(method: &str, url: impl Into<String>) -> ApiRequest {
        ApiRequest {
            method: method.to_string(),
            url: url.into(),
            headers: Vec::new(),
            body: Body::None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }

    /// A GET request.
    pub fn get(url: impl Into<String>) -> ApiRequest {
        ApiRequest::new("GET", url)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> ApiRequest {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Sets a JSON body.
    pub fn json_body<T: serde::Serialize>(mut self, value: &T) -> ApiRequest {
        let text = serde_json::to_string(value).unwrap_or_default();
        self.body = Body::Json(text);
        self
    }

    /// Sets a text body with its content type.
    pub fn text_body(mut self, content_type: &str, text: impl Into<String>) -> ApiRequest {
        self.body = Body::Text(content_type.to_string(), text.into());
        self
    }

    /// Sets a multipart form body.
    pub fn form_body(mut self, form: web_sys::FormData) -> ApiRequest {
        self.body = Body::Form(SendWrapper::new(form));
        self
    }

    /// Sets a file (or blob) as the raw body.
    pub fn file_body(mut self, file: web_sys::Blob) -> ApiRequest {
        self.body = Body::File(SendWrapper::new(file));
        self
    }

    /// Sets the time limit (0 = none).
    pub fn timeout(mut self, ms: u32) -> ApiRequest {
        self.timeout_ms = ms;
        self
    }

    fn curl(&self) -> String {
        let mut headers = self.headers.clone();
        let body = match &self.body {
            Body::None => None,
            Body::Json(t) => {
                headers.push(("Content-Type".into(), "application/json".into()));
                Some(t.clone())
            }
            Body::Text(ct, t) => {
                headers.push(("Content-Type".into(), ct.clone()));
                Some(t.clone())
            }
            Body::Form(_) => Some("<multipart form>".into()),
            Body::File(_) => Some("@<file>".into()),
        };
        let url = absolute_url(&self.url);
        curl_command(&self.method, &url, &headers, body.as_deref())
    }

    /// Sends the request and reads the answer; anything but 2xx is an error. The request is
    /// cancelled if the reactive owner that started it is cleaned up (its view went away).
    pub async fn send(self) -> Result<ApiResponse, FetchError> {
        let method = self.method.clone();
        let url = self.url.clone();
        let fail = |error| FetchError {
            method: method.clone(),
            url: url.clone(),
            error,
        };
        let id = log::start(&self.method, &absolute_url(&self.url), self.curl());
        let started = now_ms();
        let result = self.send_inner().await;
        let elapsed = now_ms() - started;
        match result {
            Ok(resp) => {
                log::finish(id, Some(resp.status), elapsed, Some(resp.body.len()), None);
                Ok(resp)
            }
            Err((status, error)) => {
                log::finish(id, status, elapsed, None, Some(error.to_string()));
                Err(fail(error))
            }
        }
    }

    /// Sends and decodes a JSON answer.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, FetchError> {
        let (method, url) = (self.method.clone(), self.url.clone());
        let resp = self.send().await?;
        resp.decode()
            .map_err(|error| FetchError { method, url, error })
    }

    /// Sends and reads the answer with `parse`, for text formats other than JSON; what `parse`
    /// refuses is shown as an answer not understood, with its message and the body's start.
    pub async fn parsed<T>(
        self,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, FetchError> {
        let (method, url) = (self.method.clone(), self.url.clone());
        let resp = self.send().await?;
        parse(&resp.body).map_err(|message| FetchError {
            method,
            url,
            error: NetError::Decode {
                path: ".".into(),
                message,
                content_type: resp.content_type.clone(),
                excerpt: super::error::excerpt(&resp.body),
            },
        })
    }

    /// Sends and reads a Prometheus text answer; a body that is not that format is an error
    /// (see [`super::prometheus::parse_answer`]).
    pub async fn prometheus(self) -> Result<super::prometheus::Scrape, FetchError> {
        self.parsed(super::prometheus::parse_answer).await
    }

    /// Sends and decodes a JSON list answer, a few elements at a time when it is long (see
    /// [`super::list::decode_list`]): for the answers that can hold 100,000 entries.
    pub async fn json_list<T: DeserializeOwned>(self) -> Result<Vec<T>, FetchError> {
        let (method, url) = (self.method.clone(), self.url.clone());
        let resp = self.send().await?;
        super::list::decode_list(&resp.body, &resp.content_type)
            .await
            .map_err(|error| FetchError { method, url, error })
    }

    /// Sends and returns the body as text.
    pub async fn text(self) -> Result<String, FetchError> {
        Ok(self.send().await?.body)
    }

    async fn send_inner(self) -> Result<ApiResponse, (Option<u16>, NetError)> {
        let controller = web_sys::AbortController::new().map_err(|e| (None, js_error(e)))?;
        let signal = controller.signal();
        let timed_out = Rc::new(Cell::new(false));
        let guard = AbortOnDrop(SendWrapper::new(controller.clone()));
        {
            let guard = SendWrapper::new(controller.clone());
            on_cleanup(move || guard.abort());
        }
        let _timer = (self.timeout_ms > 0).then(|| {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            gloo_timers::callback::Timeout::new(self.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        });
        let method = Method::from_bytes(self.method.as_bytes()).unwrap_or(Method::GET);
        let mut builder = RequestBuilder::new(&self.url)
            .method(method)
            .abort_signal(Some(&signal));
        for (k, v) in &self.headers {
            builder = builder.header(k, v);
        }
        let request = match self.body {
            Body::None => builder.build(),
            Body::Json(t) => builder.header("Content-Type", "application/json").body(t),
            Body::Text(ct, t) => builder.header("Content-Type", &ct).body(t),
            Body::Form(f) => builder.body(JsValue::from(f.take())),
            Body::File(f) => builder.body(JsValue::from(f.take())),
        }
        .map_err(|e| {
            (
                None,
                NetError::Network {
                    message: e.to_string(),
                },
            )
        })?;
        let aborted = |timed_out: &Rc<Cell<bool>>, message: String| {
            if timed_out.get() {
                NetError::Timeout {
                    after_ms: self.timeout_ms,
                }
            } else if signal.aborted() {
                NetError::Aborted
            } else {
                NetError::Network { message }
            }
        };
        let response = request
            .send()
            .await
            .map_err(|e| (None, aborted(&timed_out, e.to_string())))?;
        let status = response.status();
        let content_type = response.headers().get("content-type").unwrap_or_default();
        let proxy_error = response.headers().get("x-switchboard-proxy").as_deref() == Some("error");
        // Read as bytes and copied into the module as they are: a 20 MB answer read as text
        // would be decoded to UTF-16 by the browser, then encoded back to UTF-8 on the way in.
        let body = response
            .binary()
            .await
            .map(body_text)
            .map_err(|e| (Some(status), aborted(&timed_out, e.to_string())))?;
        drop(guard);
        if !(200..300).contains(&status) {
            return Err((
                Some(status),
                from_status(status, &response.status_text(), proxy_error, &body),
            ));
        }
        Ok(ApiResponse {
            status,
            content_type,
            body,
        })
    }
}

/// The text of an answer's bytes: UTF-8, each invalid sequence replaced by U+FFFD, as the
/// browser's own `Response.text()` decodes an answer whatever its declared charset.
pub fn body_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Aborts a request whose future was dropped before it finished.
struct AbortOnDrop(SendWrapper<web_sys::AbortController>);
impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn js_error(e: JsValue) -> NetError {
    NetError::Network {
        message: e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}

/// Lets the browser run (input, drawing) and goes on right after: `scheduler.yield()` where the
/// browser has it, a timer otherwise (which browsers hold back at least 4 ms when nested).
pub async fn yield_now() {
    use wasm_bindgen::JsCast;
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok();
    let yielded = scheduler.and_then(|s| {
        let f = js_sys::Reflect::get(&s, &"yield".into()).ok()?;
        let p = f.dyn_into::<js_sys::Function>().ok()?.call0(&s).ok()?;
        p.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => sleep_ms(0).await,
    }
}

/// Waits `ms` milliseconds (a browser timer).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the page loaded.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Resolves a relative URL against the page's base (for logs and curl lines).
pub fn absolute_url(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    match base {
        Some(base) => web_sys::Url::new_with_base(url, &base)
            .map(|u| u.href())
            .unwrap_or_else(|_| url.to_string()),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::body_text;

    #[test]
    fn answers_read_as_bytes_give_their_utf8_text_and_mark_what_is_not() {
        assert_eq!(body_text("{\"n\":\"été\"}".into()), "{\"n\":\"été\"}");
        assert_eq!(body_text(b"a\xffb\xc3".to_vec()), "a\u{fffd}b\u{fffd}");
        assert_eq!(body_text(Vec::new()), "");
    }
}
