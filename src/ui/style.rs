//! Scoped component styles. Each component's CSS file is scoped by stylers' `style_sheet_str!`
//! (a random class per stylesheet, unlike `style!`, whose class depends only on the CSS length and
//! collides), collected here and injected once as one `<style>` element.

use leptos::prelude::*;

/// A component's scoping class, used to build its elements' class attributes.
#[derive(Clone, Copy, Debug)]
pub struct Scope(pub &'static str);

impl Scope {
    /// `"a b"` → `"a b <scope>"`: the names plus the scoping class.
    pub fn cls(self, names: &str) -> String {
        format!("{names} {}", self.0)
    }
}

/// Every scoped stylesheet of the app: `(class, css)`.
pub fn all() -> Vec<(&'static str, &'static str)> {
    vec![
        super::table::view::STYLE,
        super::json_view::STYLE,
        super::feedback::STYLE,
        super::dialog::STYLE,
        crate::shell::STYLE,
        super::tabs::STYLE,
        super::dag::view::STYLE,
        super::chart::STYLE,
        super::upload::STYLE,
        super::log_viewer::STYLE,
        super::operation::STYLE,
        super::flame::STYLE,
        crate::systems::flink::views::STYLE,
    ]
}

/// Injects every scoped stylesheet.
#[component]
pub fn ScopedStyles() -> impl IntoView {
    let css: String = all()
        .into_iter()
        .map(|(_, css)| css)
        .collect::<Vec<_>>()
        .join("\n");
    view! { <style id="sb-scoped">{css}</style> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_stylesheets_share_a_scoping_class() {
        let all = all();
        for (i, (a, _)) in all.iter().enumerate() {
            for (b, _) in &all[i + 1..] {
                assert_ne!(
                    a, b,
                    "two components share the scoping class {a}: rebuild to draw new ones"
                );
            }
        }
    }

    #[test]
    fn every_stylesheet_is_scoped_by_its_class() {
        for (class, css) in all() {
            assert!(class.starts_with("l-"), "{class}");
            assert!(
                css.contains(&format!(".{class}")),
                "stylesheet of {class} is not scoped: {css}"
            );
        }
    }
}
