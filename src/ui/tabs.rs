//! A row of tabs that are links, so the chosen tab lives in the URL and a copied link opens it.

use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of the tab bar.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/tabs.css");
const _TRACK: &str = include_str!("tabs.css");

/// One tab: where it leads and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct TabLink {
    /// The link (already base-path aware, see `crate::shell::href`).
    pub href: String,
    /// The text.
    pub label: String,
    /// Whether it is the tab shown now.
    pub active: bool,
}

/// The tab bar; `small` for tabs nested in a panel.
#[component]
pub fn Tabs(
    /// The tabs, in order.
    #[prop(into)]
    tabs: Signal<Vec<TabLink>>,
    /// Smaller tabs (second level).
    #[prop(optional)]
    small: bool,
    /// Tabs that cannot be opened now, as `(label, reason)`: drawn disabled, the reason as tooltip.
    #[prop(optional, into)]
    disabled: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let class = s.cls(if small { "tab tab-small" } else { "tab" });
    let off = s.cls(if small {
        "tab tab-small tab-disabled"
    } else {
        "tab tab-disabled"
    });
    view! {
        <nav class=s.cls("tabs") role="tablist">
            {move || {
                let disabled = disabled.get();
                tabs.get().into_iter().map(|t| match disabled.iter().find(|(l, _)| *l == t.label) {
                    Some((_, reason)) => view! {
                        <span class=off.clone() role="tab" aria-disabled="true" title=reason.clone() data-disabled-reason=reason.clone()>{t.label}</span>
                    }.into_any(),
                    None => view! {
                        <a class=class.clone() role="tab" href=t.href aria-current=if t.active { "page" } else { "false" }
                            aria-selected=t.active.to_string()>{t.label}</a>
                    }.into_any(),
                }).collect_view()
            }}
        </nav>
    }
}

/// A view's tabs as one type: each tab's URL name and label, in display order, the first being
/// the default. Declare one with [`tab_set!`](crate::ui::tabs::tab_set).
pub trait TabSet: Copy + PartialEq + Send + Sync + 'static {
    /// Every tab, in display order; the first is the default.
    const ALL: &'static [Self];
    /// The tab's name in the URL.
    fn slug(self) -> &'static str;
    /// The tab's label.
    fn label(self) -> &'static str;
    /// The tab named `slug` (unknown or absent: the default).
    fn parse(slug: Option<&str>) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|t| Some(t.slug()) == slug)
            .unwrap_or(Self::ALL[0])
    }
}

/// Declares a view's tabs as an enum implementing [`TabSet`]; the first tab is the default:
///
/// ```ignore
/// tab_set! {
///     /// The job manager's tabs.
///     pub enum JmTab {
///         /// Its configuration.
///         Configuration = ("", "Configuration"),
///         /// Its log files.
///         Logs = ("logs", "Logs"),
///     }
/// }
/// ```
macro_rules! tab_set {
    ($(#[$doc:meta])* $vis:vis enum $name:ident {
        $($(#[$vdoc:meta])* $variant:ident = ($slug:literal, $label:literal)),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $crate::ui::tabs::TabSet for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}
pub(crate) use tab_set;

/// The links of every tab of `T`, `current` marked: `href` gives each tab's link, `label` its text
/// (usually [`TabSet::label`], sometimes with a note such as the version it needs).
pub fn tab_links<T: TabSet>(
    current: T,
    href: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
) -> Vec<TabLink> {
    T::ALL
        .iter()
        .map(|&t| TabLink {
            href: href(t),
            label: label(t),
            active: t == current,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    tab_set! {
        /// Tabs of a test view.
        enum Demo {
            /// The default.
            First = ("", "First"),
            /// Another.
            Second = ("second", "Second tab"),
        }
    }

    #[test]
    fn tabs_round_trip_through_their_url_names_and_default_to_the_first() {
        for &t in Demo::ALL {
            assert_eq!(Demo::parse(Some(t.slug())), t);
        }
        assert_eq!(Demo::parse(None), Demo::First);
        assert_eq!(Demo::parse(Some("nonsense")), Demo::First);
        let links = tab_links(
            Demo::Second,
            |t| format!("/v/{}", t.slug()),
            |t| t.label().into(),
        );
        assert_eq!(
            links
                .iter()
                .map(|l| (l.href.as_str(), l.active))
                .collect::<Vec<_>>(),
            [("/v/", false), ("/v/second", true)]
        );
        assert_eq!(links[1].label, "Second tab");
    }
}
