//! Helpers the browser test files share: the document, a fresh container to mount into, and
//! waiting for the reactive system and the DOM to settle.

#![allow(dead_code)]

use wasm_bindgen::JsCast;

/// The test page's document.
pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets effects, resources and timers run.
pub async fn settle() {
    for _ in 0..4 {
        gloo_timers::future::TimeoutFuture::new(30).await;
    }
}

/// A fresh 900 px wide container appended to the body.
pub fn container() -> web_sys::HtmlElement {
    let c: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    c.style().set_property("width", "900px").unwrap();
    document().body().unwrap().append_child(&c).unwrap();
    c
}
