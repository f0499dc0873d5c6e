//! Druid's configuration page: retention rules edited through the form, saved with a comment,
//! found in the history and compared with the version before; a coordinator dynamic config value
//! changed, its diff seen before saving, and the change found in the history.

use switchboard_e2e::app::assert_no_error_panel;
use switchboard_e2e::{e2e, eventually, Browser};

/// The texts of the `+` (or `-`) lines of the diff labelled `label`.
async fn diff_lines(b: &Browser, label: &str, mark: &str) -> Vec<String> {
    b.texts(&format!("[data-diff={label}] [data-diff-line='{mark}']"))
        .await
}

#[test]
fn rules_edited_in_the_form_are_saved_with_a_comment_and_diffed_in_the_history() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(
            &lab.setup
                .app("/druid/demo-druid/config?datasource=wikipedia"),
        )
        .await;
        // The rules that apply: wikipedia's own, then the default ones.
        b.wait_text("[data-effective-rules]", "loadByPeriod P90D")
            .await;
        let replicas = "[data-rules-editor] [data-rule='0'] [data-tier-replicas='0']";
        eventually("the first rule's replicas", async |last| {
            let v = b.value(replicas).await.unwrap_or_default();
            *last = v.clone();
            (v == "1").then_some(())
        })
        .await;

        // Change the replicas; the JSON to send and the changes follow.
        b.type_into(replicas, "3").await;
        b.wait_text("[data-rules-preview]", "\"_default_tier\": 3")
            .await;
        let added = diff_lines(&b, "rules-changes", "+").await;
        assert!(
            added.iter().any(|l| l.contains("\"_default_tier\": 3")),
            "the changes do not show the new count: {added:?}"
        );

        // Saving without a comment is refused, and the form is kept.
        b.click("[data-save-rules]").await;
        b.wait_text("[data-save-error]", "comment").await;
        assert_eq!(b.value(replicas).await.as_deref(), Some("3"));

        b.type_into("[data-audit=author]", "e2e").await;
        b.type_into("[data-audit=comment]", "e2e: three replicas")
            .await;
        b.click("[data-save-rules]").await;

        // The history shows the change with its comment.
        b.wait_text("[data-history=rules-history]", "e2e: three replicas")
            .await;
        b.wait_text("[data-effective-rules]", "_default_tier×3")
            .await;

        // Choose the two versions: the recorded one and the new one.
        let options = eventually("two versions to compare", async |last| {
            let v = b
                .js(
                    "return [...document.querySelectorAll('select[data-diff-pick=from] option')].map(o => o.value).filter(v => v)",
                    vec![],
                )
                .await;
            let v: Vec<String> = v
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            *last = format!("{v:?}");
            (v.len() >= 2).then_some(v)
        })
        .await;
        let (newest, oldest) = (&options[0], &options[options.len() - 1]);
        // By default the previous and the newest version; reversed, the diff is reversed.
        b.select("select[data-diff-pick=from]", newest).await;
        b.select("select[data-diff-pick=to]", oldest).await;
        b.wait_url("the chosen versions", |u| {
            u.contains("from=") && u.contains("to=")
        })
        .await;
        eventually("the reversed diff", async |last| {
            let a = diff_lines(&b, "history", "+").await;
            *last = format!("{a:?}");
            a.iter()
                .any(|l| l.contains("\"_default_tier\": 1"))
                .then_some(())
        })
        .await;
        b.select("select[data-diff-pick=from]", oldest).await;
        b.select("select[data-diff-pick=to]", newest).await;
        let (added, removed) = eventually("the diff between the versions", async |last| {
            let (a, r) = (
                diff_lines(&b, "history", "+").await,
                diff_lines(&b, "history", "-").await,
            );
            *last = format!("+{a:?} -{r:?}");
            (a.iter().any(|l| l.contains("\"_default_tier\": 3"))
                && r.iter().any(|l| l.contains("\"_default_tier\": 1")))
            .then_some((a, r))
        })
        .await;
        assert_eq!(added.len(), 1, "one line added: {added:?}");
        assert_eq!(removed.len(), 1, "one line removed: {removed:?}");
        assert_no_error_panel(&b).await;
    });
}

#[test]
fn a_coordinator_config_change_is_diffed_before_saving_and_found_in_the_history() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app("/druid/demo-druid/config/coordinator"))
            .await;
        let field = "input[data-field=maxSegmentsToMove]";
        eventually("the loaded config", async |last| {
            let v = b.value(field).await.unwrap_or_default();
            *last = v.clone();
            (v == "100").then_some(())
        })
        .await;
        b.wait_for("[data-diff=changes] [data-diff-none]").await;

        // Change one value; leaving the field shows the diff.
        b.type_into(field, "150").await;
        b.type_into("[data-audit=comment]", "e2e: move more segments")
            .await;
        let added = eventually("the diff before saving", async |last| {
            let a = diff_lines(&b, "changes", "+").await;
            *last = format!("{a:?}");
            a.iter()
                .any(|l| l.contains("\"maxSegmentsToMove\": 150"))
                .then_some(a)
        })
        .await;
        assert_eq!(added.len(), 1, "{added:?}");
        let removed = diff_lines(&b, "changes", "-").await;
        assert!(
            removed.len() == 1 && removed[0].contains("\"maxSegmentsToMove\": 100"),
            "{removed:?}"
        );
        assert!(
            b.value("[data-json-editor]")
                .await
                .unwrap_or_default()
                .contains("\"maxSegmentsToMove\": 150"),
            "the JSON does not follow the field"
        );

        b.click("[data-save-config]").await;
        b.wait_text("[data-history=config-history]", "e2e: move more segments")
            .await;
        // After saving, the editor shows the saved config and nothing left to save.
        b.wait_for("[data-diff=changes] [data-diff-none]").await;
        assert_eq!(b.value(field).await.as_deref(), Some("150"));
        // The history's default diff compares the previous and the new version.
        let added = eventually("the history diff", async |last| {
            let a = diff_lines(&b, "history", "+").await;
            *last = format!("{a:?}");
            a.iter()
                .any(|l| l.contains("\"maxSegmentsToMove\": 150"))
                .then_some(a)
        })
        .await;
        assert!(!added.is_empty());
        assert_no_error_panel(&b).await;
    });
}

#[test]
fn the_compaction_and_workers_tabs_show_the_configs() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(
            &lab.setup
                .app("/druid/demo-druid/config/compaction?datasource=kttm"),
        )
        .await;
        let skip = "[data-datasource-compaction=kttm] [data-compaction-field=skipOffsetFromLatest]";
        eventually("kttm's compaction form", async |last| {
            let v = b.value(skip).await.unwrap_or_default();
            *last = v.clone();
            (v == "P1D").then_some(())
        })
        .await;
        b.wait_text("[data-datasource-compaction=kttm]", "RUNNING")
            .await;
        assert_no_error_panel(&b).await;

        // A change saved with a comment shows in the config's history, diffed with the one before.
        b.type_into(skip, "PT6H").await;
        b.type_into("[data-audit=author]", "e2e").await;
        b.type_into("[data-audit=comment]", "e2e: six hours").await;
        b.click("[data-save-compaction]").await;
        b.wait_text("[data-history=compaction-history]", "e2e: six hours")
            .await;
        eventually("the saved value in the form", async |last| {
            let v = b.value(skip).await.unwrap_or_default();
            *last = v.clone();
            (v == "PT6H").then_some(())
        })
        .await;
        // Changed back: the history's default diff compares the two versions.
        b.type_into(skip, "P1D").await;
        b.type_into("[data-audit=comment]", "e2e: one day again")
            .await;
        b.click("[data-save-compaction]").await;
        let (added, removed) = eventually("the history diff", async |last| {
            let (a, r) = (
                diff_lines(&b, "history", "+").await,
                diff_lines(&b, "history", "-").await,
            );
            *last = format!("+{a:?} -{r:?}");
            (a.iter().any(|l| l.contains("\"P1D\"")) && r.iter().any(|l| l.contains("\"PT6H\"")))
                .then_some((a, r))
        })
        .await;
        assert_eq!(
            (added.len(), removed.len()),
            (1, 1),
            "+{added:?} -{removed:?}"
        );
        assert_no_error_panel(&b).await;

        b.open(&lab.setup.app("/druid/demo-druid/config/workers"))
            .await;
        b.wait_text("[data-worker-summary]", "equalDistribution")
            .await;
        b.wait_for("[data-diff=changes] [data-diff-none]").await;
        assert_no_error_panel(&b).await;
    });
}
