//! A panic that slips through replaces the page with the stop notice of `index.html`: what
//! happened, the panic's text (as text), and a Reload button.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The inline script of the shipped `index.html`, run in this page as the browser would run it.
fn install_stop_notice() {
    let html = include_str!("../index.html");
    let start = html
        .find("<script>")
        .expect("index.html has an inline script")
        + "<script>".len();
    let end = html[start..].find("</script>").expect("closed") + start;
    let doc = web_sys::window().unwrap().document().unwrap();
    let script = doc.create_element("script").unwrap();
    script.set_text_content(Some(&html[start..end]));
    doc.head().unwrap().append_child(&script).unwrap();
}

#[wasm_bindgen_test]
async fn a_panic_replaces_the_page_with_its_text_and_a_reload_button() {
    install_stop_notice();
    switchboard::app::keep_panic_text();
    let doc = web_sys::window().unwrap().document().unwrap();
    let app = doc.create_element("main").unwrap();
    app.set_text_content(Some("the console"));
    doc.body().unwrap().append_child(&app).unwrap();
    assert!(doc.get_element_by_id("sb-panic").is_none());

    // A panic in an event callback, as one in a click handler or a timer would be.
    let boom = Closure::once_into_js::<_, _, ()>(|| {
        panic!("decoder bug <img src=x onerror=\"window.pwned=1\">");
    });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0)
        .unwrap();
    let mut notice = None;
    for _ in 0..50 {
        gloo_timers::future::TimeoutFuture::new(20).await;
        notice = doc.get_element_by_id("sb-panic");
        if notice.is_some() {
            break;
        }
    }
    let notice = notice.expect("no stop notice after a panic");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap_or_default();
    assert!(text.contains("Switchboard stopped"), "{text}");
    assert!(
        text.contains("decoder bug <img src=x onerror=\"window.pwned=1\">"),
        "the panic's text is not shown as text: {text}"
    );
    assert!(
        notice.query_selector("img").unwrap().is_none(),
        "markup was injected"
    );
    let button = notice
        .query_selector("button")
        .unwrap()
        .expect("no Reload button");
    assert_eq!(button.text_content().as_deref(), Some("Reload"));
    assert!(
        app.has_attribute("inert"),
        "the dead page can still be reached"
    );
}
