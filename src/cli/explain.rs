//! `plankg explain`: one concept, ready to cite.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use plankg::catalog::explain;
use plankg::store::PlanStore;

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The concept, by its label or any form it appears in (中国动力谷, 三高四新).
    name: String,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(store_dir: &Path, args: ExplainArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let Some(e) = explain(&store, &args.name)? else {
        anyhow::bail!(
            "no concept named {:?} in the store (try `plankg query` to search labels)",
            args.name
        );
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &e)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}  <{}>", e.label, e.iri)?;
    writeln!(out, "  classes: {}", e.classes.join(", "))?;
    if !e.alt_labels.is_empty() {
        writeln!(out, "  also written: {}", e.alt_labels.join(" / "))?;
    }
    for (dir, predicate, other) in &e.relations {
        let line = if dir == "→" {
            format!("{} {predicate} {other}", e.label)
        } else {
            format!("{other} {predicate} {}", e.label)
        };
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "  {} mentions:", e.mentions.len())?;
    for m in &e.mentions {
        writeln!(
            out,
            "  - {} ({}), characters {}–{}: “{}”",
            m.plan, m.source_file, m.char_start, m.char_end, m.surface
        )?;
        if !m.section.is_empty() {
            writeln!(out, "    section: {}", m.section)?;
        }
        writeln!(out, "    {}", m.sentence)?;
    }
    Ok(ExitCode::SUCCESS)
}
