//! `plankg analyze`: tables about the shape of a view — layers, cycles, gaps,
//! centrality, redundant edges.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use petgraph::graph::NodeIndex;

use plankg::query::write_table;
use plankg::store::PlanStore;
use plankg::views::{View, ViewKind, ViewSpec, build_view};

use super::plans::csv_cell;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Analysis {
    /// Nodes, edges, layers and cycles, and nodes per class.
    Summary,
    /// Each concept's layer in topological order: 0 for what nothing points to
    /// (tasks), then one above the highest concept pointing to it.
    Layers,
    /// Cycles (strongly connected components); they share a layer, and no
    /// analysis loops on them.
    Cycles,
    /// Goals and strategies that nothing supports.
    Unsupported,
    /// Concepts other than strategies that support nothing.
    DeadEnds,
    /// Concepts ranked by betweenness (shortest paths through them), then
    /// in-degree.
    Centrality,
    /// Edges a longer chain implies: what `view --reduce` leaves out.
    Redundant,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ViewArg {
    /// supports, and programme items feeding their programme.
    Dependency,
    /// hasPart.
    Composition,
    /// locatedIn.
    Places,
    /// every relation.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Table,
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// What to compute.
    #[arg(value_enum)]
    analysis: Analysis,
    /// The view to analyse. Isolated concepts are included, so that goals
    /// nothing supports are found.
    #[arg(long, value_enum, default_value = "dependency")]
    view: ViewArg,
    /// Only this plan (its id); all plans otherwise.
    #[arg(long, value_name = "ID")]
    plan: Option<String>,
    /// table (default on a terminal) or csv (default otherwise).
    #[arg(long, value_enum)]
    format: Option<TableFormat>,
    /// Rows of the centrality ranking (0: all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
}

pub(crate) fn run(store_dir: &Path, args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let kind = match args.view {
        ViewArg::Dependency => ViewKind::Dependency,
        ViewArg::Composition => ViewKind::Composition,
        ViewArg::Places => ViewKind::Places,
        ViewArg::All => ViewKind::All,
    };
    let spec = ViewSpec {
        plan: args.plan.clone(),
        include_isolated: true,
        ..ViewSpec::new(kind)
    };
    let view = build_view(&store, &spec)?;
    let (header, rows) = table(&view, args.analysis, args.top);
    let format = args.format.unwrap_or(if super::stdout_is_terminal() {
        TableFormat::Table
    } else {
        TableFormat::Csv
    });
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Table if rows.is_empty() => writeln!(out, "none")?,
        TableFormat::Table => write_table(&header, &rows, &mut out)?,
        TableFormat::Csv => {
            for row in std::iter::once(&header).chain(&rows) {
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                write!(out, "{}\r\n", cells.join(","))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The header and rows of one analysis.
fn table(view: &View, analysis: Analysis, top: usize) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let g = &view.graph;
    let describe = |n: NodeIndex| {
        vec![
            g[n].label.clone(),
            g[n].kind.as_str().to_owned(),
            g[n].level.map(|l| l.to_string()).unwrap_or_default(),
            g[n].plans.join(" "),
        ]
    };
    let with = |first: String, n: NodeIndex| {
        let mut row = vec![first];
        row.extend(describe(n));
        row
    };
    match analysis {
        Analysis::Summary => {
            let s = view.summary();
            let mut rows = vec![
                vec!["view".to_owned(), view.name()],
                vec!["nodes".to_owned(), s.nodes.to_string()],
                vec!["edges".to_owned(), s.edges.to_string()],
                vec!["layers".to_owned(), s.layers.to_string()],
                vec!["cycles".to_owned(), s.cycles.to_string()],
            ];
            for (kind, n) in s.kinds {
                rows.push(vec![kind.as_str().to_owned(), n.to_string()]);
            }
            (vec!["what", "value"], rows)
        }
        Analysis::Layers => {
            let rows = view
                .layers()
                .iter()
                .enumerate()
                .flat_map(|(i, layer)| layer.iter().map(move |&n| (i, n)))
                .map(|(i, n)| with(i.to_string(), n))
                .collect();
            (vec!["layer", "label", "kind", "level", "plans"], rows)
        }
        Analysis::Cycles => {
            let rows = view
                .cycles()
                .iter()
                .enumerate()
                .map(|(i, members)| {
                    let labels: Vec<&str> = members.iter().map(|&n| g[n].label.as_str()).collect();
                    vec![
                        (i + 1).to_string(),
                        members.len().to_string(),
                        labels.join(" / "),
                    ]
                })
                .collect();
            (vec!["cycle", "size", "members"], rows)
        }
        Analysis::Unsupported | Analysis::DeadEnds => {
            let nodes = if matches!(analysis, Analysis::Unsupported) {
                view.unsupported()
            } else {
                view.dead_ends()
            };
            let rows = nodes.into_iter().map(describe).collect();
            (vec!["label", "kind", "level", "plans"], rows)
        }
        Analysis::Centrality => {
            let mut ranking = view.centrality();
            if top > 0 {
                ranking.truncate(top);
            }
            let rows = ranking
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        (i + 1).to_string(),
                        g[c.node].label.clone(),
                        g[c.node].kind.as_str().to_owned(),
                        c.in_degree.to_string(),
                        c.out_degree.to_string(),
                        format!("{:.3}", c.betweenness),
                    ]
                })
                .collect();
            (
                vec![
                    "rank",
                    "label",
                    "kind",
                    "in_degree",
                    "out_degree",
                    "betweenness",
                ],
                rows,
            )
        }
        Analysis::Redundant => {
            let rows = view
                .redundant_edges()
                .into_iter()
                .map(|e| {
                    let (s, t) = g.edge_endpoints(e).expect("edge of the view");
                    vec![
                        g[s].label.clone(),
                        g[e].relation.as_str().to_owned(),
                        g[t].label.clone(),
                        g[e].plans.join(" "),
                    ]
                })
                .collect();
            (vec!["source", "relation", "target", "plans"], rows)
        }
    }
}
