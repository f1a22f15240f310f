//! Ingest, query and export round trips on the seed document.

use std::collections::BTreeSet;

use oxigraph::io::{RdfFormat, RdfParser};

use crate::util::{TestStore, example, ingested_store, labels_of, plankg, seed, stdout_of};

#[test]
fn ingest_prints_the_plan_and_its_counts() {
    let store = TestStore::new();
    let stdout = store.ingest(&[&seed()]);
    assert!(
        stdout
            .starts_with("zhuzhou_2020_plenum  中国共产党株洲市第十二届委员会第十四次全体会议公报"),
        "{stdout}"
    );
    assert!(stdout.contains("issuer 中共株洲市委"), "{stdout}");
    assert!(stdout.contains("region 株洲市 (city)"), "{stdout}");
    assert!(stdout.contains("committee 12, plenary 14"), "{stdout}");
    assert!(stdout.contains("period 十四五 (2021–2025)"), "{stdout}");
    assert!(stdout.contains("horizon 2035"), "{stdout}");
}

#[test]
fn seed_can_be_queried() {
    let store = ingested_store(&[&seed()]);
    let strategies = labels_of(&store, "Strategy");
    assert!(
        strategies.contains(&"乡村振兴战略".to_owned()),
        "{strategies:?}"
    );
    let districts = labels_of(&store, "District");
    assert!(districts.contains(&"株洲市".to_owned()), "{districts:?}");
    assert!(districts.contains(&"湖南省".to_owned()), "{districts:?}");
    let located = store.select(
        "PREFIX pk: <https://w3id.org/plankg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?code WHERE { ?c rdfs:label \"株洲市\"@zh ; pk:divisionCode ?code ; pk:locatedIn ?p . ?p rdfs:label \"湖南省\"@zh }",
    );
    assert_eq!(located.len(), 1);
    assert_eq!(located[0]["code"], "430200");
}

#[test]
fn reingesting_replaces_the_graph() {
    let store = ingested_store(&[&seed()]);
    let count = |store: &TestStore| {
        store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"].clone()
    };
    let before = count(&store);
    store.ingest(&[&seed()]);
    assert_eq!(count(&store), before);
    assert!(before.parse::<usize>().unwrap() > 1000, "{before}");
}

#[test]
fn export_and_reimport_give_the_same_graph() {
    let store = ingested_store(&[&seed(), &example("hunan_prov_2020_proposals_partial.txt")]);
    let parse = |format: RdfFormat, bytes: &[u8]| -> BTreeSet<String> {
        RdfParser::from_format(format)
            .for_slice(bytes)
            .map(|q| q.expect("valid RDF").to_string())
            .collect()
    };
    let export = |format: &str| {
        store
            .cmd("export")
            .args(["--format", format])
            .output()
            .unwrap()
            .stdout
    };
    let trig = parse(RdfFormat::TriG, &export("trig"));
    let nquads = parse(RdfFormat::NQuads, &export("nquads"));
    assert!(trig.len() > 1000);
    assert_eq!(trig, nquads);
    // Importing the TriG into a fresh store and exporting again changes nothing.
    let fresh = oxigraph::store::Store::new().unwrap();
    fresh
        .load_from_slice(RdfFormat::TriG, &export("trig"))
        .unwrap();
    let reexported: BTreeSet<String> = fresh.iter().map(|q| q.unwrap().to_string()).collect();
    assert_eq!(reexported, nquads);
}

#[test]
fn export_of_one_plan_holds_only_its_graph() {
    let store = ingested_store(&[&seed(), &example("hunan_prov_2020_proposals_partial.txt")]);
    let out = store
        .cmd("export")
        .args(["--format", "nquads", "--plan", "zhuzhou_2020_plenum"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .all(|l| l.ends_with("<https://w3id.org/plankg/plan/zhuzhou_2020_plenum> ."))
    );
    let turtle = store
        .cmd("export")
        .args(["--format", "turtle", "--plan", "zhuzhou_2020_plenum"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(turtle.stdout)
            .unwrap()
            .contains("@prefix pk:")
    );
}

#[test]
fn gb18030_copy_gives_the_same_labels() {
    let dir = tempfile::TempDir::new().unwrap();
    let text = std::fs::read_to_string(seed()).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let copy = dir.path().join("zhuzhou_2020_plenum.txt");
    std::fs::write(&copy, &bytes).unwrap();
    let utf8 = ingested_store(&[&seed()]);
    let gb = ingested_store(&[&copy]);
    for class in ["Strategy", "Goal", "Project", "Task", "District"] {
        assert_eq!(labels_of(&utf8, class), labels_of(&gb, class), "{class}");
    }
    let encoding =
        gb.select("SELECT ?e WHERE { ?p <https://w3id.org/plankg/ontology#sourceEncoding> ?e }");
    assert_eq!(encoding[0]["e"], "GB18030");
}

#[test]
fn mention_offsets_slice_the_original_file() {
    let store = ingested_store(&[&seed(), &example("hunan_gwr_2026.txt")]);
    let rows = store.select(
        "PREFIX pk: <https://w3id.org/plankg/ontology#>
         PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         SELECT ?file ?b ?e ?surface WHERE {
           ?m a pk:Mention ; pk:inPlan ?p ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?surface .
           ?p pk:sourceFile ?file }",
    );
    assert!(rows.len() > 500, "{}", rows.len());
    for row in rows {
        let original: Vec<char> = std::fs::read_to_string(example(&row["file"]))
            .unwrap()
            .trim_start_matches('\u{feff}')
            .chars()
            .collect();
        let (b, e): (usize, usize) = (row["b"].parse().unwrap(), row["e"].parse().unwrap());
        let slice: String = original[b..e].iter().collect();
        assert_eq!(slice, row["surface"], "{row:?}");
        assert!(!slice.trim().is_empty());
    }
}

#[test]
fn directories_ingest_every_supported_file() {
    let store = TestStore::new();
    store
        .cmd("ingest")
        .arg(crate::util::root().join("examples"))
        .assert()
        .success();
    let plans = store.select(
        "SELECT ?id WHERE { ?p <https://w3id.org/plankg/ontology#planId> ?id } ORDER BY ?id",
    );
    let ids: Vec<&str> = plans.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "hunan_gwr_2026",
            "hunan_prov_2020_proposals_partial",
            "national_14fyp_proposals_2020",
            "zhuzhou_14fyp_outline_partial",
            "zhuzhou_2020_plenum"
        ]
    );
}

#[test]
fn plans_lists_metadata_and_remove_deletes() {
    let store = ingested_store(&[&seed(), &example("hunan_gwr_2026.txt")]);
    let out = store
        .cmd("plans")
        .args(["--format", "json"])
        .output()
        .unwrap();
    let plans: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hunan = &plans[0];
    assert_eq!(hunan["id"], "hunan_gwr_2026");
    assert_eq!(hunan["level"], "province");
    assert_eq!(hunan["document_type"], "政府工作报告");
    assert_eq!(hunan["date"], "2026-02-03");
    store.cmd("remove").arg("hunan_gwr_2026").assert().success();
    let left =
        store.select("SELECT ?id WHERE { ?p <https://w3id.org/plankg/ontology#planId> ?id }");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], "zhuzhou_2020_plenum");
}

#[test]
fn explain_cites_every_mention() {
    let store = ingested_store(&[&seed()]);
    let out = stdout_of(store.cmd("explain").args(["中国动力谷", "--json"]));
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(e["label"], "中国动力谷");
    assert!(e["classes"].as_array().unwrap().iter().any(|c| c == "Goal"));
    let mentions = e["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 2, "{mentions:?}");
    assert!(
        mentions
            .iter()
            .all(|m| m["sentence"].as_str().unwrap().contains("动力谷"))
    );
}

#[test]
fn help_shows_examples() {
    let out = plankg().arg("--help").output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("Examples:"));
}

#[test]
fn sidecar_and_flags_complete_the_metadata() {
    let dir = tempfile::TempDir::new().unwrap();
    let plan = dir.path().join("xiangtan_plan.txt");
    std::fs::write(
        &plan,
        "全会公报\n\n全会提出，加快建设现代化新湘潭。要推动制造业高质量发展，推动数字化发展。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("xiangtan_plan.txt.meta.json"),
        r#"{"region": "湘潭市", "period": "十四五", "date": "2020-12-01"}"#,
    )
    .unwrap();
    let store = TestStore::new();
    let stdout = stdout_of(
        store
            .cmd("ingest")
            .arg(&plan)
            .args(["--issuer", "中共湘潭市委"]),
    );
    assert!(stdout.contains("issuer 中共湘潭市委"), "{stdout}");
    assert!(stdout.contains("region 湘潭市 (city)"), "{stdout}");
    assert!(stdout.contains("period 十四五 (2021–2025)"), "{stdout}");
    assert!(stdout.contains("date 2020-12-01"), "{stdout}");
    // The plan lies in its region's province too, though the text never names it
    // (and the province is no concept the plan mentions).
    let spatial = store.select(
        "PREFIX pk: <https://w3id.org/plankg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?p WHERE { ?plan a pk:Plan ; dcterms:spatial ?x . ?x rdfs:label ?p } ORDER BY ?p",
    );
    let names: Vec<&str> = spatial.iter().map(|row| row["p"].as_str()).collect();
    assert_eq!(names, ["中华人民共和国", "湖南省", "湘潭市"]);
    let districts = store.select(
        "PREFIX pk: <https://w3id.org/plankg/ontology#> SELECT ?c WHERE { ?c a pk:District }",
    );
    assert_eq!(districts.len(), 1, "{districts:?}");
}

#[test]
fn a_malformed_sidecar_is_refused_with_its_name() {
    let dir = tempfile::TempDir::new().unwrap();
    let plan = dir.path().join("p.txt");
    std::fs::write(&plan, "全会公报\n\n全会提出，加快建设现代化新湘潭。\n").unwrap();
    std::fs::write(
        dir.path().join("p.txt.meta.json"),
        r#"{"regoin": "湘潭市"}"#,
    )
    .unwrap();
    let store = TestStore::new();
    let out = store.cmd("ingest").arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("p.txt.meta.json") && stderr.contains("regoin"),
        "{stderr}"
    );
}
