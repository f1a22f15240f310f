//! Tasks, one per clause, in the two ways plans state them:
//!
//! - a sentence that opens with a task marker (要…，…，…。, also after a frame:
//!   全会强调，要…) lists one task per clause, as do the clauses from 一要… on; A communiqué marks its tasks this way (as does a document of unknown
//!   kind with several such sentences), and then only these count;
//! - otherwise (work reports, proposals, outlines) the tasks are the clauses that
//!   open with a verb in the work paragraphs: paragraphs that open with a topic
//!   sentence (numbered, 一是…, （二）…, or one short verb clause, 推动强链壮群。).
//!   The topic sentence itself names the paragraph's goal, not a task; clauses that
//!   state a result or an indicator (确保…, 力争…, …%) or a frame (在…中, 让…) are
//!   not tasks.
//!
//! Nothing in a review of the past is a task.

use crate::extract::phrase::{
    Numbering, clauses, numbering, set_phrase_verb, skip_adverbs, unquote, word_at,
};
use crate::extract::text::{SentenceView, Text};
use crate::extract::{ConceptKind, Context, Findings, Role};
use crate::intake::ParagraphRole;
use crate::span::Span;

/// Shortest clause that can state a task.
const MIN_TASK_CHARS: usize = 4;
/// Longest one-clause sentence that reads as a paragraph's topic.
const MAX_TOPIC_CHARS: usize = 20;
/// A document with this many task-marker sentences marks its tasks.
const MARKED_DOCUMENT: usize = 3;
/// Longest clause read as a frame before 要: what the meeting said (全会强调，要…)
/// or what the tasks are for (做好今年政府工作，要…).
const MAX_FRAME_CHARS: usize = 10;
/// Words that put a task's object before its verb (把乡镇建成区域中心).
const DISPOSAL: [&str; 2] = ["把", "将"];

/// Nouns that take a whole statement as their content (…是用来住的定位).
const EMBEDDING_NOUNS: [&str; 5] = ["理念", "定位", "原则", "方针", "思想"];

/// Openings of clauses that state a result, an indicator or a frame, not a task
/// (这是…: a statement about what came before).
const NOT_TASKS: [&str; 13] = [
    "确保",
    "力争",
    "争取",
    "努力实现",
    "让",
    "使",
    "在",
    "是",
    "为",
    "对照",
    "提出",
    "成为",
    "这",
];

/// Verbs of saying that end a clause framing what is said (《纲要（草案）》提出，要…).
const SAYS: [&str; 4] = ["提出", "强调", "指出", "认为"];

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut marked = 0;
    for sentence in text.sentences.iter().filter(|s| !s.review) {
        let parts = clauses(text, sentence);
        // The clause from which the sentence lists tasks: 要… opening it, or after
        // a frame (全会强调，要…), or 一要…、二要… anywhere in it.
        let first_task = parts.iter().enumerate().find_map(|(i, clause)| {
            let marker = task_marker(cx, *clause)?;
            // 全会强调，要…; 会议要求，奋进新征程，要…: one or two short frames, or
            // frames that open with a preposition (按照省委经济工作会议部署，…).
            let framed = (1..=2).contains(&i)
                && parts[..i].iter().all(|p| {
                    p.len() <= MAX_FRAME_CHARS
                        || word_at(
                            text,
                            sentence,
                            p.char_start,
                            p.char_end,
                            cx.lexicon.frames.iter(),
                        )
                        .is_some()
                });
            (i == 0 || framed || marker.ordinal).then_some(i)
        });
        // 我们要…: a sentence that opens with its subject and 要.
        let opens_with_subject = parts
            .first()
            .is_some_and(|clause| subject_marker(cx, sentence, *clause).is_some());
        let Some(first) = first_task.or(opens_with_subject.then_some(0)) else {
            continue;
        };
        marked += 1;
        for clause in &parts[first..] {
            let start = task_start(cx, sentence, *clause);
            add_task(text, sentence, out, Span::new(start, clause.char_end));
        }
    }
    // A communiqué states its tasks with 要; so does a document of unknown kind
    // that uses 要 often. Reports, proposals and outlines state them directly.
    let kind = cx.metadata.document_type.as_deref();
    let marks_tasks = kind == Some("公报") || (kind.is_none() && marked >= MARKED_DOCUMENT);
    if !marks_tasks {
        work_paragraphs(cx, out);
    }
}

/// A task marker opening a clause: 要, or 一要, 二要 … (`ordinal`).
struct Marker {
    len: usize,
    ordinal: bool,
}

fn task_marker(cx: &Context, clause: Span) -> Option<Marker> {
    let text = cx.text;
    let start = clause.char_start;
    let numeral = text
        .chars
        .get(start)
        .is_some_and(|&c| crate::extract::numerals::is_numeral(c));
    let at = if numeral { start + 1 } else { start };
    let marker = cx
        .lexicon
        .task_markers
        .iter()
        .find(|m| text.starts_with_at(at, clause.char_end, m))?;
    let len = at - start + marker.chars().count();
    // 要素, 要求 and the like are words, not the marker.
    let next = text.chars.get(start + len).copied();
    if next.is_some_and(|c| text.segmenter.has_word(&format!("{marker}{c}"))) {
        return None;
    }
    Some(Marker {
        len,
        ordinal: numeral,
    })
}

/// Records the clause at `span` as a task, without final punctuation.
fn add_task(text: &Text, sentence: &SentenceView, out: &mut Findings, span: Span) {
    let mut end = span.char_end;
    while end > span.char_start && matches!(text.chars[end - 1], '。' | '！' | '？' | '…') {
        end -= 1;
    }
    let span = Span::new(span.char_start, end);
    let label = unquote(&text.str(span));
    if label.chars().count() >= MIN_TASK_CHARS {
        out.add(
            Some(ConceptKind::Task),
            &label,
            &label,
            span,
            sentence,
            Role::Task,
        );
    }
}

/// Whether a clause opens with a verb, after adverbs: 加快推进X, 优化算力布局.
pub(crate) fn opens_with_verb(cx: &Context, sentence: &SentenceView, clause: Span) -> bool {
    let text = cx.text;
    let clause_text = text.str(clause);
    // 到2020年…: a deadline frames a target; …是…: a statement, not something to do,
    // unless the statement is the object (坚持房子是用来住的…定位, 践行…就是…理念).
    let deadline = clause_text.starts_with('到')
        && clause_text
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit() || crate::extract::numerals::is_numeral(c));
    let copula = sentence.tokens.iter().any(|t| {
        clause.contains(t.span) && t.span.char_start > clause.char_start && text.str(t.span) == "是"
    }) && !EMBEDDING_NOUNS.iter().any(|n| clause_text.ends_with(n));
    if NOT_TASKS.iter().any(|w| clause_text.starts_with(w))
        || SAYS.iter().any(|w| clause_text.ends_with(w))
        || clause_text.contains('%')
        || deadline
        || copula
    {
        return false;
    }
    let verb_at = |pos: usize| {
        word_at(
            text,
            sentence,
            pos,
            clause.char_end,
            cx.lexicon.verbs.iter(),
        )
        .is_some()
            || text
                .token_at(sentence, pos)
                .is_some_and(|t| matches!(t.tag, "v" | "vd") && t.span.char_end < clause.char_end)
            || set_phrase_verb(text, cx.lexicon, sentence, pos).is_some_and(|e| e < clause.char_end)
    };
    // 加快X and 统筹X read as verbs; 加快推进X as an adverb and a verb; 把X建成Y
    // puts its object first.
    let mut pos = clause.char_start;
    if verb_at(pos) || DISPOSAL.iter().any(|w| clause_text.starts_with(w)) {
        return true;
    }
    pos = skip_adverbs(text, cx.lexicon, pos, clause.char_end);
    // 千方百计促进消费: a four-character idiom before the verb says how.
    verb_at(pos)
        || text
            .token_at(sentence, pos)
            .filter(|t| t.tag == "i" && t.span.len() == 4)
            .is_some_and(|idiom| verb_at(idiom.span.char_end))
}

/// Longest subject before 要 in a work paragraph's clause (陕北要…).
const MAX_SUBJECT_CHARS: usize = 4;

/// Where 要 stands when a clause states a task for a subject it names: a place,
/// body or 我们, 要 and a verb (陕北要守牢生态底线, 我们要推动…).
pub(crate) fn subject_marker(cx: &Context, sentence: &SentenceView, clause: Span) -> Option<usize> {
    let text = cx.text;
    let limit = clause
        .char_end
        .min(clause.char_start + MAX_SUBJECT_CHARS + 1);
    let yao = (clause.char_start + 1..limit).find(|&p| text.chars[p] == '要')?;
    let subject_is_nominal = sentence
        .tokens
        .iter()
        .filter(|t| t.span.char_start >= clause.char_start && t.span.char_end <= yao)
        .all(|t| matches!(t.tag, "ns" | "n" | "nt" | "j" | "r"))
        && text.at_boundary(sentence, yao);
    (subject_is_nominal
        && task_marker(cx, Span::new(yao, clause.char_end)).is_some()
        && opens_with_verb(cx, sentence, Span::new(yao + 1, clause.char_end)))
    .then_some(yao)
}

/// Where the task a clause states begins: after 我们要 (a pronoun says nothing),
/// at its subject when it names one (陕北要…), after a task marker opening it
/// (要持之以恒大抓产业), else at the clause.
fn task_start(cx: &Context, sentence: &SentenceView, clause: Span) -> usize {
    match subject_marker(cx, sentence, clause) {
        Some(yao)
            if cx
                .text
                .token_at(sentence, clause.char_start)
                .is_some_and(|t| t.tag == "r") =>
        {
            yao + 1
        }
        Some(_) => clause.char_start,
        None => clause.char_start + task_marker(cx, clause).map_or(0, |m| m.len),
    }
}

/// Whether the first sentence of a paragraph is its topic: numbered, or one short
/// clause opening with a verb.
pub(crate) fn is_topic(cx: &Context, sentence: &SentenceView) -> bool {
    let text = cx.text;
    let parts = clauses(text, sentence);
    let numbered = match numbering(text, sentence.span.char_start, sentence.span.char_end) {
        // A dashed item is a topic when it says what to do, in a headline of two
        // clauses (——坚持创新驱动发展，加快发展现代产业体系。) or with a subject
        // and 要; one clause otherwise states a result, even after a verb
        // (——发展安全保障更加有力。).
        // ——我们要推动经济发展再上新台阶。: a subject and 要 commit in one clause.
        Some((Numbering::Dash, after)) => {
            let headline = Span::new(after, parts[0].char_end);
            (parts.len() >= 2 && opens_with_verb(cx, sentence, headline))
                || subject_marker(cx, sentence, headline).is_some()
        }
        Some(_) => true,
        None => false,
    };
    numbered
        || (parts.len() == 1
            && parts[0].len() <= MAX_TOPIC_CHARS
            && opens_with_verb(cx, sentence, parts[0]))
}

/// Verb clauses of the paragraphs that open with a topic sentence, or that follow
/// a paragraph which is nothing but a topic sentence (加强生态系统保护修复。 on a
/// line of its own, its tasks in the next paragraph).
fn work_paragraphs(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut after_topic = false;
    for group in paragraphs(text) {
        let first = &group[0];
        // A heading rules its section, not the paragraph after it.
        if text.doc.paragraphs[first.paragraph].role == ParagraphRole::Heading {
            after_topic = false;
            continue;
        }
        let topic = !first.review && is_topic(cx, first);
        let content = match (topic, after_topic) {
            (true, _) => &group[1..],
            (false, true) if !first.review => group,
            _ => &[][..],
        };
        after_topic = topic && group.len() == 1;
        for sentence in content {
            // 这是…，体现了…: what follows a statement about what came before is part of it.
            let statement = clauses(text, sentence)
                .iter()
                .position(|c| text.chars[c.char_start] == '这');
            for clause in clauses(text, sentence)
                .into_iter()
                .take(statement.unwrap_or(usize::MAX))
            {
                if opens_with_verb(cx, sentence, clause)
                    || subject_marker(cx, sentence, clause).is_some()
                {
                    let start = task_start(cx, sentence, clause);
                    add_task(text, sentence, out, Span::new(start, clause.char_end));
                }
            }
        }
        // The year's general requirements, one sentence of tasks after a colon
        // (政府工作的总体要求是：…，服务和融入新发展格局，…), wherever it stands.
        if !topic {
            for sentence in group.iter().filter(|s| !s.review) {
                let parts = clauses(text, sentence);
                let Some(frame) = parts.iter().position(|c| states_requirements(text, *c)) else {
                    continue;
                };
                for clause in &parts[frame + 1..] {
                    if opens_with_verb(cx, sentence, *clause) {
                        add_task(text, sentence, out, *clause);
                    }
                }
            }
        }
    }
}

/// Whether a clause frames a list of requirements: …总体要求是： or 总体要求：.
fn states_requirements(text: &Text, clause: Span) -> bool {
    let clause_text = text.str(clause);
    clause.char_end < text.chars.len()
        && matches!(text.chars[clause.char_end], '：' | ':')
        && (clause_text.ends_with("总体要求是") || clause_text.ends_with("总体要求"))
}

/// The plan's sentences, grouped by paragraph.
pub(crate) fn paragraphs<'t>(text: &'t Text) -> impl Iterator<Item = &'t [SentenceView]> {
    text.sentences.chunk_by(|a, b| a.paragraph == b.paragraph)
}

#[cfg(test)]
mod tests {
    use crate::extract::ConceptKind::Task;
    use crate::extract::testing::check;

    #[test]
    fn a_report_lists_its_general_requirements_as_tasks() {
        check(
            "某省政府工作报告\n政府工作的总体要求是：以新思想为指导，服务和融入新发展格局，坚持稳中求进工作总基调，持续防范化解重点领域风险，确保经济增长5%左右。",
            Task,
            &[
                "服务和融入新发展格局",
                "坚持稳中求进工作总基调",
                "持续防范化解重点领域风险",
            ],
        );
    }

    #[test]
    fn a_communique_lists_tasks_after_yao() {
        check(
            "某市委全会公报\n全会提出，着力建设美丽城市。要推动绿色发展，稳步提升环境质量。坚持生态优先，推动共同富裕。",
            Task,
            &["推动绿色发展", "稳步提升环境质量"],
        );
    }

    #[test]
    fn ordinal_markers_and_frames_open_task_lists() {
        check(
            "某县委全会公报\n全会强调，要扛牢粮食安全责任，做强特色产业。全会要求，一要抓项目建设，二要优化营商环境。",
            Task,
            &[
                "扛牢粮食安全责任",
                "做强特色产业",
                "抓项目建设",
                "优化营商环境",
            ],
        );
        // Two short frames; a review sentence later in the paragraph leaves the
        // paragraph's tasks alone.
        check(
            "中共某县委关于制定第十四个五年规划的建议\n会议指出，奋进新征程，要把握形势认清出发点。“十三五”时期，全县产业不断发展壮大。",
            Task,
            &["把握形势认清出发点"],
        );
        // 要素 is a word, not the marker.
        check("某县委全会公报\n要素保障更加有力，发展提速。", Task, &[]);
    }

    #[test]
    fn a_report_lists_verb_clauses_after_a_topic() {
        check(
            "某省政府工作报告\n（一）全力扩大有效投资。抓好省重点项目，确保项目开工率达90%，支持民间资本参与重大项目。投资是关键。",
            Task,
            &["抓好省重点项目", "支持民间资本参与重大项目"],
        );
    }

    #[test]
    fn a_clause_may_name_whose_task_it_is() {
        check(
            "某省政府工作报告\n（五）优化区域布局。陕北要守牢生态底线，陕南要坚定走绿色发展之路。",
            Task,
            &["陕北要守牢生态底线", "陕南要坚定走绿色发展之路"],
        );
    }

    #[test]
    fn an_idiom_may_say_how_before_the_verb() {
        check(
            "某省政府工作报告\n千方百计促进消费。落实城乡居民增收计划，增强居民消费能力。",
            Task,
            &["增强居民消费能力", "落实城乡居民增收计划"],
        );
    }

    #[test]
    fn statements_and_deadlines_are_no_tasks() {
        check(
            "某省政府工作报告\n（一）扩大内需。发展是硬道理，到2030年人均地区生产总值达到10万元以上，坚持房子是用来住的、不是用来炒的定位，扩大有效投资。",
            Task,
            &["坚持房子是用来住的、不是用来炒的定位", "扩大有效投资"],
        );
    }

    #[test]
    fn a_topic_on_its_own_line_rules_the_next_paragraph() {
        check(
            "某省政府工作报告\n加强生态保护。\n实施自然保护地整合优化，提升国家公园建设水平。",
            Task,
            &["实施自然保护地整合优化", "提升国家公园建设水平"],
        );
    }

    #[test]
    fn a_review_of_the_past_holds_no_tasks() {
        check(
            "某省政府工作报告\n一、2025年工作回顾\n（一）扩大有效投资。抓好省重点项目，支持民间资本参与重大项目。\n二、2026年工作安排\n（一）扩大消费。实施提振消费行动。",
            Task,
            &["实施提振消费行动"],
        );
    }

    #[test]
    fn a_statement_about_what_came_before_is_no_task() {
        check(
            "某国政府工作报告\n六是努力建设和谐社会。这是推进发展的重要保障，体现了发展的要求。扩大就业，健全社会保障体系。",
            Task,
            &["健全社会保障体系", "扩大就业"],
        );
    }

    #[test]
    fn tasks_follow_frames_before_yao() {
        check(
            "某市委全会公报\n全会强调，要推动高质量发展。按照省委经济工作会议部署，今年政府工作，要坚持稳中求进，着力扩大内需。按照部署，今年工作，明年工作，要着力扩大内需。",
            Task,
            &["坚持稳中求进", "推动高质量发展", "着力扩大内需"],
        );
    }

    #[test]
    fn the_previous_period_is_reviewed() {
        // A 十四五 plan reviews 十三五: a paragraph that opens on it holds no tasks,
        // nor does a section whose heading names it alone.
        check(
            "中共某省委关于制定某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议\n一、开启新征程\n1.决胜全面建成小康社会取得决定性成就。“十三五”时期是我省发展极不平凡的五年。深入实施创新引领战略，推动发展取得巨大成就。\n2.推进乡村振兴。完善帮扶机制，发展特色产业。",
            Task,
            &["发展特色产业", "完善帮扶机制"],
        );
        check(
            "某市国民经济和社会发展第十四个五年规划纲要\n第一章 “十三五”发展成就\n（一）推进乡村振兴。完善帮扶机制，发展特色产业。",
            Task,
            &[],
        );
    }

    #[test]
    fn a_dashed_headline_of_two_clauses_is_a_topic() {
        check(
            "某国政府工作报告\n主要目标任务是：\n——全面深化改革开放，持续增强发展动力和活力。构建高水平社会主义市场经济体制，激发各类市场主体活力。",
            Task,
            &["构建高水平社会主义市场经济体制", "激发各类市场主体活力"],
        );
        // One clause states a result, whatever word opens it.
        check(
            "某省政府工作报告\n主要目标是：\n——发展安全保障更加有力。维护国家安全体系和能力进一步加强。",
            Task,
            &[],
        );
        // So is one with a subject and 要, whose sentences open without 要; a
        // sentence opening with a subject and 要 lists tasks.
        check(
            "某国政府工作报告\n我们要深化改革开放，保障和改善民生。\n--我们要加快调整经济结构。坚持走新型工业化道路，加快发展服务业。",
            Task,
            &[
                "保障和改善民生",
                "加快发展服务业",
                "坚持走新型工业化道路",
                "深化改革开放",
            ],
        );
        // A dashed item of a review reviews too.
        check(
            "某省政府工作报告\n——这五年，综合实力大幅跃升，实现争先进位新跨越。建成一批重大项目，培育一批领军企业。",
            Task,
            &[],
        );
    }
}
