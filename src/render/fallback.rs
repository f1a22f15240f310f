//! The SVG drawn without Graphviz, by the pure-Rust `layout-rs`: the same shapes
//! (roughly) and colours, left to right as the DOT runs, and the caption as a
//! borderless box. It has no clusters or legend, and its layout is plainer.
//! `layout-rs` writes `font-family: Times, serif`; the CJK font list replaces it
//! so that Chinese renders where a CJK font is installed.

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;

use super::dot::{edge_look, look};
use super::{FONT, wrap};
use crate::views::{Kind, Relation, View};

const FONT_SIZE: usize = 14;
const PADDING: f64 = 12.0;
const LABEL_WIDTH: usize = 24;
/// Views with more nodes than this are laid out without crossing reduction.
const LARGE: usize = 300;

/// Width and height of a label's lines in pixels (a CJK character is one em).
fn text_size(lines: &[String]) -> Point {
    let width = lines
        .iter()
        .map(|l| crate::query::display_width(l))
        .max()
        .unwrap_or(1)
        .max(1);
    Point::new(
        width as f64 * FONT_SIZE as f64 / 2.0,
        lines.len().max(1) as f64 * FONT_SIZE as f64 * 1.2,
    )
}

fn element(label: &str, kind: Option<Kind>) -> Element {
    let width = if kind.is_some() {
        LABEL_WIDTH
    } else {
        3 * LABEL_WIDTH
    };
    let lines: Vec<String> = label.lines().flat_map(|l| wrap(l, width)).collect();
    let text = lines.join("\n");
    let size = text_size(&lines);
    let Some(kind) = kind else {
        // The caption: text without a frame.
        let style = StyleAttr::new(Color::transparent(), 0, None, 0, FONT_SIZE);
        return Element::create(
            ShapeKind::new_box(&text),
            style,
            Orientation::LeftToRight,
            Point::new(size.x + PADDING, size.y + PADDING),
        );
    };
    let (shape, fill) = look(kind);
    let style = StyleAttr::new(
        Color::fast("#555555"),
        1,
        Some(Color::fast(fill)),
        if kind == Kind::Project { 4 } else { 0 },
        FONT_SIZE,
    );
    let (shape, size) = if shape == "ellipse" {
        (
            ShapeKind::new_circle(&text),
            Point::new(size.x * 1.3 + PADDING * 2.0, size.y * 1.4 + PADDING),
        )
    } else {
        (
            ShapeKind::new_box(&text),
            Point::new(size.x + PADDING * 2.0, size.y + PADDING),
        )
    };
    Element::create(shape, style, Orientation::LeftToRight, size)
}

/// The SVG of `view`, laid out by `layout-rs`.
pub(super) fn to_svg(view: &View) -> String {
    let mut graph = VisualGraph::new(Orientation::LeftToRight);
    let mut caption = vec![view.name()];
    caption.extend(
        view.plans
            .iter()
            .map(|p| format!("{}（{}）", p.title, p.id)),
    );
    graph.add_node(element(&caption.join("\n"), None));
    let handles: Vec<_> = view
        .graph
        .node_weights()
        .map(|node| graph.add_node(element(&node.label, Some(node.kind))))
        .collect();
    for e in view.graph.edge_references() {
        let relation = e.weight().relation;
        let (color, style) = edge_look(relation);
        let line = if style == "dashed" {
            LineStyleKind::Dashed
        } else {
            LineStyleKind::Normal
        };
        let look = StyleAttr::new(Color::fast(color), 1, None, 0, FONT_SIZE);
        let (source, target) = (handles[e.source().index()], handles[e.target().index()]);
        // layout-rs puts an edge's start left of its end; a hasPart whole goes
        // right of its members, as in the DOT.
        let arrow = |start, end| Arrow::new(start, end, line, "", &look, &None, &None);
        if relation == Relation::HasPart {
            graph.add_edge(arrow(LineEndKind::Arrow, LineEndKind::None), target, source);
        } else {
            graph.add_edge(arrow(LineEndKind::None, LineEndKind::Arrow), source, target);
        }
    }
    let mut svg = SVGWriter::new();
    // layout-rs's crossing reduction grows fast with size (minutes at a thousand
    // nodes); large views go without it.
    let plain = view.graph.node_count() > LARGE;
    graph.do_it(false, plain, false, &mut svg);
    let css_fonts: Vec<String> = FONT
        .split(',')
        .map(|f| {
            if f.contains(' ') {
                format!("'{f}'")
            } else {
                f.to_owned()
            }
        })
        .collect();
    svg.finalize().replace(
        "font-family: Times, serif;",
        &format!("font-family: {};", css_fonts.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::sample;

    #[test]
    fn draws_every_label_in_a_cjk_font() {
        let svg = to_svg(&sample());
        assert!(svg.contains("<svg"));
        for label in ["中国动力谷", "三高四新战略", "制造强市七大工程", "A&amp;B"]
        {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(svg.contains("'WenQuanYi Micro Hei'"));
        assert!(!svg.contains("Times"));
    }
}
