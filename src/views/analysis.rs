//! Analyses of a [`View`]: layers in topological order, cycles (strongly connected
//! components), goals nothing supports, concepts that support nothing, centrality,
//! shortest paths and the transitive reduction.
//!
//! Cycles never make an analysis loop: layers and the reduction work on the
//! condensation (each strongly connected component taken as one node), so the
//! members of a cycle share a layer and keep their edges.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::algo::tred::{dag_to_toposorted_adjacency_list, dag_transitive_reduction_closure};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{Kind, View};

/// How central a concept is.
#[derive(Debug, Clone, PartialEq)]
pub struct Centrality {
    pub node: NodeIndex,
    /// Distinct concepts with an edge to it.
    pub in_degree: usize,
    /// Distinct concepts it has an edge to.
    pub out_degree: usize,
    /// Brandes betweenness over directed shortest paths, not normalised: how many
    /// shortest paths between other concepts pass through it.
    pub betweenness: f64,
}

/// The size and shape of a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub nodes: usize,
    pub edges: usize,
    pub layers: usize,
    pub cycles: usize,
    /// Nodes per kind, in [`Kind::ALL`] order, kinds with none left out.
    pub kinds: Vec<(Kind, usize)>,
}

/// The strongly connected components of a graph, as a component number per node
/// and the components in a fixed order (by their smallest node).
struct Components {
    of: Vec<usize>,
    members: Vec<Vec<NodeIndex>>,
}

impl Components {
    fn of<N, E>(graph: &DiGraph<N, E>) -> Components {
        let mut members: Vec<Vec<NodeIndex>> = tarjan_scc(graph)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        members.sort();
        let mut of = vec![0; graph.node_count()];
        for (i, component) in members.iter().enumerate() {
            for n in component {
                of[n.index()] = i;
            }
        }
        Components { of, members }
    }

    /// The condensation: one node per component, an edge where any member of one
    /// has an edge to a member of another.
    fn dag<N, E>(&self, graph: &DiGraph<N, E>) -> DiGraph<(), ()> {
        let pairs: BTreeSet<(usize, usize)> = graph
            .raw_edges()
            .iter()
            .map(|e| (self.of[e.source().index()], self.of[e.target().index()]))
            .filter(|(a, b)| a != b)
            .collect();
        let mut dag = DiGraph::with_capacity(self.members.len(), pairs.len());
        for _ in &self.members {
            dag.add_node(());
        }
        for (a, b) in pairs {
            dag.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        dag
    }
}

impl View {
    /// Strongly connected components with more than one node, and nodes with an
    /// edge to themselves: each cycle's nodes in index order.
    pub fn cycles(&self) -> Vec<Vec<NodeIndex>> {
        Components::of(&self.graph)
            .members
            .into_iter()
            .filter(|c| c.len() > 1 || self.graph.contains_edge(c[0], c[0]))
            .collect()
    }

    /// Nodes by layer: layer 0 holds what no edge reaches, and every other node
    /// lies one layer above the highest node with an edge to it (longest path).
    /// In a dependency view tasks come first and strategies last. The members of a
    /// cycle share a layer.
    pub fn layers(&self) -> Vec<Vec<NodeIndex>> {
        let components = Components::of(&self.graph);
        let dag = components.dag(&self.graph);
        let mut layer = vec![0usize; dag.node_count()];
        let mut waiting: Vec<usize> = dag
            .node_indices()
            .map(|c| dag.neighbors_directed(c, Direction::Incoming).count())
            .collect();
        let mut ready: VecDeque<NodeIndex> = dag
            .node_indices()
            .filter(|c| waiting[c.index()] == 0)
            .collect();
        while let Some(c) = ready.pop_front() {
            for next in dag.neighbors(c) {
                layer[next.index()] = layer[next.index()].max(layer[c.index()] + 1);
                waiting[next.index()] -= 1;
                if waiting[next.index()] == 0 {
                    ready.push_back(next);
                }
            }
        }
        let mut layers: Vec<Vec<NodeIndex>> = Vec::new();
        for n in self.graph.node_indices() {
            let l = layer[components.of[n.index()]];
            if layers.len() <= l {
                layers.resize(l + 1, Vec::new());
            }
            layers[l].push(n);
        }
        layers
    }

    /// Goals and strategies that nothing supports: no supports or itemOf edge
    /// ends at them.
    pub fn unsupported(&self) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&n| matches!(self.graph[n].kind, Kind::Goal | Kind::Strategy))
            .filter(|&n| {
                !self
                    .graph
                    .edges_directed(n, Direction::Incoming)
                    .any(|e| e.weight().relation.is_dependency())
            })
            .collect()
    }

    /// Concepts other than strategies that support nothing: no supports or itemOf
    /// edge starts at them.
    pub fn dead_ends(&self) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&n| self.graph[n].kind != Kind::Strategy)
            .filter(|&n| {
                !self
                    .graph
                    .edges_directed(n, Direction::Outgoing)
                    .any(|e| e.weight().relation.is_dependency())
            })
            .collect()
    }

    /// Every node with its degrees and betweenness, the most central first
    /// (betweenness, then in-degree, then label order).
    pub fn centrality(&self) -> Vec<Centrality> {
        let successors = self.successors();
        let mut predecessors: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); successors.len()];
        for (s, next) in successors.iter().enumerate() {
            for &t in next {
                predecessors[t].insert(s);
            }
        }
        let betweenness = brandes(&successors);
        let mut ranking: Vec<Centrality> = self
            .graph
            .node_indices()
            .map(|n| Centrality {
                node: n,
                in_degree: predecessors[n.index()].len(),
                out_degree: successors[n.index()].len(),
                betweenness: betweenness[n.index()],
            })
            .collect();
        ranking.sort_by(|a, b| {
            b.betweenness
                .total_cmp(&a.betweenness)
                .then(b.in_degree.cmp(&a.in_degree))
                .then(a.node.cmp(&b.node))
        });
        ranking
    }

    /// A shortest directed path from `from` to `to`, as its edges; `None` when
    /// there is none. Ties go to the path through nodes earlier in label order.
    pub fn path(&self, from: NodeIndex, to: NodeIndex) -> Option<Vec<EdgeIndex>> {
        let mut came_by: BTreeMap<NodeIndex, EdgeIndex> = BTreeMap::new();
        let mut seen: BTreeSet<NodeIndex> = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            if n == to {
                let mut path = Vec::new();
                let mut at = to;
                while at != from {
                    let edge = came_by[&at];
                    path.push(edge);
                    at = self
                        .graph
                        .edge_endpoints(edge)
                        .expect("edge of the graph")
                        .0;
                }
                path.reverse();
                return Some(path);
            }
            let mut next: Vec<(NodeIndex, EdgeIndex)> = self
                .graph
                .edges_directed(n, Direction::Outgoing)
                .map(|e| (e.target(), e.id()))
                .collect();
            next.sort();
            for (t, e) in next {
                if seen.insert(t) {
                    came_by.insert(t, e);
                    queue.push_back(t);
                }
            }
        }
        None
    }

    /// Edges that a longer chain already implies (`a → c` beside `a → b → c`),
    /// in index order. Edges inside a cycle are never redundant.
    pub fn redundant_edges(&self) -> Vec<EdgeIndex> {
        let components = Components::of(&self.graph);
        let dag = components.dag(&self.graph);
        let order = petgraph::algo::toposort(&dag, None).expect("a condensation is acyclic");
        let (sorted, position) = dag_to_toposorted_adjacency_list::<_, u32>(&dag, &order);
        let (reduction, _) = dag_transitive_reduction_closure(&sorted);
        self.graph
            .edge_indices()
            .filter(|&e| {
                let (s, t) = self.graph.edge_endpoints(e).expect("edge of the graph");
                let (a, b) = (components.of[s.index()], components.of[t.index()]);
                a != b && !reduction.contains_edge(position[a], position[b])
            })
            .collect()
    }

    /// The view without its redundant edges: a cleaner diagram of the same
    /// reachability.
    pub fn reduced(&self) -> View {
        let redundant: BTreeSet<EdgeIndex> = self.redundant_edges().into_iter().collect();
        let mut graph = DiGraph::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for node in self.graph.node_weights() {
            graph.add_node(node.clone());
        }
        for e in self.graph.edge_indices() {
            if !redundant.contains(&e) {
                let (s, t) = self.graph.edge_endpoints(e).expect("edge of the graph");
                graph.add_edge(s, t, self.graph[e].clone());
            }
        }
        View {
            spec: self.spec.clone(),
            graph,
            plans: self.plans.clone(),
            reduced: true,
        }
    }

    /// Counts: nodes, edges, layers, cycles, nodes per kind.
    pub fn summary(&self) -> Summary {
        let kinds = Kind::ALL
            .into_iter()
            .map(|k| (k, self.graph.node_weights().filter(|n| n.kind == k).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        Summary {
            nodes: self.graph.node_count(),
            edges: self.graph.edge_count(),
            layers: if self.graph.node_count() == 0 {
                0
            } else {
                self.layers().len()
            },
            cycles: self.cycles().len(),
            kinds,
        }
    }

    /// Distinct successors of each node, without self-loops, sorted.
    fn successors(&self) -> Vec<Vec<usize>> {
        let mut successors: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.graph.node_count()];
        for e in self.graph.raw_edges() {
            let (s, t) = (e.source().index(), e.target().index());
            if s != t {
                successors[s].insert(t);
            }
        }
        successors
            .into_iter()
            .map(|s| s.into_iter().collect())
            .collect()
    }
}

/// Betweenness centrality of an unweighted directed graph (Brandes 2001).
fn brandes(successors: &[Vec<usize>]) -> Vec<f64> {
    let n = successors.len();
    let mut centrality = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::new();
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0f64; n];
        let mut distance: Vec<Option<usize>> = vec![None; n];
        paths[s] = 1.0;
        distance[s] = Some(0);
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            let dv = distance[v].expect("queued nodes have a distance");
            for &w in &successors[v] {
                if distance[w].is_none() {
                    distance[w] = Some(dv + 1);
                    queue.push_back(w);
                }
                if distance[w] == Some(dv + 1) {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != s {
                centrality[w] += dependency[w];
            }
        }
    }
    centrality
}

#[cfg(test)]
mod tests {
    use petgraph::graph::DiGraph;

    use super::*;
    use crate::views::{Edge, Node, Relation, ViewKind, ViewSpec};

    /// A view of made-up concepts: `(label, kind)` nodes and `(from, to)` supports
    /// edges by label.
    fn view(nodes: &[(&str, Kind)], edges: &[(&str, &str)]) -> View {
        let mut graph = DiGraph::new();
        let mut sorted = nodes.to_vec();
        sorted.sort();
        for (label, kind) in sorted {
            graph.add_node(Node {
                iri: crate::rdf::iri::concept(label).as_str().to_owned(),
                label: label.to_owned(),
                alt_labels: Vec::new(),
                kind,
                abbreviation: false,
                plans: vec!["test".to_owned()],
                level: None,
                code: None,
            });
        }
        let mut view = View {
            spec: ViewSpec::new(ViewKind::Dependency),
            graph,
            plans: Vec::new(),
            reduced: false,
        };
        for (a, b) in edges {
            let (a, b) = (view.find(a).unwrap(), view.find(b).unwrap());
            view.graph.add_edge(
                a,
                b,
                Edge {
                    relation: Relation::Supports,
                    plans: vec!["test".to_owned()],
                },
            );
        }
        view
    }

    fn labels(view: &View, nodes: &[NodeIndex]) -> Vec<String> {
        nodes.iter().map(|&n| view.graph[n].label.clone()).collect()
    }

    /// Runs `analysis` on a view and compares its labels with `expected`.
    #[track_caller]
    fn check(view: &View, analysis: impl Fn(&View) -> Vec<Vec<NodeIndex>>, expected: &[&[&str]]) {
        let got: Vec<Vec<String>> = analysis(view).iter().map(|g| labels(view, g)).collect();
        let expected: Vec<Vec<String>> = expected
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        assert_eq!(got, expected);
    }

    fn chain() -> View {
        view(
            &[
                ("a task", Kind::Task),
                ("b project", Kind::Project),
                ("c goal", Kind::Goal),
                ("d strategy", Kind::Strategy),
                ("e goal", Kind::Goal),
            ],
            &[
                ("a task", "b project"),
                ("b project", "c goal"),
                ("c goal", "d strategy"),
                ("a task", "c goal"),
            ],
        )
    }

    #[test]
    fn layers_follow_the_longest_path() {
        check(
            &chain(),
            View::layers,
            &[
                &["a task", "e goal"],
                &["b project"],
                &["c goal"],
                &["d strategy"],
            ],
        );
    }

    #[test]
    fn a_cycle_is_reported_and_shares_a_layer() {
        let v = view(
            &[
                ("a", Kind::Task),
                ("b", Kind::Goal),
                ("c", Kind::Goal),
                ("d", Kind::Strategy),
                ("s", Kind::Goal),
            ],
            &[("a", "b"), ("b", "c"), ("c", "b"), ("c", "d"), ("s", "s")],
        );
        check(&v, View::cycles, &[&["b", "c"], &["s"]]);
        check(&v, View::layers, &[&["a", "s"], &["b", "c"], &["d"]]);
        assert_eq!(v.summary().cycles, 2);
        // Edges inside the cycle stay; none is implied by a longer chain.
        assert!(v.redundant_edges().is_empty());
        let path = v.path(v.find("a").unwrap(), v.find("d").unwrap()).unwrap();
        assert_eq!(path.len(), 3);
    }

    #[test]
    fn gaps() {
        let v = chain();
        check(&v, |v| vec![v.unsupported()], &[&["e goal"]]);
        check(&v, |v| vec![v.dead_ends()], &[&["e goal"]]);
    }

    #[test]
    fn shortest_path_and_none() {
        let v = chain();
        let path = v
            .path(v.find("a task").unwrap(), v.find("d strategy").unwrap())
            .unwrap();
        let hops: Vec<String> = path
            .iter()
            .map(|&e| v.graph[v.graph.edge_endpoints(e).unwrap().1].label.clone())
            .collect();
        assert_eq!(hops, ["c goal", "d strategy"]);
        assert!(
            v.path(v.find("d strategy").unwrap(), v.find("a task").unwrap())
                .is_none()
        );
    }

    #[test]
    fn transitive_reduction_drops_the_shortcut() {
        let v = chain();
        let redundant = v.redundant_edges();
        assert_eq!(redundant.len(), 1);
        let (s, t) = v.graph.edge_endpoints(redundant[0]).unwrap();
        assert_eq!(labels(&v, &[s, t]), ["a task", "c goal"]);
        let reduced = v.reduced();
        assert!(reduced.reduced);
        assert_eq!(reduced.graph.edge_count(), 3);
        assert_eq!(reduced.graph.node_count(), 5);
    }

    #[test]
    fn centrality_ranks_the_middle_first() {
        let v = chain();
        let ranking = v.centrality();
        assert_eq!(labels(&v, &[ranking[0].node]), ["c goal"]);
        // a→d and b→d pass through c; a→c goes direct.
        assert_eq!(ranking[0].betweenness, 2.0);
        assert_eq!(ranking[0].in_degree, 2);
        assert_eq!(ranking[0].out_degree, 1);
    }
}
