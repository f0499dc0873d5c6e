//! One browser session: headless Chromium with a fresh profile (a "new browser context": nothing
//! stored by an earlier session is visible), and the few things a test does with a page.

use crate::setup::Setup;
use crate::wait::eventually;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The window size of every session.
pub const WINDOW: (u32, u32) = (1400, 900);

static SESSIONS: AtomicUsize = AtomicUsize::new(0);

/// A WebDriver session on headless Chromium. Cheap to clone (clones share the session).
#[derive(Clone, Debug)]
pub struct Browser {
    client: Client,
    profile: PathBuf,
}

impl Browser {
    /// Starts Chromium with a profile directory of its own under `setup.tmp`.
    pub async fn start(setup: &Setup) -> Browser {
        let n = SESSIONS.fetch_add(1, Ordering::SeqCst);
        let profile = setup
            .tmp
            .join(format!("profile-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", profile.display()));
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": setup.chromium, "args": args },
        });
        let Value::Object(caps) = caps else {
            unreachable!("a JSON object literal")
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&setup.webdriver_url)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start a Chromium session at {}: {e}",
                    setup.webdriver_url
                )
            });
        Browser { client, profile }
    }

    /// Ends the session and removes its profile.
    pub async fn quit(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Loads `url` (a full page load).
    pub async fn open(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The address bar.
    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// Runs `script` (a function body; arguments in `arguments`) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.js(
            "return document.querySelectorAll(arguments[0]).length",
            vec![json!(css)],
        )
        .await
        .as_u64()
        .unwrap_or(0) as usize
    }

    /// The visible text of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .js(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText)",
                vec![json!(css)],
            )
            .await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|t| t.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The value of attribute `name` on the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let v = self
            .js(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                vec![json!(css), json!(name)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// The current value of the form control matching `css` (what the user sees in it).
    pub async fn value(&self, css: &str) -> Option<String> {
        let v = self
            .js(
                "const e = document.querySelector(arguments[0]); return e ? e.value : null",
                vec![json!(css)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// Whether the checkbox or radio button matching `css` is checked.
    pub async fn checked(&self, css: &str) -> bool {
        self.js(
            "const e = document.querySelector(arguments[0]); return !!(e && e.checked)",
            vec![json!(css)],
        )
        .await
        .as_bool()
        .unwrap_or(false)
    }

    /// The text of the whole page.
    pub async fn page_text(&self) -> String {
        self.js(
            "return document.body ? document.body.innerText : ''",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The page's HTML as it is now (after the app rendered it).
    pub async fn page_html(&self) -> String {
        self.js("return document.documentElement.outerHTML", vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until an element matches `css` and returns it.
    pub async fn wait_for(&self, css: &str) -> Element {
        eventually(
            &format!("an element matching `{css}` at {}", self.url().await),
            async |_| self.client.find(Locator::Css(css)).await.ok(),
        )
        .await
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        eventually(&format!("no element matching `{css}`"), async |_| {
            (self.count(css).await == 0).then_some(())
        })
        .await
    }

    /// Waits until the first element matching `css` shows text containing `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        eventually(&format!("`{css}` to show '{needle}'"), async |last| {
            let t = self.texts(css).await.into_iter().next()?;
            *last = t.clone();
            t.contains(needle).then_some(t)
        })
        .await
    }

    /// Waits until the address bar satisfies `pred`; returns it.
    pub async fn wait_url(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        eventually(&format!("the address to be {what}"), async |last| {
            let u = self.url().await;
            *last = u.clone();
            pred(&u).then_some(u)
        })
        .await
    }

    /// Clicks the first element matching `css` once it is there (retried while the app re-renders).
    pub async fn click(&self, css: &str) {
        eventually(&format!("a click on `{css}`"), async |last| {
            match self.client.find(Locator::Css(css)).await {
                Ok(e) => match e.click().await {
                    Ok(()) => Some(()),
                    Err(err) => {
                        *last = err.to_string();
                        None
                    }
                },
                Err(err) => {
                    *last = err.to_string();
                    None
                }
            }
        })
        .await
    }

    /// Double-clicks the middle of the first element matching `css` as a mouse does (two presses,
    /// the second with a click count of 2), through DevTools input events.
    pub async fn double_click(&self, css: &str) {
        let at = eventually(&format!("`{css}` on the page"), async |last| {
            let v = self
                .js(
                    "const e = document.querySelector(arguments[0]); if (!e) return null; \
                     e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); \
                     return [r.x + r.width / 2, r.y + r.height / 2];",
                    vec![json!(css)],
                )
                .await;
            *last = v.to_string();
            Some((v.get(0)?.as_f64()?, v.get(1)?.as_f64()?))
        })
        .await;
        for count in [1, 2] {
            for kind in ["mousePressed", "mouseReleased"] {
                self.cdp(
                    "Input.dispatchMouseEvent",
                    json!({"type": kind, "x": at.0, "y": at.1, "button": "left", "clickCount": count}),
                )
                .await;
            }
        }
    }

    /// Clicks the first element matching `xpath` once it is there (retried while the app
    /// re-renders).
    pub async fn click_xpath(&self, xpath: &str) {
        eventually(&format!("a click on `{xpath}`"), async |last| {
            match self.client.find(Locator::XPath(xpath)).await {
                Ok(e) => e.click().await.map_err(|err| *last = err.to_string()).ok(),
                Err(err) => {
                    *last = err.to_string();
                    None
                }
            }
        })
        .await
    }

    /// Clicks the button whose text is `label`.
    pub async fn click_button(&self, label: &str) {
        self.click_xpath(&format!("//button[normalize-space(.)='{label}']"))
            .await
    }

    /// Clicks the link of the side navigation whose text is `text`.
    pub async fn click_nav(&self, text: &str) {
        self.click_xpath(&format!("//nav//a[normalize-space(.)='{text}']"))
            .await
    }

    /// Clicks the `<label>` whose text is `text` (e.g. to pick a radio button).
    pub async fn click_label(&self, text: &str) {
        self.click_xpath(&format!("//label[normalize-space(.)='{text}']"))
            .await
    }

    /// Replaces the text of the input matching `css` by typing `text` into it, as a user would
    /// (select all, delete, type).
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot focus `{css}`: {e}"));
        let select_all = format!(
            "{}a{}{}",
            char::from(Key::Control),
            char::from(Key::Null),
            char::from(Key::Backspace)
        );
        input
            .send_keys(&select_all)
            .await
            .unwrap_or_else(|e| panic!("cannot clear `{css}`: {e}"));
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into `{css}`: {e}"));
    }

    /// Picks the option with value `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let select = self.wait_for(css).await;
        select
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("cannot select '{value}' in `{css}`: {e}"));
    }

    /// Runs a Chrome DevTools command in the session (chromedriver's `goog/cdp/execute`) and
    /// returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        #[derive(Debug)]
        struct Execute(Value);
        impl fantoccini::wd::WebDriverCompatibleCommand for Execute {
            fn endpoint(
                &self,
                base: &::url::Url,
                session: Option<&str>,
            ) -> Result<::url::Url, ::url::ParseError> {
                base.join(&format!(
                    "session/{}/goog/cdp/execute",
                    session.unwrap_or_default()
                ))
            }
            fn method_and_body(&self, _: &::url::Url) -> (::http::Method, Option<String>) {
                (::http::Method::POST, Some(self.0.to_string()))
            }
        }
        self.client
            .issue_cmd(Execute(json!({ "cmd": cmd, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"))
    }

    /// A PNG screenshot of the window.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot failed: {e}"))
    }
}
