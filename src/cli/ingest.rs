//! `plankg ingest`: files and directories in, one graph per plan.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use plankg::extract::Extractor;
use plankg::extract::gazetteer::AdminLevel;
use plankg::extract::metadata::PlanMetadata;
use plankg::ingest::{IngestOptions, PreparedPlan, prepare};
use plankg::intake::{IntakeOptions, collect_inputs};
use plankg::rdf::IngestRecord;
use plankg::store::PlanStore;

/// Plans prepared in parallel before each batch of store writes.
const BATCH: usize = 32;

#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    /// Plan files (.txt, .md, .html, .htm) or directories of them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Decode with this encoding instead of detecting it (utf-8, gb18030, gbk, utf-16le, …).
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Refuse files larger than this many megabytes (MiB); 0 reads any size. A file
    /// needs about 60 bytes of memory per character while it is read.
    #[arg(long, value_name = "MB", default_value_t = plankg::intake::DEFAULT_MAX_BYTES / 1024 / 1024)]
    max_size: u64,
    /// Plan id (default: from the file name). Only with a single file.
    #[arg(long)]
    id: Option<String>,
    /// Title, where the text lacks one.
    #[arg(long)]
    title: Option<String>,
    /// Issuing body (中共株洲市委).
    #[arg(long)]
    issuer: Option<String>,
    /// Region the plan governs, by name (株洲市).
    #[arg(long)]
    region: Option<String>,
    /// Level of government.
    #[arg(long, value_parser = ["nation", "province", "city", "county"])]
    level: Option<String>,
    /// Plan period as written (十四五).
    #[arg(long)]
    period: Option<String>,
    /// Horizon year (2035).
    #[arg(long)]
    horizon: Option<u16>,
    /// Date of adoption or delivery (2020-12-02).
    #[arg(long)]
    date: Option<String>,
    /// Kind of document (公报, 建议, 纲要, 政府工作报告).
    #[arg(long = "type", value_name = "TYPE")]
    document_type: Option<String>,
    /// Print only errors.
    #[arg(long, short)]
    quiet: bool,
    /// Print on stderr how long each stage took (reading, extraction and mapping;
    /// store writes; comparisons; closing the store), for benchmarks.
    #[arg(long)]
    timings: bool,
}

impl IngestArgs {
    fn options(&self) -> anyhow::Result<IngestOptions> {
        if self.id.is_some() && (self.paths.len() != 1 || self.paths[0].is_dir()) {
            anyhow::bail!("--id names one plan: give a single file");
        }
        let level = match self.level.as_deref() {
            Some(level) => Some(
                level
                    .parse::<AdminLevel>()
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?,
            ),
            None => None,
        };
        Ok(IngestOptions {
            intake: IntakeOptions {
                encoding: self.encoding.clone(),
                max_bytes: (self.max_size > 0).then(|| self.max_size * 1024 * 1024),
            },
            metadata: PlanMetadata {
                id: self.id.clone().unwrap_or_default(),
                title: self.title.clone(),
                issuer: self.issuer.clone(),
                region: self.region.clone(),
                level,
                period: self.period.clone(),
                horizon: self.horizon,
                date: self.date.clone(),
                document_type: self.document_type.clone(),
                ..PlanMetadata::default()
            },
        })
    }
}

pub(crate) fn run(store_dir: &Path, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let options = args.options()?;
    let inputs = collect_inputs(&args.paths)?;
    let store = timings.time(Stage::Open, || PlanStore::open(store_dir))?;
    let extractor = timings.time(Stage::Prepare, Extractor::new);
    let record = IngestRecord::now();
    let progress = if inputs.len() > 1 && std::io::stderr().is_terminal() && !args.quiet {
        ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}").expect("valid template"),
    );
    let mut failed = false;
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut stdout = std::io::stdout().lock();
    // Pipelined: while one batch is written to the store (one thread), the next is
    // read, extracted and mapped (the other threads). Plans are printed in order,
    // once stored.
    let mut pending: Vec<PreparedPlan> = Vec::new();
    let write = |mut ready: Vec<PreparedPlan>| -> (anyhow::Result<Vec<PreparedPlan>>, Duration) {
        let start = Instant::now();
        let result = store
            .ingest_all(&mut ready)
            .context("cannot store the plans");
        (result.map(|()| ready), start.elapsed())
    };
    let mut print = |stored: Vec<PreparedPlan>| -> anyhow::Result<()> {
        if !args.quiet {
            for plan in &stored {
                progress.suspend(|| print_plan(&mut stdout, plan))?;
            }
        }
        Ok(())
    };
    for batch in inputs.chunks(BATCH) {
        let ready = std::mem::take(&mut pending);
        let ((prepared, prepare_time), (stored, store_time)) = rayon::join(
            || {
                let start = Instant::now();
                let prepared: Vec<(&PathBuf, Result<PreparedPlan, plankg::Error>)> = batch
                    .par_iter()
                    .map(|path| (path, prepare(path, &extractor, &options, &record)))
                    .collect();
                (prepared, start.elapsed())
            },
            || write(ready),
        );
        timings.add(Stage::Prepare, prepare_time);
        timings.add(Stage::Store, store_time);
        print(stored?)?;
        for (path, plan) in prepared {
            progress.inc(1);
            progress.set_message(path.display().to_string());
            let plan = match plan {
                Ok(plan) => plan,
                Err(err) => {
                    failed = true;
                    progress.suspend(|| super::report(&anyhow::Error::new(err)));
                    continue;
                }
            };
            let id = plan.extraction.metadata.id.clone();
            if let Some(first) = seen.get(&id) {
                failed = true;
                let err = anyhow::anyhow!(
                    "{}: plan id {id:?} is already taken by {} in this run; rename one file or give --id",
                    path.display(),
                    first.display()
                );
                progress.suspend(|| super::report(&err));
                continue;
            }
            seen.insert(id.clone(), path.clone());
            // The batch's plans are stored together: new ones in one bulk load.
            pending.push(plan);
        }
    }
    let (stored, store_time) = write(pending);
    timings.add(Stage::Store, store_time);
    print(stored?)?;
    progress.finish_and_clear();
    // Comparisons made before see the plans as they are now.
    let ids: Vec<String> = seen.into_keys().collect();
    let refreshed = timings.time(Stage::Compare, || {
        plankg::compare::refresh_alignments(&store, &ids, &Default::default())
    })?;
    if refreshed > 0 && !args.quiet {
        writeln!(
            stdout,
            "recomputed {refreshed} comparison(s) involving these plans"
        )?;
    }
    timings.time(Stage::Close, || drop(store));
    if args.timings {
        timings.report(started.elapsed());
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The stages `--timings` reports.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Open,
    Prepare,
    Store,
    Compare,
    Close,
}

impl Stage {
    /// Every stage, in the order of the report.
    const ALL: [Stage; 5] = [
        Stage::Open,
        Stage::Prepare,
        Stage::Store,
        Stage::Compare,
        Stage::Close,
    ];

    fn name(self) -> &'static str {
        match self {
            Stage::Open => "open",
            Stage::Prepare => "prepare",
            Stage::Store => "store",
            Stage::Compare => "compare",
            Stage::Close => "close",
        }
    }
}

/// Wall-clock time spent in each stage, indexed by `Stage as usize`.
#[derive(Debug, Default)]
struct Timings {
    seconds: [f64; Stage::ALL.len()],
}

impl Timings {
    fn time<T>(&mut self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let result = f();
        self.add(stage, start.elapsed());
        result
    }

    fn add(&mut self, stage: Stage, time: Duration) {
        self.seconds[stage as usize] += time.as_secs_f64();
    }

    /// One line on stderr: `timings: open …s, prepare …s, …, total …s`. Preparing
    /// and storing overlap, so their sum may exceed the total.
    fn report(&self, total: Duration) {
        let parts: Vec<String> = Stage::ALL
            .iter()
            .map(|&stage| format!("{} {:.3}s", stage.name(), self.seconds[stage as usize]))
            .collect();
        eprintln!(
            "timings: {}, total {:.3}s",
            parts.join(", "),
            total.as_secs_f64()
        );
    }
}

/// What the terminal shows of one ingested plan.
fn print_plan(out: &mut impl Write, plan: &PreparedPlan) -> std::io::Result<()> {
    let m = &plan.extraction.metadata;
    writeln!(
        out,
        "{}  {}",
        m.id,
        m.title.as_deref().unwrap_or("(no title)")
    )?;
    let mut facts = Vec::new();
    if let Some(issuer) = &m.issuer {
        facts.push(format!("issuer {issuer}"));
    }
    if let Some(region) = &m.region {
        let level = m.level.map(|l| format!(" ({l})")).unwrap_or_default();
        facts.push(format!("region {region}{level}"));
    }
    if let (Some(c), Some(p)) = (m.committee, m.plenary) {
        facts.push(format!("committee {c}, plenary {p}"));
    }
    if let Some(period) = &m.period {
        let years = match (m.period_start, m.period_end) {
            (Some(s), Some(e)) => format!(" ({s}–{e})"),
            _ => String::new(),
        };
        facts.push(format!("period {period}{years}"));
    }
    if let Some(h) = m.horizon {
        facts.push(format!("horizon {h}"));
    }
    if let Some(d) = &m.date {
        facts.push(format!("date {d}"));
    }
    if let Some(t) = &m.document_type {
        facts.push(format!("type {t}"));
    }
    if !facts.is_empty() {
        writeln!(out, "  {}", facts.join(" · "))?;
    }
    for (i, line) in plan.summary().iter().enumerate() {
        let prefix = if i == 0 { "" } else { "note: " };
        writeln!(out, "  {prefix}{line}")?;
    }
    Ok(())
}
