//! Views that only some clusters serve (e.g. Flink 2.3+): wait for `GET /config`, then show the
//! view or, instead of sending requests that would fail, the reason it is not available.

use crate::systems::flink::capabilities::{Capabilities, Gate};
use crate::systems::flink::context::use_flink;
use crate::ui::Loading;
use leptos::prelude::*;

/// What a gated view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GateView {
    /// `GET /config` has not answered yet.
    Wait,
    /// The view (also when `/config` failed: the server has the last word).
    Open,
    /// The reason instead of the view.
    Closed(String),
}

/// What to show, from whether `/config` answered and the gate (`None` while what it depends on,
/// e.g. the job, is still loading).
pub fn gate_view(answered: bool, gate: Option<Gate>) -> GateView {
    match (answered, gate) {
        (false, _) | (_, None) => GateView::Wait,
        (true, Some(Gate::Allowed)) => GateView::Open,
        (true, Some(Gate::Forbidden(r))) => GateView::Closed(r),
    }
}

/// Renders `child` once the cluster's version is known and `gate` allows it; the reason
/// otherwise (the child, and the requests it sends, are not created then). `gate` answers
/// `None` while it cannot tell yet.
pub fn gated(
    gate: impl Fn(&Capabilities) -> Option<Gate> + Send + Sync + 'static,
    child: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let flink = use_flink();
    let state = Memo::new(move |_| gate_view(flink.answered.get(), gate(&flink.caps())));
    (move || match state.get() {
        GateView::Wait => view! { <Loading what="what this cluster serves" /> }.into_any(),
        GateView::Open => child(),
        GateView::Closed(r) => view! { <p class="sb-dim" data-unavailable="">{r}</p> }.into_any(),
    })
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_for_the_config_then_opens_or_says_why() {
        assert_eq!(gate_view(false, Some(Gate::Allowed)), GateView::Wait);
        assert_eq!(gate_view(true, None), GateView::Wait);
        assert_eq!(gate_view(true, Some(Gate::Allowed)), GateView::Open);
        assert_eq!(
            gate_view(true, Some(Gate::Forbidden("old".into()))),
            GateView::Closed("old".into())
        );
    }
}
