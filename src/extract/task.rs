//! Tasks: a sentence of the plan that opens with a task marker (要…，…，…。)
//! lists one task per clause.

use crate::extract::phrase::{clauses, unquote};
use crate::extract::{ConceptKind, Context, Findings, Role};
use crate::span::Span;

/// Shortest clause that can state a task.
const MIN_TASK_CHARS: usize = 4;

pub(crate) fn find(cx: &Context, out: &mut Findings) {
    let text = cx.text;
    for sentence in &text.sentences {
        let Some(marker) = cx
            .lexicon
            .task_markers
            .iter()
            .find(|m| text.starts_with_at(sentence.span.char_start, sentence.span.char_end, m))
        else {
            continue;
        };
        for (i, clause) in clauses(text, sentence).into_iter().enumerate() {
            let mut start = clause.char_start;
            if i == 0 {
                start += marker.chars().count();
            }
            // The sentence's final punctuation is not part of the task.
            let mut end = clause.char_end;
            while end > start && matches!(text.chars[end - 1], '。' | '！' | '？' | '…') {
                end -= 1;
            }
            let span = Span::new(start, end);
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
    }
}
