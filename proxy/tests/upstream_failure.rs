//! An upstream that dies in the middle of its answer: the client's answer breaks off too (it is
//! never passed off as complete), the log line says the request failed, and the proxy goes on
//! serving.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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

/// An upstream that announces 100,000 bytes on `/die` and closes after 1,000; `/ok` answers fully.
fn dying_upstream() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    port
}

fn serve(mut s: TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    if head.starts_with("GET /die") {
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
        );
        let _ = s.write_all(&[b' '; 1000]);
        let _ = s.flush();
        std::thread::sleep(Duration::from_millis(100));
        // Dropped: the connection closes 99,000 bytes early.
    } else {
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        );
    }
}

/// Sends a GET with `Connection: close` and reads everything the proxy sends until it closes.
fn raw_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out); // a reset connection is one way to break off
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether an HTTP/1.1 answer arrived whole: its Content-Length bytes, or the last chunk.
fn complete(answer: &str) -> bool {
    let Some((head, body)) = answer.split_once("\r\n\r\n") else {
        return false;
    };
    let head = head.to_ascii_lowercase();
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return body.len() >= len;
    }
    head.contains("transfer-encoding: chunked") && body.ends_with("0\r\n\r\n")
}

#[test]
fn an_upstream_dying_mid_answer_is_a_broken_answer_and_a_failed_log_line() {
    let up = dying_upstream();
    let dir = std::env::temp_dir().join(format!("sb-die-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("proxy.toml");
    std::fs::write(
        &config,
        format!("listen='127.0.0.1:1'\n[[clusters]]\nname='f'\nsystem='flink'\ntargets={{jobmanager='http://127.0.0.1:{up}'}}\n"),
    )
    .unwrap();
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args([config.to_str().unwrap(), "--listen", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server starts");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first}"))
        .to_string();

    let broken = raw_get(&addr, "/proxy/f/jobmanager/die");
    assert!(broken.starts_with("HTTP/1.1 200"), "{broken:.200}");
    assert!(
        !complete(&broken),
        "a truncated upstream answer was passed on as complete: {} bytes",
        broken.len()
    );
    // The proxy keeps serving, the same upstream included.
    for _ in 0..3 {
        let ok = raw_get(&addr, "/proxy/f/jobmanager/ok");
        assert!(
            ok.starts_with("HTTP/1.1 200") && complete(&ok) && ok.ends_with("{}"),
            "{ok}"
        );
    }

    let deadline = Instant::now() + Duration::from_secs(10);
    let mut logged = Vec::new();
    while Instant::now() < deadline
        && logged
            .iter()
            .filter(|l: &&String| l.contains("/ok"))
            .count()
            < 3
    {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            logged.push(line);
        }
    }
    let die = logged
        .iter()
        .find(|l| l.contains("/die"))
        .unwrap_or_else(|| panic!("no log line of /die in {logged:?}"));
    assert!(
        die.contains("result=failed error="),
        "not marked failed: {die}"
    );
    for ok in logged.iter().filter(|l| l.contains("/ok")) {
        assert!(ok.contains(" 200 ") && !ok.contains("result="), "{ok}");
    }
}
