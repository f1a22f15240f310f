//! Relations read off the roles the rules recorded:
//!
//! - `supports`: a section's tasks and programmes → the section's goal; the section's
//!   goal → the goals it serves (`在…打造X中/上`) and the strategies the section
//!   carries out (`实施/落实/贯彻X战略`); within a sentence, goals set right after
//!   `实施X战略，` → X;
//! - `locatedIn`: divisions → their parent (gazetteer); a place named after another
//!   place (长株潭国家自主创新示范区 → 长株潭城市群); a park or zone of a city or county
//!   plan that names no other place → the plan's region.

use std::collections::{HashMap, HashSet};

use crate::extract::gazetteer::AdminLevel;
use crate::extract::phrase::{Numbering, numbering};
use crate::extract::task;
use crate::extract::{
    ConceptId, ConceptKind, Context, Evidence, Finding, Findings, Predicate, Role,
};
use crate::intake::ParagraphRole;

/// Heads of places small enough to lie inside the plan's own region.
const LOCAL_PLACE_HEADS: [&str; 9] = [
    "工业区",
    "工业园",
    "产业园",
    "园区",
    "开发区",
    "高新区",
    "经开区",
    "新区",
    "片区",
];

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    supports(cx, out);
    located_in(cx, out);
}

fn evidence(f: &Finding) -> Option<Evidence> {
    Some(Evidence {
        sentence: f.sentence,
        span: f.span,
    })
}

fn supports(cx: &Context, out: &mut Findings) {
    let findings = out.findings.clone();
    let mut lead_of_paragraph: HashMap<usize, &Finding> = HashMap::new();
    for f in findings.iter().filter(|f| f.role == Role::SectionGoal) {
        lead_of_paragraph.entry(f.paragraph).or_insert(f);
    }
    let parents = parent_paragraphs(cx);
    let doc = cx.text.doc;
    // The paragraphs with a lead that opens with their topic (推动强链壮群。), not
    // with a lead inside a longer first sentence (发展产业才能强省富民，要…，全力打造X。);
    // found once, not for every finding.
    let opens_with_topic: HashSet<usize> = task::paragraphs(cx.text)
        .filter(|group| {
            lead_of_paragraph.contains_key(&group[0].paragraph) && task::is_topic(cx, &group[0])
        })
        .map(|group| group[0].paragraph)
        .collect();
    // The goal of a paragraph: its own lead, else that of the numbered paragraph it
    // belongs to (（二）加快建设X。 then 推动强链壮群。…), else that of its heading; a
    // lead that is no topic gives way to the goal above it.
    let paragraph_goal = |paragraph: usize| -> Option<&Finding> {
        let own = lead_of_paragraph.get(&paragraph);
        let above = parents
            .get(&paragraph)
            .and_then(|p| lead_of_paragraph.get(p))
            .or_else(|| {
                let section = &doc.sections[doc.paragraphs[paragraph].section];
                section.heading.and_then(|h| lead_of_paragraph.get(&h))
            });
        match (own, above) {
            (Some(_), Some(above)) if !opens_with_topic.contains(&paragraph) => Some(above),
            _ => own.or(above),
        }
        .copied()
    };
    for f in &findings {
        let Some(goal) = paragraph_goal(f.paragraph) else {
            continue;
        };
        if f.concept == goal.concept {
            continue;
        }
        let (subject, object, method) = match f.role {
            Role::Task | Role::Programme => (f.concept, goal.concept, "section-goal"),
            Role::ServedGoal => (goal.concept, f.concept, "serves-higher-goal"),
            Role::StrategyObject | Role::FramingStrategy => {
                (goal.concept, f.concept, "carries-out-strategy")
            }
            _ => continue,
        };
        out.relate(subject, Predicate::Supports, object, evidence(f), method);
    }
    // A numbered part's paragraphs serve its goal (强链壮群 → 现代化产业体系), and
    // a paragraph that belongs to no part serves the goal of its heading
    // (七、…，全面推进乡村振兴 → 25.提高农业质量效益和竞争力。).
    for (&paragraph, goal) in &lead_of_paragraph {
        if parents.contains_key(&paragraph)
            || doc.paragraphs[paragraph].role == ParagraphRole::Heading
        {
            continue;
        }
        let section = &doc.sections[doc.paragraphs[paragraph].section];
        if let Some(heading_goal) = section.heading.and_then(|h| lead_of_paragraph.get(&h)) {
            out.relate(
                goal.concept,
                Predicate::Supports,
                heading_goal.concept,
                evidence(goal),
                "numbered-part",
            );
        }
    }
    for (&paragraph, &parent) in &parents {
        if let (Some(goal), Some(higher)) = (
            lead_of_paragraph.get(&paragraph),
            lead_of_paragraph.get(&parent),
        ) {
            out.relate(
                goal.concept,
                Predicate::Supports,
                higher.concept,
                evidence(goal),
                "numbered-part",
            );
        }
    }
    // 实施X战略，加快建设A: A, in the very next clause, carries out X.
    for f in &findings {
        if !matches!(f.role, Role::GoalObject | Role::SectionGoal) {
            continue;
        }
        let strategy = findings.iter().rev().find(|s| {
            s.role == Role::StrategyObject
                && s.sentence == f.sentence
                && s.span.char_end <= f.span.char_start
                && next_clause(cx, s.span.char_end, f.span.char_start)
        });
        if let Some(s) = strategy {
            out.relate(
                f.concept,
                Predicate::Supports,
                s.concept,
                evidence(f),
                "carries-out-strategy",
            );
        }
    }
}

/// Whether the text from `from` to `to` crosses exactly one comma and no other
/// clause break: the second clause follows the first directly.
fn next_clause(cx: &Context, from: usize, to: usize) -> bool {
    let between = &cx.text.chars[from..to];
    between.iter().filter(|&&c| c == '，').count() == 1
        && !between.iter().any(|&c| matches!(c, '；' | '。' | '：'))
}

/// For each paragraph, the paragraph whose goal it serves: a paragraph that is only
/// a topic sentence rules the next one; a paragraph opening with a structural
/// number (（二）…, 二、…) rules the paragraphs after it, up to the next one or a
/// heading.
fn parent_paragraphs(cx: &Context) -> HashMap<usize, usize> {
    let text = cx.text;
    let mut parents = HashMap::new();
    let mut opener: Option<usize> = None;
    let mut lone_topic: Option<usize> = None;
    for group in task::paragraphs(text) {
        let first = &group[0];
        let paragraph = &text.doc.paragraphs[first.paragraph];
        if paragraph.role == ParagraphRole::Heading {
            opener = None;
            lone_topic = None;
            continue;
        }
        let structural = matches!(
            numbering(text, first.span.char_start, first.span.char_end),
            Some((Numbering::Structural, _))
        );
        if structural {
            opener = Some(first.paragraph);
        } else if let Some(parent) = lone_topic.or(opener) {
            parents.insert(first.paragraph, parent);
        }
        lone_topic = (group.len() == 1 && task::is_topic(cx, first)).then_some(first.paragraph);
    }
    parents
}

fn located_in(cx: &Context, out: &mut Findings) {
    let gazetteer = cx.gazetteer;
    let places: Vec<(ConceptId, String, Option<u32>)> = out
        .concepts()
        .filter(|(_, c)| c.kinds.contains(&ConceptKind::District))
        .map(|(id, c)| (id, c.label.clone(), c.division_code))
        .collect();
    let by_code: HashMap<u32, ConceptId> = places
        .iter()
        .filter_map(|(id, _, code)| Some(((*code)?, *id)))
        .collect();
    let region = cx
        .metadata
        .region_code
        .and_then(|code| by_code.get(&code).copied());
    for (id, label, code) in &places {
        if let Some(code) = code {
            // A division lies in the nearest division above it that the plan names
            // (a county in its city, or in its province when the city goes unnamed):
            // the plan's graph holds the places it names, each with a span.
            let division = gazetteer.by_code(*code);
            let container = division
                .into_iter()
                .flat_map(|d| gazetteer.ancestors(d))
                .find_map(|a| by_code.get(&a.code));
            if let Some(&container) = container {
                out.relate(*id, Predicate::LocatedIn, container, None, "gazetteer");
            }
            continue;
        }
        // A place named after another: the longest other place its name begins with,
        // or that it names in brackets (中国（甘肃）自由贸易试验区 lies in 甘肃).
        let bracketed = label
            .split_once('（')
            .and_then(|(_, rest)| rest.split_once('）'))
            .map(|(inner, _)| inner);
        let container = places
            .iter()
            .filter(|(other, _, _)| other != id)
            .flat_map(|(other, other_label, _)| {
                let c = out.concept(*other);
                std::iter::once(other_label.clone())
                    .chain(c.alt_labels.iter().cloned())
                    .filter_map(|form| {
                        let in_brackets = bracketed.is_some_and(|b| b.starts_with(form.as_str()));
                        let named = form.chars().count() >= 2
                            && (label.starts_with(form.as_str()) || in_brackets)
                            && *label != form;
                        named.then(|| (in_brackets, form.chars().count(), *other))
                    })
            })
            .max();
        let first_mention = out
            .findings
            .iter()
            .find(|f| f.concept == *id)
            .and_then(evidence);
        if let Some((_, _, container)) = container {
            out.relate(
                *id,
                Predicate::LocatedIn,
                container,
                first_mention,
                "named-after-place",
            );
        } else if let (Some(region), true) =
            (region, LOCAL_PLACE_HEADS.iter().any(|h| label.ends_with(h)))
        {
            let local = cx.metadata.level.is_some_and(|l| l >= AdminLevel::City);
            if local {
                out.relate(
                    *id,
                    Predicate::LocatedIn,
                    region,
                    first_mention,
                    "local-place",
                );
            }
        }
    }
}
