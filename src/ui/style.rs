//! Scoped component styles. Each component's CSS file is scoped by stylers' `style_sheet_str!`
//! (a random class per stylesheet, unlike `style!`, whose class depends only on the CSS length and
//! collides). A component registers its own stylesheet by building its [`Scope`] with
//! [`Scope::of`]: the sheet is put into the page once, the first time a component of it renders, so
//! no central list names the stylesheets and a system's styles arrive with its views.

/// A stylesheet as `style_sheet_str!` gives it: `(scoping class, css)`.
pub type Sheet = (&'static str, &'static str);

/// A component's scoping class, used to build its elements' class attributes.
#[derive(Clone, Copy, Debug)]
pub struct Scope(pub &'static str);

impl Scope {
    /// The scope of `sheet`, registering the sheet in the page if it is not there yet.
    pub fn of(sheet: Sheet) -> Scope {
        register(sheet);
        Scope(sheet.0)
    }

    /// `"a b"` → `"a b <scope>"`: the names plus the scoping class.
    pub fn cls(self, names: &str) -> String {
        format!("{names} {}", self.0)
    }
}

/// Puts `sheet` into the document's head as `<style data-scope="<class>">`, once per class.
#[cfg(target_arch = "wasm32")]
pub fn register(sheet: Sheet) {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        static REGISTERED: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
    }
    let first = REGISTERED.with(|r| r.borrow_mut().insert(sheet.0));
    if !first {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(head) = document.head() else {
        return;
    };
    if let Ok(style) = document.create_element("style") {
        let _ = style.set_attribute("data-scope", sheet.0);
        style.set_text_content(Some(sheet.1));
        let _ = head.append_child(&style);
    }
}

/// On the host (unit tests) there is no page: registering does nothing.
#[cfg(not(target_arch = "wasm32"))]
pub fn register(_sheet: Sheet) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stylesheet_is_scoped_by_its_class() {
        let sheets: [Sheet; 2] = [crate::ui::table::view::STYLE, crate::shell::STYLE];
        for (class, css) in sheets {
            assert!(class.starts_with("l-"), "{class}");
            assert!(
                css.contains(&format!(".{class}")),
                "stylesheet of {class} is not scoped: {css}"
            );
        }
    }
}
