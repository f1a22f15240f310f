//! The web pages: the query page (`/`), the plans (`/plans`), one plan
//! (`/plan?id=`) and one concept (`/concept?name=`), and their assets. Every
//! asset and the shipped queries are embedded in the binary; pages are built
//! from the store with [`catalog`](crate::catalog), [`views`](crate::views) and
//! [`render`](crate::render), every value HTML-escaped.

use std::fmt::Write as _;

use oxhttp::model::header::CACHE_CONTROL;
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};

use super::{State, bytes, url_params};
use crate::catalog::{PlanSummary, explain, find_concepts, list_plans, plan_concepts};
use crate::render::{Clusters, Format, RenderOptions, render, xml_escape};
use crate::store::PREFIXES;
use crate::views::{ViewKind, ViewSpec, build_view};

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

const LAYOUT: &str = include_str!("assets/layout.html");
const QUERY_PAGE: &str = include_str!("assets/query.html");
const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");
const FAVICON: &str = include_str!("assets/favicon.svg");

/// Answers GET for every path that is not part of the protocols.
pub(crate) fn page(state: &State, request: &Request<Body>) -> Response<Body> {
    let params = url_params(request);
    let param = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
    };
    match request.uri().path() {
        "/" | "/index.html" => html(state, StatusCode::OK, "Query", QUERY_PAGE),
        "/plans" => plans_page(state),
        "/plan" => match param("id") {
            Some(id) if !id.is_empty() => plan_page(state, &id),
            _ => html(
                state,
                StatusCode::BAD_REQUEST,
                "No plan",
                "<p>Give a plan id: <code>/plan?id=…</code>; <a href=\"/plans\">the plans</a> list them.</p>",
            ),
        },
        "/concept" => match param("name") {
            Some(name) if !name.is_empty() => concept_page(state, &name),
            _ => html(
                state,
                StatusCode::BAD_REQUEST,
                "No concept",
                "<p>Give a concept's name: <code>/concept?name=中国动力谷</code>.</p>",
            ),
        },
        "/queries.json" => asset("application/json", queries_json().into_bytes()),
        "/assets/style.css" => asset("text/css; charset=utf-8", STYLE.into()),
        "/assets/app.js" => asset("text/javascript; charset=utf-8", SCRIPT.into()),
        "/assets/favicon.svg" => asset("image/svg+xml", FAVICON.into()),
        path => html(
            state,
            StatusCode::NOT_FOUND,
            "Not found",
            &format!(
                "<p>Nothing at <code>{}</code>. Try <a href=\"/\">the query page</a> or <a href=\"/plans\">the plans</a>.</p>",
                xml_escape(path)
            ),
        ),
    }
}

fn plans_page(state: &State) -> Response<Body> {
    let plans = match list_plans(&state.store) {
        Ok(plans) => plans,
        Err(e) => return failure(state, &e.to_string()),
    };
    let mut body = format!(
        "<h1>Plans</h1>\n<p>{} plans in the store. Counts are the concepts of each class a plan names.</p>\n",
        plans.len()
    );
    body.push_str(
        "<table id=\"plans\">\n<thead><tr><th>id</th><th>title</th><th>type</th><th>region</th><th>level</th><th>period</th><th>horizon</th><th>date</th><th>issuer</th><th>strategies</th><th>goals</th><th>projects</th><th>tasks</th><th>places</th><th>relations</th></tr></thead>\n<tbody>\n",
    );
    for p in &plans {
        let _ = write!(
            body,
            "<tr><td><a href=\"/plan?id={id_url}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            xml_escape(&p.title),
            xml_escape(&p.document_type),
            xml_escape(&p.region),
            xml_escape(&p.level),
            xml_escape(&p.period),
            xml_escape(&p.horizon),
            xml_escape(&p.date),
            xml_escape(&p.issuer),
            id_url = url(&p.id),
            id = xml_escape(&p.id),
        );
        for class in ["Strategy", "Goal", "Project", "Task", "District"] {
            let _ = write!(
                body,
                "<td class=\"num\">{}</td>",
                p.counts.get(class).copied().unwrap_or(0)
            );
        }
        let _ = writeln!(body, "<td class=\"num\">{}</td></tr>", p.relations);
    }
    body.push_str("</tbody>\n</table>\n");
    html(state, StatusCode::OK, "Plans", &body)
}

fn plan_page(state: &State, id: &str) -> Response<Body> {
    let plans = match list_plans(&state.store) {
        Ok(plans) => plans,
        Err(e) => return failure(state, &e.to_string()),
    };
    let Some(plan) = plans.iter().find(|p| p.id == id) else {
        return html(
            state,
            StatusCode::NOT_FOUND,
            "No such plan",
            &format!(
                "<p>No plan <code>{}</code> in the store; <a href=\"/plans\">the plans</a> lists them.</p>",
                xml_escape(id)
            ),
        );
    };
    let title = if plan.title.is_empty() {
        &plan.id
    } else {
        &plan.title
    };
    let mut body = format!("<h1>{}</h1>\n", xml_escape(title));
    body.push_str(&plan_metadata(plan));
    let concepts = match plan_concepts(&state.store, id) {
        Ok(concepts) => concepts,
        Err(e) => return failure(state, &e.to_string()),
    };
    let mut class = "";
    for (c, label) in &concepts {
        if c != class {
            if !class.is_empty() {
                body.push_str("</ul>\n");
            }
            let _ = writeln!(
                body,
                "<h2>{} ({})</h2>\n<ul class=\"concepts\">",
                xml_escape(c),
                concepts.iter().filter(|(k, _)| k == c).count()
            );
            class = c;
        }
        let _ = writeln!(body, "<li>{}</li>", concept_link(label));
    }
    if !class.is_empty() {
        body.push_str("</ul>\n");
    }
    body.push_str("<h2>What supports what</h2>\n");
    body.push_str(&diagram(
        state,
        ViewSpec {
            kind: ViewKind::Dependency,
            plan: Some(id.to_owned()),
            include_isolated: false,
        },
    ));
    html(state, StatusCode::OK, title, &body)
}

fn plan_metadata(p: &PlanSummary) -> String {
    let mut dl = String::from("<dl class=\"meta\">\n");
    let counts: Vec<String> = ["Strategy", "Goal", "Project", "Task", "District"]
        .iter()
        .map(|c| format!("{} {}", p.counts.get(*c).copied().unwrap_or(0), c))
        .collect();
    for (key, value) in [
        ("id", p.id.clone()),
        ("type", p.document_type.clone()),
        ("issuer", p.issuer.clone()),
        ("region", p.region.clone()),
        ("level", p.level.clone()),
        ("period", p.period.clone()),
        ("horizon", p.horizon.clone()),
        ("date", p.date.clone()),
        ("concepts", counts.join(", ")),
        ("relations", p.relations.to_string()),
    ] {
        if !value.is_empty() {
            let _ = writeln!(dl, "<dt>{key}</dt><dd>{}</dd>", xml_escape(&value));
        }
    }
    dl.push_str("</dl>\n");
    dl
}

fn concept_page(state: &State, name: &str) -> Response<Body> {
    let explanation = match explain(&state.store, name) {
        Ok(e) => e,
        Err(e) => return failure(state, &e.to_string()),
    };
    let Some(e) = explanation else {
        let mut body = format!("<h1>No concept named “{}”</h1>\n", xml_escape(name));
        match find_concepts(&state.store, name, 50) {
            Ok(similar) if !similar.is_empty() => {
                body.push_str("<p>Concepts whose name contains it:</p>\n<ul class=\"concepts\">\n");
                for label in &similar {
                    let _ = writeln!(body, "<li>{}</li>", concept_link(label));
                }
                body.push_str("</ul>\n");
            }
            _ => body.push_str(
                "<p>No concept's name contains it either. <a href=\"/plans\">The plans</a> list their concepts.</p>\n",
            ),
        }
        return html(state, StatusCode::NOT_FOUND, "No such concept", &body);
    };
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"note\"><code>{}</code></p>\n<dl class=\"meta\">\n<dt>classes</dt><dd>{}</dd>\n",
        xml_escape(&e.label),
        xml_escape(&e.iri),
        xml_escape(&e.classes.join(", "))
    );
    if !e.alt_labels.is_empty() {
        let _ = writeln!(
            body,
            "<dt>also written</dt><dd>{}</dd>",
            xml_escape(&e.alt_labels.join(" / "))
        );
    }
    body.push_str("</dl>\n");
    if !e.relations.is_empty() {
        let _ = writeln!(body, "<h2>Relations ({})</h2>\n<ul>", e.relations.len());
        for (direction, predicate, other) in &e.relations {
            let line = if direction == "→" {
                format!(
                    "{} <em>{}</em> {}",
                    xml_escape(&e.label),
                    xml_escape(predicate),
                    concept_link(other)
                )
            } else {
                format!(
                    "{} <em>{}</em> {}",
                    concept_link(other),
                    xml_escape(predicate),
                    xml_escape(&e.label)
                )
            };
            let _ = writeln!(body, "<li>{line}</li>");
        }
        body.push_str("</ul>\n");
    }
    body.push_str("<h2>Neighbourhood</h2>\n");
    body.push_str(&diagram(
        state,
        ViewSpec {
            kind: ViewKind::Concept {
                name: e.label.clone(),
                depth: 1,
            },
            plan: None,
            include_isolated: false,
        },
    ));
    let _ = writeln!(
        body,
        "<h2>Mentions ({})</h2>\n<p class=\"note\">Offsets count characters of the original file, from 0, end excluded.</p>",
        e.mentions.len()
    );
    for m in &e.mentions {
        let _ = write!(
            body,
            "<div class=\"mention\"><div class=\"where\"><a href=\"/plan?id={}\">{}</a> · {} · characters {}–{}",
            url(&m.plan),
            xml_escape(&m.plan),
            xml_escape(&m.source_file),
            m.char_start,
            m.char_end
        );
        if !m.section.is_empty() {
            let _ = write!(body, " · section {}", xml_escape(&m.section));
        }
        let _ = writeln!(
            body,
            "</div><div class=\"sentence\">{}</div></div>",
            highlight(&m.sentence, &m.surface)
        );
    }
    html(state, StatusCode::OK, &e.label, &body)
}

/// A view drawn as inline SVG, or a note saying why there is none.
fn diagram(state: &State, spec: ViewSpec) -> String {
    let view = match build_view(&state.store, &spec) {
        Ok(view) => view,
        Err(e) => {
            return format!(
                "<p class=\"note\">No diagram: {}.</p>\n",
                xml_escape(&e.to_string())
            );
        }
    };
    if view.graph.edge_count() == 0 {
        return "<p class=\"note\">No relations to draw.</p>\n".to_owned();
    }
    let options = RenderOptions {
        format: Format::Svg,
        clusters: Clusters::Auto,
        legend: true,
        dot_program: state.options.dot_program.clone(),
    };
    match render(&view, &options) {
        Ok(rendered) => {
            let svg = String::from_utf8_lossy(&rendered.bytes);
            // Inline SVG: the XML declaration and doctype stay out of HTML.
            let svg = svg.find("<svg").map_or(&*svg, |start| &svg[start..]);
            let note = rendered
                .note
                .map(|n| format!("<p class=\"note\">{}</p>\n", xml_escape(&n)))
                .unwrap_or_default();
            format!(
                "<div class=\"diagram\">{svg}</div>\n{note}<p class=\"note\">{} concepts, {} relations.</p>\n",
                view.graph.node_count(),
                view.graph.edge_count()
            )
        }
        Err(e) => format!(
            "<p class=\"note\">No diagram: {}.</p>\n",
            xml_escape(&e.to_string())
        ),
    }
}

/// The shipped queries with their header comments, and the prefixes the page
/// shortens IRIs with.
fn queries_json() -> String {
    let queries: Vec<serde_json::Value> = SHIPPED
        .iter()
        .map(|(name, text)| {
            let mut entry = serde_json::json!({ "name": name, "text": text });
            for line in text.lines().take_while(|l| l.starts_with('#')) {
                if let Some((key, value)) = line.trim_start_matches('#').split_once(':') {
                    let key = key.trim();
                    if ["question", "parameters", "example", "columns"].contains(&key) {
                        entry[key] = value.trim().into();
                    }
                }
            }
            entry
        })
        .collect();
    let prefixes: serde_json::Map<String, serde_json::Value> = PREFIXES
        .iter()
        .map(|(p, iri)| (p.to_string(), (*iri).into()))
        .collect();
    serde_json::json!({ "prefixes": prefixes, "queries": queries }).to_string()
}

fn html(state: &State, status: StatusCode, title: &str, body: &str) -> Response<Body> {
    let mode = if state.options.writable {
        "writable store"
    } else {
        "read-only store"
    };
    let page = fill(
        LAYOUT,
        &[
            ("title", &xml_escape(title)),
            ("mode", mode),
            ("body", body),
        ],
    );
    let mut response = bytes(status, "text/html; charset=utf-8", page.into_bytes());
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn asset(content_type: &str, body: Vec<u8>) -> Response<Body> {
    let mut response = bytes(StatusCode::OK, content_type, body);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn failure(state: &State, message: &str) -> Response<Body> {
    html(
        state,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Error",
        &format!("<p class=\"error\">{}</p>", xml_escape(message)),
    )
}

/// Replaces each `{{key}}` of `template` once, in one pass: values are never
/// searched for keys.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let key = &rest[start + 2..start + end];
        out.push_str(&rest[..start]);
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// A query-string value.
fn url(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn concept_link(label: &str) -> String {
    format!(
        "<a href=\"/concept?name={}\">{}</a>",
        url(label),
        xml_escape(label)
    )
}

/// The sentence with the first occurrence of the mention's words marked.
fn highlight(sentence: &str, surface: &str) -> String {
    match sentence.find(surface).filter(|_| !surface.is_empty()) {
        Some(start) => format!(
            "{}<mark>{}</mark>{}",
            xml_escape(&sentence[..start]),
            xml_escape(surface),
            xml_escape(&sentence[start + surface.len()..])
        ),
        None => xml_escape(sentence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(template: &str, values: &[(&str, &str)], expected: &str) {
        assert_eq!(fill(template, values), expected);
    }

    #[test]
    fn templates_fill_each_key_once() {
        check(
            "<t>{{title}}</t>{{body}}",
            &[("title", "a"), ("body", "b")],
            "<t>a</t>b",
        );
        check(
            "{{body}}",
            &[("body", "{{title}}"), ("title", "x")],
            "{{title}}",
        );
        check("{{unknown}} {{", &[], "{{unknown}} {{");
    }

    #[test]
    fn html_is_escaped_and_mentions_marked() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(
            highlight("打造<中国动力谷>", "中国动力谷"),
            "打造&lt;<mark>中国动力谷</mark>&gt;"
        );
        assert_eq!(highlight("无", "中国"), "无");
    }

    #[test]
    fn every_shipped_query_is_embedded_with_its_question() {
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "rq")
            })
            .count();
        assert_eq!(SHIPPED.len(), on_disk);
        let json: serde_json::Value = serde_json::from_str(&queries_json()).unwrap();
        for q in json["queries"].as_array().unwrap() {
            assert!(q["question"].is_string(), "{} has no question", q["name"]);
        }
        assert!(json["prefixes"]["concept"].is_string());
    }
}
