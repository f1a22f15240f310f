//! Graph-level writes of the Graph Store Protocol: replace, add to or delete one
//! graph (a named graph or the store's default graph), each in one transaction.

use oxigraph::model::{GraphName, GraphNameRef, Quad, Triple};

use super::{PlanStore, StoreError};

impl PlanStore {
    /// Whether the graph holds anything (the default graph) or exists (a named graph).
    pub fn graph_exists(&self, graph: &GraphName) -> Result<bool, StoreError> {
        match graph {
            GraphName::DefaultGraph => Ok(self
                .store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .next()
                .transpose()
                .map_err(|e| self.error(e))?
                .is_some()),
            GraphName::NamedNode(node) => self.has_graph(node),
            GraphName::BlankNode(node) => self.contains_named(node.into()),
        }
    }

    /// Replaces the content of `graph` with `triples` (`replace`) or adds them to
    /// it, in one transaction; whether the graph existed before.
    pub fn write_graph(
        &self,
        graph: &GraphName,
        triples: Vec<Triple>,
        replace: bool,
    ) -> Result<bool, StoreError> {
        let existed = self.graph_exists(graph)?;
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        if replace {
            transaction
                .clear_graph(graph.as_ref())
                .map_err(|e| self.error(e))?;
        }
        match graph {
            GraphName::NamedNode(node) => transaction.insert_named_graph(node),
            GraphName::BlankNode(node) => transaction.insert_named_graph(node),
            GraphName::DefaultGraph => {}
        }
        let quads: Vec<Quad> = triples
            .into_iter()
            .map(|t| t.in_graph(graph.clone()))
            .collect();
        transaction.extend(&quads);
        transaction.commit().map_err(|e| self.error(e))?;
        Ok(existed)
    }

    /// Adds quads to whatever graphs they name, in one transaction.
    pub fn add_quads(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        for quad in quads {
            if let GraphName::NamedNode(node) = &quad.graph_name {
                transaction.insert_named_graph(node);
            }
        }
        transaction.extend(quads);
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Deletes a named graph, or empties the default graph; whether there was
    /// anything to delete.
    pub fn delete_graph(&self, graph: &GraphName) -> Result<bool, StoreError> {
        if !self.graph_exists(graph)? {
            return Ok(false);
        }
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        match graph {
            GraphName::DefaultGraph => transaction.clear_graph(GraphNameRef::DefaultGraph),
            GraphName::NamedNode(node) => transaction.remove_named_graph(node),
            GraphName::BlankNode(node) => transaction.remove_named_graph(node),
        }
        .map_err(|e| self.error(e))?;
        transaction.commit().map_err(|e| self.error(e))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{NamedNode, Term};

    fn triple(o: &str) -> Triple {
        let n = |s: &str| NamedNode::new_unchecked(format!("http://example.org/{s}"));
        Triple::new(n("s"), n("p"), Term::from(n(o)))
    }

    /// Applies `steps` (graph, objects, replace) to a fresh store and compares
    /// the objects each graph ends with.
    #[track_caller]
    fn check(steps: &[(Option<&str>, &[&str], bool)], expected: &[(Option<&str>, &[&str])]) {
        let dir = tempfile::TempDir::new().unwrap();
        let store = PlanStore::open(&dir.path().join("kg")).unwrap();
        let name = |g: Option<&str>| match g {
            None => GraphName::DefaultGraph,
            Some(g) => NamedNode::new_unchecked(format!("http://example.org/{g}")).into(),
        };
        for (graph, objects, replace) in steps {
            let triples = objects.iter().map(|o| triple(o)).collect();
            store.write_graph(&name(*graph), triples, *replace).unwrap();
        }
        for (graph, objects) in expected {
            let mut found: Vec<String> = store
                .quads()
                .unwrap()
                .into_iter()
                .filter(|q| q.graph_name == name(*graph))
                .map(|q| q.object.to_string())
                .collect();
            found.sort();
            let wanted: Vec<String> = objects
                .iter()
                .map(|o| format!("<http://example.org/{o}>"))
                .collect();
            assert_eq!(found, wanted, "graph {graph:?}");
        }
    }

    #[test]
    fn put_replaces_and_post_adds() {
        check(
            &[
                (Some("g"), &["a", "b"], true),
                (Some("g"), &["c"], true),
                (Some("g"), &["d"], false),
                (None, &["e"], false),
            ],
            &[(Some("g"), &["c", "d"]), (None, &["e"])],
        );
    }

    #[test]
    fn delete_removes_a_graph_once() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = PlanStore::open(&dir.path().join("kg")).unwrap();
        let g: GraphName = NamedNode::new_unchecked("http://example.org/g").into();
        assert!(!store.write_graph(&g, vec![triple("a")], true).unwrap());
        assert!(store.write_graph(&g, vec![triple("b")], true).unwrap());
        assert!(store.delete_graph(&g).unwrap());
        assert!(!store.delete_graph(&g).unwrap());
        assert!(store.is_empty().unwrap());
    }
}
