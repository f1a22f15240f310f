#!/usr/bin/env python3
"""The pipeline a researcher would write instead of plankg: the comparison point of
scripts/bench (see BENCHMARKS.md).

jieba with part-of-speech tags, the same kinds of patterns plankg looks for
(…战略 strategies, goal verbs with a head noun, 要-task clauses, N大X numbered
abbreviations with the list before them, places tagged ns), a graph per plan in an
rdflib Dataset with concepts, mentions and their character offsets (NIF), written
as N-Quads.

    python reference_pipeline.py --out kg.nq FILE_OR_DIR...

It prints the files, characters, quads and seconds per stage on stderr.
"""

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path
from urllib.parse import quote

import jieba
import jieba.posseg as pseg
from rdflib import RDF, RDFS, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import SKOS, XSD

PK = Namespace("https://w3id.org/plankg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
BASE = "https://w3id.org/plankg/"

GOAL_VERBS = {"建设", "打造", "建成", "构建", "实现", "推进", "推动", "加快", "培育", "形成", "发展"}
GOAL_HEADS = ("高地", "中心", "体系", "强国", "强省", "强市", "城市", "枢纽", "基地", "格局",
              "示范区", "经济带", "城市群", "现代化", "新局面")
PROJECT_HEADS = ("工程", "行动", "计划", "项目")
SENTENCE_END = re.compile(r"[^。！？\n]+[。！？]?")
NUMBERED = re.compile(r"([一二三四五六七八九十两]+|\d+)(大|个|项)([\u4e00-\u9fff]{1,6}?)(工程|行动|战略|产业|中心|高地|任务|项目|计划)")
LIST_BEFORE = re.compile(r"((?:[\u4e00-\u9fff“”]{2,20}、)+[\u4e00-\u9fff“”]{2,20})等[“\"]?$")


def read(path):
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise ValueError(f"{path}: cannot decode")


def sentences(text):
    for m in SENTENCE_END.finditer(text):
        s = m.group().strip()
        if s:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            yield start, start + len(s), s


def concept_iri(label):
    return URIRef(BASE + "concept/" + quote(label, safe=""))


def extract(text):
    """(kind, label, start, end, sentence_index) for every finding."""
    found = []
    for index, (s_start, _, sentence) in enumerate(sentences(text)):
        words = list(pseg.cut(sentence))
        pos = 0
        spans = []
        for w in words:
            spans.append((w.word, w.flag, pos, pos + len(w.word)))
            pos += len(w.word)
        for i, (word, flag, start, end) in enumerate(spans):
            # Strategies: the nouns before 战略.
            if word.endswith("战略"):
                j = i
                while j > 0 and spans[j - 1][1].startswith(("n", "v", "a")) and spans[j - 1][0] not in "，、；":
                    j -= 1
                    if end - spans[j][2] > 14:
                        break
                label = sentence[spans[j][2]:end]
                if len(label) > 2:
                    found.append(("Strategy", label, s_start + spans[j][2], s_start + end, index))
            # Places.
            if flag == "ns" and len(word) > 1:
                found.append(("District", word, s_start + start, s_start + end, index))
            # Goals: a goal verb, then words up to a head noun.
            if word in GOAL_VERBS:
                for k in range(i + 1, min(i + 9, len(spans))):
                    w2 = spans[k][0]
                    if w2 in "，。；、":
                        break
                    if w2.endswith(GOAL_HEADS) or w2.endswith(PROJECT_HEADS):
                        label = sentence[spans[i + 1][2]:spans[k][3]]
                        kind = "Project" if w2.endswith(PROJECT_HEADS) else "Goal"
                        found.append((kind, label, s_start + spans[i + 1][2], s_start + spans[k][3], index))
                        break
        # Tasks: the clauses after 要 that open with a verb.
        at = sentence.find("要")
        if at >= 0:
            flag_at = {start: flag for _, flag, start, _ in spans}
            for m in re.finditer(r"[^，；。]+", sentence[at + 1:]):
                clause = m.group().strip()
                start = at + 1 + m.start() + (len(m.group()) - len(m.group().lstrip()))
                if 4 <= len(clause) <= 40 and flag_at.get(start, "").startswith("v"):
                    found.append(("Task", clause, s_start + start, s_start + start + len(clause), index))
        # Numbered abbreviations and the list before them.
        for m in NUMBERED.finditer(sentence):
            label = m.group()
            found.append(("NumberedAbbreviation", label, s_start + m.start(), s_start + m.end(), index))
            before = LIST_BEFORE.search(sentence[:m.start()])
            if before:
                for member in before.group(1).split("、"):
                    found.append(("member:" + label, member.strip("“”"), -1, -1, index))
    return found


def to_graph(dataset, plan_id, path, text, found):
    plan = URIRef(BASE + "plan/" + quote(plan_id, safe=""))
    g = dataset.graph(plan)
    g.add((plan, RDF.type, PK.Plan))
    g.add((plan, PK.planId, Literal(plan_id)))
    g.add((plan, PK.sourceFile, Literal(path.name)))
    g.add((plan, PK.sha256, Literal(hashlib.sha256(text.encode()).hexdigest())))
    cited = set()
    for kind, label, start, end, sentence in found:
        if kind.startswith("member:"):
            whole = concept_iri(kind[len("member:"):])
            g.add((whole, PK.hasPart, concept_iri(label)))
            g.add((concept_iri(label), RDFS.label, Literal(label, lang="zh")))
            continue
        c = concept_iri(label)
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, RDF.type, PK[kind]))
        g.add((c, RDFS.label, Literal(label, lang="zh")))
        g.add((c, SKOS.prefLabel, Literal(label, lang="zh")))
        m = URIRef(f"{plan}/mention/{start}-{end}-{hashlib.sha256(label.encode()).hexdigest()[:12]}")
        s = URIRef(f"{plan}/sentence/{sentence}")
        g.add((m, RDF.type, PK.Mention))
        g.add((m, PK.mentionOf, c))
        g.add((m, PK.inPlan, plan))
        g.add((m, PK.inSentence, s))
        g.add((m, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
        g.add((m, NIF.endIndex, Literal(end, datatype=XSD.integer)))
        g.add((m, NIF.anchorOf, Literal(text[start:end])))
        cited.add(sentence)
    spans = list(sentences(text))
    for index in cited:
        start, end, sentence = spans[index]
        s = URIRef(f"{plan}/sentence/{index}")
        g.add((s, RDF.type, PK.Sentence))
        g.add((s, PK.inPlan, plan))
        g.add((s, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
        g.add((s, NIF.endIndex, Literal(end, datatype=XSD.integer)))
        g.add((s, NIF.anchorOf, Literal(sentence)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args()
    files = []
    for p in args.paths:
        files.extend(sorted(f for f in p.iterdir() if f.suffix in (".txt", ".md")) if p.is_dir() else [p])

    t0 = time.perf_counter()
    jieba.initialize()
    for word in ("三高四新", "十四五", "长株潭", "一带一路", "长江经济带"):
        jieba.add_word(word, tag="nz")
    t1 = time.perf_counter()
    dataset = Dataset()
    chars = 0
    extract_s = rdf_s = 0.0
    for path in files:
        text = read(path)
        chars += len(text)
        a = time.perf_counter()
        found = extract(text)
        b = time.perf_counter()
        to_graph(dataset, path.stem, path, text, found)
        extract_s += b - a
        rdf_s += time.perf_counter() - b
    t2 = time.perf_counter()
    dataset.serialize(destination=str(args.out), format="nquads")
    t3 = time.perf_counter()
    quads = sum(len(g) for g in dataset.graphs())
    print(
        f"reference: {len(files)} files, {chars} characters, {quads} quads; "
        f"jieba init {t1 - t0:.2f}s, extract {extract_s:.2f}s, rdflib {rdf_s:.2f}s, "
        f"N-Quads {t3 - t2:.2f}s, total {t3 - t0:.2f}s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
