//! Tasks, one per clause, in the two ways plans state them:
//!
//! - a sentence that opens with a task marker (要…，…，…。) lists one task per
//!   clause. A communiqué marks its tasks this way, and then only these count;
//! - otherwise (work reports, proposals, outlines) the tasks are the clauses that
//!   open with a verb in the work paragraphs: paragraphs that open with a topic
//!   sentence (numbered, 一是…, （二）…, or one short verb clause, 推动强链壮群。).
//!   The topic sentence itself names the paragraph's goal, not a task; clauses that
//!   state a result or an indicator (确保…, 力争…, …%) or a frame (在…中, 让…) are
//!   not tasks.
//!
//! Nothing in a review of the past is a task.

use crate::extract::phrase::{clauses, skip_numbering, unquote, word_at};
use crate::extract::text::{SentenceView, Text};
use crate::extract::{ConceptKind, Context, Findings, Role};
use crate::span::Span;

/// Shortest clause that can state a task.
const MIN_TASK_CHARS: usize = 4;
/// Longest one-clause sentence that reads as a paragraph's topic.
const MAX_TOPIC_CHARS: usize = 20;
/// A document with this many task-marker sentences marks its tasks.
const MARKED_DOCUMENT: usize = 3;
/// Openings of clauses that state a result, an indicator or a frame, not a task.
const NOT_TASKS: [&str; 12] = [
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
];

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut marked = 0;
    for sentence in text.sentences.iter().filter(|s| !s.review) {
        let Some(marker) = cx
            .lexicon
            .task_markers
            .iter()
            .find(|m| text.starts_with_at(sentence.span.char_start, sentence.span.char_end, m))
        else {
            continue;
        };
        marked += 1;
        for (i, clause) in clauses(text, sentence).into_iter().enumerate() {
            let start = clause.char_start + if i == 0 { marker.chars().count() } else { 0 };
            add_task(text, sentence, out, Span::new(start, clause.char_end));
        }
    }
    let communique = cx.metadata.document_type.as_deref() == Some("公报");
    if !communique && marked < MARKED_DOCUMENT {
        work_paragraphs(cx, out);
    }
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
    if NOT_TASKS.iter().any(|w| clause_text.starts_with(w)) || clause_text.contains('%') {
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
    };
    // 加快X and 统筹X read as verbs; 加快推进X as an adverb and a verb.
    let mut pos = clause.char_start;
    if verb_at(pos) {
        return true;
    }
    while let Some(adverb) = word_at(
        text,
        sentence,
        pos,
        clause.char_end,
        cx.lexicon.adverbs.iter(),
    ) {
        pos += adverb.chars().count();
    }
    verb_at(pos)
}

/// Whether the first sentence of a paragraph is its topic: numbered, or one short
/// clause opening with a verb.
pub(crate) fn is_topic(cx: &Context, sentence: &SentenceView) -> bool {
    let text = cx.text;
    let parts = clauses(text, sentence);
    let numbered = parts
        .first()
        .is_some_and(|c| skip_numbering(text, c.char_start, c.char_end) > c.char_start);
    numbered
        || (parts.len() == 1
            && parts[0].len() <= MAX_TOPIC_CHARS
            && opens_with_verb(cx, sentence, parts[0]))
}

/// Verb clauses of the paragraphs that open with a topic sentence.
fn work_paragraphs(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    let mut i = 0;
    while i < text.sentences.len() {
        let paragraph = text.sentences[i].paragraph;
        let end = i + text.sentences[i..]
            .iter()
            .take_while(|s| s.paragraph == paragraph)
            .count();
        let first = &text.sentences[i];
        if !first.review && is_topic(cx, first) {
            for sentence in &text.sentences[i + 1..end] {
                for clause in clauses(text, sentence) {
                    if opens_with_verb(cx, sentence, clause) {
                        add_task(text, sentence, out, clause);
                    }
                }
            }
        }
        i = end;
    }
}
