//! Phrases: where a named thing starts, what governs it, and its canonical label.
//!
//! Plans name things inside clauses such as `大力实施A、B、C等“七大工程”` or
//! `在湖南打造X中`: a phrase runs back from its head to the nearest clause or
//! enumeration break, and the prepositions, adverbs and the one governing verb
//! at its front (`在`, `大力`, `实施`) are not part of the name.

use crate::extract::lexicon::Lexicon;
use crate::extract::text::{SentenceView, Text, is_clause_break, is_phrase_break, is_quote};
use crate::span::Span;

/// Verbs that carry out a named programme or strategy, which may follow another
/// verb (谋划实施X, 深入贯彻X).
const CARRY_OUT: [&str; 6] = ["实施", "开展", "落实", "贯彻", "打赢", "打好"];

/// Prepositions after which a place may stand before the governing verb (`在湖南打造X`).
const LOCATIVE_FRAMES: [&str; 5] = ["在", "从", "对", "为", "向"];

/// Start of the phrase that ends at `end`: just after the nearest phrase break
/// before it that is not inside quotes, or the sentence start.
pub(crate) fn phrase_start(text: &Text, sentence: &SentenceView, end: usize) -> usize {
    start_after(text, sentence, end, is_phrase_break)
}

/// Start of the clause that holds `end`: just after the nearest clause break
/// (not `、`) before it that is not inside quotes, or the sentence start.
pub(crate) fn clause_start(text: &Text, sentence: &SentenceView, end: usize) -> usize {
    start_after(text, sentence, end, is_clause_break)
}

/// End of the clause that holds `pos`: the next clause break outside quotes, or
/// the sentence end.
pub(crate) fn clause_end(text: &Text, sentence: &SentenceView, pos: usize) -> usize {
    let mut depth = 0i32;
    for i in pos..sentence.span.char_end {
        match text.chars[i] {
            '“' | '‘' | '《' => depth += 1,
            '”' | '’' | '》' => depth -= 1,
            c if depth <= 0 && is_clause_break(c) => return i,
            _ => {}
        }
    }
    sentence.span.char_end
}

/// The clauses of a sentence, breaks excluded.
pub(crate) fn clauses(text: &Text, sentence: &SentenceView) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = sentence.span.char_start;
    while start < sentence.span.char_end {
        let end = clause_end(text, sentence, start);
        if end > start {
            spans.push(Span::new(start, end));
        }
        start = end + 1;
    }
    spans
}

fn start_after(
    text: &Text,
    sentence: &SentenceView,
    end: usize,
    is_break: fn(char) -> bool,
) -> usize {
    let mut in_quote = false;
    let mut i = end;
    while i > sentence.span.char_start {
        let c = text.chars[i - 1];
        match c {
            '”' | '’' | '》' => in_quote = true,
            '“' | '‘' | '《' if in_quote => in_quote = false,
            // The end lies inside quotes: the phrase is what they enclose.
            '“' | '‘' | '《' => return i - 1,
            _ if !in_quote && is_break(c) => return i,
            _ => {}
        }
        i -= 1;
    }
    sentence.span.char_start
}

/// The longest word of `words` at `pos` (before `end`) that is a word there, not
/// the start of a longer one.
pub(crate) fn word_at<'w>(
    text: &Text,
    sentence: &SentenceView,
    pos: usize,
    end: usize,
    words: impl Iterator<Item = &'w &'static str>,
) -> Option<&'static str> {
    words
        .filter(|w| {
            if !text.starts_with_at(pos, end, w) {
                return false;
            }
            let after = pos + w.chars().count();
            // A word ends where jieba ends one, or before punctuation or a
            // postposition (服务 is no word in 服务业). jieba glues single characters
            // to rare names (以长株|潭): a one-character word also counts unless it
            // forms a dictionary word with what follows (以后).
            text.word_ends(sentence, after)
                || (w.chars().count() == 1
                    && !text
                        .chars
                        .get(after)
                        .is_some_and(|&next| text.segmenter.has_word(&format!("{w}{next}"))))
        })
        .max_by_key(|w| w.chars().count())
        .copied()
}

/// Where the last word of `words` between `from` and `to` ends, among those that
/// `accept` (its start, its end): the start of the name a word inside a longer
/// phrase governs (…实施X行动, 坚决打赢X攻坚战).
pub(crate) fn after_last_word<'w, W>(
    text: &Text,
    sentence: &SentenceView,
    from: usize,
    to: usize,
    words: W,
    accept: impl Fn(usize, usize) -> bool,
) -> Option<usize>
where
    W: IntoIterator<Item = &'w &'static str> + Clone,
    W::IntoIter: Iterator<Item = &'w &'static str>,
{
    (from..to).rev().find_map(|p| {
        let word = word_at(text, sentence, p, to, words.clone().into_iter())?;
        let after = p + word.chars().count();
        accept(p, after).then_some(after)
    })
}

/// Skips what governs a phrase at its front: numbering (47., （一）, 一是), a
/// pronoun subject (我们将…), prepositions and connectives, adverbs, a governing
/// verb or a chain of them (做强做优做大), a complement of result (建设好) and a
/// quantity (一批). Where the lexicon knows no verb there and `grammar_min_rest` is
/// given, up to three words that jieba tags as verbs or adverbs go too (打好X,
/// 确保如期打赢X), as long as that many characters remain. Returns the new start.
pub(crate) fn strip_lead(
    text: &Text,
    lexicon: &Lexicon,
    sentence: &SentenceView,
    start: usize,
    end: usize,
    grammar_min_rest: Option<usize>,
) -> usize {
    let unnumbered = skip_numbering(text, start, end);
    let mut pos = unnumbered;
    // 我们将聚力实施X: a pronoun subject before a modal (将, 要) says nothing.
    if let Some(pronoun) = text.token_at(sentence, pos).filter(|t| t.tag == "r")
        && word_at(text, sentence, pronoun.span.char_end, end, MODALS.iter()).is_some()
    {
        pos = pronoun.span.char_end;
    }
    let mut locative = false;
    while let Some(frame) = word_at(text, sentence, pos, end, lexicon.frames.iter()) {
        // 以X为Y is a construction of its own (以人民为中心), not a frame.
        if frame == "以" && text.chars[pos..end].contains(&'为') {
            break;
        }
        locative |= LOCATIVE_FRAMES.contains(&frame);
        pos += frame.chars().count();
    }
    if locative {
        // 在湖南打造X: the name begins after the verb that follows the place.
        let verbs = || lexicon.goal_verbs.iter().chain(&lexicon.strategy_verbs);
        for i in pos..end.min(pos + 8) {
            if text.at_boundary(sentence, i)
                && let Some(verb) = word_at(text, sentence, i, end, verbs())
            {
                pos = i + verb.chars().count();
                break;
            }
        }
    }
    pos = skip_all(text, pos, end, &lexicon.adverbs);
    let verb_end = word_at(text, sentence, pos, end, lexicon.verbs.iter())
        .map(|verb| pos + verb.chars().count())
        .or_else(|| set_phrase_verb(text, lexicon, sentence, pos));
    if let Some(after) = verb_end {
        let first_verb = text.str(Span::new(pos, after));
        // A verb that is the whole phrase governs nothing.
        if after < end {
            pos = after;
        }
        // 谋划实施X, 确保如期打赢X: a second verb (perhaps after adverbs) only
        // when it is one that governs names; right after a verb that does not
        // carry out programmes, any verb of the genre (巩固提升X, 培育壮大X),
        // while 实施提振消费行动 names the programme after 实施 and 实现巩固拓展…
        // the state after 实现.
        // 做强做优做大X: so on along a chain of verbs (jieba tags the genre's own
        // words nz, so a verb of the genre varied by its complement counts), while
        // a name is left after them.
        let mut verb = first_verb;
        for chained in 0..MAX_CHAINED_VERBS {
            let carries_out = CARRY_OUT.contains(&verb.as_str()) || verb == "实现";
            let second = skip_all(text, pos, end, &lexicon.adverbs);
            let token = text.token_at(sentence, pos);
            let tagged_verb = token.is_some_and(|t| matches!(t.tag, "v" | "a"));
            // 做强做优做大: verbs of one family, one verb varied by its complement.
            let varied = token.is_some_and(|t| {
                let word = text.str(t.span);
                lexicon.verbs.contains(word.as_str()) && word.chars().next() == verb.chars().next()
            });
            let compound = second == pos && !carries_out && (tagged_verb || varied);
            let second_verb = if compound {
                word_at(text, sentence, second, end, lexicon.verbs.iter())
            } else {
                word_at(
                    text,
                    sentence,
                    second,
                    end,
                    lexicon.goal_verbs.iter().chain(&CARRY_OUT),
                )
            };
            let Some(next) = second_verb else { break };
            let after = second + next.chars().count();
            let guarded = chained > 0 || varied;
            if after >= end || (guarded && end - after < MIN_NAME_CHARS) {
                break;
            }
            pos = after;
            verb = next.to_owned();
        }
        // After the verb comes the name, even one that opens like an adverb
        // (实施基本公共服务提质工程).
        pos = skip_complement(text, sentence, pos, end);
        return skip_quantity(text, sentence, pos, end);
    } else if let (true, Some(min_rest)) = (pos == unnumbered, grammar_min_rest) {
        let before = pos;
        for _ in 0..3 {
            match text.token_at(sentence, pos) {
                Some(t)
                    if matches!(t.tag, "v" | "vd" | "d" | "ad")
                        && end.saturating_sub(t.span.char_end) >= min_rest =>
                {
                    pos = t.span.char_end
                }
                _ => break,
            }
        }
        if pos > before {
            pos = skip_complement(text, sentence, pos, end);
        }
    }
    pos = skip_all(text, pos, end, &lexicon.adverbs);
    skip_quantity(text, sentence, pos, end)
}

/// Skips a count of things at `from` (4个, 6处, 十二项), before `end`.
pub(crate) fn skip_count(text: &Text, from: usize, end: usize) -> usize {
    (from..end)
        .find(|&p| {
            let c = text.chars[p];
            !(c.is_ascii_digit()
                || crate::extract::numerals::is_numeral(c)
                || "个处项批座条家".contains(c))
        })
        .unwrap_or(end)
}

/// Skips a complement of result right after a verb (建设好X, 组织好X): it is no
/// part of the name.
fn skip_complement(text: &Text, sentence: &SentenceView, pos: usize, end: usize) -> usize {
    let complement = text
        .token_at(sentence, pos)
        .is_some_and(|t| t.span.len() == 1 && text.chars[pos] == '好' && t.span.char_end < end);
    if complement { pos + 1 } else { pos }
}

/// Modal verbs by which a plan commits its subject (我们将…, 我们要…).
const MODALS: [&str; 3] = ["将", "要", "必须"];

/// Most verbs after the first that a phrase's lead may chain (做强做优做大X).
const MAX_CHAINED_VERBS: usize = 2;
/// Fewest characters a chain of verbs leaves for the name after it.
const MIN_NAME_CHARS: usize = 3;

/// The end of the set phrase at `pos` that opens with a verb of the genre: jieba
/// keeps some whole (深化改革/j, 发展壮大/l), and it then reads as that verb.
pub(crate) fn set_phrase_verb(
    text: &Text,
    lexicon: &Lexicon,
    sentence: &SentenceView,
    pos: usize,
) -> Option<usize> {
    let token = text.token_at(sentence, pos)?;
    let opens_with_verb = matches!(token.tag, "j" | "l" | "i")
        && lexicon
            .verbs
            .iter()
            .any(|v| text.starts_with_at(pos, token.span.char_end, v));
    opens_with_verb.then_some(token.span.char_end)
}

/// Skips a quantity at `pos`: 一批, 一系列, 新一轮.
fn skip_quantity(text: &Text, sentence: &SentenceView, pos: usize, end: usize) -> usize {
    let after_new = if text.chars.get(pos) == Some(&'新') {
        pos + 1
    } else {
        pos
    };
    match text.token_at(sentence, after_new) {
        Some(token) if matches!(token.tag, "m" | "mq") && token.span.char_end < end => {
            // 389个省重点项目: the measure word goes with the number.
            let after = token.span.char_end;
            match text.chars.get(after) {
                Some('个' | '项' | '批' | '条' | '家') if after + 1 < end => after + 1,
                _ => after,
            }
        }
        _ => pos,
    }
}

/// How a paragraph is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// A part of the text's structure: （一）, 一、, 1., 第一章. What follows it, up
    /// to the next such number, belongs to it.
    Structural,
    /// An item of a list the text announces: 一是, 第一，.
    Ordinal,
    /// An item of a list set out with dashes, unnumbered: ——坚持创新驱动发展，….
    Dash,
}

/// The numbering at `start` (`47.`, `（一）`, `一、`, `一是`, `第一，`, `——`): its
/// kind and where the text after it begins.
pub(crate) fn numbering(text: &Text, start: usize, end: usize) -> Option<(Numbering, usize)> {
    let chars = &text.chars[start..end];
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || crate::extract::numerals::is_numeral(**c))
            .count()
    };
    let (kind, len) = match chars.first()? {
        '—' if chars.get(1) == Some(&'—') => (Numbering::Dash, 2),
        '（' | '(' => {
            let n = digits(1);
            (n > 0 && matches!(chars.get(1 + n), Some('）' | ')')))
                .then_some((Numbering::Structural, n + 2))?
        }
        '第' => {
            let n = digits(1);
            match chars.get(1 + n) {
                _ if n == 0 => return None,
                Some('，' | '、') => (Numbering::Ordinal, n + 2),
                Some('章' | '篇' | '节' | '条') => (Numbering::Structural, n + 2),
                _ => return None,
            }
        }
        _ => {
            let n = digits(0);
            match chars.get(n) {
                _ if n == 0 => return None,
                Some('.' | '．' | '、') => (Numbering::Structural, n + 1),
                Some('是') if chars[..n].iter().all(|c| !c.is_ascii_digit()) => {
                    (Numbering::Ordinal, n + 1)
                }
                _ => return None,
            }
        }
    };
    (start + len < end).then_some((kind, start + len))
}

/// Skips a paragraph's numbering at `start`, if any.
pub(crate) fn skip_numbering(text: &Text, start: usize, end: usize) -> usize {
    numbering(text, start, end).map_or(start, |(_, after)| after)
}

fn skip_all(
    text: &Text,
    mut pos: usize,
    end: usize,
    words: &std::collections::HashSet<&'static str>,
) -> usize {
    // Adverbs are matched by characters alone: jieba often glues one to its verb
    // (全面完成, 持续保持).
    while let Some(word) = words
        .iter()
        .filter(|w| text.starts_with_at(pos, end, w))
        .max_by_key(|w| w.chars().count())
    {
        let mut after = pos + word.chars().count();
        // 高标准、高质量建设X: adverbs in a list.
        if text.chars.get(after) == Some(&'、')
            && words.iter().any(|w| text.starts_with_at(after + 1, end, w))
        {
            after += 1;
        }
        if after >= end {
            break;
        }
        pos = after;
    }
    pos
}

/// Skips adverbs at `pos` (see [`strip_lead`]); the position after them.
pub(crate) fn skip_adverbs(text: &Text, lexicon: &Lexicon, pos: usize, end: usize) -> usize {
    skip_all(text, pos, end, &lexicon.adverbs)
}

/// The items of the enumeration that runs from the start of the clause to `end`
/// (大力实施A、B、C → A, B, C): the first without the clause's lead (see
/// [`strip_lead`], with `grammar_min_rest`).
pub(crate) fn clause_items(
    text: &Text,
    lexicon: &Lexicon,
    sentence: &SentenceView,
    end: usize,
    grammar_min_rest: Option<usize>,
) -> Vec<Span> {
    let start = clause_start(text, sentence, end);
    let mut items = split_enumeration(text, Span::new(start, end));
    if let Some(first) = items.first_mut() {
        first.char_start = strip_lead(
            text,
            lexicon,
            sentence,
            first.char_start,
            first.char_end,
            grammar_min_rest,
        );
    }
    items
}

/// Splits `span` at enumeration commas `、` that are not inside quotes or brackets.
pub(crate) fn split_enumeration(text: &Text, span: Span) -> Vec<Span> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut start = span.char_start;
    for i in span.char_start..span.char_end {
        match text.chars[i] {
            '“' | '‘' | '《' | '（' | '(' => depth += 1,
            '”' | '’' | '》' | '）' | ')' => depth -= 1,
            '、' if depth <= 0 => {
                items.push(Span::new(start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(Span::new(start, span.char_end));
    items.retain(|s| !s.is_empty());
    items
}

/// A label without quotes and surrounding white space.
pub(crate) fn unquote(form: &str) -> String {
    form.chars()
        .filter(|&c| !is_quote(c) && !c.is_whitespace())
        .collect()
}

/// The canonical label of a goal or place named with modifiers: the head after
/// the last `的` (更具实力的X → X), after a `·` (株洲·X → X), or after a leading
/// quoted qualifier (“一带一部”X → X), when enough of a name is left.
pub(crate) fn head_label(form: &str) -> String {
    let mut label: &str = form.trim();
    if let Some(i) = label.rfind('的') {
        let rest = &label[i + '的'.len_utf8()..];
        if rest.chars().count() >= 3 {
            label = rest;
        }
    }
    if let Some(i) = label.rfind('·') {
        let rest = &label[i + '·'.len_utf8()..];
        if rest.chars().count() >= 3 {
            label = rest;
        }
    }
    if label.starts_with('“')
        && let Some(i) = label.find('”')
    {
        let rest = &label[i + '”'.len_utf8()..];
        if rest.chars().count() >= 4 {
            label = rest;
        }
    }
    unquote(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_head(form: &str, expected: &str) {
        assert_eq!(head_label(form), expected, "{form}");
    }

    #[test]
    fn head_labels_drop_modifiers() {
        check_head("更具实力的株洲·中国动力谷", "中国动力谷");
        check_head("具有核心竞争力的科技创新高地", "科技创新高地");
        check_head("“一带一部”改革开放先行区", "改革开放先行区");
        check_head("经济强市", "经济强市");
        check_head("独具魅力的市", "独具魅力的市");
        check_head("“三个高地”", "三个高地");
    }

    #[test]
    fn unquote_removes_quotes_only() {
        assert_eq!(unquote("“三高四新”战略"), "三高四新战略");
        assert_eq!(unquote("《纲要》"), "纲要");
    }
}
