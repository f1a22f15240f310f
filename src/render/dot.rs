//! The DOT of a view, built with `graphviz-rust`: shapes and colours by class, a
//! legend, clusters by plan or level, a caption naming the view and its plans.
//! Everything comes in the view's order, so the output is deterministic.

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;

use super::{Clusters, FONT, RenderOptions, node_id, wrap};
use crate::extract::gazetteer::AdminLevel;
use crate::views::{Kind, Node, Relation, View};

/// Columns a label line may take (a CJK character counts two).
const LABEL_WIDTH: usize = 24;

/// Shape and fill of a kind of node.
pub(super) fn look(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Strategy => ("hexagon", "#f4cccc"),
        Kind::Goal => ("ellipse", "#fff2cc"),
        Kind::Project => ("box", "#d9ead3"),
        Kind::Task => ("note", "#eeeeee"),
        Kind::District => ("folder", "#cfe2f3"),
        Kind::Abbreviation => ("box3d", "#ead1dc"),
        Kind::Other => ("ellipse", "#ffffff"),
    }
}

/// Colour and style of a kind of edge.
pub(super) fn edge_look(relation: Relation) -> (&'static str, &'static str) {
    match relation {
        Relation::Supports => ("#444444", "solid"),
        Relation::ItemOf => ("#1f78b4", "dashed"),
        Relation::HasPart => ("#1f78b4", "solid"),
        Relation::LocatedIn => ("#b15928", "solid"),
        Relation::AlignsWith => ("#33a02c", "dotted"),
    }
}

/// The Chinese and English name of a level of government.
pub(super) fn level_name(level: AdminLevel) -> &'static str {
    match level {
        AdminLevel::Nation => "国家级 nation",
        AdminLevel::Province => "省级 province",
        AdminLevel::City => "地级 city",
        AdminLevel::County => "县级 county",
    }
}

/// A DOT string: quoted, with `\` and `"` escaped and line breaks as `\n`.
fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), quoted(value))
}

fn node_stmt(id: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(DotNode::new(
        NodeId(Id::Plain(id.to_owned()), None),
        attributes,
    ))
}

fn edge_stmt(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    let vertex = |id: &str| Vertex::N(NodeId(Id::Plain(id.to_owned()), None));
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(vertex(from), vertex(to)),
        attributes,
    })
}

fn cluster(id: &str, label: &str, mut stmts: Vec<Stmt>) -> Stmt {
    let mut body = vec![
        Stmt::Attribute(attr("label", label)),
        Stmt::Attribute(attr("style", "rounded,filled")),
        Stmt::Attribute(attr("fillcolor", "#fafafa")),
        Stmt::Attribute(attr("color", "#999999")),
    ];
    body.append(&mut stmts);
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(id.to_owned()),
        stmts: body,
    })
}

/// A node's label: its name wrapped, and for a division its code and level.
fn node_label(node: &Node) -> String {
    let mut lines = wrap(&node.label, LABEL_WIDTH);
    if node.kind == Kind::District {
        let facts: Vec<&str> = [node.code.as_deref(), node.level.map(AdminLevel::as_str)]
            .into_iter()
            .flatten()
            .collect();
        if !facts.is_empty() {
            lines.push(facts.join(" · "));
        }
    }
    lines.join("\n")
}

fn node_attributes(node: &Node) -> Vec<Attribute> {
    let (shape, fill) = look(node.kind);
    let mut attributes = vec![
        attr("label", &node_label(node)),
        attr("shape", shape),
        attr("fillcolor", fill),
    ];
    if node.abbreviation {
        attributes.push(attr("peripheries", "2"));
    }
    attributes.push(attr(
        "tooltip",
        &format!(
            "{} · {} · {}",
            node.label,
            node.kind.as_str(),
            node.plans.join(", ")
        ),
    ));
    attributes
}

/// The edge statement. Diagrams run left to right, from what supports to what is
/// supported (task → goal → strategy, place → containing place); `hasPart` is
/// written from the member with the arrow reversed, so that a whole stands right
/// of its members as a goal stands right of what supports it.
fn edge_statement(from: &str, to: &str, relation: Relation, tooltip: &str) -> Stmt {
    let (color, style) = edge_look(relation);
    let mut attributes = vec![attr("color", color)];
    if style != "solid" {
        attributes.push(attr("style", style));
    }
    if relation == Relation::LocatedIn {
        attributes.push(attr("arrowhead", "empty"));
    }
    if relation == Relation::AlignsWith {
        attributes.push(attr("arrowhead", "none"));
        attributes.push(attr("penwidth", "1.5"));
    }
    if !tooltip.is_empty() {
        attributes.push(attr("tooltip", tooltip));
    }
    if relation == Relation::HasPart {
        attributes.push(attr("dir", "back"));
        edge_stmt(to, from, attributes)
    } else {
        edge_stmt(from, to, attributes)
    }
}

/// The caption: the view, then each plan's title and id.
fn caption(view: &View) -> String {
    let mut lines = vec![view.name()];
    lines.extend(
        view.plans
            .iter()
            .map(|p| format!("{}（{}）", p.title, p.id)),
    );
    if view.plans.is_empty() {
        lines.push("（无规划 no plan）".to_owned());
    }
    lines.join("\n")
}

fn legend(view: &View) -> Option<Stmt> {
    let mut stmts = Vec::new();
    for kind in Kind::ALL {
        if view.graph.node_weights().any(|n| n.kind == kind) {
            let (shape, fill) = look(kind);
            stmts.push(node_stmt(
                &format!("legend_{}", kind.as_str()),
                vec![
                    attr("label", &format!("{} {}", kind.label_zh(), kind.as_str())),
                    attr("shape", shape),
                    attr("fillcolor", fill),
                ],
            ));
        }
    }
    if view.graph.node_weights().any(|n| n.abbreviation) {
        let (shape, fill) = look(Kind::Goal);
        stmts.push(node_stmt(
            "legend_abbreviation",
            vec![
                attr(
                    "label",
                    "双框：数字略语\ndouble border: numbered abbreviation",
                ),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("peripheries", "2"),
            ],
        ));
    }
    for relation in Relation::ALL {
        if view.graph.edge_weights().any(|e| e.relation == relation) {
            let name = relation.as_str();
            let (low, high) = (format!("legend_{name}_a"), format!("legend_{name}_b"));
            let text = |id: &str, label: &str| {
                node_stmt(
                    id,
                    vec![
                        attr("label", label),
                        attr("shape", "plaintext"),
                        attr("style", ""),
                        attr("fontsize", "10"),
                    ],
                )
            };
            stmts.push(text(&low, ""));
            stmts.push(text(&high, &format!("{} {name}", relation.label_zh())));
            // Drawn as the graph draws it: a hasPart whole right of its member.
            stmts.push(match relation {
                Relation::HasPart => edge_statement(&high, &low, relation, ""),
                _ => edge_statement(&low, &high, relation, ""),
            });
        }
    }
    if stmts.is_empty() {
        return None;
    }
    let mut body = vec![
        Stmt::Attribute(attr("label", "图例 legend")),
        Stmt::Attribute(attr("style", "rounded,dashed")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::Attribute(attr("fontsize", "12")),
    ];
    body.append(&mut stmts);
    Some(Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend".to_owned()),
        stmts: body,
    }))
}

/// The DOT source of `view`.
pub(super) fn to_dot(view: &View, options: &RenderOptions) -> String {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("newrank", "true"),
            attr("fontname", FONT),
            attr("fontsize", "16"),
            attr("labelloc", "t"),
            attr("label", &caption(view)),
            attr("nodesep", "0.25"),
            attr("ranksep", "0.45"),
            attr("bgcolor", "white"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("fontsize", "11"),
            attr("style", "filled"),
            attr("color", "#555555"),
            attr("margin", "0.08,0.04"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("fontsize", "9"),
            attr("arrowsize", "0.7"),
        ])),
    ];
    if options.legend
        && let Some(legend) = legend(view)
    {
        stmts.push(legend);
    }

    let clusters = match options.clusters {
        Clusters::Auto if view.plans.len() > 1 => Clusters::Plan,
        Clusters::Auto => Clusters::None,
        other => other,
    };
    // Cluster key → its node statements; key order is cluster order.
    let mut grouped: BTreeMap<(usize, String), Vec<Stmt>> = BTreeMap::new();
    let mut loose = Vec::new();
    for n in view.graph.node_indices() {
        let node = &view.graph[n];
        let stmt = node_stmt(&node_id(n.index()), node_attributes(node));
        let key = match clusters {
            Clusters::Plan if node.plans.len() == 1 => view
                .plans
                .iter()
                .position(|p| p.id == node.plans[0])
                .map(|i| (i, node.plans[0].clone())),
            Clusters::Level => node.level.map(|l| (l as usize, l.as_str().to_owned())),
            _ => None,
        };
        match key {
            Some(key) => grouped.entry(key).or_default().push(stmt),
            None => loose.push(stmt),
        }
    }
    for ((i, key), members) in grouped {
        let (id, label) = match clusters {
            Clusters::Level => (
                format!("cluster_level_{key}"),
                level_name(AdminLevel::ALL[i]).to_owned(),
            ),
            _ => {
                let plan = &view.plans[i];
                (
                    format!("cluster_plan_{i}"),
                    format!("{}\n（{}）", plan.title, plan.id),
                )
            }
        };
        stmts.push(cluster(&id, &label, members));
    }
    stmts.append(&mut loose);

    for e in view.graph.edge_references() {
        let (s, t) = (&view.graph[e.source()], &view.graph[e.target()]);
        let tooltip = format!(
            "{} {} {} · {}",
            s.label,
            e.weight().relation.as_str(),
            t.label,
            e.weight().plans.join(", ")
        );
        stmts.push(edge_statement(
            &node_id(e.source().index()),
            &node_id(e.target().index()),
            e.weight().relation,
            &tooltip,
        ));
    }

    let graph = Graph::DiGraph {
        id: Id::Plain("plankg".to_owned()),
        strict: false,
        stmts,
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}
