//! `plankg publish`: plans into another SPARQL store, one named graph per plan.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use plankg::catalog::list_plans;
use plankg::remote::{Auth, DEFAULT_STORE_PATH, Endpoint, RemoteError, publish_plan};
use plankg::store::PlanStore;

#[derive(Debug, Args)]
pub(crate) struct PublishArgs {
    /// The remote store's base URL: http://host:7878 for an Oxigraph server (or
    /// plankg serve --writable), http://host:3030/DATASET for Fuseki.
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// Only this plan (repeatable; ids as `plankg plans` shows them); every plan
    /// otherwise.
    #[arg(long = "plan", value_name = "ID")]
    plans: Vec<String>,
    /// Where the Graph Store Protocol lives under the base URL: /store for
    /// Oxigraph and plankg, /data for Fuseki.
    #[arg(long, default_value = DEFAULT_STORE_PATH, value_name = "PATH")]
    store_path: String,
    /// Give up on one plan's request after this many seconds.
    #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
    timeout: f64,
}

/// Credentials from the environment: `PLANKG_ENDPOINT_TOKEN` (bearer), or
/// `PLANKG_ENDPOINT_USER` and `PLANKG_ENDPOINT_PASSWORD` (basic).
pub(crate) fn auth_from_env() -> anyhow::Result<Option<Auth>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let token = var("PLANKG_ENDPOINT_TOKEN");
    let user = var("PLANKG_ENDPOINT_USER");
    let password = var("PLANKG_ENDPOINT_PASSWORD");
    match (token, user, password) {
        (Some(_), Some(_), _) => anyhow::bail!(
            "both PLANKG_ENDPOINT_TOKEN and PLANKG_ENDPOINT_USER are set: unset the one the store does not use"
        ),
        (Some(token), None, _) => Ok(Some(Auth::Bearer(token))),
        (None, Some(user), password) => Ok(Some(Auth::Basic {
            user,
            password: password.unwrap_or_default(),
        })),
        (None, None, Some(_)) => {
            anyhow::bail!("PLANKG_ENDPOINT_PASSWORD is set without PLANKG_ENDPOINT_USER")
        }
        (None, None, None) => Ok(None),
    }
}

/// A positive, finite number of seconds.
pub(crate) fn seconds(value: f64) -> anyhow::Result<Duration> {
    if !(value > 0.0 && value.is_finite()) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    Ok(Duration::from_secs_f64(value))
}

/// Whether an error would happen to every plan (no point going on).
fn stops_all(err: &RemoteError) -> bool {
    matches!(
        err,
        RemoteError::Unreachable { .. }
            | RemoteError::BadEndpoint { .. }
            | RemoteError::Http {
                status: 401 | 403 | 404 | 405,
                ..
            }
    )
}

pub(crate) fn run(store_dir: &Path, args: PublishArgs) -> anyhow::Result<ExitCode> {
    let endpoint = Endpoint::new(&args.endpoint, auth_from_env()?, seconds(args.timeout)?)?;
    let store = PlanStore::open_read_only(store_dir)?;
    let ids: Vec<String> = if args.plans.is_empty() {
        list_plans(&store)?.into_iter().map(|p| p.id).collect()
    } else {
        args.plans.clone()
    };
    if ids.is_empty() {
        anyhow::bail!("the store {} holds no plan to publish", store_dir.display());
    }
    let progress = if ids.len() > 1 {
        let bar = ProgressBar::new(ids.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} plans {msg}")
                .expect("a valid template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut failed = 0;
    for id in &ids {
        progress.set_message(id.clone());
        match publish_plan(&store, &endpoint, &args.store_path, id) {
            Ok(p) => progress.suspend(|| {
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "published {}: {} triples into graph <{}> ({})",
                    p.plan,
                    p.triples,
                    p.graph.as_str(),
                    if p.created { "created" } else { "replaced" }
                )
            })?,
            Err(err) => {
                failed += 1;
                let stop = stops_all(&err);
                progress.suspend(|| super::report(&anyhow::Error::new(err)));
                if stop {
                    break;
                }
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    if failed > 0 {
        return Ok(ExitCode::FAILURE);
    }
    std::io::stdout()
        .flush()
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
