//! CockroachDB through a proxy that holds no credentials for it (`login-cockroach`): the console
//! logs in itself. A wrong password shows the server's words and keeps the user name; then nodes,
//! a node's ranges, a range, hot ranges sorted by writes, databases, a table, users and events;
//! a user's sessions paged past the first page; the session expires (the simulator ends it) and
//! the login form comes back over the view, which after the login is the same page with the same
//! URL and the half-typed filter still there; and logging out.

use switchboard_e2e::app::assert_no_error_panel;
use switchboard_e2e::http::request;
use switchboard_e2e::{e2e, eventually, Browser};

const CLUSTER: &str = "cockroach/login-cockroach";
const SESSION_KEY: &str = "sb.session.login-cockroach";

async fn held_session(b: &Browser) -> Option<String> {
    b.js(
        &format!("return sessionStorage.getItem('{SESSION_KEY}')"),
        vec![],
    )
    .await
    .as_str()
    .map(str::to_string)
}

async fn log_in(b: &Browser, user: &str, password: &str) {
    b.wait_for("form[data-login]").await;
    b.type_into("#crdb-user", user).await;
    b.type_into("#crdb-password", password).await;
    b.click_button("Log in").await;
}

/// The texts of the rows of the sessions table.
async fn session_rows(b: &Browser) -> Vec<String> {
    b.texts("[data-sessions] tbody tr").await
}

#[test]
fn cockroach_console_login_sessions_paging_expiry_and_logout() {
    e2e(|lab| async move {
        let app = |p: &str| format!("{}{p}", lab.setup.login_url);
        let b = lab.browser().await;
        b.open(&app(CLUSTER)).await;

        // 1. No session yet: the nodes view is refused and the login form shows over it.
        log_in(&b, "root", "not-the-password").await;
        b.wait_text(
            "form[data-login] [data-server-message]",
            "the provided credentials did not match any account on the server",
        )
        .await;
        assert_eq!(b.value("#crdb-user").await.as_deref(), Some("root"));
        assert!(
            held_session(&b).await.is_none(),
            "a session after a wrong password"
        );

        // 2. The right password: the form goes, the nodes load, the session is in this tab only.
        b.type_into("#crdb-password", "root").await;
        b.click_button("Log in").await;
        b.wait_gone("form[data-login]").await;
        b.wait_text("[data-logged-in]", "root").await;
        eventually("three node rows", async |last| {
            let n = b.count("[data-nodes] [data-node-link]").await;
            *last = format!("{n} rows");
            (n == 3).then_some(())
        })
        .await;
        assert_no_error_panel(&b).await;
        let session = held_session(&b)
            .await
            .expect("the session in sessionStorage");
        assert!(
            !b.url().await.contains(&session),
            "the session is in the URL"
        );
        let local = b
            .js(
                "return JSON.stringify(Object.assign({}, localStorage))",
                vec![],
            )
            .await;
        assert!(
            !local.as_str().unwrap_or_default().contains(&session),
            "the session is in localStorage"
        );

        // 3. A node's ranges and a range.
        b.click("[data-nodes] [data-ranges-link='1']").await;
        b.wait_url("the ranges page", |u| u.contains("/nodes/1/ranges"))
            .await;
        b.wait_for("[data-ranges] [data-range-link]").await;
        let id = b
            .attr("[data-ranges] [data-range-link]", "data-range-link")
            .await
            .expect("a range id");
        b.click(&format!("[data-ranges] [data-range-link='{id}']"))
            .await;
        b.wait_for("[data-range-node='1']").await;
        assert_no_error_panel(&b).await;

        // 4. Hot ranges sorted by writes (a new page load: the session survives it in this tab).
        b.open(&app(&format!("{CLUSTER}/hot"))).await;
        b.wait_text("[data-hot] tbody", "r").await;
        b.click("[data-hot] th[data-col='writes']").await;
        b.wait_url("the sort in the address", |u| u.contains("hot.sort=writes"))
            .await;
        assert_eq!(b.count("form[data-login]").await, 0);

        // 5. Databases, a database's tables and grants, a table; users; events.
        b.click_nav("Databases").await;
        b.wait_for("[data-databases] a[href$='/databases/movr']")
            .await;
        b.click("[data-databases] a[href$='/databases/movr']").await;
        b.wait_text("[data-tables]", "rides").await;
        b.wait_text("[data-grants]", "root").await;
        b.click_xpath("//*[@data-tables]//a[contains(., 'rides')]")
            .await;
        b.wait_text("[data-columns]", "city").await;
        b.wait_text("[data-create]", "CREATE TABLE").await;
        b.click_nav("Users").await;
        b.wait_text("[data-users]", "viewer").await;
        b.click_nav("Events").await;
        b.wait_text("[data-events]", "create_").await;
        assert_no_error_panel(&b).await;

        // 6. One user's sessions, five a page, past the first page (the token in the URL).
        b.open(&app(&format!("{CLUSTER}/sessions?user=demo&size=5")))
            .await;
        let first = eventually("a first page of five sessions of demo", async |last| {
            let rows = session_rows(&b).await;
            *last = format!("{rows:?}");
            (rows.len() == 5 && rows.iter().all(|r| r.contains("demo"))).then_some(rows)
        })
        .await;
        b.click("[data-next-page]").await;
        let page2_url = b
            .wait_url("the second page's token in the URL", |u| {
                u.contains("start=") && u.contains("user=demo")
            })
            .await;
        let second = eventually("a second page of demo's sessions", async |last| {
            let rows = session_rows(&b).await;
            *last = format!("{rows:?}");
            (!rows.is_empty() && rows != first && rows.iter().all(|r| r.contains("demo")))
                .then_some(rows)
        })
        .await;

        // 7. A half-typed filter, then the session expires: the next refresh is refused and the
        //    login form shows over the page; after the login the page is the same.
        b.type_into("[data-session-user]", "vie").await;
        let url = format!("{}/_sim/cockroach/sessions/expire", lab.setup.sim_admin_url);
        match request("POST", &url, Some(r#"{"user":"root"}"#)) {
            Ok(a) if a.status == 200 => {}
            other => panic!("POST {url}: {other:?}"),
        }
        b.click("button[aria-label='Refresh now']").await;
        b.wait_text(
            "form[data-login] [data-login-reason]",
            "could not be validated",
        )
        .await;
        log_in(&b, "root", "root").await;
        b.wait_gone("form[data-login]").await;
        assert_eq!(b.url().await, page2_url, "the view's URL changed");
        assert_eq!(b.value("[data-session-user]").await.as_deref(), Some("vie"));
        eventually("the second page again", async |last| {
            let rows = session_rows(&b).await;
            *last = format!("{rows:?}");
            (rows == second && b.count("[role=alert][data-error-kind]").await == 0).then_some(())
        })
        .await;
        assert_ne!(
            held_session(&b).await,
            Some(session),
            "the old session is still held"
        );

        // 8. Log out: the session is forgotten and the login form asks again.
        b.click_button("Log out").await;
        b.wait_text("form[data-login] [data-login-reason]", "Logged out")
            .await;
        assert!(
            held_session(&b).await.is_none(),
            "the session is still held"
        );
    });
}
