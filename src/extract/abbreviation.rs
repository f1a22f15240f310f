//! Numbered abbreviations (数字略语): 一谷三区, 三高四新, 五位一体 (numbered
//! elements), 三个高地, 六个基本原则 (N个X), 制造强市七大工程 (N大X), 三项制度 (N项X).
//!
//! Each keeps the count its name declares. Members come from the list the
//! sentence gives (`A、B、C等“七大工程”`, `“三大任务”：A、B、C`), else from an
//! enumeration elsewhere whose items end in the abbreviation's heads (一谷三区: one
//! item ending in 谷 and three in 区), else from the goals of the whole document
//! that end in its head (三个高地: every …高地), when their number fits exactly.
//! A list whose length differs from the declared count is reported.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::lexicon::Lexicon;
use crate::extract::numerals;
use crate::extract::phrase::{
    Numbering, clause_end, clause_start, clauses, head_label, numbering, split_enumeration,
    strip_lead, unquote,
};
use crate::extract::segment::is_nominal;
use crate::extract::text::{SentenceView, is_phrase_break};
use crate::extract::{
    ConceptId, ConceptKind, Context, Diagnostic, Evidence, Findings, Predicate, Role,
};
use crate::span::Span;

/// Numbered elements: 一谷三区, 三高四新, 一核一圈一廊, 三基地一枢纽.
static ELEMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:[一二三四五六七八九十两]{1,2}[\\p{Han}--[一二三四五六七八九十两个大项条种批次年月日位]]{1,2}){2,4}$",
    )
    .unwrap()
});
/// N位一体.
static IN_ONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^([一二三四五六七八九十]+)位一体$").unwrap());
/// A count and a measure word: 三个高地, 七大工程, 三项制度.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("([一二三四五六七八九十两]+|[0-9]+)(个|大|项|条)(\\p{Han}{1,8})$").unwrap()
});
/// One element of a numbered-elements name.
static ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("([一二三四五六七八九十两]{1,2})([^一二三四五六七八九十两]{1,2})").unwrap()
});

/// Longest item of a list that takes the list's head noun (雨湖、岳塘3个产业园).
const MAX_BARE_NAME_CHARS: usize = 3;

/// Nouns after an abbreviation that make it a goal: “两个加快”总目标, “一谷三区”总任务.
const AIMS: [&str; 3] = ["目标", "总目标", "总任务"];

/// Nouns that make the quoted name before them a strategy.
const BLUEPRINTS: [&str; 2] = ["蓝图", "美好蓝图"];

/// A numbered abbreviation found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Abbreviation {
    pub concept: ConceptId,
    /// What the members end in, with how many of each (一谷三区: 谷 ×1, 区 ×3).
    pub heads: Vec<(String, u32)>,
    pub declared: u32,
    /// Where it is first named.
    pub evidence: Evidence,
    pub has_members: bool,
    /// The paragraphs numbered 一是, 二是… that follow the sentence naming it
    /// (重点从八个方面实现突破。一是…): their goals are its members.
    pub ordinals: Vec<usize>,
}

/// What a name declares, if it is a numbered abbreviation.
struct Parsed {
    declared: u32,
    heads: Vec<(String, u32)>,
    /// The head noun of an `N个X` / `N大X` name, for its kind.
    head: Option<String>,
}

/// Whether `name` is a numbered abbreviation (一谷三区, 三个高地, 七大工程).
pub(crate) fn is_numbered(name: &str) -> bool {
    parse(name).is_some()
}

fn parse(name: &str) -> Option<Parsed> {
    if let Some(c) = IN_ONE.captures(name) {
        return Some(Parsed {
            declared: numerals::parse(&c[1])?,
            heads: Vec::new(),
            head: None,
        });
    }
    if ELEMENTS.is_match(name) {
        let mut heads: BTreeMap<String, u32> = BTreeMap::new();
        let mut declared = 0;
        for c in ELEMENT.captures_iter(name) {
            let n = numerals::parse(&c[1])?;
            declared += n;
            *heads.entry(c[2].to_owned()).or_default() += n;
        }
        return Some(Parsed {
            declared,
            heads: heads.into_iter().collect(),
            head: None,
        });
    }
    let c = COUNTED.captures(name)?;
    let declared = numerals::parse(&c[1])?;
    // 一大X is "a large X", not an abbreviation.
    if declared < 2 && &c[2] == "大" {
        return None;
    }
    let head = c[3].to_owned();
    Some(Parsed {
        declared,
        heads: vec![(head.clone(), declared)],
        head: Some(head),
    })
}

/// The kind a head noun gives the abbreviation and its members.
fn kind_of_head(lexicon: &Lexicon, head: &str) -> Option<ConceptKind> {
    if Lexicon::head_of(&lexicon.project_heads, head).is_some() {
        Some(ConceptKind::Project)
    } else if Lexicon::head_of(&lexicon.goal_heads, head).is_some() {
        Some(ConceptKind::Goal)
    } else if Lexicon::head_of(&lexicon.strategy_heads, head).is_some() {
        Some(ConceptKind::Strategy)
    } else if Lexicon::head_of(&lexicon.district_heads, head).is_some() {
        Some(ConceptKind::District)
    } else {
        None
    }
}

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    for sentence in &cx.text.sentences {
        quoted(cx, sentence, out);
        listed(cx, sentence, out);
    }
    bare_mentions(cx, out);
}

/// Quoted names: “一谷三区”, “三个高地”, “制造强市七大工程”.
fn quoted(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    let mut i = sentence.span.char_start;
    while i < sentence.span.char_end {
        if text.chars[i] != '“' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..sentence.span.char_end).find(|&j| text.chars[j] == '”') else {
            break;
        };
        let name = text.str(Span::new(i + 1, close));
        if let Some(parsed) = parse(&name) {
            record(cx, sentence, out, &name, Span::new(i, close + 1), parsed);
        }
        i = close + 1;
    }
}

/// Unquoted names that close a list: `A、B等六个基本原则`, `甲、乙、丙三大园区`.
/// A count in Arabic digits (`甲、乙、丙3个产业园`) is a count, not an abbreviation:
/// its head is given to each item and no abbreviation is recorded.
fn listed(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("([一二三四五六七八九十两]+|[0-9]+)(个|大|项)").unwrap());
    let text = cx.text;
    let whole = text.doc.text_of(sentence.span);
    for m in COUNT.find_iter(whole) {
        let start = sentence.span.char_start + whole[..m.start()].chars().count();
        let measure_end = start + m.as_str().chars().count();
        let before = start.checked_sub(1).map(|p| text.chars[p]);
        if start == sentence.span.char_start
            || before == Some('“')
            || !text.at_boundary(sentence, start)
        {
            continue;
        }
        // The counted noun: the nominal words right after the measure word.
        let mut end = measure_end;
        for token in sentence
            .tokens
            .iter()
            .skip_while(|t| t.span.char_start < measure_end)
            .take(3)
        {
            if token.span.char_start != end || !is_nominal(token.tag) {
                break;
            }
            end = token.span.char_end;
        }
        if end == measure_end {
            continue;
        }
        let name = text.str(Span::new(start, end));
        let Some(parsed) = parse(&name) else { continue };
        let arabic = m.as_str().starts_with(|c: char| c.is_ascii_digit());
        let head_kind = parsed
            .head
            .as_deref()
            .and_then(|h| kind_of_head(cx.lexicon, h));
        let span = Span::new(start, end);
        match before {
            Some('等') if !arabic => record(cx, sentence, out, &name, span, parsed),
            // 重点从八个方面实现突破。一是…: the paragraphs that follow list them.
            _ if !arabic && ordinal_paragraphs(cx, sentence).len() as u32 == parsed.declared => {
                record(cx, sentence, out, &name, span, parsed)
            }
            Some(c) if !is_phrase_break(c) && (head_kind.is_some() || !arabic) => {
                if arabic {
                    let Some((items, _)) = list_before(cx, sentence, span, parsed.declared) else {
                        continue;
                    };
                    let members = items
                        .into_iter()
                        .map(|item| {
                            member(
                                cx,
                                sentence,
                                out,
                                item,
                                parsed.head.as_deref(),
                                head_kind,
                                true,
                            )
                        })
                        .collect();
                    out.enumerations.push(crate::extract::Enumeration {
                        items: members,
                        sentence: sentence.index,
                    });
                } else {
                    record(cx, sentence, out, &name, span, parsed);
                }
            }
            _ => {}
        }
    }
}

/// Records an abbreviation and the list its sentence gives for it.
fn record(
    cx: &Context,
    sentence: &SentenceView,
    out: &mut Findings,
    name: &str,
    span: Span,
    parsed: Parsed,
) {
    let lexicon = cx.lexicon;
    let text = cx.text;
    let after = text.str(Span::new(
        span.char_end,
        (span.char_end + 4).min(sentence.span.char_end),
    ));
    let head_kind = parsed
        .head
        .as_deref()
        .and_then(|h| kind_of_head(lexicon, h))
        // 一X三Y whose every element is a goal head (三基地一枢纽) bundles goals.
        .or_else(|| {
            (!parsed.heads.is_empty()
                && parsed
                    .heads
                    .iter()
                    .all(|(h, _)| lexicon.goal_heads.contains(&h.as_str())))
            .then_some(ConceptKind::Goal)
        })
        // “三高四新”战略, “三高四新”美好蓝图: a strategy by name or as a blueprint.
        .or_else(|| {
            BLUEPRINTS
                .iter()
                .chain(&lexicon.strategy_heads)
                .any(|b| after.starts_with(b))
                .then_some(ConceptKind::Strategy)
        })
        // 实施“五个十大”: what is carried out is a programme; 锚定“三地一区”,
        // 取得“三个新的更大进展”目标, “两个加快”总目标: what is aimed at is a goal.
        .or_else(|| {
            let lead = text.str(Span::new(
                span.char_start
                    .saturating_sub(4)
                    .max(sentence.span.char_start),
                span.char_start,
            ));
            let lead = lead.trim_end_matches(['“', '‘']);
            // 推动实现A、B等“八个显著提升”: the verb before the list governs it.
            let listed = lead.ends_with('等').then(|| {
                let clause = clause_start(text, sentence, span.char_start);
                let stripped = strip_lead(text, lexicon, sentence, clause, span.char_start, None);
                text.str(Span::new(clause, stripped))
            });
            let aims_at = |verbs: &str| {
                verbs.ends_with("实现")
                    || verbs.ends_with("锚定")
                    || lexicon.goal_verbs.iter().any(|v| verbs.ends_with(v))
            };
            if ["实施", "开展", "推进"].iter().any(|v| lead.ends_with(v)) {
                Some(ConceptKind::Project)
            } else if lead.ends_with("锚定")
                || listed.as_deref().is_some_and(aims_at)
                || AIMS
                    .iter()
                    .any(|a| after.trim_start_matches(['”', '’']).starts_with(a))
            {
                Some(ConceptKind::Goal)
            } else {
                None
            }
        });
    let label = match out.by_form(name) {
        Some(id) => out.concept(id).label.clone(),
        None => name.to_owned(),
    };
    let role = if head_kind == Some(ConceptKind::Project) {
        Role::Programme
    } else {
        Role::Plain
    };
    let id = out.add(head_kind, &label, name, span, sentence, role);
    out.concept_mut(id).declared_count = Some(parsed.declared);
    let evidence = Evidence {
        sentence: sentence.index,
        span,
    };
    let mut abbreviation = Abbreviation {
        concept: id,
        heads: parsed.heads,
        declared: parsed.declared,
        evidence,
        has_members: false,
        ordinals: Vec::new(),
    };
    if out.abbreviations.iter().any(|a| a.concept == id) {
        return;
    }
    let items =
        list_before(cx, sentence, span, parsed.declared).or_else(|| list_after(cx, sentence, span));
    if let Some((items, distribute)) = items {
        let member_ids = items
            .into_iter()
            .map(|item| {
                member(
                    cx,
                    sentence,
                    out,
                    item,
                    parsed.head.as_deref(),
                    head_kind,
                    distribute,
                )
            })
            .collect::<Vec<_>>();
        for &m in &member_ids {
            out.relate(id, Predicate::HasPart, m, Some(evidence), "enumeration");
        }
        abbreviation.has_members = !member_ids.is_empty();
        out.enumerations.push(crate::extract::Enumeration {
            items: member_ids,
            sentence: sentence.index,
        });
    } else {
        abbreviation.ordinals = ordinal_paragraphs(cx, sentence);
    }
    out.abbreviations.push(abbreviation);
}

/// The list right before a name: `A、B、C等“…”` (items may run back over commas
/// while fewer than declared), or `甲、乙、丙3个产业园` (the head shared by all).
/// Returns the items and whether the head is to be distributed to them.
fn list_before(
    cx: &Context,
    sentence: &SentenceView,
    span: Span,
    declared: u32,
) -> Option<(Vec<Span>, bool)> {
    let text = cx.text;
    let before = span.char_start;
    let quoted = text.chars.get(span.char_start) == Some(&'“');
    let (list_end, distribute) = match before.checked_sub(1).map(|p| text.chars[p]) {
        Some('等') => (before - 1, false),
        // 甲、乙、丙三大园区: the name follows the last item directly.
        Some(c) if !quoted && !is_phrase_break(c) => (before, true),
        _ => return None,
    };
    let mut start = clause_start(text, sentence, list_end);
    let mut items = split_enumeration(text, Span::new(start, list_end));
    if distribute && items.len() as u32 != declared {
        return None;
    }
    // The first item carries the clause's verb: 大力实施A、B → A.
    let mut governed = false;
    if let Some(first) = items.first_mut() {
        let stripped = strip_lead(
            text,
            cx.lexicon,
            sentence,
            first.char_start,
            first.char_end,
            None,
        );
        governed = stripped > first.char_start;
        first.char_start = stripped;
    }
    // 坚持A，B、C等六个基本原则: a list no verb opens may run back over whole
    // clauses while it is shorter than declared; a frame (全会提出) ends it. A count
    // in figures (A、B等23个项目) counts more than the text names.
    let counted_in_figures = text.chars[span.char_start].is_ascii_digit();
    while !governed
        && !counted_in_figures
        && (items.len() as u32) < declared
        && start > sentence.span.char_start + 1
    {
        let prev_end = start - 1;
        let prev_start = clause_start(text, sentence, prev_end);
        let clause = text.str(Span::new(prev_start, prev_end));
        if prev_start >= prev_end
            || clause.contains('、')
            || cx.lexicon.frames.contains(clause.as_str())
        {
            break;
        }
        items.insert(0, Span::new(prev_start, prev_end));
        start = prev_start;
    }
    (items.len() >= 2).then_some((items, distribute))
}

/// The list right after a name: `“三大任务”：A、B、C`, `…，即A、B`, `…（A、B）`.
fn list_after(cx: &Context, sentence: &SentenceView, span: Span) -> Option<(Vec<Span>, bool)> {
    let text = cx.text;
    let mut pos = span.char_end;
    let end = sentence.span.char_end;
    let close = match text.chars.get(pos) {
        Some('：') => None,
        Some('（') => Some('）'),
        Some('，') if text.starts_with_at(pos + 1, end, "即") => {
            pos += 1;
            None
        }
        _ => return None,
    };
    pos += 1;
    let list_end = match close {
        Some(close) => (pos..end).find(|&p| text.chars[p] == close)?,
        None => clause_end(text, sentence, pos),
    };
    let items = split_enumeration(text, Span::new(pos, list_end));
    (items.len() >= 2).then_some((items, false))
}

/// Records one listed member.
fn member(
    cx: &Context,
    sentence: &SentenceView,
    out: &mut Findings,
    item: Span,
    head: Option<&str>,
    kind: Option<ConceptKind>,
    distribute: bool,
) -> ConceptId {
    let written = unquote(&cx.text.str(item));
    let with_head = match head {
        Some(head) if !written.ends_with(head) => format!("{written}{head}"),
        _ => written.clone(),
    };
    // The head goes to a bare name (雨湖 → 雨湖产业园), not to a whole one
    // (城市化地区、农产品主产区…三大空间格局).
    let label = if distribute && written.chars().count() <= MAX_BARE_NAME_CHARS {
        with_head.clone()
    } else if kind == Some(ConceptKind::Goal) {
        head_label(&cx.text.str(item))
    } else {
        written.clone()
    };
    let id = out.add(kind, &label, &written, item, sentence, Role::Plain);
    out.concept_mut(id).alt_labels.insert(with_head.clone());
    out.register_form(&with_head, id);
    id
}

/// Every unquoted occurrence of a known abbreviation is a mention of it too.
fn bare_mentions(cx: &Context, out: &mut Findings) {
    let names: Vec<(String, ConceptId)> = out
        .abbreviations
        .iter()
        .flat_map(|a| {
            let c = out.concept(a.concept);
            c.alt_labels
                .iter()
                .chain([&c.label])
                .map(move |l| (l.clone(), a.concept))
        })
        .filter(|(name, _)| name.chars().count() >= 4)
        .collect();
    for sentence in &cx.text.sentences {
        for (name, id) in &names {
            for pos in cx.text.find_all(sentence.span, name) {
                let span = Span::new(pos, pos + name.chars().count());
                if !out.is_mentioned(*id, span) {
                    let label = out.concept(*id).label.clone();
                    out.add(None, &label, name, span, sentence, Role::Plain);
                }
            }
        }
    }
}

/// Links abbreviations that their own sentence does not expand, then reports
/// declared counts that the listed members do not match.
pub(crate) fn link_members(cx: &Context, out: &mut Findings) {
    let abbreviations = out.abbreviations.clone();
    for a in abbreviations
        .iter()
        .filter(|a| !a.has_members && !a.heads.is_empty())
    {
        let members = from_ordinals(out, a)
            .or_else(|| from_enumeration(out, a))
            .or_else(|| from_clause_run(cx, out, a))
            .or_else(|| from_document(out, a));
        let Some(members) = members else { continue };
        // A bundle of goals is a goal (一谷三区 bundles four).
        if members
            .iter()
            .all(|&m| out.concept(m).kinds.contains(&ConceptKind::Goal))
        {
            out.concept_mut(a.concept).kinds.insert(ConceptKind::Goal);
        }
        for m in members {
            let evidence = out
                .findings
                .iter()
                .find(|f| f.concept == m)
                .map(|f| Evidence {
                    sentence: f.sentence,
                    span: f.span,
                })
                .or(Some(a.evidence));
            out.relate(
                a.concept,
                Predicate::HasPart,
                m,
                evidence,
                "abbreviation-heads",
            );
        }
    }
    for a in &abbreviations {
        let listed = out.relations_of(a.concept, Predicate::HasPart).count() as u32;
        if listed > 0 && listed != a.declared {
            out.diagnostics.push(Diagnostic::CountMismatch {
                concept: a.concept,
                declared: a.declared,
                listed,
            });
        }
    }
}

/// Whether the labels of `items` end in the heads with exactly their multiplicities.
fn fits(out: &Findings, heads: &[(String, u32)], items: &[ConceptId]) -> bool {
    let total: u32 = heads.iter().map(|(_, n)| n).sum();
    if items.len() as u32 != total {
        return false;
    }
    heads.iter().all(|(head, n)| {
        items
            .iter()
            .filter(|&&i| out.concept(i).label.ends_with(head.as_str()))
            .count() as u32
            == *n
    })
}

/// An enumeration of the document whose items fit the heads, the nearest first.
fn from_enumeration(out: &Findings, a: &Abbreviation) -> Option<Vec<ConceptId>> {
    let mut candidates: Vec<&crate::extract::Enumeration> = out
        .enumerations
        .iter()
        .filter(|e| !e.items.contains(&a.concept) && fits(out, &a.heads, &e.items))
        .collect();
    candidates.sort_by_key(|e| e.sentence.abs_diff(a.evidence.sentence));
    candidates.first().map(|e| e.items.clone())
}

/// The document's goals that end in the heads, if their number fits exactly.
fn from_document(out: &Findings, a: &Abbreviation) -> Option<Vec<ConceptId>> {
    let goals: Vec<ConceptId> = out
        .concepts()
        .filter(|(id, c)| {
            *id != a.concept
                && c.declared_count.is_none()
                && c.kinds.contains(&ConceptKind::Goal)
                && a.heads.iter().any(|(h, _)| {
                    c.label.ends_with(h.as_str()) && c.label.chars().count() > h.chars().count()
                })
        })
        .map(|(id, _)| id)
        .collect();
    fits(out, &a.heads, &goals).then_some(goals)
}

/// The paragraphs numbered 一是, 二是, … (or set out with dashes, ——…) right after
/// the paragraph that `sentence` ends; empty when it does not end its paragraph or
/// none follow.
fn ordinal_paragraphs(cx: &Context, sentence: &SentenceView) -> Vec<usize> {
    let text = cx.text;
    let sentences = &text.sentences;
    let Some(i) = sentences.iter().position(|s| s.index == sentence.index) else {
        return Vec::new();
    };
    if sentences
        .get(i + 1)
        .is_some_and(|s| s.paragraph == sentence.paragraph)
    {
        return Vec::new();
    }
    let mut paragraphs = Vec::new();
    let mut kind = None;
    let mut previous = sentence.paragraph;
    for s in &sentences[i + 1..] {
        if s.paragraph == previous {
            continue;
        }
        previous = s.paragraph;
        match numbering(text, s.span.char_start, s.span.char_end) {
            Some((k @ (Numbering::Ordinal | Numbering::Dash), _))
                if kind.is_none_or(|first| first == k) =>
            {
                kind = Some(k);
                paragraphs.push(s.paragraph);
            }
            _ => break,
        }
    }
    // A numbered list starts at its first item: 一是 (or 第一).
    let starts_at_one = kind == Some(Numbering::Dash)
        || paragraphs.first().is_some_and(|&p| {
            let first = text.doc.text_of(text.doc.paragraphs[p].span);
            first.starts_with('一') || first.starts_with("第一")
        });
    if starts_at_one {
        paragraphs
    } else {
        Vec::new()
    }
}

/// The goals the ordinal paragraphs after an abbreviation open with.
fn from_ordinals(out: &Findings, a: &Abbreviation) -> Option<Vec<ConceptId>> {
    if a.ordinals.len() < 2 || a.ordinals.len() as u32 != a.declared {
        return None;
    }
    let goals: Vec<ConceptId> = a
        .ordinals
        .iter()
        .filter_map(|&p| {
            out.findings
                .iter()
                .find(|f| f.paragraph == p && f.role == Role::SectionGoal)
                .map(|f| f.concept)
        })
        .collect();
    (goals.len() >= 2).then_some(goals)
}

/// Clauses each holding the abbreviation's word, as many as it declares, in its
/// sentence before it or in the sentences just before: “七个更加” after
/// 高质量发展成效更加彰显，“三个高地”建设成果更加丰硕，… (seven clauses with 更加).
fn from_clause_run(cx: &Context, out: &mut Findings, a: &Abbreviation) -> Option<Vec<ConceptId>> {
    let [(word, _)] = &a.heads[..] else {
        return None;
    };
    if word.chars().count() < 2 {
        return None;
    }
    let text = cx.text;
    let at = text
        .sentences
        .iter()
        .position(|s| s.index == a.evidence.sentence)?;
    for sentence in text.sentences[at.saturating_sub(MAX_RUN_DISTANCE)..=at]
        .iter()
        .rev()
    {
        let end = if sentence.index == a.evidence.sentence {
            a.evidence.span.char_start
        } else {
            sentence.span.char_end
        };
        let parts: Vec<Span> = clauses(text, sentence)
            .into_iter()
            .filter(|c| c.char_end <= end)
            .flat_map(|c| split_enumeration(text, c))
            .collect();
        let holds = |c: &Span| text.str(*c).contains(word.as_str());
        let mut i = 0;
        while i < parts.len() {
            let run = parts[i..].iter().take_while(|c| holds(c)).count();
            if run as u32 == a.declared {
                let members = parts[i..i + run]
                    .iter()
                    .map(|&c| clause_member(cx, out, sentence, c, word))
                    .collect();
                return Some(members);
            }
            i += run.max(1);
        }
    }
    None
}

/// How many sentences back a run of member clauses may stand.
const MAX_RUN_DISTANCE: usize = 2;

/// A clause of a run as a goal: without its governing verb (要锚定) and without
/// what follows the word after the abbreviation's word (…更加显著的总体目标努力奋斗).
fn clause_member(
    cx: &Context,
    out: &mut Findings,
    sentence: &SentenceView,
    clause: Span,
    word: &str,
) -> ConceptId {
    let text = cx.text;
    let mut start = clause.char_start;
    if let Some(marker) = cx
        .lexicon
        .task_markers
        .iter()
        .find(|m| text.starts_with_at(start, clause.char_end, m))
    {
        start += marker.chars().count();
    }
    let start = strip_lead(text, cx.lexicon, sentence, start, clause.char_end, None);
    let mut end = clause.char_end;
    if let Some(at) = text
        .find_all(Span::new(start, clause.char_end), word)
        .first()
    {
        let after = at + word.chars().count();
        if let Some(token) = sentence.tokens.iter().find(|t| t.span.char_start == after) {
            end = token.span.char_end;
        }
    }
    let span = Span::new(start, end);
    let label = unquote(&text.str(span));
    out.add(
        Some(ConceptKind::Goal),
        &label,
        &label,
        span,
        sentence,
        Role::Plain,
    )
}

#[cfg(test)]
mod tests {
    use crate::extract::testing::{extract, related};
    use crate::extract::{ConceptKind, Diagnostic, Predicate};

    const TITLE: &str = "中共湘潭市委全会公报\n";

    #[test]
    fn a_programme_takes_the_list_before_it() {
        let e = extract(&format!(
            "{TITLE}全会提出，我们将聚力实施产业升级、科技创新、人才引进等“强市三大工程”。"
        ));
        for item in ["产业升级", "科技创新", "人才引进"] {
            assert!(
                related(&e, "强市三大工程", Predicate::HasPart, item),
                "{item}: {:?}",
                e.relations
            );
        }
        let programme = e
            .concepts
            .iter()
            .find(|c| c.label == "强市三大工程")
            .unwrap();
        assert_eq!(programme.declared_count, Some(3));
        assert!(programme.kinds.contains(&ConceptKind::Project));
        assert!(e.diagnostics.is_empty());
    }

    #[test]
    fn what_is_aimed_at_is_a_goal() {
        let e = extract(&format!(
            "{TITLE}锚定“三地一区”实现新突破和取得“三个新的更大进展”目标，实施“五个十大”，坚持“两个加快”总目标，推动实现社会文明程度、人民生活品质等“两个显著提升”。"
        ));
        let kinds = |label: &str| {
            e.concepts
                .iter()
                .find(|c| c.label == label)
                .map(|c| c.kinds.clone())
                .unwrap_or_default()
        };
        assert!(kinds("三地一区").contains(&ConceptKind::Goal));
        assert!(kinds("三个新的更大进展").contains(&ConceptKind::Goal));
        assert!(kinds("五个十大").contains(&ConceptKind::Project));
        assert!(kinds("两个加快").contains(&ConceptKind::Goal));
        // The verb before the list aims at what it lists.
        assert!(kinds("两个显著提升").contains(&ConceptKind::Goal));
        assert!(kinds("人民生活品质").contains(&ConceptKind::Goal));
    }

    #[test]
    fn a_short_list_is_reported() {
        let e = extract(&format!(
            "{TITLE}全会提出，大力实施产业升级、科技创新、人才引进等“四大工程”。"
        ));
        assert!(
            matches!(
                e.diagnostics[..],
                [Diagnostic::CountMismatch {
                    declared: 4,
                    listed: 3,
                    ..
                }]
            ),
            "{:?}",
            e.diagnostics
        );
    }

    #[test]
    fn numbered_elements_find_the_list_of_their_heads() {
        let e = extract(&format!(
            "{TITLE}加快建设智造谷、创新引领区、开放先行区，奋力谱写新篇章。深刻领会“一谷两区”的内涵。"
        ));
        for member in ["智造谷", "创新引领区", "开放先行区"] {
            assert!(
                related(&e, "一谷两区", Predicate::HasPart, member),
                "{member}: {:?}",
                e.relations
            );
        }
    }

    #[test]
    fn counted_heads_gather_across_the_document() {
        let e = extract(&format!(
            "{TITLE}在打造“两个高地”上争先。\n全会提出，在建设内陆开放高地中走在前列。\n要在打造科技创新高地上彰显担当。"
        ));
        assert!(
            related(&e, "两个高地", Predicate::HasPart, "内陆开放高地"),
            "{:?}",
            e.relations
        );
        assert!(
            related(&e, "两个高地", Predicate::HasPart, "科技创新高地"),
            "{:?}",
            e.relations
        );
    }

    #[test]
    fn arabic_counts_distribute_their_head() {
        let e = extract(&format!(
            "{TITLE}要建设雨湖、岳塘、九华3个产业园，推动发展。"
        ));
        let names: Vec<&str> = e.concepts.iter().map(|c| c.label.as_str()).collect();
        assert!(
            names.contains(&"雨湖产业园") && names.contains(&"九华产业园"),
            "{names:?}"
        );
        assert!(e.concepts.iter().all(|c| c.declared_count.is_none()));
    }

    #[test]
    fn ordinal_paragraphs_are_the_members_of_n_aspects() {
        let e = extract(
            "某省政府工作报告\n重点从两个方面实现突破。\n一是持续用力，推动数字经济实现新突破。\n二是坚持开放，推动对外贸易实现新突破。",
        );
        assert!(
            related(&e, "两个方面", Predicate::HasPart, "数字经济"),
            "{:?}",
            e.relations
        );
        assert!(
            related(&e, "两个方面", Predicate::HasPart, "对外贸易"),
            "{:?}",
            e.relations
        );
    }

    #[test]
    fn dashed_paragraphs_are_the_members_of_n_aspects() {
        let e = extract(
            "某国政府工作报告\n纲要突出了以下两个方面。\n——保持经济中高速增长，推动产业迈向中高端水平。完善产业政策。\n——深化改革开放，构建发展新体制。完善市场体系。",
        );
        for member in ["产业迈向中高端水平", "发展新体制"] {
            assert!(
                related(&e, "两个方面", Predicate::HasPart, member),
                "{member}: {:?}",
                e.relations
            );
        }
    }
}
