//! The `switchboard-proxy` binary: command line, the demo config, and one log line per request
//! without secrets.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_switchboard-proxy");

/// Ends the server when the test ends, also when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn demo_config() -> String {
    format!("{}/../demo/proxy.toml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_demo_config_is_valid_and_flink_can_be_left_out() {
    let out = Command::new(BIN)
        .args([demo_config().as_str(), "--check"])
        .env("SWITCHBOARD_DEMO_PASSWORD", "pw-that-must-not-show")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = doc["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "demo-druid",
            "demo-cockroach",
            "demo-starrocks",
            "demo-meta",
            "demo-flink"
        ]
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("pw-that-must-not-show"),
        "the password leaked"
    );

    let out = Command::new(BIN)
        .args([demo_config().as_str(), "--check", "--without", "demo-flink"])
        .env("SWITCHBOARD_DEMO_PASSWORD", "demo")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("demo-flink"));
}

#[test]
fn mistakes_on_the_command_line_or_in_the_environment_are_explained() {
    let out = Command::new(BIN)
        .args([demo_config().as_str(), "--check"])
        .env_remove("SWITCHBOARD_DEMO_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SWITCHBOARD_DEMO_PASSWORD is not set"));
    let out = Command::new(BIN)
        .args([demo_config().as_str(), "--without", "nope"])
        .env("SWITCHBOARD_DEMO_PASSWORD", "demo")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("--without nope: no such cluster"));
    let out = Command::new(BIN).arg("--frobnicate").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
    let out = Command::new(BIN)
        .arg("/nonexistent/proxy.toml")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/proxy.toml"));
}

#[tokio::test]
async fn the_server_logs_one_line_per_request_without_secrets() {
    let up = common::echo_upstream("ok").await;
    let dir = std::env::temp_dir().join(format!("sb-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("proxy.toml");
    let text = format!(
        "listen='127.0.0.1:1'\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='{}'}}\nauth={{basic={{username='admin', password_env='SB_BIN_PW'}}}}",
        up.url()
    );
    std::fs::write(&config, text).unwrap();
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args([config.to_str().unwrap(), "--listen", "127.0.0.1:0"])
            .env("SB_BIN_PW", "hunter2-secret")
            .env("PORT", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let first = lines_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server starts");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first}"))
        .to_string();
    assert!(first.contains("access mode none"), "{first}");

    let answer = common::get(&format!(
        "http://{addr}/proxy/f/jobmanager/jobs/overview?secret=query-value"
    ))
    .await;
    assert_eq!(answer.status, 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut logged = Vec::new();
    while Instant::now() < deadline {
        if let Ok(line) = lines_rx.recv_timeout(Duration::from_millis(200)) {
            let done = line.contains("/jobs/overview");
            logged.push(line);
            if done {
                break;
            }
        }
    }
    drop(child);
    let line = logged
        .iter()
        .find(|l| l.contains("/jobs/overview"))
        .unwrap_or_else(|| panic!("no log line in {logged:?}"));
    assert!(
        line.contains("GET /proxy/f/jobmanager/jobs/overview 200 "),
        "{line}"
    );
    assert!(
        line.contains("cluster=f/jobmanager") && line.contains("out=2"),
        "{line}"
    );
    let everything = logged.join("\n") + &first;
    assert!(
        !everything.contains("hunter2")
            && !everything.contains("query-value")
            && !everything.contains("YWRtaW4"),
        "{everything}"
    );
    assert_eq!(
        up.requests()[0].headers["authorization"],
        "Basic YWRtaW46aHVudGVyMi1zZWNyZXQ="
    );
}

#[test]
fn without_authentication_it_listens_on_loopback_only() {
    let dir = std::env::temp_dir().join(format!("sb-bin-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("proxy.toml");
    std::fs::write(&config, "listen = '127.0.0.1:0'\n").unwrap();
    let out = Command::new(BIN)
        .args([config.to_str().unwrap(), "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("refusing to listen on 0.0.0.0:0 without authentication"),
        "{stderr}"
    );
    // Written explicitly, mode = "none" starts with a warning.
    std::fs::write(&config, "[access]\nmode = 'none'\n").unwrap();
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args([config.to_str().unwrap(), "--listen", "0.0.0.0:0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
    let warning = lines.next().unwrap_or_default();
    assert!(
        warning.contains("WARNING: access mode is \"none\""),
        "{warning}"
    );
    let started = lines.next().unwrap_or_default();
    assert!(started.contains("access mode none"), "{started}");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args([
                demo_config().as_str(),
                "--listen",
                "127.0.0.1:0",
                "--without",
                "demo-flink",
            ])
            .env("SWITCHBOARD_DEMO_PASSWORD", "demo")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut stderr = BufReader::new(child.0.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(first.contains("listening"), "{first}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}
