//! Component tests in a real browser (headless Chromium through wasm-bindgen-test): the data
//! table's sort, filter and paging, and their round trip through the URL.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use switchboard::ui::{Cell, Column, DataTable};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Debug, PartialEq)]
struct Job {
    name: String,
    parallelism: i64,
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn set_url(path_and_query: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path_and_query))
        .unwrap();
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

async fn settle() {
    for _ in 0..3 {
        gloo_timers::future::TimeoutFuture::new(30).await;
    }
}

/// Mounts a table of `n` jobs named job-00000.. with parallelism i % 7, in a fresh container.
fn mount(n: usize) -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let rows: Vec<Job> = (0..n)
        .map(|i| Job {
            name: format!("job-{i:05}"),
            parallelism: (i % 7) as i64,
        })
        .collect();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        let columns = vec![
            Column::text("name", "Name", |j: &Job| j.name.as_str().into()),
            Column::num("parallelism", "Parallelism", |j: &Job| {
                Cell::from(j.parallelism)
            }),
        ];
        let rows = rows.clone();
        view! { <Router><DataTable id="jobs" columns rows=Signal::derive(move || rows.clone()) /></Router> }
    });
    std::mem::forget(handle);
    container
}

fn first_cells(root: &web_sys::HtmlElement, n: usize) -> Vec<String> {
    let cells = root.query_selector_all("tbody tr td:first-child").unwrap();
    (0..cells.length().min(n as u32))
        .map(|i| cells.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .expect(selector)
        .unchecked_into();
    el.click();
}

/// The element that scrolls the table's rows.
fn scroller_of(root: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    root.query_selector("tbody")
        .unwrap()
        .unwrap()
        .closest("div")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// Sets the value of the input `selector` and sends the input event a keystroke sends.
fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .expect(selector)
        .unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn count(root: &web_sys::HtmlElement) -> String {
    root.query_selector("[data-count]")
        .unwrap()
        .unwrap()
        .get_attribute("data-count")
        .unwrap()
}

#[wasm_bindgen_test]
async fn header_click_sorts_and_writes_the_url() {
    set_url("/?other=kept");
    let root = mount(250);
    settle().await;
    assert_eq!(first_cells(&root, 2), ["job-00000", "job-00001"]);
    click(&root, "th[data-col=name]");
    settle().await;
    click(&root, "th[data-col=name]");
    settle().await;
    assert_eq!(first_cells(&root, 2), ["job-00249", "job-00248"]);
    let s = search();
    assert!(s.contains("jobs.sort=name:desc"), "{s}");
    assert!(s.contains("other=kept"), "{s}");
    root.remove();
}

#[wasm_bindgen_test]
async fn state_in_the_url_is_restored_on_mount() {
    set_url("/?jobs.f.parallelism=%3E5&jobs.sort=name:desc&jobs.size=25&jobs.page=2");
    let root = mount(250);
    settle().await;
    // parallelism 6: i = 6, 13, ..., 244 → 35 rows; descending: 244, 237, ...; page 2 of size 25 starts at the 26th.
    assert_eq!(count(&root), "35");
    let rows = first_cells(&root, 100);
    assert_eq!(rows.len(), 10, "{rows:?}");
    assert_eq!(rows[0], format!("job-{:05}", 244 - 7 * 25));
    let filter: web_sys::HtmlInputElement = root
        .query_selector("input[data-filter=parallelism]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(filter.value(), ">5");
    root.remove();
}

#[wasm_bindgen_test]
async fn typing_a_filter_narrows_rows_and_resets_the_page() {
    set_url("/?jobs.page=3");
    let root = mount(1000);
    settle().await;
    type_into(&root, "input[data-filter=name]", "job-009");
    settle().await;
    assert_eq!(count(&root), "100");
    assert_eq!(first_cells(&root, 1), ["job-00900"]);
    let s = search();
    assert!(
        s.contains("jobs.f.name=job-009") && !s.contains("jobs.page"),
        "{s}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_hundred_thousand_rows_render_one_page() {
    set_url("/");
    let root = mount(100_000);
    settle().await;
    assert_eq!(count(&root), "100000");
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 100);
    click(&root, "button[aria-label='Last page']");
    settle().await;
    assert_eq!(first_cells(&root, 1), ["job-99900"]);
    assert!(search().contains("jobs.page=1000"), "{}", search());
    root.remove();
}

#[wasm_bindgen_test]
async fn all_rows_on_one_page_keep_only_the_rows_in_view_in_the_page() {
    set_url("/?jobs.size=all");
    let root = mount(100_000);
    settle().await;
    assert_eq!(count(&root), "100000");
    let drawn = root
        .query_selector_all("tbody tr[data-row]")
        .unwrap()
        .length();
    assert!((20..200).contains(&drawn), "{drawn} rows in the DOM");
    assert_eq!(first_cells(&root, 1), ["job-00000"]);
    let scroller = scroller_of(&root);
    assert!(
        scroller.scroll_height() > 100_000 * 20,
        "the spacers keep the full height"
    );
    scroller.set_scroll_top(50_000 * 29);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    let shown = first_cells(&root, 1000);
    assert!(
        shown.len() < 200 && shown.first().is_some_and(|n| n.as_str() > "job-40000"),
        "{} rows from {:?}",
        shown.len(),
        shown.first()
    );
    // The rows in the DOM cover the whole visible area of the scroller.
    let drawn = root.query_selector_all("tbody tr[data-row]").unwrap();
    let rect = |i: u32| {
        drawn
            .item(i)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .get_bounding_client_rect()
    };
    let view = scroller.get_bounding_client_rect();
    assert!(rect(0).top() <= view.top() + 40.0, "a gap above the rows");
    assert!(
        rect(drawn.length() - 1).bottom() >= view.bottom(),
        "a gap below the rows"
    );
    root.remove();
}

/// The row element whose first cell reads `name`, if it is in the DOM.
fn row_of(root: &web_sys::HtmlElement, name: &str) -> Option<web_sys::Element> {
    let rows = root.query_selector_all("tbody tr[data-row]").unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().unchecked_into::<web_sys::Element>())
        .find(|tr| {
            tr.query_selector("td")
                .ok()
                .flatten()
                .and_then(|td| td.text_content())
                .as_deref()
                == Some(name)
        })
}

#[wasm_bindgen_test]
async fn rows_that_stay_in_view_keep_their_elements_while_scrolling() {
    set_url("/?jobs.size=all");
    let root = mount(10_000);
    settle().await;
    row_of(&root, "job-00030")
        .expect("row 30 drawn at the top")
        .set_attribute("data-mark", "kept")
        .unwrap();
    let scroller = scroller_of(&root);
    // Forty rows down: the window moves past the first rows, row 30 stays in it.
    scroller.set_scroll_top(40 * 29);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    assert!(row_of(&root, "job-00000").is_none(), "the window moved");
    let kept = row_of(&root, "job-00030").expect("row 30 still drawn");
    assert_eq!(
        kept.get_attribute("data-mark").as_deref(),
        Some("kept"),
        "row 30 was drawn again instead of kept"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_search_finds_text_and_numbers_and_narrows_as_it_grows() {
    set_url("/");
    let root = mount(10_000);
    settle().await;
    for (typed, rows, first) in [
        ("JOB-09", "1000", "job-09000"),
        ("job-099", "100", "job-09900"),
        ("job-0999", "10", "job-09990"),
        ("job-09", "1000", "job-09000"),
    ] {
        type_into(&root, "input[aria-label=Search]", typed);
        settle().await;
        assert_eq!(count(&root), rows, "{typed}");
        assert_eq!(first_cells(&root, 1), [first], "{typed}");
    }
    // Numbers are searched as they are shown: parallelism 6 is i % 7 == 6, plus names with a 6.
    type_into(&root, "input[aria-label=Search]", "6");
    settle().await;
    let with_six = (0..10_000)
        .filter(|i| format!("job-{i:05}").contains('6') || i % 7 == 6)
        .count();
    assert_eq!(count(&root), with_six.to_string());
    root.remove();
}
