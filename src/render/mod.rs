//! Pictures and files of a [`View`]: DOT, SVG, PNG and PDF diagrams, CSV tables of
//! nodes and edges, GraphML for Gephi, Cytoscape and yEd. The entry point is
//! [`render`]; [`Rendered::write`] puts the result into files. The only module
//! that knows Graphviz.
//!
//! DOT is built with `graphviz-rust` and is deterministic: nodes, clusters and
//! edges come in the view's order, which follows labels, so the same store gives
//! byte-identical DOT. SVG, PNG and PDF come from running Graphviz's `dot`
//! program ([`RenderOptions::dot_program`]). Without it an SVG is still drawn, by
//! the pure-Rust `layout-rs`, with a [`Rendered::note`] saying so; PNG and PDF
//! are refused with [`RenderError::DotNotFound`].

mod dot;
mod fallback;
mod graphml;
mod table;

pub(crate) use graphml::xml_escape;

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

use crate::views::View;

/// The fonts diagrams ask for, first choice first: Chinese needs a CJK font.
pub const FONT: &str = "WenQuanYi Micro Hei,Noto Sans CJK SC,sans-serif";

/// What to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT source.
    Dot,
    /// SVG, from `dot` or else from the built-in layout.
    Svg,
    /// PNG, from `dot`.
    Png,
    /// PDF, from `dot`.
    Pdf,
    /// The edges as CSV (files: nodes and edges).
    Csv,
    /// GraphML.
    Graphml,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Csv,
        Format::Graphml,
    ];

    /// The name on the command line, also the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Graphml => "graphml",
        }
    }

    /// The format a file name's extension names (`gv` is DOT too).
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_lowercase();
        match extension.as_str() {
            "gv" => Some(Format::Dot),
            other => other.parse().ok(),
        }
    }

    /// Whether it is a picture or its DOT source.
    pub fn is_diagram(self) -> bool {
        matches!(self, Format::Dot | Format::Svg | Format::Png | Format::Pdf)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown format {s:?}"))
    }
}

/// How nodes are grouped into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clusters {
    /// By plan when the view has several plans, else none.
    Auto,
    /// A box per plan for the concepts only it names; shared concepts stand
    /// outside, between the plans.
    Plan,
    /// A box per level of government (nation, province, city, county).
    Level,
    /// No boxes.
    None,
}

/// Settings of [`render`].
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub format: Format,
    pub clusters: Clusters,
    /// Draw a legend of the shapes and edge styles in use.
    pub legend: bool,
    /// The Graphviz program (`dot`, or a path to it).
    pub dot_program: OsString,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            format: Format::Dot,
            clusters: Clusters::Auto,
            legend: true,
            dot_program: "dot".into(),
        }
    }
}

/// A view rendered: the output, and its DOT and CSV companions.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub format: Format,
    /// The output in `format` (for CSV: the edges table).
    pub bytes: Vec<u8>,
    /// The DOT source of the diagram.
    pub dot: String,
    /// One row per node: `id,label,kind,…`.
    pub nodes_csv: String,
    /// One row per edge: `source,target,…`.
    pub edges_csv: String,
    /// A remark for the user, such as that the built-in layout drew the SVG.
    pub note: Option<String>,
}

/// Why a view could not be rendered or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The Graphviz program is not installed (or not where it was said to be).
    #[error("cannot draw {format}: Graphviz program {program:?} not found")]
    DotNotFound { program: String, format: Format },
    /// The Graphviz program ran and failed.
    #[error("Graphviz program {program:?} failed: {message}")]
    DotFailed { program: String, message: String },
    /// An output file could not be written.
    #[error("{}: cannot write", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl RenderError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            RenderError::DotNotFound { .. } => Some(
                "install Graphviz (Debian/Ubuntu: apt-get install graphviz) or set PLANKG_DOT to its dot program; --format dot and svg work without it",
            ),
            RenderError::DotFailed { .. } => Some(
                "write the DOT with --format dot and run dot on it by hand to see the whole message",
            ),
            RenderError::Write { .. } => {
                Some("check that the output directory can be written to and has space")
            }
        }
    }
}

/// Renders `view` in `options.format`.
pub fn render(view: &View, options: &RenderOptions) -> Result<Rendered, RenderError> {
    let dot = dot::to_dot(view, options);
    let nodes_csv = table::nodes_csv(view);
    let edges_csv = table::edges_csv(view);
    let mut note = None;
    let bytes = match options.format {
        Format::Dot => dot.clone().into_bytes(),
        Format::Csv => edges_csv.clone().into_bytes(),
        Format::Graphml => graphml::to_graphml(view).into_bytes(),
        format @ (Format::Svg | Format::Png | Format::Pdf) => {
            match run_dot(&options.dot_program, format, &dot) {
                Ok(bytes) => bytes,
                Err(RenderError::DotNotFound { program, .. }) if format == Format::Svg => {
                    note = Some(format!(
                        "Graphviz program {program:?} not found, so the built-in layout drew the SVG; Graphviz gives PNG, PDF and better layouts"
                    ));
                    fallback::to_svg(view).into_bytes()
                }
                Err(e) => return Err(e),
            }
        }
    };
    Ok(Rendered {
        format: options.format,
        bytes,
        dot,
        nodes_csv,
        edges_csv,
        note,
    })
}

/// Runs the Graphviz program on `dot`, returning what it prints.
fn run_dot(program: &OsString, format: Format, dot: &str) -> Result<Vec<u8>, RenderError> {
    let name = program.to_string_lossy().into_owned();
    let failed = |message: String| RenderError::DotFailed {
        program: name.clone(),
        message,
    };
    let mut child = match Command::new(program)
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(RenderError::DotNotFound {
                program: name,
                format,
            });
        }
        Err(e) => return Err(failed(e.to_string())),
    };
    // Feed the input from another thread so that a full output pipe cannot
    // block the program while it still waits for input.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = dot.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut bytes = Vec::new();
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_to_end(&mut bytes)
        .map_err(|e| failed(e.to_string()))?;
    let status = child.wait().map_err(|e| failed(e.to_string()))?;
    let fed = feeder.join().expect("the feeder does not panic");
    let messages = reader.join().expect("the reader does not panic");
    if !status.success() {
        let first = messages
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .trim()
            .to_owned();
        return Err(failed(format!("{status}: {first}")));
    }
    fed.map_err(|e| failed(e.to_string()))?;
    Ok(bytes)
}

impl Rendered {
    /// The files [`Rendered::write`] makes for output path `path`: the output
    /// itself; for SVG, PNG and PDF the DOT beside it (`dep.dot`); for diagrams
    /// and CSV the tables `dep.nodes.csv` and `dep.edges.csv`.
    pub fn files(&self, path: &Path) -> Vec<(PathBuf, &[u8])> {
        let stem = path.with_extension("");
        let beside = |suffix: &str| {
            let mut name = stem.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
        if self.format != Format::Csv {
            files.push((path.to_owned(), &self.bytes));
        }
        if matches!(self.format, Format::Svg | Format::Png | Format::Pdf) {
            files.push((beside(".dot"), self.dot.as_bytes()));
        }
        if self.format.is_diagram() || self.format == Format::Csv {
            files.push((beside(".nodes.csv"), self.nodes_csv.as_bytes()));
            files.push((beside(".edges.csv"), self.edges_csv.as_bytes()));
        }
        files
    }

    /// Writes [`Rendered::files`]: each to a temporary file in its directory
    /// first, then all renamed into place, so that a failure leaves no half
    /// file. Creates the directory if needed. Returns the paths written.
    pub fn write(&self, path: &Path) -> Result<Vec<PathBuf>, RenderError> {
        let files = self.files(path);
        let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
        let mut renamed = 0;
        let result = (|| {
            for (target, bytes) in &files {
                let error = |source| RenderError::Write {
                    path: target.clone(),
                    source,
                };
                let dir = target
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                std::fs::create_dir_all(dir).map_err(error)?;
                let name = target.file_name().unwrap_or_default().to_string_lossy();
                let temp = dir.join(format!(".{name}.plankg-{}.tmp", std::process::id()));
                staged.push((temp.clone(), target));
                std::fs::write(&temp, bytes).map_err(error)?;
            }
            for (temp, target) in &staged {
                std::fs::rename(temp, target).map_err(|source| RenderError::Write {
                    path: target.to_path_buf(),
                    source,
                })?;
                renamed += 1;
            }
            Ok(())
        })();
        for (temp, _) in &staged[renamed..] {
            let _ = std::fs::remove_file(temp);
        }
        result.map(|()| files.iter().map(|(p, _)| p.clone()).collect())
    }
}

/// A node's id in DOT, CSV and GraphML: `n` and its index in the view.
fn node_id(index: usize) -> String {
    format!("n{index}")
}

/// A label broken into lines of at most about `width` columns (a CJK character
/// counts two), at character boundaries, the lines about equally long.
fn wrap(label: &str, width: usize) -> Vec<String> {
    let column = |c: char| crate::query::display_width(c.encode_utf8(&mut [0; 4]));
    let total: usize = label.chars().map(column).sum();
    let count = total.div_ceil(width.max(1)).max(1);
    let target = total.div_ceil(count);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in label.chars() {
        let w = column(c);
        if used + w > target && used > 0 && lines.len() < count {
            lines.push(String::new());
            used = 0;
        }
        lines.last_mut().expect("one line at least").push(c);
        used += w;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gazetteer::AdminLevel;
    use crate::views::{Edge, Kind, Node, PlanSource, Relation, ViewKind, ViewSpec};
    use petgraph::graph::DiGraph;

    /// A small view: a task and a programme item supporting a goal that serves a
    /// strategy, in two plans, with a label that XML and DOT must escape.
    pub(super) fn sample() -> View {
        let node = |label: &str, kind, plans: &[&str], level| Node {
            iri: crate::rdf::iri::concept(label).as_str().to_owned(),
            label: label.to_owned(),
            alt_labels: Vec::new(),
            kind,
            abbreviation: false,
            plans: plans.iter().map(|p| p.to_string()).collect(),
            level,
            code: None,
        };
        let mut graph = DiGraph::new();
        let a = graph.add_node(node(
            "中国动力谷",
            Kind::Goal,
            &["city"],
            Some(AdminLevel::City),
        ));
        let b = graph.add_node(node(
            "A&B <\"引号\">",
            Kind::Task,
            &["city"],
            Some(AdminLevel::City),
        ));
        let c = graph.add_node(node(
            "三高四新战略",
            Kind::Strategy,
            &["city", "province"],
            Some(AdminLevel::Province),
        ));
        let d = graph.add_node(node(
            "制造强市七大工程",
            Kind::Project,
            &["city"],
            Some(AdminLevel::City),
        ));
        let e = graph.add_node(node("产业基础再造", Kind::Project, &["city"], None));
        let edge = |relation| Edge {
            relation,
            plans: vec!["city".to_owned()],
        };
        graph.add_edge(b, a, edge(Relation::Supports));
        graph.add_edge(a, c, edge(Relation::Supports));
        graph.add_edge(d, a, edge(Relation::Supports));
        graph.add_edge(e, d, edge(Relation::ItemOf));
        View {
            spec: ViewSpec::new(ViewKind::Dependency),
            graph,
            plans: vec![
                PlanSource {
                    id: "city".to_owned(),
                    title: "市委全会公报".to_owned(),
                    level: Some(AdminLevel::City),
                },
                PlanSource {
                    id: "province".to_owned(),
                    title: "省委建议".to_owned(),
                    level: Some(AdminLevel::Province),
                },
            ],
            reduced: false,
        }
    }

    fn options(format: Format) -> RenderOptions {
        RenderOptions {
            format,
            ..RenderOptions::default()
        }
    }

    /// Renders the sample and returns the output as text.
    #[track_caller]
    fn check(options: &RenderOptions) -> Rendered {
        let rendered = render(&sample(), options).unwrap();
        assert_eq!(rendered.format, options.format);
        assert!(!rendered.bytes.is_empty());
        rendered
    }

    #[test]
    fn dot_parses_back_and_is_deterministic() {
        let first = check(&options(Format::Dot));
        let text = String::from_utf8(first.bytes.clone()).unwrap();
        graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(text.contains("中国动力谷"));
        assert!(text.contains(FONT));
        assert!(text.contains("cluster_legend"));
        assert!(
            text.contains("cluster_plan_"),
            "two plans: clusters by plan"
        );
        assert_eq!(check(&options(Format::Dot)).bytes, first.bytes);
    }

    #[test]
    fn clusters_by_level() {
        let rendered = check(&RenderOptions {
            clusters: Clusters::Level,
            legend: false,
            ..options(Format::Dot)
        });
        let text = String::from_utf8(rendered.bytes).unwrap();
        graphviz_rust::parse(&text).unwrap();
        assert!(text.contains("cluster_level_city"));
        assert!(text.contains("cluster_level_province"));
        assert!(!text.contains("cluster_legend"));
    }

    #[test]
    fn missing_dot_falls_back_for_svg_only() {
        let missing = |format| RenderOptions {
            dot_program: "/nonexistent/dot".into(),
            ..options(format)
        };
        let svg = check(&missing(Format::Svg));
        let text = String::from_utf8(svg.bytes.clone()).unwrap();
        assert!(text.contains("<svg"), "{text}");
        assert!(text.contains("中国动力谷"));
        assert!(svg.note.unwrap().contains("Graphviz"));
        for format in [Format::Png, Format::Pdf] {
            let err = render(&sample(), &missing(format)).unwrap_err();
            assert!(matches!(err, RenderError::DotNotFound { .. }), "{err}");
            assert!(err.to_string().contains("/nonexistent/dot"));
            assert!(err.hint().is_some());
        }
    }

    #[test]
    fn a_failing_dot_is_reported() {
        let err = render(
            &sample(),
            &RenderOptions {
                dot_program: "false".into(),
                ..options(Format::Png)
            },
        )
        .unwrap_err();
        assert!(matches!(err, RenderError::DotFailed { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("Graphviz program \"false\" failed")
        );
        assert!(err.hint().is_some());
    }

    #[test]
    fn files_beside_the_output() {
        let dir = tempfile::TempDir::new().unwrap();
        let rendered = check(&options(Format::Dot));
        let written = rendered.write(&dir.path().join("out/dep.dot")).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["dep.dot", "dep.nodes.csv", "dep.edges.csv"]);
        let leftovers = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(leftovers, 0);
        let graphml = check(&options(Format::Graphml));
        assert_eq!(graphml.files(Path::new("g.graphml")).len(), 1);
    }

    #[test]
    fn formats_from_paths() {
        assert_eq!(Format::from_path(Path::new("a/b.SVG")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("b.gv")), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("b.txt")), None);
        assert_eq!(wrap("一二三四五六", 6), ["一二三", "四五六"]);
        assert_eq!(wrap("一二三四五六七", 12), ["一二三", "四五六七"]);
        assert_eq!(wrap("中国动力谷", 24), ["中国动力谷"]);
    }
}
