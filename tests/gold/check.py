"""Structural check of a gold file (does not score anything)."""
import json, re, sys
gold = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read() if len(sys.argv) > 2 else ""
norm = lambda s: re.sub(r"[“”\"'‘’《》〈〉()（）\[\]【】·•\s]", "", s)
ntext = norm(text)
errors, warns, labels = [], [], {}
for cls in ["Strategy", "Goal", "Project", "District", "Task"]:
    if cls not in gold: errors.append(f"missing class {cls}"); continue
    for kind in ["required", "allowed"]:
        for e in gold[cls].get(kind, []):
            if "label" not in e or "aliases" not in e: errors.append(f"{cls}.{kind}: entry without label/aliases: {e}"); continue
            labels.setdefault(norm(e["label"]), []).append(cls)
            for a in e["aliases"]: labels.setdefault(norm(a), []).append(cls)
            if text and not any(norm(a) in ntext for a in e["aliases"] + [e["label"]]):
                warns.append(f"{cls}.{kind} {e['label']!r}: no alias occurs in the text")
for kind in ["required", "allowed"]:
    for r in gold.get("relations", {}).get(kind, []):
        if r.get("p") not in ("hasPart", "supports", "locatedIn"): errors.append(f"bad predicate {r}")
        for end in ("s", "o"):
            if norm(r.get(end, "")) not in labels: errors.append(f"relations.{kind}: {end}={r.get(end)!r} is not a label/alias of any entry")
for k in ("metadata", "notes"):
    if k not in gold: warns.append(f"no {k}")
print("\n".join("ERROR " + e for e in errors) or "structure ok")
print("\n".join("warn  " + w for w in warns))
print({c: (len(gold[c]["required"]), len(gold[c]["allowed"])) for c in ["Strategy","Goal","Project","District","Task","relations"] if c in gold})
sys.exit(1 if errors else 0)
