//! `plankg path`: the support chain from one concept up to another.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use plankg::store::PlanStore;
use plankg::views::{ViewError, ViewKind, ViewSpec, build_view, resolve};

#[derive(Debug, Args)]
pub(crate) struct PathArgs {
    /// Where the chain starts: a task, programme or goal, by its label or any
    /// form it appears in.
    from: String,
    /// Where it ends: a goal or strategy.
    to: String,
    /// Only what this plan says (its id); all plans otherwise.
    #[arg(long, value_name = "ID")]
    plan: Option<String>,
}

pub(crate) fn run(store_dir: &Path, args: PathArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let spec = ViewSpec {
        plan: args.plan.clone(),
        include_isolated: true,
        ..ViewSpec::new(ViewKind::Dependency)
    };
    let view = build_view(&store, &spec)?;
    let from = resolve(&store, &view, &args.from)?;
    let to = resolve(&store, &view, &args.to)?;
    let Some(edges) = view.path(from, to) else {
        return Err(ViewError::NoPath {
            from: args.from,
            to: args.to,
            view: view.name(),
            plan: args.plan,
        }
        .into());
    };
    let g = &view.graph;
    let mut chain = vec![g[from].label.as_str()];
    for &e in &edges {
        let (_, target) = g.edge_endpoints(e).expect("edge of the view");
        chain.push(&g[target].label);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", chain.join(" → "))?;
    for &e in &edges {
        let (source, target) = g.edge_endpoints(e).expect("edge of the view");
        writeln!(
            out,
            "  {} ({}) {} {} ({})  [{}]",
            g[source].label,
            g[source].kind.as_str(),
            g[e].relation.as_str(),
            g[target].label,
            g[target].kind.as_str(),
            g[e].plans.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
