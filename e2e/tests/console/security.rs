//! What an attacker can try against a user of the console, tried for real: in Chromium, against
//! the proxy, with listeners and a page of another origin that the test starts itself.
//!
//! * A link to the add-cluster form whose `return` is `javascript:`, another host, `/\host` or
//!   `data:` lands, after Save, on the new cluster's page of this console, and runs nothing.
//! * A link to the API explorer that names an undocumented host or path shows why and sends
//!   nothing (and so no stored password) anywhere.
//! * The console and a view of every system render under the proxy's strict
//!   Content-Security-Policy without a single violation; inline script is refused.
//! * A page of another origin can neither use the proxy (its forged POST changes nothing) nor
//!   frame the console; a request for a foreign host name (DNS rebinding) gets 421 and is never
//!   forwarded; an upstream HTML page opened through the proxy runs in an opaque origin, away
//!   from the console's storage.
//!
//! Each check has a control showing that the same probe does see the attack when nothing stops
//! it (a listener that a documented request reaches, a `javascript:` URL that runs, a POST that
//! does suspend), so a regression turns the test red instead of passing unnoticed. Where the
//! console's CSP would also stop an attack that the app itself must refuse, the session bypasses
//! the CSP (DevTools `Page.setBypassCSP`), so that the app's own check is what is tested.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use switchboard_e2e::app::{
    encode_query_value, explorer_path, explorer_response, wait_healthy, DEMO_CLUSTERS,
};
use switchboard_e2e::flink::get_json;
use switchboard_e2e::http::request;
use switchboard_e2e::{e2e, eventually, Browser, Lab};

// ---------------------------------------------------------------------------------------------
// Listeners, an attacker's web server and raw HTTP, started by the tests themselves.

/// A TCP listener on a free loopback port that counts every connection and records the request
/// line of each (answering an empty 204 that any origin may read).
struct Recorder {
    port: u16,
    connections: Arc<AtomicUsize>,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("cannot listen on a loopback port: {e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
        let connections = Arc::new(AtomicUsize::new(0));
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), lines.clone());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                let head = read_head(&mut stream);
                let line = head.lines().next().unwrap_or("(no request)").to_string();
                if let Ok(mut l) = log.lock() {
                    l.push(line);
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\n\
                      Access-Control-Allow-Headers: *\r\nConnection: close\r\n\r\n",
                );
            }
        });
        Recorder {
            port,
            connections,
            lines,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Reads a request or response head (up to the blank line, the end of the stream or 2 s).
fn read_head(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&head).to_string()
}

/// Serves, on a free loopback port (an origin other than the console's), `page` at `/` and a page
/// that may be framed at `/framed`. Returns the origin (`http://127.0.0.1:port`).
fn serve_other_site(page: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| panic!("cannot listen on a loopback port: {e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let head = read_head(&mut stream);
            let path = head.split_whitespace().nth(1).unwrap_or("/");
            let body = match path {
                "/" => page.as_str(),
                "/framed" => "<!doctype html><title>framed</title><p>a frame of the other site</p>",
                _ => "",
            };
            let status = if body.is_empty() {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// An answer read off the wire: status, head (status line and headers) and body.
struct Raw {
    status: u16,
    head: String,
    body: String,
}

impl Raw {
    /// Every value of header `name`.
    fn headers(&self, name: &str) -> Vec<String> {
        self.head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .filter(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }
}

/// Sends `request` (a whole HTTP/1.1 request head, `Connection: close` added) to `authority`
/// as is: the test chooses the request line and every header, `Host` included.
fn raw(authority: &str, request: &str) -> Raw {
    let mut stream = TcpStream::connect(authority)
        .unwrap_or_else(|e| panic!("cannot connect to {authority}: {e}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(15)));
    let text = format!("{}Connection: close\r\n\r\n", request);
    stream
        .write_all(text.as_bytes())
        .unwrap_or_else(|e| panic!("cannot send to {authority}: {e}"));
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| {
            panic!(
                "{authority} sent no HTTP answer to {request:?}: {:?}",
                String::from_utf8_lossy(&bytes)
            )
        });
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut answer = Raw {
        status,
        head,
        body: String::new(),
    };
    let body = &bytes[split + 4..];
    let chunked = answer
        .headers("transfer-encoding")
        .iter()
        .any(|v| v.contains("chunked"));
    answer.body = String::from_utf8_lossy(&if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    })
    .to_string();
    answer
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&data[..eol]).to_string();
        let size =
            usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
        data = &data[eol + 2..];
        if size == 0 || size > data.len() {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
    out
}

/// The console's `host:port` (`127.0.0.1:38600`).
fn console_authority(lab: &Lab) -> String {
    lab.setup
        .app_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

/// Lets the page ignore its Content-Security-Policy (from the next page load on), so that only
/// the app's own checks stand between a hostile link and what it asks for.
async fn bypass_csp(b: &Browser) {
    b.cdp("Page.setBypassCSP", json!({ "enabled": true })).await;
}

// ---------------------------------------------------------------------------------------------
// 1. The add-cluster form's `return`.

/// `return` values a link could carry to send the user, after Save, away from this console or
/// into script.
const HOSTILE_RETURNS: [&str; 7] = [
    "javascript://%0adocument.title='pwned';localStorage.setItem('pwned','1');void(0)",
    "JavaScript://%0Awindow.name='pwned';localStorage.setItem('pwned','2');void(0)",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "https://evil.example/",
    "data:text/html,<script>localStorage.setItem('pwned','3')</script>",
];

/// What a script run by a hostile link would have left: `pwned` in localStorage, the title or the
/// window name.
async fn pwned_marks(b: &Browser) -> Vec<String> {
    let v = b
        .js(
            "const marks = [];\
             try { const s = localStorage.getItem('pwned'); if (s !== null) marks.push('localStorage ' + s) } catch (e) {}\
             if (document.title === 'pwned') marks.push('title');\
             if (window.name === 'pwned') marks.push('window.name');\
             return marks",
            vec![],
        )
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// `url` without its query and fragment.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

/// Opens the add form prefilled by a link for a direct Flink cluster `name` with `return`, saves,
/// and returns the address the browser is at once the form has gone or a script has run.
async fn save_with_return(lab: &Lab, b: &Browser, name: &str, back: &str) -> String {
    let link = format!(
        "/clusters/new?system=flink&name={name}&cluster_url={}&cluster_mode=direct&return={}",
        encode_query_value(&lab.setup.flink_url),
        encode_query_value(back)
    );
    b.open(&lab.setup.app(&link)).await;
    eventually("the form prefilled from the link", async |last| {
        let (n, u) = (b.value("#cl-name").await, b.value("#ep-jobmanager").await);
        *last = format!("name {n:?}, URL {u:?}");
        (n.as_deref() == Some(name) && u.as_deref() == Some(lab.setup.flink_url.as_str()))
            .then_some(())
    })
    .await;
    b.click_button("Save").await;
    eventually(
        &format!("the form to leave after Save (return {back:?})"),
        async |last| {
            let url = b.url().await;
            *last = url.clone();
            let left = !url.contains("/clusters/new");
            (left || !pwned_marks(b).await.is_empty()).then_some(url)
        },
    )
    .await
}

#[test]
fn a_hostile_return_link_neither_leaves_the_console_nor_runs_script() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        bypass_csp(&b).await;
        b.open(&lab.setup.app("/")).await;
        b.wait_for("[data-table=clusters]").await;
        // Control: in this session a `javascript:` URL the page navigates to does run (the CSP
        // that would also stop it is bypassed), so only the app's check stands in the way.
        b.js(
            "location.href = arguments[0]; return null",
            vec![json!("javascript://%0awindow.__e2eProbe='ran';void(0)")],
        )
        .await;
        eventually(
            "a javascript: URL to run in the bypassed page",
            async |_| {
                (b.js("return window.__e2eProbe || null", vec![]).await == json!("ran"))
                    .then_some(())
            },
        )
        .await;

        // Control: a `return` that is a path of this app is followed.
        let url = save_with_return(&lab, &b, "e2e-return-ok", "/druid/demo-druid/api").await;
        assert_eq!(
            without_query(&url),
            lab.setup.app("/druid/demo-druid/api"),
            "a safe return path was not followed"
        );

        for (i, back) in HOSTILE_RETURNS.iter().enumerate() {
            let name = format!("e2e-return-{i}");
            let url = save_with_return(&lab, &b, &name, back).await;
            b.wait_text("[role=status]", &format!("Saved {name}")).await;
            let marks = pwned_marks(&b).await;
            assert!(
                marks.is_empty(),
                "return {back:?} ran script in the console: {marks:?} (at {url})"
            );
            assert_eq!(
                without_query(&url),
                lab.setup.app(&format!("/flink/{name}/")),
                "with return {back:?} Save did not land on the new cluster's page of this console"
            );
        }
        // Nothing ran late either (a navigation to a `javascript:` URL runs as a task).
        tokio::time::sleep(Duration::from_millis(300)).await;
        let marks = pwned_marks(&b).await;
        assert!(marks.is_empty(), "a hostile return ran script: {marks:?}");
        assert!(b.url().await.starts_with(&lab.setup.app_url));
    });
}

// ---------------------------------------------------------------------------------------------
// 2. The API explorer's target and path.

#[test]
fn an_explorer_link_to_an_undocumented_host_or_path_sends_nothing() {
    e2e(|lab| async move {
        let elsewhere = Recorder::start();
        let fe = Recorder::start();
        let cluster = "e2e-direct-sr";
        let b = lab.browser().await;
        // The console's connect-src would refuse both ports anyway; bypassed, only the app's
        // check can keep the requests (and the password) from going out.
        bypass_csp(&b).await;

        // A StarRocks cluster called directly from the browser, with a password.
        b.open(&lab.setup.app("/clusters/new")).await;
        b.type_into("#cl-name", cluster).await;
        b.select("#cl-system", "starrocks").await;
        b.click_label("Direct from the browser").await;
        b.type_into("#ep-fe", &format!("http://127.0.0.1:{}", fe.port))
            .await;
        b.type_into("#cl-user", "root").await;
        b.type_into("#cl-pass", "e2e-s3cret").await;
        b.click_button("Save").await;
        b.wait_url("the new cluster's page", |u| {
            u.ends_with(&format!("/starrocks/{cluster}/"))
        })
        .await;

        let hostile = [
            (format!("x:127.0.0.1:{}", elsewhere.port), "/anything"),
            (format!("be:127.0.0.1:{}", elsewhere.port), "/api/health"),
            ("fe".to_string(), "/e2e-undocumented?drop=all"),
        ];
        for (target, path) in &hostile {
            b.open(
                &lab.setup
                    .app(&explorer_path("starrocks", cluster, target, path)),
            )
            .await;
            let text = b
                .wait_text("[data-explorer-refused]", "nothing was sent")
                .await;
            for want in ["Not a documented endpoint", target.as_str(), path] {
                assert!(
                    text.contains(want),
                    "the refusal of {target} {path} does not show '{want}': {text}"
                );
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(
            elsewhere.connections(),
            0,
            "the explorer connected to a host the cluster does not name: {:?}",
            elsewhere.lines()
        );
        let undocumented: Vec<String> = fe
            .lines()
            .into_iter()
            .filter(|l| l.contains("e2e-undocumented"))
            .collect();
        assert!(
            undocumented.is_empty(),
            "the explorer sent an undocumented path to the cluster: {undocumented:?}"
        );

        // Control: a documented endpoint does reach the cluster's URL from this browser, so the
        // listeners would have seen the requests above.
        b.open(
            &lab.setup
                .app(&explorer_path("starrocks", cluster, "fe", "/api/bootstrap")),
        )
        .await;
        eventually(
            "the documented request to reach the cluster's URL",
            async |last| {
                let lines = fe.lines();
                *last = format!("{lines:?}");
                lines
                    .iter()
                    .any(|l| l.contains(" /api/bootstrap "))
                    .then_some(())
            },
        )
        .await;
        assert_eq!(elsewhere.connections(), 0, "{:?}", elsewhere.lines());
    });
}

// ---------------------------------------------------------------------------------------------
// 3. The Content-Security-Policy.

/// Run before any script of each page: records every CSP violation the page reports.
const RECORD_VIOLATIONS: &str = "window.__cspViolations = [];\
    document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(\
    e.effectiveDirective + ' refused ' + (e.blockedURI || '(inline)') + ' at ' +\
    (e.sourceFile || location.href) + ':' + e.lineNumber), true);";

/// Waits until the page shows a view: a heading in `main` that is not the app's "not found".
async fn wait_view(b: &Browser) -> String {
    eventually("a view's heading", async |last| {
        let h = b.texts("main h1").await.into_iter().next()?;
        *last = h.clone();
        let missing = h.is_empty() || h.starts_with("Unknown cluster") || h == "Not found";
        (!missing).then_some(h)
    })
    .await
}

/// The violations the current page has reported so far.
async fn violations(b: &Browser) -> Vec<String> {
    let v = b
        .js("return window.__cspViolations || ['(no recorder)']", vec![])
        .await;
    serde_json::from_value(v).unwrap_or_default()
}

#[test]
fn the_console_and_every_system_render_under_the_policy_without_a_violation() {
    e2e(|lab| async move {
        // The policy is strict: scripts only from the origin (and the loader's hash), no eval, no
        // framing, no plugins.
        let addr = console_authority(&lab);
        let page = raw(
            &addr,
            &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\n"),
        );
        assert_eq!(page.status, 200, "{}", page.head);
        let csp = page.headers("content-security-policy").join(", ");
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "))
            .unwrap_or_default();
        assert!(
            script_src.starts_with("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "script-src: {csp}"
        );
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http"] {
            assert!(!script_src.contains(bad), "script-src allows {bad}: {csp}");
        }
        for want in [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'self'",
        ] {
            assert!(csp.contains(want), "the policy lacks {want}: {csp}");
        }

        let b = lab.browser().await;
        b.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": RECORD_VIOLATIONS }),
        )
        .await;
        let mut seen: Vec<String> = Vec::new();

        b.open(&lab.setup.app("/")).await;
        for name in DEMO_CLUSTERS {
            wait_healthy(&b, name).await;
        }
        seen.extend(violations(&b).await.into_iter().map(|v| format!("/: {v}")));

        for (system, cluster) in [
            ("druid", "demo-druid"),
            ("cockroach", "demo-cockroach"),
            ("starrocks", "demo-starrocks"),
            ("databend-meta", "demo-meta"),
            ("flink", "demo-flink"),
        ] {
            let overview = format!("/{system}/{cluster}/");
            b.open(&lab.setup.app(&overview)).await;
            wait_view(&b).await;
            seen.extend(
                violations(&b)
                    .await
                    .into_iter()
                    .map(|v| format!("{overview}: {v}")),
            );
            let api = format!("/{system}/{cluster}/api");
            b.open(&lab.setup.app(&api)).await;
            explorer_response(&b).await;
            seen.extend(
                violations(&b)
                    .await
                    .into_iter()
                    .map(|v| format!("{api}: {v}")),
            );
        }

        // More of Flink: the task managers, and a job when the cluster has one.
        b.open(&lab.setup.app("/flink/demo-flink/taskmanagers"))
            .await;
        b.wait_for("[data-table=tms]").await;
        seen.extend(
            violations(&b)
                .await
                .into_iter()
                .map(|v| format!("tms: {v}")),
        );
        let job = get_json(&lab.setup, "/jobs/overview")
            .and_then(|o| o["jobs"][0]["jid"].as_str().map(str::to_string));
        if let Some(jid) = job {
            b.open(&lab.setup.app(&format!("/flink/demo-flink/jobs/{jid}")))
                .await;
            b.wait_for("[data-job-state]").await;
            seen.extend(
                violations(&b)
                    .await
                    .into_iter()
                    .map(|v| format!("job: {v}")),
            );
        }
        b.open(&lab.setup.app("/clusters/new")).await;
        b.wait_for("#cl-name").await;
        seen.extend(
            violations(&b)
                .await
                .into_iter()
                .map(|v| format!("form: {v}")),
        );
        assert!(seen.is_empty(), "CSP violations: {seen:#?}");

        // Control: the recorder does see a violation, and the policy does refuse inline script.
        b.js(
            "const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true';\
             document.head.appendChild(s); return null",
            vec![],
        )
        .await;
        let refused = eventually("the inline script's violation", async |_| {
            let v = violations(&b).await;
            (!v.is_empty()).then_some(v)
        })
        .await;
        assert!(
            refused.iter().any(|v| v.starts_with("script-src")),
            "{refused:?}"
        );
        assert_eq!(
            b.js("return window.__inlineRan === true", vec![]).await,
            json!(false),
            "an inline script ran in the console"
        );
    });
}

// ---------------------------------------------------------------------------------------------
// 4. Another site, another host name, an upstream's page.

const SUPERVISORS: &str = "proxy/demo-druid/overlord/druid/indexer/v1/supervisor";

/// A Druid supervisor of the simulator that is running, and whether it is suspended now (asked
/// through the proxy as a tool without an `Origin` would).
fn supervisor_suspended(lab: &Lab, id: &str) -> bool {
    let url = format!("{}{SUPERVISORS}?state=true", lab.setup.app_url);
    let a = request("GET", &url, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.status, 200, "GET {url}: {}", a.body);
    let list: Vec<Value> = serde_json::from_str(&a.body).unwrap_or_default();
    list.iter()
        .find(|s| s["id"] == id)
        .map(|s| s["suspended"] == json!(true))
        .unwrap_or_else(|| panic!("no supervisor {id} in {}", a.body))
}

/// The id of a running (not suspended) supervisor of the simulated Druid.
fn running_supervisor(lab: &Lab) -> String {
    let url = format!("{}{SUPERVISORS}?state=true", lab.setup.app_url);
    let a = request("GET", &url, None).unwrap_or_else(|e| panic!("{e}"));
    let list: Vec<Value> = serde_json::from_str(&a.body).unwrap_or_default();
    list.iter()
        .find(|s| s["suspended"] == json!(false))
        .and_then(|s| s["id"].as_str())
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no running supervisor in {}", a.body))
}

/// Resumes the supervisor when dropped if it was left suspended, so that no other test sees it.
struct Resume<'a>(&'a Lab, String);

impl Drop for Resume<'_> {
    fn drop(&mut self) {
        let url = format!(
            "{}{SUPERVISORS}/{}/resume",
            self.0.setup.app_url,
            encode_query_value(&self.1)
        );
        let _ = request("POST", &url, Some(""));
    }
}

/// The other site's page: it frames the console (and, as a control, a page of its own), reads
/// through the proxy, and forges a POST that would suspend a Druid supervisor.
const OTHER_SITE: &str = r#"<!doctype html>
<html><head><title>another site</title></head><body>
<h1>Nothing to see here</h1>
<iframe name="console" src="CONSOLE" width="640" height="400"></iframe>
<iframe name="own" src="/framed" width="320" height="100"></iframe>
<script>
window.attack = {};
(async () => {
  try {
    const r = await fetch("CONSOLEproxy/demo-druid/coordinator/druid/coordinator/v1/datasources?simple");
    window.attack.read = "read " + r.status + ": " + (await r.text()).slice(0, 200);
  } catch (e) { window.attack.read = "refused: " + e; }
  try {
    await fetch("CONSOLEproxy/demo-druid/overlord/druid/indexer/v1/supervisor/SUPERVISOR/suspend",
      { method: "POST", mode: "no-cors", body: "{}", headers: { "Content-Type": "text/plain" } });
    window.attack.write = "sent";
  } catch (e) { window.attack.write = "refused: " + e; }
  window.attack.done = true;
})();
</script>
</body></html>"#;

/// The frames of the current page (below the top one): name, URL, and the URL of an error page.
async fn child_frames(b: &Browser) -> Vec<(String, String, String)> {
    let tree = b.cdp("Page.getFrameTree", json!({})).await;
    tree["frameTree"]["childFrames"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let frame = &f["frame"];
            let text = |k: &str| frame[k].as_str().unwrap_or_default().to_string();
            (text("name"), text("url"), text("unreachableUrl"))
        })
        .collect()
}

#[test]
fn a_page_of_another_origin_can_neither_use_the_proxy_nor_frame_the_console() {
    e2e(|lab| async move {
        let supervisor = running_supervisor(&lab);
        let _resume = Resume(&lab, supervisor.clone());
        let other = serve_other_site(
            OTHER_SITE
                .replace("CONSOLE", &lab.setup.app_url)
                .replace("SUPERVISOR", &encode_query_value(&supervisor)),
        );
        let b = lab.browser().await;
        b.open(&format!("{other}/")).await;
        let attack = eventually("the other site's requests to finish", async |last| {
            let a = b.js("return window.attack || null", vec![]).await;
            *last = a.to_string();
            (a["done"] == json!(true)).then_some(a)
        })
        .await;
        let read = attack["read"].as_str().unwrap_or_default();
        assert!(
            read.starts_with("refused"),
            "the other site read through the proxy: {read}"
        );
        assert!(
            !supervisor_suspended(&lab, &supervisor),
            "the other site's forged POST ({}) suspended supervisor {supervisor}",
            attack["write"]
        );

        // The console is not shown in the other site's frame; the site's own page is.
        let frames = eventually("both frames to have loaded", async |last| {
            let frames = child_frames(&b).await;
            *last = format!("{frames:?}");
            let own = frames
                .iter()
                .any(|(n, u, _)| n == "own" && u.ends_with("/framed"));
            let console = frames.iter().find(|(n, _, _)| n == "console").is_some_and(
                |(_, u, unreachable)| {
                    !u.is_empty() && u != "about:blank" || !unreachable.is_empty()
                },
            );
            (own && console).then_some(frames)
        })
        .await;
        let (_, url, _) = frames
            .iter()
            .find(|(n, _, _)| n == "console")
            .cloned()
            .unwrap_or_default();
        assert!(
            !url.starts_with(&lab.setup.app_url),
            "the console loaded inside another site's frame: {frames:?}"
        );

        // Control: the same POST from a tool (no Origin) does suspend it, so the URL is right and
        // it was the refusal that kept the supervisor running.
        let url = format!(
            "{}{SUPERVISORS}/{}/suspend",
            lab.setup.app_url,
            encode_query_value(&supervisor)
        );
        let a = request("POST", &url, Some("{}")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.status, 200, "POST {url}: {}", a.body);
        assert!(supervisor_suspended(&lab, &supervisor));
    });
}

#[test]
fn a_foreign_host_name_gets_421_and_nothing_is_forwarded() {
    e2e(|lab| async move {
        let addr = console_authority(&lab);
        let port = addr.rsplit(':').next().unwrap_or_default().to_string();
        let supervisor = running_supervisor(&lab);
        let _resume = Resume(&lab, supervisor.clone());
        let datasources = "/proxy/demo-druid/coordinator/druid/coordinator/v1/datasources?simple";
        let suspend = format!("/{SUPERVISORS}/{}/suspend", encode_query_value(&supervisor));

        // Control: with the console's own name the same requests are answered.
        let ok = raw(
            &addr,
            &format!("GET {datasources} HTTP/1.1\r\nHost: {addr}\r\n"),
        );
        assert_eq!(ok.status, 200, "{}", ok.head);
        assert!(ok.body.contains("wikipedia"), "{}", ok.body);

        let requests = [
            ("GET", "/".to_string(), "Accept: text/html\r\n"),
            ("GET", "/clusters.json".to_string(), ""),
            ("GET", datasources.to_string(), ""),
            ("POST", suspend.clone(), "Content-Length: 0\r\n"),
        ];
        for host in [
            format!("evil.example:{port}"),
            "evil.example".to_string(),
            format!("127.0.0.1.evil.example:{port}"),
            format!("localhost.evil.example:{port}"),
        ] {
            for (method, path, extra) in &requests {
                let a = raw(
                    &addr,
                    &format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}"),
                );
                let what = format!("{method} {path} for Host {host}");
                assert_eq!(a.status, 421, "{what}: {}\n{}", a.head, a.body);
                assert!(
                    a.headers("x-switchboard-upstream").is_empty(),
                    "{what} was forwarded: {}",
                    a.head
                );
                for leak in ["wikipedia", "demo-flink", "<script", ".wasm"] {
                    assert!(!a.body.contains(leak), "{what} answered {leak}: {}", a.body);
                }
            }
        }
        // The host in an absolute-form request line counts, and `X-Forwarded-Host` from a peer
        // that is not the trusted proxy does not make a foreign Host acceptable.
        let absolute = raw(
            &addr,
            &format!("GET http://evil.example:{port}{datasources} HTTP/1.1\r\nHost: {addr}\r\n"),
        );
        assert_eq!(absolute.status, 421, "absolute form: {}", absolute.head);
        let forwarded = raw(
            &addr,
            &format!(
                "GET {datasources} HTTP/1.1\r\nHost: evil.example:{port}\r\nX-Forwarded-Host: {addr}\r\n"
            ),
        );
        assert_eq!(
            forwarded.status, 421,
            "X-Forwarded-Host: {}",
            forwarded.head
        );

        assert!(
            !supervisor_suspended(&lab, &supervisor),
            "a POST for a foreign Host reached Druid and suspended {supervisor}"
        );
    });
}

#[test]
fn an_upstream_html_page_opened_through_the_proxy_cannot_read_the_consoles_storage() {
    e2e(|lab| async move {
        // StarRocks' FE sends its JSON as text/html: a page of the upstream's, on our origin.
        let path = "/proxy/demo-starrocks/fe/api/health";
        let addr = console_authority(&lab);
        let a = raw(
            &addr,
            &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\n"),
        );
        assert_eq!(a.status, 200, "{}", a.head);
        assert!(
            a.headers("content-type")
                .iter()
                .any(|t| t.starts_with("text/html")),
            "not an HTML page: {}",
            a.head
        );
        let policies = a.headers("content-security-policy");
        assert!(
            policies
                .iter()
                .any(|p| p.split(';').any(|d| d.trim() == "sandbox")),
            "no sandbox policy on an upstream page: {}",
            a.head
        );
        assert_eq!(a.headers("x-content-type-options"), ["nosniff"]);

        let b = lab.browser().await;
        b.open(&lab.setup.app("/")).await;
        b.wait_for("[data-table=clusters]").await;
        // Control: the console's origin reads what it stored.
        let stored = b
            .js(
                "localStorage.setItem('e2e-secret', 'console only');\
                 return localStorage.getItem('e2e-secret')",
                vec![],
            )
            .await;
        assert_eq!(stored, json!("console only"));

        b.open(&lab.setup.app(path)).await;
        let seen = b
            .js(
                "const r = { origin: self.origin, type: document.contentType,\
                   text: document.body ? document.body.innerText.slice(0, 100) : '' };\
                 try { r.secret = localStorage.getItem('e2e-secret'); } catch (e) { r.storage = e.name; }\
                 try { r.cookie = document.cookie; } catch (e) { r.cookies = e.name; }\
                 return r;",
                vec![],
            )
            .await;
        assert_eq!(seen["type"], json!("text/html"), "{seen}");
        assert!(
            seen["text"]
                .as_str()
                .unwrap_or_default()
                .contains("online_backend_num"),
            "not the upstream's answer: {seen}"
        );
        assert_eq!(
            seen["origin"],
            json!("null"),
            "not an opaque origin: {seen}"
        );
        assert_eq!(
            seen["storage"],
            json!("SecurityError"),
            "the upstream page reached the console's storage: {seen}"
        );
        assert!(seen["secret"].is_null(), "{seen}");

        // Nor can it use the proxy with the console's standing: its requests carry Origin null.
        let status = b
            .js(
                "return fetch(arguments[0]).then(r => 'status ' + r.status, e => 'refused: ' + e)",
                vec![json!(lab.setup.app(
                    "/proxy/demo-druid/coordinator/druid/coordinator/v1/datasources?simple"
                ))],
            )
            .await;
        assert!(
            status.as_str().unwrap_or_default().starts_with("refused"),
            "the upstream page read through the proxy: {status}"
        );
    });
}
