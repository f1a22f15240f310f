//! `plankg compare`: how a plan takes up its province's and the nation's.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use plankg::compare::{
    CompareOptions, Comparison, Method, compare, counterparts, diagram, write_report,
};
use plankg::render::{Clusters, Format, RenderOptions, render};
use plankg::store::PlanStore;

#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// The plan to compare (usually the lower level: a city's).
    a: String,
    /// The plan to compare it with. Without it, every plan of the store whose
    /// region contains A's region (A's province, the nation), nearest first.
    b: Option<String>,
    /// Folder for the report (one subfolder A--B per comparison).
    #[arg(long, default_value = "comparison", value_name = "DIR")]
    out: PathBuf,
    /// Lowest similarity (0–1) of two labels that counts as an alignment.
    #[arg(long, default_value_t = CompareOptions::default().similarity_threshold, value_name = "X")]
    threshold: f64,
    /// Diagram format: svg, png, pdf or dot.
    #[arg(long, default_value = "svg", value_parser = ["svg", "png", "pdf", "dot"])]
    diagram: String,
    #[command(flatten)]
    dot: super::GraphvizArg,
}

pub(crate) fn run(store_dir: &Path, args: CompareArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        anyhow::bail!("--threshold must lie between 0 and 1");
    }
    let store = PlanStore::open(store_dir)?;
    let others = match &args.b {
        Some(b) => vec![b.clone()],
        None => counterparts(&store, &args.a)?,
    };
    let options = CompareOptions {
        similarity_threshold: args.threshold,
    };
    let mut stdout = std::io::stdout().lock();
    for b in &others {
        let comparison = compare(&store, &args.a, b, &options)?;
        store.replace_graph(&comparison.graph(), &comparison.to_quads())?;
        let dir = args.out.join(format!("{}--{}", args.a, b));
        let mut written = write_report(&comparison, &dir)
            .with_context(|| format!("{}: cannot write the report", dir.display()))?;
        let format =
            Format::from_path(Path::new(&format!("x.{}", args.diagram))).unwrap_or(Format::Svg);
        let rendered = render(
            &diagram(&comparison),
            &RenderOptions {
                format,
                clusters: Clusters::Plan,
                legend: true,
                dot_program: args.dot.program.clone(),
            },
        )?;
        if let Some(note) = &rendered.note {
            eprintln!("plankg: note: {note}");
        }
        written.extend(rendered.write(&dir.join(format!("diagram.{}", args.diagram)))?);
        summarise(&mut stdout, &comparison, &dir)?;
        let _ = written;
    }
    Ok(ExitCode::SUCCESS)
}

/// The terminal's summary of one comparison.
fn summarise(out: &mut impl Write, c: &Comparison, dir: &Path) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({} {}) compared with {} ({} {})",
        c.a.id, c.a.region, c.a.level, c.b.id, c.b.region, c.b.level
    )?;
    let count = |m: Method| c.alignments.iter().filter(|al| al.method == m).count();
    writeln!(
        out,
        "  {} alignments: {} same concept, {} explicit reference, {} abbreviation member, {} lexical",
        c.alignments.len(),
        count(Method::SameConcept),
        count(Method::ExplicitReference),
        count(Method::AbbreviationMember),
        count(Method::Lexical)
    )?;
    let shared: Vec<&str> = c.shared().iter().map(|x| x.label.as_str()).collect();
    writeln!(
        out,
        "  shared: {}",
        if shared.is_empty() {
            "none".to_owned()
        } else {
            shared.join(", ")
        }
    )?;
    let services = c.services();
    let goals: std::collections::BTreeSet<&str> =
        services.iter().map(|s| s.goal.as_str()).collect();
    writeln!(
        out,
        "  {} of A's goals serve B's goals or strategies ({} links)",
        goals.len(),
        services.len()
    )?;
    let coverage: Vec<String> = c
        .coverage()
        .into_iter()
        .map(|(class, taken, total)| format!("{} {taken}/{total}", class.to_lowercase()))
        .collect();
    writeln!(out, "  coverage of B: {}", coverage.join(", "))?;
    writeln!(
        out,
        "  gaps: {} of B's strategies and goals not taken up; additions: {} of A's own",
        c.gaps().len(),
        c.additions().len()
    )?;
    writeln!(out, "  report: {}", dir.join("comparison.md").display())?;
    Ok(())
}
