//! Result formats: a readable table, and the W3C SPARQL results formats (CSV, TSV,
//! JSON, XML) for SELECT and ASK; Turtle or N-Triples for CONSTRUCT and DESCRIBE.
//!
//! The entry point is [`write_results`].

use std::io::Write;
use std::str::FromStr;

use oxigraph::io::RdfFormat;
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use crate::store::{PREFIXES, QueryOutput, serializer};

/// How to print query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// Aligned columns, IRIs shortened by prefix.
    Table,
    /// W3C SPARQL 1.1 Query Results CSV.
    Csv,
    /// W3C SPARQL 1.1 Query Results TSV.
    Tsv,
    /// W3C SPARQL 1.1 Query Results JSON.
    Json,
    /// W3C SPARQL Query Results XML.
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE.
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    NTriples,
}

impl FromStr for ResultFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "table" => ResultFormat::Table,
            "csv" => ResultFormat::Csv,
            "tsv" => ResultFormat::Tsv,
            "json" => ResultFormat::Json,
            "xml" => ResultFormat::Xml,
            "turtle" | "ttl" => ResultFormat::Turtle,
            "ntriples" | "nt" => ResultFormat::NTriples,
            other => return Err(format!("unknown result format {other:?}")),
        })
    }
}

/// Writes triples as Turtle or N-Triples, with the ontology's prefixes.
pub fn write_triples(
    triples: &[Triple],
    format: RdfFormat,
    out: impl Write,
) -> std::io::Result<()> {
    let mut writer = serializer(format).for_writer(out);
    for triple in triples {
        writer.serialize_triple(triple)?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes query results in `format`. A graph result in a solutions format is
/// written as Turtle (table) or N-Triples (the others).
pub fn write_results(
    output: &QueryOutput,
    format: ResultFormat,
    mut out: impl Write,
) -> std::io::Result<()> {
    let w3c = match format {
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match output {
        QueryOutput::Graph(triples) => {
            let rdf_format = if matches!(format, ResultFormat::Table | ResultFormat::Turtle) {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            write_triples(triples, rdf_format, out)
        }
        QueryOutput::Boolean(value) => match w3c {
            Some(f) => QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(out, *value)
                .map(drop),
            None => writeln!(out, "{value}"),
        },
        QueryOutput::Solutions { variables, rows } => match w3c {
            Some(f) => {
                let mut serializer = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut out, variables.clone())?;
                for row in rows {
                    serializer.serialize(
                        variables
                            .iter()
                            .zip(row)
                            .filter_map(|(v, t)| Some((v.as_ref(), t.as_ref()?.as_ref()))),
                    )?;
                }
                serializer.finish()?;
                Ok(())
            }
            None => {
                let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|t| t.as_ref().map(short_term).unwrap_or_default())
                            .collect()
                    })
                    .collect();
                write_table(&header, &cells, out)
            }
        },
    }
}

/// A term as a reader wants it: literals by value, IRIs shortened by prefix.
pub fn short_term(term: &Term) -> String {
    match term {
        Term::Literal(literal) => literal.value().to_owned(),
        Term::NamedNode(node) => {
            let iri = node.as_str();
            PREFIXES
                .iter()
                .find_map(|(prefix, ns)| {
                    iri.strip_prefix(ns).map(|rest| format!("{prefix}:{rest}"))
                })
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        other => other.to_string(),
    }
}

/// Columns of a terminal a string takes: two for CJK and full-width characters.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// Writes rows as aligned columns under a header.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    mut out: impl Write,
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(width - display_width(cell)));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &rule)?;
    for row in rows {
        line(&mut out, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};
    use oxigraph::sparql::Variable;

    fn sample() -> QueryOutput {
        QueryOutput::Solutions {
            variables: vec![
                Variable::new_unchecked("c"),
                Variable::new_unchecked("label"),
            ],
            rows: vec![vec![
                Some(NamedNode::new_unchecked("https://w3id.org/plankg/concept/中国动力谷").into()),
                Some(Literal::new_language_tagged_literal_unchecked("中国动力谷", "zh").into()),
            ]],
        }
    }

    #[track_caller]
    fn check(format: ResultFormat, expected: &str) {
        let mut out = Vec::new();
        write_results(&sample(), format, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn tables_align_cjk_by_display_width() {
        check(
            ResultFormat::Table,
            "c                   label\n------------------  ----------\nconcept:中国动力谷  中国动力谷\n",
        );
    }

    #[test]
    fn w3c_formats_are_written_by_sparesults() {
        check(
            ResultFormat::Csv,
            "c,label\r\nhttps://w3id.org/plankg/concept/中国动力谷,中国动力谷\r\n",
        );
        let mut out = Vec::new();
        write_results(&sample(), ResultFormat::Json, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["results"]["bindings"][0]["label"]["xml:lang"], "zh");
    }
}
