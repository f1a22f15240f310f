// The query page: the shipped questions as a menu, a SPARQL editor, results as a
// table (SELECT, ASK) or text (CONSTRUCT, DESCRIBE), and a CSV download. Talks to
// the server's own SPARQL endpoint; nothing is loaded from elsewhere.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let prefixes = {};
  let shipped = [];
  let lastName = "results";
  let lastQuery = null;

  function shorten(iri) {
    for (const [prefix, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns)) return prefix + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  // A page of this server for a concept or plan IRI, if it has one.
  function pageOf(iri) {
    const local = (ns) => (ns && iri.startsWith(ns) ? iri.slice(ns.length) : null);
    const concept = local(prefixes.concept);
    if (concept && !concept.includes("/")) {
      return "/concept?name=" + encodeURIComponent(decodeURIComponent(concept));
    }
    const plan = local(prefixes.plan);
    if (plan && !plan.includes("/")) {
      return "/plan?id=" + encodeURIComponent(decodeURIComponent(plan));
    }
    return null;
  }

  function termCell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = pageOf(term.value);
      const text = shorten(term.value);
      if (href) {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        a.title = term.value;
        td.appendChild(a);
      } else {
        td.textContent = text;
        td.title = term.value;
      }
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.lang = term["xml:lang"];
      if (/^-?\d+(\.\d+)?$/.test(term.value)) td.className = "num";
    }
    return td;
  }

  function showHelp(q) {
    const help = $("help");
    help.replaceChildren();
    if (!q) {
      help.hidden = true;
      return;
    }
    const dl = document.createElement("dl");
    for (const [key, label] of [["question", "Question"], ["parameters", "Parameters"], ["columns", "Columns"], ["example", "Command line"]]) {
      if (!q[key]) continue;
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = q[key];
      dl.append(dt, dd);
    }
    help.appendChild(dl);
    help.hidden = false;
  }

  function choose(name) {
    const q = shipped.find((s) => s.name === name);
    showHelp(q);
    if (q) {
      $("query").value = q.text;
      lastName = q.name;
      if (location.hash !== "#" + q.name) history.replaceState(null, "", "#" + q.name);
    }
  }

  async function loadShipped() {
    const response = await fetch("/queries.json");
    const data = await response.json();
    prefixes = data.prefixes;
    shipped = data.queries;
    const select = $("shipped");
    for (const q of shipped) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.question ? q.question + " (" + q.name + ")" : q.name;
      select.appendChild(option);
    }
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && shipped.some((q) => q.name === wanted)) {
      select.value = wanted;
      choose(wanted);
    }
  }

  function showError(message) {
    const div = document.createElement("div");
    div.className = "error";
    div.textContent = message;
    $("results").replaceChildren(div);
  }

  function showSolutions(data, maxRows) {
    const out = [];
    if (maxRows) {
      const warning = document.createElement("p");
      warning.className = "warning";
      warning.textContent = "Only the first " + maxRows + " rows are shown (the server's --max-rows); add LIMIT and OFFSET to page through.";
      out.push(warning);
    }
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = "ASK: " + data.boolean;
      out.push(p);
      $("results").replaceChildren(...out);
      return 1;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    table.id = "result-table";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) row.appendChild(termCell(binding[v]));
    }
    out.push(table);
    $("results").replaceChildren(...out);
    return data.results.bindings.length;
  }

  async function post(query, accept) {
    return fetch("/query", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: accept },
      body: query,
    });
  }

  async function run() {
    const query = $("query").value;
    const status = $("status");
    $("run").disabled = true;
    $("csv").disabled = true;
    status.textContent = "Running…";
    const started = performance.now();
    try {
      const response = await post(query, "application/sparql-results+json, text/turtle;q=0.9");
      if (!response.ok) {
        showError(response.status + " " + response.statusText + ": " + (await response.text()));
        status.textContent = "";
        return;
      }
      const type = response.headers.get("Content-Type") || "";
      let count;
      if (type.includes("json")) {
        count = showSolutions(await response.json(), response.headers.get("X-SPARQL-MaxRows"));
        lastQuery = query;
        $("csv").disabled = false;
      } else {
        const pre = document.createElement("pre");
        pre.className = "graph";
        pre.textContent = await response.text();
        $("results").replaceChildren(pre);
        count = null;
      }
      const ms = Math.round(performance.now() - started);
      status.textContent = (count === null ? "graph" : count + (count === 1 ? " row" : " rows")) + " in " + ms + " ms";
    } catch (e) {
      showError("The server did not answer: " + e);
      status.textContent = "";
    } finally {
      $("run").disabled = false;
    }
  }

  async function downloadCsv() {
    if (lastQuery === null) return;
    const response = await post(lastQuery, "text/csv");
    if (!response.ok) {
      showError(response.status + " " + response.statusText + ": " + (await response.text()));
      return;
    }
    const blob = await response.blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = lastName + ".csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  $("shipped").addEventListener("change", (e) => choose(e.target.value));
  $("query").addEventListener("input", () => {
    lastName = "results";
  });
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  $("run").addEventListener("click", run);
  $("csv").addEventListener("click", downloadCsv);
  loadShipped().catch((e) => showError("Cannot load the shipped queries: " + e));
})();
