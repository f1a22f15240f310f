//! `plankg plans`, `plankg remove` and `plankg stats`.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use plankg::catalog::{PlanSummary, list_plans, require_plan};
use plankg::query::write_table;
use plankg::store::PlanStore;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct PlansArgs {
    /// table, csv or json.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// Ids of the plans to remove.
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
}

const CLASSES: [&str; 5] = ["Strategy", "Goal", "Project", "Task", "District"];

fn row(p: &PlanSummary) -> Vec<String> {
    let mut row = vec![
        p.id.clone(),
        p.document_type.clone(),
        p.region.clone(),
        p.level.clone(),
        p.period.clone(),
        p.horizon.clone(),
        p.date.clone(),
        p.issuer.clone(),
    ];
    row.extend(
        CLASSES
            .iter()
            .map(|c| p.counts.get(*c).copied().unwrap_or(0).to_string()),
    );
    row.push(p.relations.to_string());
    row.push(p.title.clone());
    row
}

pub(crate) fn run_plans(store_dir: &Path, args: PlansArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let plans = list_plans(&store)?;
    let mut header: Vec<String> = [
        "id", "type", "region", "level", "period", "horizon", "date", "issuer",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(CLASSES.iter().map(|c| c.to_lowercase()));
    header.push("relations".into());
    header.push("title".into());
    let rows: Vec<Vec<String>> = plans.iter().map(row).collect();
    let mut out = std::io::stdout().lock();
    match args.format {
        ListFormat::Table => write_table(&header, &rows, &mut out)?,
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &plans)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        }
        ListFormat::Csv => {
            for r in std::iter::once(&header).chain(&rows) {
                let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
                std::io::Write::write_all(&mut out, format!("{}\r\n", cells.join(",")).as_bytes())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A CSV cell, quoted when it must be.
pub(crate) fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

pub(crate) fn run_remove(store_dir: &Path, args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open(store_dir)?;
    // Check every id first, so that a typo removes nothing.
    let graphs = args
        .ids
        .iter()
        .map(|id| require_plan(&store, id))
        .collect::<Result<Vec<_>, _>>()?;
    for (id, graph) in args.ids.iter().zip(graphs) {
        store.remove_graph(&graph)?;
        plankg::compare::remove_alignments(&store, id)?;
        println!("removed {id}");
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_stats(store_dir: &Path) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let plans = list_plans(&store)?;
    let header = vec!["what".to_owned(), "count".to_owned()];
    let mut rows = vec![
        vec!["plans".to_owned(), plans.len().to_string()],
        vec!["quads".to_owned(), store.len(None)?.to_string()],
    ];
    for class in CLASSES {
        let n: usize = plans
            .iter()
            .map(|p| p.counts.get(class).copied().unwrap_or(0))
            .sum();
        rows.push(vec![
            format!("{} (per plan, summed)", class.to_lowercase()),
            n.to_string(),
        ]);
    }
    rows.push(vec![
        "relations".to_owned(),
        plans.iter().map(|p| p.relations).sum::<usize>().to_string(),
    ]);
    write_table(&header, &rows, std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
