//! The nodes and edges of a view as CSV (RFC 4180, CRLF line ends), with the
//! node ids of the DOT and GraphML output. Plan ids and alternative labels are
//! joined by `;` within a cell.

use petgraph::visit::EdgeRef;

use super::node_id;
use crate::views::View;

/// A CSV cell, quoted when it must be.
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn row(cells: &[&str]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("{}\r\n", cells.join(","))
}

/// `id,label,kind,abbreviation,level,code,plans,alt_labels,iri`.
pub(super) fn nodes_csv(view: &View) -> String {
    let mut out = row(&[
        "id",
        "label",
        "kind",
        "abbreviation",
        "level",
        "code",
        "plans",
        "alt_labels",
        "iri",
    ]);
    for n in view.graph.node_indices() {
        let node = &view.graph[n];
        out.push_str(&row(&[
            &node_id(n.index()),
            &node.label,
            node.kind.as_str(),
            if node.abbreviation { "true" } else { "false" },
            node.level.map(|l| l.as_str()).unwrap_or_default(),
            node.code.as_deref().unwrap_or_default(),
            &node.plans.join(";"),
            &node.alt_labels.join(";"),
            &node.iri,
        ]));
    }
    out
}

/// `source,target,source_label,relation,target_label,plans`.
pub(super) fn edges_csv(view: &View) -> String {
    let mut out = row(&[
        "source",
        "target",
        "source_label",
        "relation",
        "target_label",
        "plans",
    ]);
    for e in view.graph.edge_references() {
        out.push_str(&row(&[
            &node_id(e.source().index()),
            &node_id(e.target().index()),
            &view.graph[e.source()].label,
            e.weight().relation.as_str(),
            &view.graph[e.target()].label,
            &e.weight().plans.join(";"),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::sample;

    #[track_caller]
    fn check(csv: &str, rows: usize, expected_line: &str) {
        let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), rows + 1, "{csv}");
        assert!(
            lines.contains(&expected_line),
            "{expected_line:?} not in\n{csv}"
        );
    }

    #[test]
    fn nodes_and_edges() {
        let view = sample();
        let iri = crate::rdf::iri::concept("A&B <\"引号\">");
        check(
            &nodes_csv(&view),
            5,
            &format!(
                "n1,\"A&B <\"\"引号\"\">\",Task,false,city,,city,,{}",
                iri.as_str()
            ),
        );
        check(
            &edges_csv(&view),
            4,
            "n4,n3,产业基础再造,itemOf,制造强市七大工程,city",
        );
    }
}
