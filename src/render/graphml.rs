//! GraphML (<http://graphml.graphdrawing.org/>) for Gephi, Cytoscape and yEd: a
//! small XML writer with keys for every node and edge attribute and the view's
//! caption on the graph.

use petgraph::visit::EdgeRef;

use super::node_id;
use crate::views::View;
use crate::vocab::graphml;

/// Text escaped for XML (and HTML) content and attribute values; characters XML 1.0 cannot
/// hold are dropped.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `(id, for, name, type)` of every key.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("caption", "graph", "caption", "string"),
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("abbreviation", "node", "abbreviation", "boolean"),
    ("level", "node", "level", "string"),
    ("code", "node", "code", "string"),
    ("plans", "node", "plans", "string"),
    ("iri", "node", "iri", "string"),
    ("relation", "edge", "relation", "string"),
    ("edge_plans", "edge", "plans", "string"),
];

fn data(out: &mut String, indent: &str, key: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!(
            "{indent}<data key=\"{key}\">{}</data>\n",
            xml_escape(value)
        ));
    }
}

/// The GraphML document of `view`.
pub(super) fn to_graphml(view: &View) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<graphml xmlns=\"{}\">\n", graphml::NAMESPACE));
    for (id, domain, name, kind) in KEYS {
        out.push_str(&format!(
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>\n"
        ));
    }
    out.push_str("  <graph id=\"plankg\" edgedefault=\"directed\">\n");
    let mut caption = vec![view.name()];
    caption.extend(
        view.plans
            .iter()
            .map(|p| format!("{}（{}）", p.title, p.id)),
    );
    data(&mut out, "    ", "caption", &caption.join("\n"));
    for n in view.graph.node_indices() {
        let node = &view.graph[n];
        out.push_str(&format!("    <node id=\"{}\">\n", node_id(n.index())));
        let i = "      ";
        data(&mut out, i, "label", &node.label);
        data(&mut out, i, "kind", node.kind.as_str());
        data(
            &mut out,
            i,
            "abbreviation",
            if node.abbreviation { "true" } else { "false" },
        );
        data(
            &mut out,
            i,
            "level",
            node.level.map(|l| l.as_str()).unwrap_or_default(),
        );
        data(
            &mut out,
            i,
            "code",
            node.code.as_deref().unwrap_or_default(),
        );
        data(&mut out, i, "plans", &node.plans.join(";"));
        data(&mut out, i, "iri", &node.iri);
        out.push_str("    </node>\n");
    }
    for e in view.graph.edge_references() {
        out.push_str(&format!(
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">\n",
            e.id().index(),
            node_id(e.source().index()),
            node_id(e.target().index())
        ));
        data(&mut out, "      ", "relation", e.weight().relation.as_str());
        data(
            &mut out,
            "      ",
            "edge_plans",
            &e.weight().plans.join(";"),
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::sample;

    /// Checks that tags balance, counts elements, and returns the text.
    #[track_caller]
    fn check(xml: &str, nodes: usize, edges: usize) {
        assert_eq!(xml.matches("<node ").count(), nodes);
        assert_eq!(xml.matches("</node>").count(), nodes);
        assert_eq!(xml.matches("<edge ").count(), edges);
        assert_eq!(xml.matches("</edge>").count(), edges);
        assert_eq!(
            xml.matches("<data ").count(),
            xml.matches("</data>").count()
        );
        // No raw markup characters inside text: every `<` opens a tag.
        for piece in xml.split('<').skip(1) {
            let first = piece.chars().next().unwrap();
            assert!(
                first.is_ascii_alphabetic() || matches!(first, '/' | '?'),
                "stray < before {piece:?}"
            );
        }
    }

    #[test]
    fn well_formed_and_escaped() {
        let xml = to_graphml(&sample());
        check(&xml, 5, 4);
        assert!(xml.contains("<data key=\"label\">A&amp;B &lt;&quot;引号&quot;&gt;</data>"));
        assert!(xml.contains("<data key=\"label\">中国动力谷</data>"));
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    #[test]
    fn escape_drops_what_xml_cannot_hold() {
        assert_eq!(xml_escape("a\u{1}b'c"), "ab&apos;c");
    }
}
