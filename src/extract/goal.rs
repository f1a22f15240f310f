//! Goals: what the plan commits to build or reach.
//!
//! - the object of a goal verb (加快建设X, 着力打造X, 基本建成X), when it ends in a
//!   goal head (…高地, …先行区, …强市, …城市), names a region with a qualifier
//!   (法治株洲), or is a numbered abbreviation (“一谷三区”); an enumerated object
//!   gives one goal per item, and a bare item after a comma continues the list;
//! - `X建设` where X is such a name (推进健康株洲建设);
//! - the goal a paragraph or section opens with: `全会提出，A，着力B。` or a
//!   heading `（一）加快建设B`, whatever B's head (着力提升株洲整体区域价值);
//! - `在…打造X中/上`: a goal the plan serves, set by a higher level.
//!
//! Target years come from the paragraph (二〇三五年, 十四五) or the plan period.

use crate::extract::gazetteer::Gazetteer;
use crate::extract::lexicon::Lexicon;
use crate::extract::numerals;
use crate::extract::phrase::{
    Numbering, after_last_word, clause_items, clause_start, clauses, head_label, numbering,
    skip_adverbs, skip_count, skip_numbering, split_enumeration, strip_lead, unquote, word_at,
};
use crate::extract::segment::is_nominal;
use crate::extract::text::SentenceView;
use crate::extract::{ConceptId, ConceptKind, Context, Enumeration, Findings, Role};
use crate::span::Span;

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    for sentence in cx.text.sentences.iter().filter(|s| !s.review) {
        verb_objects(cx, sentence, out);
        construction(cx, sentence, out);
        aimed_slogans(cx, sentence, out);
    }
    section_leads(cx, out);
    dashed_headlines(cx, out);
}

/// Verbs that aim at a target (实现…目标, 朝着…目标).
const AIMS_AT: [&str; 4] = ["实现", "围绕", "锚定", "朝着"];

/// `实现全面建成小康社会目标`, `锚定基本实现社会主义现代化奋斗目标`: a target named by
/// a slogan, an adverb and a verb phrase, is a goal as written.
fn aimed_slogans(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    for target in text.find_all(sentence.span, "目标") {
        let end = if target >= 2 && text.str(Span::new(target - 2, target)) == "奋斗" {
            target - 2
        } else {
            target
        };
        let clause = clause_start(text, sentence, end);
        let Some(aim_end) = after_last_word(text, sentence, clause, end, &AIMS_AT, |_, _| true)
        else {
            continue;
        };
        let slogan = Span::new(aim_end, end);
        let verb_at = skip_adverbs(text, cx.lexicon, aim_end, end);
        let opens_with_adverb_and_verb = verb_at > aim_end
            && text
                .token_at(sentence, verb_at)
                .is_some_and(|t| t.tag == "v" && t.span.char_end < end);
        if opens_with_adverb_and_verb
            && slogan.len() >= 5
            && !text.str(slogan).contains(['的', '，', '、'])
        {
            add_goal(cx, sentence, out, slogan, Role::Plain);
        }
    }
}

/// Headline goals set out as a dashed list under a paragraph that announces goals
/// (“十五五”时期要努力实现以下主要目标。 then ——高质量发展取得显著成效。经济增长…):
/// each item's first sentence, when short and one clause, is a goal as written.
/// A dashed list under anything else (the principles, 坚持党的全面领导) is not.
fn dashed_headlines(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut announced = false;
    for group in crate::extract::task::paragraphs(text) {
        let first = &group[0];
        let Some((Numbering::Dash, start)) =
            numbering(text, first.span.char_start, first.span.char_end)
        else {
            announced = group
                .iter()
                .any(|s| text.str(s.span).contains("目标") && !s.review);
            continue;
        };
        let item = text.str(Span::new(start, first.span.char_end));
        let headline = item.trim_end_matches(['。', '；', '！']);
        let length = headline.chars().count();
        if announced
            && !first.review
            && (4..=MAX_HEADLINE_CHARS).contains(&length)
            && !headline.contains(['，', ','])
        {
            let span = Span::new(start, start + length);
            let label = unquote(&text.str(span));
            record_goal(cx, first, out, &label, &label, span, Role::Plain);
        }
    }
}

/// Longest dashed headline read as a goal (经济发展取得新成效 has 9 characters).
const MAX_HEADLINE_CHARS: usize = 16;

/// Where a goal phrase ends inside `item`: after a goal head, a region name or a
/// quoted abbreviation, on a token boundary, not followed by a noun that it
/// would modify. The latest such end wins.
fn goal_end(cx: &Context, sentence: &SentenceView, out: &Findings, item: Span) -> Option<usize> {
    let text = cx.text;
    let headed_end = (item.char_start + 2..=item.char_end).rev().find(|&q| {
        if !text.word_ends(sentence, q) {
            return false;
        }
        let before = text.str(Span::new(item.char_start, q));
        let headed = Lexicon::head_of(&cx.lexicon.goal_heads, &before)
            .is_some_and(|h| before.chars().count() > h.chars().count() + 1)
            || region_suffix(cx.gazetteer, &before).is_some();
        let modifies = q < item.char_end
            && text
                .token_at(sentence, q)
                .is_some_and(|t| is_nominal(t.tag) && !matches!(text.chars[q], '中' | '上'));
        headed && !modifies
    });
    if headed_end.is_some() {
        return headed_end;
    }
    // A quoted numbered abbreviation as the whole object: 基本建成“一谷三区”.
    if text.chars.get(item.char_start) == Some(&'“') {
        let close = (item.char_start..item.char_end).find(|&p| text.chars[p] == '”')?;
        let name = text.str(Span::new(item.char_start + 1, close));
        if out
            .by_form(&name)
            .is_some_and(|id| out.concept(id).declared_count.is_some())
        {
            return Some(close + 1);
        }
    }
    None
}

/// Characters of the region name `phrase` ends in, when at least two characters
/// qualify it (法治株洲, 美丽湖南, 更高水平平安株洲).
fn region_suffix(gazetteer: &Gazetteer, phrase: &str) -> Option<usize> {
    let chars: Vec<char> = phrase.chars().filter(|c| *c != '”' && *c != '“').collect();
    (2..=4).rev().find(|&len| {
        chars.len() >= len + 2 && {
            let place: String = chars[chars.len() - len..].iter().collect();
            gazetteer.resolve(&place, None).is_some()
        }
    })
}

/// The canonical label of the goal phrase at `span`: its head after modifiers
/// (更具实力的X → X); a region goal keeps the one word before the region
/// (更高水平平安株洲 → 平安株洲, while 现代化新株洲 stays whole).
fn goal_label(cx: &Context, sentence: &SentenceView, span: Span) -> String {
    let written = cx.text.str(span);
    let label = head_label(&written);
    if Lexicon::head_of(&cx.lexicon.goal_heads, &label).is_some()
        || !written.ends_with(label.as_str())
    {
        return label;
    }
    let Some(place_len) = region_suffix(cx.gazetteer, &label) else {
        return label;
    };
    let place_start = span.char_end - place_len;
    let qualifier = sentence.tokens.iter().find(|t| {
        t.span.char_end == place_start && t.span.len() == 2 && t.span.char_start >= span.char_start
    });
    match qualifier {
        Some(q) => cx.text.str(Span::new(q.span.char_start, span.char_end)),
        None => label,
    }
}

/// Records a goal named by the phrase at `span`.
fn add_goal(
    cx: &Context,
    sentence: &SentenceView,
    out: &mut Findings,
    span: Span,
    role: Role,
) -> Option<ConceptId> {
    let written = cx.text.str(span);
    let label = goal_label(cx, sentence, span);
    // A strategy is carried out, not reached (实施积极应对人口老龄化国家战略); a
    // phrase opening with a connective or preposition (和安全, 以文化赋能…) is
    // part of a clause, not a goal.
    if label.chars().count() < 2
        || Lexicon::head_of(&cx.lexicon.strategy_heads, &label).is_some()
        || (label == unquote(&written)
            && cx
                .text
                .token_at(sentence, span.char_start)
                .is_some_and(|t| {
                    matches!(
                        cx.text.str(t.span).as_str(),
                        "和" | "与" | "及" | "以" | "为" | "把" | "对" | "在"
                    )
                }))
    {
        return None;
    }
    Some(record_goal(
        cx,
        sentence,
        out,
        &label,
        &unquote(&written),
        span,
        role,
    ))
}

/// Records a goal named `label` (written `written` at `span`), with the year it is
/// set for unless it already has one.
fn record_goal(
    cx: &Context,
    sentence: &SentenceView,
    out: &mut Findings,
    label: &str,
    written: &str,
    span: Span,
    role: Role,
) -> ConceptId {
    let id = out.add(
        Some(ConceptKind::Goal),
        label,
        written,
        span,
        sentence,
        role,
    );
    if out.concept(id).target_year.is_none() {
        out.concept_mut(id).target_year = target_year(cx, sentence);
    }
    id
}

/// The year a goal named in `sentence` is set for: a year its paragraph names
/// (到二〇三五年, 二〇三五年远景目标, 十四五), else the end of the plan period.
fn target_year(cx: &Context, sentence: &SentenceView) -> Option<u16> {
    let paragraph = cx
        .text
        .doc
        .text_of(cx.text.doc.paragraphs[sentence.paragraph].span);
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, w) in chars.windows(5).enumerate() {
        if w[4] == '年' && (i == 0 || chars[i - 1] != '年') {
            let year: String = w[..4].iter().collect();
            if let Some(y) = numerals::parse_year(&year) {
                let rest: String = chars[i + 5..].iter().take(4).collect();
                if rest.starts_with("远景") || (i > 0 && chars[i - 1] == '到') {
                    return Some(y);
                }
            }
        }
    }
    if let Some(pos) = paragraph.find('十') {
        let rest: Vec<char> = paragraph[pos..].chars().take(3).collect();
        if rest.len() == 3
            && rest[2] == '五'
            && let Some(n) = numerals::parse(&rest[1].to_string())
            && let Some((_, end)) = crate::extract::metadata::five_year_plan_years(10 + n)
        {
            return Some(end);
        }
    }
    cx.metadata.period_end
}

/// Objects of goal verbs that open a clause (after adverbs and frames).
fn verb_objects(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    let clause_spans = clauses(text, sentence);
    for (k, clause) in clause_spans.iter().enumerate() {
        // The verb must govern the clause: 乡村建设摆在… has 建设 inside a name.
        let lead = strip_lead(
            text,
            cx.lexicon,
            sentence,
            clause.char_start,
            clause.char_end,
            Some(2),
        );
        let governs = (clause.char_start..lead).any(|p| {
            word_at(text, sentence, p, lead, cx.lexicon.goal_verbs.iter())
                .is_some_and(|verb| p + verb.chars().count() == lead)
        });
        if lead >= clause.char_end {
            continue;
        }
        // Another verb sets a goal when its object is one name with a goal's head
        // (加快推进农业农村现代化).
        if !governs {
            let object = Span::new(lead, clause.char_end);
            let verb = (clause.char_start..lead)
                .any(|p| word_at(text, sentence, p, lead, cx.lexicon.verbs.iter()).is_some());
            let single = !text.str(object).contains(['、', '和', '与', '的'])
                && is_noun_phrase(sentence, object);
            let headed = Lexicon::head_of(&cx.lexicon.goal_heads, &text.str(object))
                .is_some_and(|h| object.len() > h.chars().count() + 1);
            if verb && single && headed {
                add_goal(cx, sentence, out, object, Role::GoalObject);
            }
            continue;
        }
        let object = Span::new(lead, clause.char_end);
        // 开放平台建设等: a verb ending a name governs nothing.
        if text.chars[lead] == '等' {
            continue;
        }
        // 在湖南打造X中: a goal set above, which this plan serves.
        let served = text.str(Span::new(clause.char_start, lead)).contains('在');
        let role = if served {
            Role::ServedGoal
        } else {
            Role::GoalObject
        };
        let mut items = Vec::new();
        let mut last_end = object.char_start;
        let items_of_object: Vec<Span> = split_enumeration(text, object)
            .into_iter()
            .flat_map(|i| split_conjunction(cx, sentence, out, i))
            .collect();
        for item in items_of_object {
            let item_start = strip_lead(
                text,
                cx.lexicon,
                sentence,
                item.char_start,
                item.char_end,
                None,
            );
            let item = Span::new(item_start, item.char_end);
            if let Some(end) = goal_end(cx, sentence, out, item)
                && let Some(id) = add_goal(cx, sentence, out, Span::new(item.char_start, end), role)
            {
                items.push(id);
                last_end = end;
            }
        }
        // 加快建设A、B、C，D: a bare goal after the comma continues the list.
        if !items.is_empty() && last_end == clause.char_end {
            for next in &clause_spans[k + 1..] {
                let bare = strip_lead(
                    text,
                    cx.lexicon,
                    sentence,
                    next.char_start,
                    next.char_end,
                    None,
                ) == next.char_start;
                match goal_end(cx, sentence, out, *next) {
                    Some(end)
                        if bare && end == next.char_end && !text.str(*next).contains('的') =>
                    {
                        if let Some(id) = add_goal(cx, sentence, out, *next, role) {
                            items.push(id);
                        }
                    }
                    _ => break,
                }
            }
        }
        if items.len() >= 2 {
            out.enumerations.push(Enumeration {
                items,
                sentence: sentence.index,
            });
        }
    }
}

/// Longest item of a list of goals taken whole.
const MAX_LISTED_GOAL_CHARS: usize = 8;

/// `X建设`: building X, where X names a goal; a list before 建设 gives one goal
/// per item (加快制造强省、质量强省、网络强省建设).
fn construction(cx: &Context, sentence: &SentenceView, out: &mut Findings) {
    let text = cx.text;
    for pos in text.find_all(sentence.span, "建设") {
        if !text.at_boundary(sentence, pos) || pos == sentence.span.char_start {
            continue;
        }
        let clause_begins = clause_start(text, sentence, pos);
        let mut phrases = clause_items(text, cx.lexicon, sentence, pos, Some(2));
        // Only the items that end the clause at 建设 belong to it.
        let Some(last) = phrases.last_mut() else {
            continue;
        };
        // A and B建设: the goal is the conjunct next to 建设.
        if let Some(p) = (last.char_start..pos)
            .rev()
            .find(|&p| matches!(text.chars[p], '和' | '与' | '及') && text.at_boundary(sentence, p))
        {
            last.char_start = p + 1;
        }
        // 交通物流、能源、数字信息等大通道建设: the items are kinds of what follows 等,
        // and that is the goal, unless it is a programme (…等“十大产业项目”建设).
        if let Some(p) = (last.char_start..pos)
            .rev()
            .find(|&p| text.chars[p] == '等')
        {
            let kind = unquote(&text.str(Span::new(p + 1, pos)));
            if Lexicon::head_of(&cx.lexicon.project_heads, &kind).is_some() {
                continue;
            }
            last.char_start = skip_count(text, p + 1, pos);
            phrases.drain(..phrases.len() - 1);
        }
        let names_goal = |p: &Span| {
            p.len() >= 3
                && is_noun_phrase(sentence, *p)
                && goal_end(cx, sentence, out, *p) == Some(p.char_end)
        };
        // A list of short names one of which names a goal is a list of goals
        // (法治湖南、法治政府、法治社会建设); a single name must name one itself.
        let short = |p: &Span| (2..=MAX_LISTED_GOAL_CHARS).contains(&p.len());
        let headed = |p: &Span| {
            let phrase = text.str(*p);
            Lexicon::head_of(&cx.lexicon.goal_heads, &phrase).is_some()
                || region_suffix(cx.gazetteer, &phrase).is_some()
        };
        // X加快建设: X is what is being built faster, not a name before 建设.
        let before_adverb = cx
            .lexicon
            .adverbs
            .iter()
            .any(|a| text.str(Span::new(clause_begins, pos)).ends_with(a));
        if before_adverb {
            continue;
        }
        let goals: Vec<Span> = if phrases.len() > 1
            && phrases.iter().all(short)
            && phrases.iter().any(|p| names_goal(p) && headed(p))
        {
            phrases
        } else if phrases.last().is_some_and(names_goal) {
            phrases.into_iter().filter(names_goal).collect()
        } else {
            continue;
        };
        let ids: Vec<ConceptId> = goals
            .into_iter()
            .filter_map(|phrase| add_goal(cx, sentence, out, phrase, Role::Plain))
            .collect();
        if ids.len() >= 2 {
            out.enumerations.push(Enumeration {
                items: ids,
                sentence: sentence.index,
            });
        }
    }
}

/// Words that open a communiqué's paragraph before its lead (全会提出，…).
const LEAD_VERBS: [&str; 4] = ["提出", "强调", "指出", "认为"];

/// The goal each paragraph or section opens with.
fn section_leads(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut seen_paragraph = None;
    for sentence in &text.sentences {
        if seen_paragraph == Some(sentence.paragraph) || sentence.review {
            continue;
        }
        seen_paragraph = Some(sentence.paragraph);
        // 第一篇 发展基础篇: the title of a part names the part, it commits to nothing.
        if text.str(sentence.span).trim_end().ends_with('篇') {
            continue;
        }
        let mut parts = clauses(text, sentence);
        // 全会提出，…: the frame is not part of the lead.
        if let Some(first) = parts.first() {
            let first_text = text.str(*first);
            if first.len() <= 6 && LEAD_VERBS.iter().any(|v| first_text.ends_with(v)) {
                parts.remove(0);
            }
        }
        if let Some(first) = parts.first_mut() {
            first.char_start = skip_numbering(text, first.char_start, first.char_end);
            // 我们要推动X: the subject is no part of the lead.
            if let Some(yao) = crate::extract::task::subject_marker(cx, sentence, *first) {
                first.char_start = yao;
            }
        }
        let length: usize = parts.iter().map(|s| s.len()).sum();
        let (Some(mut last), true) = (parts.last(), (1..=3).contains(&parts.len()) && length <= 45)
        else {
            continue;
        };
        // ——强化创新引领作用，为发展注入强大动力: a closing clause of purpose names
        // no goal; the clause before it does.
        if parts.len() >= 2 && text.str(*last).starts_with(['为', '使', '让']) {
            last = &parts[parts.len() - 2];
        }
        // （一）始终锚定机制活，持续深化改革开放，激发…动力活力: the clause that
        // anchors the paragraph names its goal.
        if let Some(anchor) = parts.iter().find(|clause| {
            let at = skip_adverbs(text, cx.lexicon, clause.char_start, clause.char_end);
            text.starts_with_at(at, clause.char_end, "锚定")
        }) {
            last = anchor;
        }
        // 落实“十二个奋力推进” then 一是奋力推进产业振兴，…，建设X。: in a paragraph
        // the abbreviation counts, the clause that repeats its word names the goal.
        let counted_word = out
            .abbreviations
            .iter()
            .filter(|a| a.ordinals.contains(&sentence.paragraph))
            .flat_map(|a| a.heads.iter().map(|(word, _)| word.clone()))
            .find(|word| word.chars().count() >= 2);
        if let Some(word) = counted_word
            && let Some(clause) = parts.iter().find(|c| text.str(**c).contains(word.as_str()))
        {
            last = clause;
        }
        let start = strip_lead(
            text,
            cx.lexicon,
            sentence,
            last.char_start,
            last.char_end,
            Some(2),
        );
        // A lead commits to a goal: an adverb of effort and a verb (着力提升X,
        // 加快推进X), or a goal verb (建设X).
        let opens_with_adverb = word_at(
            text,
            sentence,
            last.char_start,
            start,
            cx.lexicon.adverbs.iter(),
        )
        .is_some();
        let goal_verb = (last.char_start..start)
            .any(|p| word_at(text, sentence, p, start, cx.lexicon.goal_verbs.iter()).is_some());
        // A paragraph's topic sentence names its goal whatever the verb (推动强链壮群).
        let topic = crate::extract::task::is_topic(cx, sentence);
        let governed = (opens_with_adverb || goal_verb || topic)
            && (last.char_start..start)
                .any(|p| word_at(text, sentence, p, start, cx.lexicon.verbs.iter()).is_some());
        // 一是高质量发展水平明显提升: a numbered topic stating how X improves names X.
        let numbered = skip_numbering(text, sentence.span.char_start, sentence.span.char_end)
            > sentence.span.char_start;
        // （一）努力在推进创新驱动发展中闯出新路子。: the field in the frame is the goal.
        if topic
            && numbered
            && let Some(field) = framed_field(cx, sentence, *last)
        {
            add_goal(cx, sentence, out, field, Role::SectionGoal);
            continue;
        }
        // Its subject is the goal as written, no verb stripped from it (发展 in
        // 高质量发展水平 governs nothing).
        // So does one stating that X reaches a result (（一）现代化产业体系建设取得
        // 决定性进展。), when no verb governs X.
        let improved = (topic && numbered)
            .then(|| {
                improvement_start(&text.str(*last))
                    .map(|chars| last.char_start + chars)
                    .or_else(|| {
                        (start == last.char_start && result_start(text, *last).is_some())
                            .then(|| trim_result(text, *last))
                    })
            })
            .flatten();
        let governed = governed || improved.is_some();
        let start = if improved.is_some() {
            last.char_start
        } else {
            start
        };
        // 推动X实现新突破, 推动X建设取得新进展: the goal is X.
        let object = match improved {
            Some(end) => Span::new(start, end),
            None => Span::new(start, trim_result(text, Span::new(start, last.char_end))),
        };
        // The object is a name: it ends in a noun, not in a verb (…而奋斗).
        let nominal_end = ends_in_noun(sentence, object);
        // A numbered topic names its goal whatever word ends it (实现A同B有效衔接).
        if governed
            && (nominal_end || (topic && numbered))
            && object.len() >= 3
            && !text.str(object).contains('，')
        {
            let end = goal_end(cx, sentence, out, object).unwrap_or(object.char_end);
            let lead = Span::new(start, end);
            // 转变经济发展方式和调整经济结构: two verb phrases name two goals; the
            // paragraph serves the last.
            match second_verb_phrase(cx, sentence, lead) {
                Some(and) => {
                    for (part, role) in [
                        (Span::new(lead.char_start, and), Role::Plain),
                        (Span::new(and + 1, lead.char_end), Role::SectionGoal),
                    ] {
                        // Each half opens with its verb (second_verb_phrase).
                        let from = text
                            .token_at(sentence, part.char_start)
                            .map_or(part.char_start, |verb| verb.span.char_end);
                        add_goal(cx, sentence, out, Span::new(from, part.char_end), role);
                    }
                }
                None => {
                    add_goal(cx, sentence, out, lead, Role::SectionGoal);
                }
            }
        }
    }
}

/// Where `和` joins a second verb phrase in `span` (转变A和调整B), if it does:
/// both halves open with a verb and leave a name of three characters after it.
fn second_verb_phrase(cx: &Context, sentence: &SentenceView, span: Span) -> Option<usize> {
    let text = cx.text;
    let verb_then_name = |at: usize, end: usize| {
        text.token_at(sentence, at).is_some_and(|t| {
            matches!(t.tag, "v" | "vn") && end.saturating_sub(t.span.char_end) >= 3
        })
    };
    (span.char_start + 2..span.char_end.saturating_sub(3)).find(|&p| {
        text.chars[p] == '和'
            && text.at_boundary(sentence, p)
            && verb_then_name(span.char_start, p)
            && verb_then_name(p + 1, span.char_end)
    })
}

/// The field a headline puts its work in (努力在推进X中闯出新路子 → X): after
/// adverbs, 在, a verb and the field, then 中 or 上 and what is to be achieved there.
fn framed_field(cx: &Context, sentence: &SentenceView, clause: Span) -> Option<Span> {
    let text = cx.text;
    let at = skip_adverbs(text, cx.lexicon, clause.char_start, clause.char_end);
    if text.chars.get(at) != Some(&'在') {
        return None;
    }
    let place = (at + 1..clause.char_end).rev().find(|&p| {
        matches!(text.chars[p], '中' | '上')
            && text
                .token_at(sentence, p)
                .is_some_and(|t| t.span.len() == 1)
    })?;
    // 在加快建设X上: the verbs before the field go.
    let start = strip_lead(text, cx.lexicon, sentence, at + 1, place, Some(2));
    let verb = text
        .token_at(sentence, at + 1)
        .is_some_and(|t| t.tag == "v");
    if start == at + 1 || !verb {
        return None;
    }
    let field = Span::new(start, place);
    (field.len() >= 3 && ends_in_noun(sentence, field) && place + 1 < clause.char_end)
        .then_some(field)
}

/// Whether the word that ends `span` is a noun: a name, not a clause (…而奋斗).
fn ends_in_noun(sentence: &SentenceView, span: Span) -> bool {
    sentence
        .tokens
        .iter()
        .find(|t| t.span.char_end == span.char_end)
        .is_some_and(|t| is_nominal(t.tag))
}

/// Degrees and verbs of a statement that something improves (X明显提升).
const IMPROVES_BY: [&str; 7] = ["明显", "显著", "大幅", "稳步", "持续", "不断", "进一步"];
const IMPROVES: [&str; 6] = ["提升", "提高", "增强", "改善", "优化", "完善"];

/// Where the improvement `clause` states begins (in characters): 高质量发展水平明显
/// 提升 → 7; none when the clause does not end so.
fn improvement_start(clause: &str) -> Option<usize> {
    let verb = IMPROVES.iter().find(|v| clause.ends_with(**v))?;
    let rest = &clause[..clause.len() - verb.len()];
    let degree = IMPROVES_BY.iter().find(|d| rest.ends_with(**d))?;
    let subject = &rest[..rest.len() - degree.len()];
    (subject.chars().count() >= 2).then(|| subject.chars().count())
}

/// Predicates that report a goal reached: 推动X实现新突破 names the goal X.
const RESULTS: [&str; 4] = ["实现", "取得", "迈上", "再上"];

/// Where the result predicate ending `span` begins (实现新突破, 取得决定性进展), if
/// one does.
fn result_start(text: &crate::extract::text::Text, span: Span) -> Option<usize> {
    let phrase = text.str(span);
    let (i, _) = RESULTS
        .iter()
        .filter_map(|r| phrase.rfind(r).map(|i| (i, r)))
        .max_by_key(|(i, _)| *i)?;
    let tail = &phrase[i..];
    (tail.chars().count() <= MAX_RESULT_CHARS
        && ["突破", "进展", "成效", "台阶"]
            .iter()
            .any(|w| tail.contains(w)))
    .then(|| span.char_start + phrase[..i].chars().count())
}

/// Longest result predicate (取得新的重大进展).
const MAX_RESULT_CHARS: usize = 8;

/// The end of a goal phrase without a result predicate after it, and without a
/// trailing 建设 (文化强省建设实现新突破 → 文化强省).
fn trim_result(text: &crate::extract::text::Text, span: Span) -> usize {
    let mut end = result_start(text, span).unwrap_or(span.char_end);
    let head = text.str(Span::new(span.char_start, end));
    if head.ends_with("建设") && head.chars().count() > 4 {
        end -= 2;
    }
    end
}

/// `A和B` where both A and B name goals is two goals
/// (国家新型工业化示范区和新兴产业发展示范基地); otherwise one item.
fn split_conjunction(
    cx: &Context,
    sentence: &SentenceView,
    out: &Findings,
    item: Span,
) -> Vec<Span> {
    let text = cx.text;
    let split = (item.char_start + 2..item.char_end.saturating_sub(2)).find(|&p| {
        matches!(text.chars[p], '和' | '与' | '及')
            && text.at_boundary(sentence, p)
            && goal_end(cx, sentence, out, Span::new(item.char_start, p)) == Some(p)
            && goal_end(cx, sentence, out, Span::new(p + 1, item.char_end)).is_some()
    });
    match split {
        Some(p) => vec![
            Span::new(item.char_start, p),
            Span::new(p + 1, item.char_end),
        ],
        None => vec![item],
    }
}

/// Whether no word inside `span` is a verb or a preposition in jieba's reading:
/// 乡村建设摆在社会主义现代化 is a clause, 湘赣边区域合作示范区 a name.
fn is_noun_phrase(sentence: &SentenceView, span: Span) -> bool {
    !sentence
        .tokens
        .iter()
        .filter(|t| span.contains(t.span))
        .any(|t| matches!(t.tag, "v" | "p" | "vd"))
}

#[cfg(test)]
mod tests {
    use crate::extract::ConceptKind::{self, Goal};
    use crate::extract::Predicate;
    use crate::extract::testing::{check, extract, labels, related};

    const TITLE: &str = "中共湘潭市委全会公报\n";

    #[test]
    fn a_modern_industrial_system_is_a_goal() {
        let e = extract(&format!(
            "{TITLE}全会提出，要加快建设现代化产业体系，推动发展。"
        ));
        assert!(labels(&e, Goal).contains(&"现代化产业体系"));
    }

    #[test]
    fn dashed_headlines_under_announced_goals_are_goals() {
        let text = "某省政府工作报告\n“十五五”时期要努力实现以下主要目标。\n\n——科技创新水平大幅提高。创新体系整体效能显著提升。\n\n——生态文明建设取得新的重大进展。绿色低碳转型成效明显。\n\n必须遵循以下原则。\n\n——坚持党的全面领导。坚持和完善体制机制。";
        let e = extract(text);
        let goals = labels(&e, Goal);
        assert!(goals.contains(&"科技创新水平大幅提高"), "{goals:?}");
        assert!(goals.contains(&"生态文明建设取得新的重大进展"), "{goals:?}");
        assert!(!goals.contains(&"坚持党的全面领导"), "{goals:?}");
    }

    #[test]
    fn a_dashed_topic_names_its_paragraphs_goal_and_its_tasks_serve_it() {
        let e = extract(
            "某国政府工作报告\n主要目标任务是：\n——全面深化改革开放，持续增强发展动力和活力。构建高水平社会主义市场经济体制，激发各类市场主体活力。",
        );
        assert!(labels(&e, Goal).contains(&"发展动力和活力"));
        assert!(related(
            &e,
            "激发各类市场主体活力",
            Predicate::Supports,
            "发展动力和活力"
        ));
    }

    #[test]
    fn two_verb_phrases_in_a_headline_name_two_goals() {
        let e = extract(
            "某国政府工作报告\n--我们要加快转变经济发展方式和调整经济结构。坚持走新型工业化道路。",
        );
        let goals = labels(&e, Goal);
        assert!(goals.contains(&"经济发展方式"), "{goals:?}");
        assert!(goals.contains(&"经济结构"), "{goals:?}");
        assert!(related(
            &e,
            "坚持走新型工业化道路",
            Predicate::Supports,
            "经济结构"
        ));
    }

    #[test]
    fn a_dashed_headline_with_a_subject_names_the_goal() {
        let e =
            extract("某国政府工作报告\n--我们要大力发展社会事业。坚持优先发展教育，加强人才培养。");
        assert!(labels(&e, Goal).contains(&"社会事业"));
        assert!(related(&e, "加强人才培养", Predicate::Supports, "社会事业"));
    }

    #[test]
    fn two_verbs_in_a_row_both_lead_into_the_goal() {
        let e = extract(
            "某省政府工作报告\n（三）加快产业体系建设\n巩固提升优势产业和传统产业。完善支持制造业发展政策措施。\n28.实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接。建立帮扶机制。",
        );
        let goals = labels(&e, Goal);
        assert!(goals.contains(&"优势产业和传统产业"), "{goals:?}");
        // After 实现 comes a state, verbs and all.
        assert!(
            goals.contains(&"巩固拓展脱贫攻坚成果同乡村振兴有效衔接"),
            "{goals:?}"
        );
        let e = extract(
            "某省政府工作报告\n（三）壮大新产业\n培育壮大新兴产业和未来产业。实施产业创新工程。",
        );
        assert!(labels(&e, Goal).contains(&"新兴产业和未来产业"));
        // So do three verbs of one family.
        let e =
            extract("某省政府工作报告\n（三）壮大产业\n做强做优做大资源型产业。实施产业创新工程。");
        assert!(labels(&e, Goal).contains(&"资源型产业"));
    }

    #[test]
    fn a_numbered_topic_stating_an_improvement_names_what_improves() {
        let e = extract(
            "某省政府工作报告\n一是高质量发展水平明显提升。持续盘活存量，培育增量。\n二是科技创新能力显著增强。推进科技创新。",
        );
        let goals = labels(&e, Goal);
        assert!(goals.contains(&"高质量发展水平"), "{goals:?}");
        assert!(goals.contains(&"科技创新能力"), "{goals:?}");
        assert!(related(
            &e,
            "培育增量",
            Predicate::Supports,
            "高质量发展水平"
        ));
    }

    #[test]
    fn a_numbered_topic_stating_a_result_names_the_goal_its_paragraph_serves() {
        let e = extract(
            "某省政府工作报告\n二、“十五五”时期主要目标任务\n（一）现代化产业体系建设取得决定性进展。\n发展产业才能强省富民，要持之以恒大抓产业，全力打造“三基地一目的地”。大力发展现代服务业。",
        );
        assert!(labels(&e, Goal).contains(&"现代化产业体系"));
        // The paragraph's own lead is no topic: its tasks serve the goal above.
        assert!(related(
            &e,
            "大力发展现代服务业",
            Predicate::Supports,
            "现代化产业体系"
        ));
        assert!(related(
            &e,
            "三基地一目的地",
            Predicate::Supports,
            "现代化产业体系"
        ));
        // A task marker opens no task's label.
        assert!(labels(&e, ConceptKind::Task).contains(&"持之以恒大抓产业"));
        assert!(!labels(&e, ConceptKind::Task).contains(&"要持之以恒大抓产业"));
    }

    #[test]
    fn a_numbered_topic_framing_a_field_names_it() {
        let e = extract(
            "某省政府工作报告\n（三）努力在推进全面绿色转型中实现新突破。精准科学依法治污，持续推进生态修复。\n（四）努力在加快建设新型能源体系上展现新作为。推进风电开发。",
        );
        assert!(labels(&e, Goal).contains(&"全面绿色转型"));
        assert!(labels(&e, Goal).contains(&"新型能源体系"));
        assert!(related(
            &e,
            "持续推进生态修复",
            Predicate::Supports,
            "全面绿色转型"
        ));
    }

    #[test]
    fn the_clause_that_anchors_a_headline_names_its_goal() {
        let e = extract(
            "某省政府工作报告\n（一）始终锚定机制活，持续深化改革开放，激发奋勇争先的动力活力。着力打破体制机制障碍。",
        );
        assert!(labels(&e, Goal).contains(&"机制活"));
        assert!(related(
            &e,
            "着力打破体制机制障碍",
            Predicate::Supports,
            "机制活"
        ));
    }

    #[test]
    fn the_clause_repeating_an_abbreviations_word_names_its_member() {
        let e = extract(
            "某省政府工作报告\n未来五年，我们要落实“两个奋力推进”重点任务。\n一是奋力推进产业振兴，巩固实体经济根基，建设现代化产业体系。培育新兴产业。\n二是奋力推进科教振兴，服务科技自立自强。增强创新能力。",
        );
        assert!(related(&e, "两个奋力推进", Predicate::HasPart, "产业振兴"));
        assert!(related(&e, "两个奋力推进", Predicate::HasPart, "科教振兴"));
        assert!(related(&e, "培育新兴产业", Predicate::Supports, "产业振兴"));
    }

    #[test]
    fn a_target_named_by_a_slogan_is_a_goal() {
        check(
            &format!(
                "{TITLE}全会提出，实现全面建成小康社会目标，实现上述目标，实现第一个百年奋斗目标。"
            ),
            Goal,
            &["全面建成小康社会"],
        );
    }

    #[test]
    fn a_closing_clause_of_purpose_names_no_goal() {
        let e = extract(
            "某国政府工作报告\n主要目标任务是：\n——强化创新引领作用，为发展注入强大动力。加快建设创新型国家。",
        );
        assert_eq!(labels(&e, Goal), ["创新引领作用"]);
        let e = extract(
            "某国政府工作报告\n主要目标任务是：\n——持续增进民生福祉，使全体人民共享发展成果。健全社会保障体系。",
        );
        assert_eq!(labels(&e, Goal), ["民生福祉"]);
    }

    #[test]
    fn the_title_of_a_part_is_no_goal() {
        let e = extract(
            "某市国民经济和社会发展第十四个五年规划纲要\n第一篇 发展基础篇\n第二篇 加快建设创新高地\n",
        );
        assert_eq!(labels(&e, Goal), ["创新高地"]);
    }

    #[test]
    fn objects_of_goal_verbs_with_goal_heads() {
        check(
            &format!(
                "{TITLE}全会提出，基本建成科技强市、文化强市，加快建设更具活力的湘潭·智造谷。"
            ),
            Goal,
            &["文化强市", "智造谷", "科技强市"],
        );
        // Items before 等 are kinds of what follows it, which is the goal built
        // when it is more than a head.
        check(
            "某省政府工作报告\n（一）扩大投资。提速交通物流、能源、数字信息等大通道建设。加快交通物流、能源等省际大通道建设。",
            Goal,
            &["省际大通道"],
        );
    }

    #[test]
    fn region_goals_keep_one_word_before_the_region() {
        check(
            &format!("{TITLE}要建设更高水平平安湘潭，推进健康湘潭建设。"),
            Goal,
            &["健康湘潭", "平安湘潭"],
        );
    }

    #[test]
    fn a_paragraph_lead_sets_the_goal_its_tasks_serve() {
        let e = extract(&format!(
            "{TITLE}全会提出，促进区域协调发展，着力提升湘潭整体发展能级。要推进城乡融合，优化空间布局。"
        ));
        assert!(
            related(&e, "推进城乡融合", Predicate::Supports, "湘潭整体发展能级"),
            "{:?}",
            e.relations
        );
    }

    #[test]
    fn goals_set_above_are_served() {
        let e = extract(&format!(
            "{TITLE}全会提出，加快建设现代化智造新城。在湖南打造国家重要先进制造业高地中走在前列。"
        ));
        assert!(
            related(
                &e,
                "现代化智造新城",
                Predicate::Supports,
                "国家重要先进制造业高地"
            ),
            "{:?}",
            e.relations
        );
    }

    #[test]
    fn a_verb_inside_a_name_sets_no_goal() {
        check(
            &format!("{TITLE}要把乡村建设摆在社会主义现代化建设的重要位置，推动发展。"),
            Goal,
            &[],
        );
    }

    #[test]
    fn results_after_a_topic_are_trimmed() {
        check(
            "某省政府工作报告\n一是持续用力打造创新高地，推动文化强省建设实现新突破。",
            Goal,
            &["创新高地", "文化强省"],
        );
    }
}
