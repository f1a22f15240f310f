//! Helpers for the HTTP tests: a `plankg serve` on a free loopback port, and a
//! small client.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::util::{TestStore, rows};

/// A `plankg serve` child process, killed when dropped.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `plankg serve --store STORE --bind 127.0.0.1:0 ARGS…` and waits
    /// until it says where it listens.
    pub fn start(store: &TestStore, args: &[&str]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("plankg"))
            .arg("serve")
            .arg("--store")
            .arg(store.path())
            .args(["--bind", "127.0.0.1:0"])
            .args(args)
            .env_remove("PLANKG_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("plankg serve starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (found, base) = mpsc::channel();
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(start) = line.find("http://")
                        && line.contains("serving")
                    {
                        let url = line[start..].trim_end_matches('/').to_owned();
                        let _ = found.send(url);
                    }
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let base = match base.recv_timeout(Duration::from_secs(30)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "plankg serve did not start: {}",
                    log.lock().unwrap().as_str()
                );
            }
        };
        Served { child, base, log }
    }

    /// Everything the server wrote on standard error so far.
    pub fn log(&self) -> String {
        // Log lines are written after the response: give the last one a moment.
        std::thread::sleep(Duration::from_millis(100));
        self.log.lock().unwrap().clone()
    }

    /// `GET BASE+PATH` with an `Accept` header.
    pub fn get(&self, path: &str, accept: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        answer(agent().get(&url).header("Accept", accept).call())
    }

    /// `POST BASE+PATH` with a body of some type.
    pub fn post(&self, path: &str, content_type: &str, accept: &str, body: &str) -> Answer {
        self.send("POST", path, content_type, accept, body)
    }

    /// `METHOD BASE+PATH` with a body.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        accept: &str,
        body: &str,
    ) -> Answer {
        let url = format!("{}{path}", self.base);
        let request = match method {
            "POST" => agent().post(&url),
            "PUT" => agent().put(&url),
            other => panic!("no body for {other}"),
        };
        answer(
            request
                .header("Content-Type", content_type)
                .header("Accept", accept)
                .send(body),
        )
    }

    /// `DELETE BASE+PATH`.
    pub fn delete(&self, path: &str) -> Answer {
        answer(agent().delete(format!("{}{path}", self.base)).call())
    }

    /// `OPTIONS BASE+PATH`.
    pub fn options(&self, path: &str) -> Answer {
        let request = ureq::http::Request::builder()
            .method("OPTIONS")
            .uri(format!("{}{path}", self.base))
            .header("Origin", "http://example.org")
            .header("Access-Control-Request-Method", "POST")
            .body(())
            .unwrap();
        answer(agent().run(request))
    }

    /// Runs a SELECT query and returns each row's `variable → value`.
    pub fn select(&self, query: &str) -> Vec<std::collections::BTreeMap<String, String>> {
        let a = self.post(
            "/query",
            "application/sparql-query",
            "application/sparql-results+json",
            query,
        );
        assert_eq!(a.status, 200, "{}", a.body);
        rows(&a.body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// A header's value, by lowercase name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.expect("the server answers");
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Answer {
        status: response.status().as_u16(),
        content_type,
        headers,
        body: response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_string()
            .unwrap_or_default(),
    }
}

/// A query string value.
pub fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
