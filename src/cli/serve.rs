//! `plankg serve`: the SPARQL protocols and a web page over the store.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use plankg::serve::{DEFAULT_PORT, ServeOptions, Server};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on; port 0 takes any free port. Only loopback
    /// addresses unless --public.
    #[arg(long, default_value_t = SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT)), value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// Accept SPARQL Update at /update and Graph Store writes (PUT, POST, DELETE
    /// /store), each in one transaction. The server then holds the store's
    /// exclusive lock: ingest, remove and compare wait until it stops. A missing
    /// store is created. Without it the store is opened read-only and writes get
    /// 403.
    #[arg(long)]
    writable: bool,
    /// Allow an address other machines reach (0.0.0.0, a LAN address). There is
    /// no authentication: anyone who reaches the port reads the store, and writes
    /// it with --writable.
    #[arg(long)]
    public: bool,
    /// Answer cross-origin requests (Access-Control-Allow-Origin: *), so that
    /// YASGUI and other web pages can query the server.
    #[arg(long)]
    cors: bool,
    /// Give up on a query or update after this many seconds (HTTP 503).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    timeout: f64,
    /// Return at most this many rows (or triples) per query; the rest is cut
    /// off and the response carries the header X-SPARQL-MaxRows.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    max_rows: usize,
    /// Refuse request bodies larger than this (HTTP 413): bytes, or with a K, M
    /// or G suffix.
    #[arg(long, default_value = "16M", value_name = "SIZE", value_parser = parse_size)]
    max_body: u64,
    /// Serve at most this many connections at once (one thread each); more wait.
    #[arg(long, default_value_t = 64, value_name = "N")]
    max_connections: usize,
    #[command(flatten)]
    dot: super::GraphvizArg,
    /// Do not log requests on standard error.
    #[arg(long)]
    quiet: bool,
}

/// A size in bytes: `1048576`, `512K`, `16M`, `1G`.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, factor) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 1 << 10),
        Some((i, 'm' | 'M')) => (&text[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&text[..i], 1 << 30),
        _ => (text, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("{text:?} is not a size: give bytes, or a number with K, M or G"))
}

pub(crate) fn run(store_dir: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    if args.max_rows == 0 || args.max_connections == 0 {
        anyhow::bail!("--max-rows and --max-connections must be at least 1");
    }
    let options = ServeOptions {
        store: store_dir.to_owned(),
        bind: args.bind,
        writable: args.writable,
        public: args.public,
        cors: args.cors,
        timeout: Duration::from_secs_f64(args.timeout),
        max_rows: args.max_rows,
        max_body_bytes: args.max_body,
        max_connections: args.max_connections,
        dot_program: args.dot.program,
        log: !args.quiet,
    };
    let server = Server::open(&options)?;
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "plankg: warning: listening on {}, which other machines can reach; there is no authentication{}",
            args.bind,
            if args.writable {
                ", and the store is writable"
            } else {
                ""
            }
        );
    }
    let running = server.spawn()?;
    let base = format!("http://{}", running.addr());
    eprintln!(
        "plankg: serving {} ({}) on {base}/",
        store_dir.display(),
        if args.writable {
            "writable"
        } else {
            "read-only"
        }
    );
    eprintln!(
        "plankg: SPARQL endpoint {base}/query, Graph Store {base}/store{}; Ctrl-C stops",
        if args.writable {
            format!(", updates {base}/update")
        } else {
            String::new()
        }
    );
    running.join()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<u64>) {
        assert_eq!(parse_size(text).ok(), expected, "{text}");
    }

    #[test]
    fn sizes_take_suffixes() {
        check("1024", Some(1024));
        check("512K", Some(512 << 10));
        check("16m", Some(16 << 20));
        check("1G", Some(1 << 30));
        check("", None);
        check("M", None);
        check("-1", None);
        check("99999999999G", None);
    }
}
