//! `plankg view`: a diagram (DOT, SVG, PNG, PDF) or a table (CSV, GraphML) of one
//! view of the graph.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

use plankg::render::{Clusters, Format, RenderOptions, render};
use plankg::store::PlanStore;
use plankg::views::{ViewKind, ViewSpec, build_view};

#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    #[command(subcommand)]
    kind: KindArg,
    /// Only this plan (its id, as `plankg plans` shows it); all plans otherwise.
    #[arg(long, global = true, value_name = "ID")]
    plan: Option<String>,
    /// Output format [default: from the extension of -o, else dot]. svg, png and
    /// pdf run Graphviz; without it svg comes from a built-in layout.
    #[arg(long, global = true, value_enum)]
    format: Option<FormatArg>,
    /// Write to FILE instead of standard output. Diagrams also write FILE's
    /// .dot (for svg, png, pdf), .nodes.csv and .edges.csv beside it; csv writes
    /// only those two. Files are written whole or not at all.
    #[arg(long, short, global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Boxes around nodes: by plan (concepts only that plan names), by level of
    /// government, none; auto = by plan when the view has several plans.
    #[arg(long, global = true, value_enum, default_value = "auto")]
    cluster: ClusterArg,
    /// Drop edges that a longer chain implies (transitive reduction), for
    /// cleaner diagrams.
    #[arg(long, global = true)]
    reduce: bool,
    /// Also draw the concepts of the view's classes that no relation of the view
    /// touches (goals nothing supports and that support nothing, …).
    #[arg(long, global = true)]
    isolated: bool,
    /// Leave the legend out.
    #[arg(long, global = true)]
    no_legend: bool,
    #[command(flatten)]
    dot: super::GraphvizArg,
}

#[derive(Debug, Subcommand)]
enum KindArg {
    /// Support chains, layered: task → programme → goal → higher goal → strategy.
    /// The items a programme (a pk:Project) lists feed it (drawn dashed).
    Dependency,
    /// Numbered abbreviations and programmes with their members (hasPart).
    Composition,
    /// Places within the places that contain them (locatedIn), with GB/T 2260
    /// codes and levels.
    Places,
    /// The neighbourhood of one concept: every relation within --depth steps.
    Concept {
        /// The concept, by its label or any form it appears in (中国动力谷).
        name: String,
        /// How many relations away from the concept to go.
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// Everything one plan says: supports, hasPart and locatedIn.
    Plan {
        /// The plan's id, as `plankg plans` shows it.
        id: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Dot,
    Svg,
    Png,
    Pdf,
    Csv,
    Graphml,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Dot => Format::Dot,
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Csv => Format::Csv,
            FormatArg::Graphml => Format::Graphml,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ClusterArg {
    Auto,
    Plan,
    Level,
    None,
}

impl ViewArgs {
    fn spec(&self) -> anyhow::Result<ViewSpec> {
        let (kind, plan) = match &self.kind {
            KindArg::Dependency => (ViewKind::Dependency, self.plan.clone()),
            KindArg::Composition => (ViewKind::Composition, self.plan.clone()),
            KindArg::Places => (ViewKind::Places, self.plan.clone()),
            KindArg::Concept { name, depth } => (
                ViewKind::Concept {
                    name: name.clone(),
                    depth: *depth,
                },
                self.plan.clone(),
            ),
            KindArg::Plan { id } => {
                if self.plan.as_ref().is_some_and(|p| p != id) {
                    anyhow::bail!("`view plan {id}` names its plan already: leave out --plan");
                }
                (ViewKind::All, Some(id.clone()))
            }
        };
        Ok(ViewSpec {
            kind,
            plan,
            include_isolated: self.isolated,
        })
    }

    fn format(&self) -> anyhow::Result<Format> {
        if let Some(format) = self.format {
            return Ok(format.into());
        }
        match &self.output {
            None => Ok(Format::Dot),
            Some(path) if path.extension().is_none() => Ok(Format::Dot),
            Some(path) => Format::from_path(path).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: cannot tell the format from the file name; give --format (dot, svg, png, pdf, csv, graphml)",
                    path.display()
                )
            }),
        }
    }
}

pub(crate) fn run(store_dir: &Path, args: ViewArgs) -> anyhow::Result<ExitCode> {
    let spec = args.spec()?;
    let format = args.format()?;
    if args.output.is_none()
        && matches!(format, Format::Png | Format::Pdf)
        && super::stdout_is_terminal()
    {
        anyhow::bail!("{format} is binary: give -o FILE or redirect standard output");
    }
    let store = PlanStore::open_read_only(store_dir)?;
    let mut view = build_view(&store, &spec)?;
    if args.reduce {
        view = view.reduced();
    }
    let options = RenderOptions {
        format,
        clusters: match args.cluster {
            ClusterArg::Auto => Clusters::Auto,
            ClusterArg::Plan => Clusters::Plan,
            ClusterArg::Level => Clusters::Level,
            ClusterArg::None => Clusters::None,
        },
        legend: !args.no_legend,
        dot_program: args.dot.program.clone(),
    };
    let rendered = render(&view, &options)?;
    if let Some(note) = &rendered.note {
        eprintln!("plankg: note: {note}");
    }
    let mut out = std::io::stdout().lock();
    match &args.output {
        None => out.write_all(&rendered.bytes)?,
        Some(path) => {
            for written in rendered.write(path)? {
                writeln!(out, "wrote {}", written.display())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
