//! The comparison as files: a Markdown report to read, CSV and JSON to analyse.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use super::{Comparison, ConceptInfo};

/// Writes `comparison.md`, `comparison.json` and `alignments.csv`, `services.csv`,
/// `gaps.csv`, `additions.csv`, `coverage.csv` into `dir` (created if missing);
/// returns the paths written.
pub fn write_report(c: &Comparison, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut write = |name: &str, content: String| -> io::Result<()> {
        let path = dir.join(name);
        // Whole files or none: write beside, then rename.
        let temp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&temp, content)?;
        std::fs::rename(&temp, &path)?;
        written.push(path);
        Ok(())
    };
    write("comparison.md", markdown(c))?;
    write(
        "comparison.json",
        serde_json::to_string_pretty(&report_json(c)).expect("serialisable") + "\n",
    )?;
    let label = |side: &super::PlanSide, iri: &str| {
        side.concepts
            .get(iri)
            .map_or_else(String::new, |x| x.label.clone())
    };
    let class = |side: &super::PlanSide, iri: &str| {
        side.concepts.get(iri).map_or_else(String::new, classes)
    };
    write(
        "alignments.csv",
        csv(
            &[
                "a_concept",
                "a_classes",
                "b_concept",
                "b_classes",
                "method",
                "score",
            ],
            c.alignments.iter().map(|al| {
                vec![
                    label(&c.a, &al.a),
                    class(&c.a, &al.a),
                    label(&c.b, &al.b),
                    class(&c.b, &al.b),
                    al.method.as_str().to_owned(),
                    format!("{:.3}", al.score),
                ]
            }),
        ),
    )?;
    write(
        "services.csv",
        csv(
            &["a_goal", "serves_b", "via"],
            c.services()
                .into_iter()
                .map(|s| vec![s.goal, s.serves, s.via]),
        ),
    )?;
    write(
        "gaps.csv",
        csv(
            &["b_concept", "b_classes"],
            c.gaps()
                .into_iter()
                .map(|x| vec![x.label.clone(), classes(x)]),
        ),
    )?;
    write(
        "additions.csv",
        csv(
            &["a_concept", "a_classes"],
            c.additions()
                .into_iter()
                .map(|x| vec![x.label.clone(), classes(x)]),
        ),
    )?;
    write(
        "coverage.csv",
        csv(
            &["class", "taken_up", "of_b", "share"],
            c.coverage().into_iter().map(|(class, taken, total)| {
                vec![
                    class.to_owned(),
                    taken.to_string(),
                    total.to_string(),
                    share(taken, total),
                ]
            }),
        ),
    )?;
    Ok(written)
}

fn classes(c: &ConceptInfo) -> String {
    c.classes.iter().cloned().collect::<Vec<_>>().join("+")
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// RFC 4180 CSV with a header row.
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = header.join(",") + "\r\n";
    for row in rows {
        out += &row.iter().map(|s| cell(s)).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

fn report_json(c: &Comparison) -> serde_json::Value {
    serde_json::json!({
        "a": { "id": c.a.id, "title": c.a.title, "region": c.a.region, "level": c.a.level },
        "b": { "id": c.b.id, "title": c.b.title, "region": c.b.region, "level": c.b.level },
        "shared": c.shared().iter().map(|x| &x.label).collect::<Vec<_>>(),
        "services": c.services(),
        "gaps": c.gaps().iter().map(|x| serde_json::json!({"label": x.label, "classes": x.classes})).collect::<Vec<_>>(),
        "additions": c.additions().iter().map(|x| serde_json::json!({"label": x.label, "classes": x.classes})).collect::<Vec<_>>(),
        "coverage": c.coverage().iter().map(|(class, taken, total)| serde_json::json!({"class": class, "taken_up": taken, "of_b": total})).collect::<Vec<_>>(),
        "alignments": c.alignments.iter().map(|al| serde_json::json!({
            "a": c.a.concepts.get(&al.a).map(|x| &x.label),
            "b": c.b.concepts.get(&al.b).map(|x| &x.label),
            "method": al.method,
            "score": al.score,
        })).collect::<Vec<_>>(),
    })
}

/// A Markdown table.
fn table(out: &mut String, header: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
    );
    let mut any = false;
    for row in rows {
        any = true;
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    if !any {
        let _ = writeln!(
            out,
            "| {} |",
            header.iter().map(|_| "—").collect::<Vec<_>>().join(" | ")
        );
    }
    out.push('\n');
}

fn markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let name = |s: &super::PlanSide| {
        let title = if s.title.is_empty() { &s.id } else { &s.title };
        format!("{title} (`{}`, {} {})", s.id, s.region, s.level)
    };
    let _ = writeln!(out, "# {} compared with {}\n", c.a.id, c.b.id);
    let _ = writeln!(out, "- **A**: {}", name(&c.a));
    let _ = writeln!(out, "- **B**: {}\n", name(&c.b));
    let _ = writeln!(
        out,
        "{} alignments; {} concepts shared; {} of A's goals serve B's goals or strategies; B has {} strategies and goals A does not take up; A adds {} of its own.\n",
        c.alignments.len(),
        c.shared().len(),
        c.services()
            .iter()
            .map(|s| &s.goal)
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        c.gaps().len(),
        c.additions().len()
    );
    let _ = writeln!(out, "## Coverage of B by A\n");
    table(
        &mut out,
        &["class", "taken up by A", "of B's", "share"],
        c.coverage().into_iter().map(|(class, taken, total)| {
            vec![
                class.to_owned(),
                taken.to_string(),
                total.to_string(),
                share(taken, total),
            ]
        }),
    );
    let _ = writeln!(out, "## Concepts both plans name\n");
    table(
        &mut out,
        &["concept", "classes"],
        c.shared()
            .into_iter()
            .map(|x| vec![x.label.clone(), classes(x)]),
    );
    let _ = writeln!(out, "## A's goals that serve B's goals or strategies\n");
    table(
        &mut out,
        &["A's goal", "serves B's", "via"],
        c.services()
            .into_iter()
            .map(|s| vec![s.goal, s.serves, s.via]),
    );
    let _ = writeln!(out, "## Other alignments\n");
    table(
        &mut out,
        &["A", "B", "method", "score"],
        c.alignments.iter().filter(|al| al.a != al.b).map(|al| {
            vec![
                c.a.concepts
                    .get(&al.a)
                    .map_or_else(String::new, |x| x.label.clone()),
                c.b.concepts
                    .get(&al.b)
                    .map_or_else(String::new, |x| x.label.clone()),
                al.method.as_str().to_owned(),
                format!("{:.2}", al.score),
            ]
        }),
    );
    let _ = writeln!(
        out,
        "## Gaps: B's strategies and goals that A does not take up\n"
    );
    table(
        &mut out,
        &["B's concept", "classes"],
        c.gaps()
            .into_iter()
            .map(|x| vec![x.label.clone(), classes(x)]),
    );
    let _ = writeln!(
        out,
        "## Additions: A's own strategies, goals and programmes\n"
    );
    table(
        &mut out,
        &["A's concept", "classes"],
        c.additions()
            .into_iter()
            .map(|x| vec![x.label.clone(), classes(x)]),
    );
    out
}
