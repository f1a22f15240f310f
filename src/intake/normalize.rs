//! Normalisation: mapped lines become the paragraphs of [`super::Document::text`].
//!
//! Small steps, each keeping every character's origin in the original text:
//! [`fold_width`] (full-width letters, digits and spaces to ASCII),
//! [`remove_layout_markers`] (`上接A1版`, `（下转第3版）`), [`zero_between_numerals`]
//! (`二O三五年` → `二〇三五年`), [`convert_punctuation`] (`,:;?!()` next to Chinese
//! text become `，：；？！（）`, a line's opening `--` its dash `——`),
//! [`collapse_whitespace`] (runs to one space, none between Chinese characters, none
//! at the ends of a line), and [`assemble`], which
//! classifies the lines, rejoins paragraphs a layout broke mid-sentence and builds
//! the text with one paragraph per line.

use super::markup::{LINE_BREAK, MappedChar, MappedText};
use super::split::{self, Classifier};
use super::{ParagraphRole, Span};

/// The normalised text, the origin of each of its characters, and its paragraphs.
#[derive(Debug)]
pub(crate) struct Normalized {
    pub text: String,
    pub origin: Vec<(u32, u32)>,
    pub paragraphs: Vec<RawParagraph>,
}

/// A paragraph of the normalised text, before sections are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawParagraph {
    pub span: Span,
    pub role: ParagraphRole,
    pub level: u8,
}

/// Runs every step.
pub(crate) fn normalize(mapped: MappedText) -> Normalized {
    let MappedText {
        mut chars,
        headings,
    } = mapped;
    fold_width(&mut chars);
    let mut chars = remove_layout_markers(&chars);
    zero_between_numerals(&mut chars);
    convert_punctuation(&mut chars);
    let chars = collapse_whitespace(&chars);
    assemble(&chars, &headings)
}

/// Whether `c` is a Chinese character (ideograph or `〇`).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ebef}'
        | '\u{30000}'..='\u{3134f}'
        | '〇')
}

/// Whether `c` is Chinese text for the purposes of punctuation and spacing: a Chinese
/// character, CJK or full-width punctuation, Chinese quotes, `…` or `—`.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3001}'..='\u{303f}'
            | '\u{ff01}'..='\u{ff0f}'
            | '\u{ff1a}'..='\u{ff20}'
            | '\u{ff3b}'..='\u{ff40}'
            | '\u{ff5b}'..='\u{ff65}'
            | '‘' | '’' | '“' | '”' | '…' | '—' | '―' | '·' | '・')
}

/// Whether `c` is a Chinese numeral that may stand next to a `〇`.
fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The width-folded form of one character: full-width letters and digits become
/// ASCII, every kind of space (U+3000, no-break, tab, form feed) a plain space.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => {
            char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
        }
        '\u{3000}'
        | '\t'
        | '\u{a0}'
        | '\u{0b}'
        | '\u{0c}'
        | '\u{2000}'..='\u{200b}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{feff}' => ' ',
        _ => c,
    }
}

/// Step: full-width letters, digits and spaces to ASCII (`Ａ`→`A`, `１`→`1`,
/// U+3000→space). Full-width punctuation stays.
pub(crate) fn fold_width(chars: &mut [MappedChar]) {
    for m in chars {
        m.c = fold_char(m.c);
    }
}

/// Emphasis characters left over from markup (`*`, `_`): transparent inside a layout
/// marker and between it and its brackets (`**上接A1版**`).
fn is_emphasis(c: char) -> bool {
    matches!(c, '*' | '_')
}

/// If a layout marker (`上接A1版`, `下转第3版`, `紧接A1版`, `转第二版`) starts at `i`,
/// where it ends.
fn layout_marker_end(chars: &[MappedChar], i: usize) -> Option<usize> {
    // The next character that is not emphasis, from k on, and its index.
    let next = |k: usize| {
        (k..chars.len())
            .find(|&k| !is_emphasis(chars[k].c))
            .map(|k| (k, chars[k].c))
    };
    let (k1, second) = next(i + 1)?;
    let (mut k, mut c) = match (chars[i].c, second) {
        ('上', '接') | ('下', '转') | ('紧', '接') | ('转', '接') | ('接', '上') => {
            next(k1 + 1)?
        }
        ('转' | '接', '第') => (k1, second),
        _ => return None,
    };
    if c == '第' {
        (k, c) = next(k + 1)?;
    } else if k == k1 {
        return None;
    }
    if c.is_ascii_alphabetic() {
        (k, c) = next(k + 1)?;
    }
    let mut digits = 0;
    while digits < 3 && (c.is_ascii_digit() || is_chinese_digit(c) || c == '两') {
        digits += 1;
        (k, c) = next(k + 1)?;
    }
    (digits > 0 && c == '版').then_some(k + 1)
}

fn closing_bracket(open: char) -> Option<char> {
    Some(match open {
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '[' => ']',
        '〔' => '〕',
        _ => return None,
    })
}

/// Step: removes newspaper layout markers with the brackets around them:
/// `上接A1版`, `下转A2版`, `（上接第一版）`, `(下转第3版)`, `紧接A1版`.
pub(crate) fn remove_layout_markers(chars: &[MappedChar]) -> Vec<MappedChar> {
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let Some(end) = layout_marker_end(chars, i) else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        // Brackets around it, spaces and emphasis inside them allowed:
        // `（ 上接A1版 ）`, `（**上接A1版**）`.
        let inside = |c: char| c == ' ' || is_emphasis(c);
        let open = out.iter().rposition(|m| !inside(m.c));
        let close = (end..chars.len()).find(|&k| !inside(chars[k].c));
        i = end;
        if let (Some(open), Some(close)) = (open, close)
            && closing_bracket(out[open].c) == Some(chars[close].c)
        {
            out.truncate(open);
            i = close + 1;
        }
    }
    out
}

/// Step: a Latin `O`/`o` (or `○`) between Chinese numerals becomes `〇`
/// (`二O三五年` → `二〇三五年`, `二O二O年` → `二〇二〇年`).
pub(crate) fn zero_between_numerals(chars: &mut [MappedChar]) {
    for line in chars.split_mut(|m| m.c == LINE_BREAK) {
        let is_o = |c: char| matches!(c, 'O' | 'o' | '○');
        let mut i = 0;
        while i < line.len() {
            if !is_o(line[i].c) {
                i += 1;
                continue;
            }
            // The run of O's (spaces between them allowed) from i to j.
            let mut j = i;
            let mut k = i;
            while k < line.len() && (is_o(line[k].c) || line[k].c == ' ') {
                if is_o(line[k].c) {
                    j = k + 1;
                }
                k += 1;
            }
            let left = line[..i].iter().rev().find(|m| m.c != ' ').map(|m| m.c);
            let right = line[j..].iter().find(|m| m.c != ' ').map(|m| m.c);
            let between = left.is_some_and(is_chinese_digit)
                && right.is_some_and(|c| is_chinese_digit(c) || c == '年');
            if between {
                for m in &mut line[i..j] {
                    if is_o(m.c) {
                        m.c = '〇';
                    }
                }
            }
            i = j;
        }
    }
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

/// Step: ASCII `, : ; ? ! ( )` next to Chinese text become `，：；？！（）`. A pair of
/// brackets turns together, when it holds or touches Chinese text. A comma or colon
/// between digits (`1,000`, `10:30`) and every `.` (`5.53`, `1.决胜`) stay. Two or
/// more hyphens opening a line of Chinese text (`--我们要…`) are its dash, `——`.
pub(crate) fn convert_punctuation(chars: &mut [MappedChar]) {
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for line in chars.split_mut(|m| m.c == LINE_BREAK) {
        let indent = line.iter().take_while(|m| m.c == ' ').count();
        let hyphens = line[indent..].iter().take_while(|m| m.c == '-').count();
        if hyphens >= 2 && line.get(indent + hyphens).is_some_and(|m| is_cjk(m.c)) {
            for m in &mut line[indent..indent + hyphens] {
                m.c = '—';
            }
        }
        if !line
            .iter()
            .any(|m| matches!(m.c, ',' | ':' | ';' | '?' | '!' | '(' | ')'))
        {
            continue;
        }
        let prev = |line: &[MappedChar], i: usize| {
            line[..i].iter().rev().find(|m| m.c != ' ').map(|m| m.c)
        };
        let next =
            |line: &[MappedChar], i: usize| line[i + 1..].iter().find(|m| m.c != ' ').map(|m| m.c);
        let touches = |line: &[MappedChar], i: usize| {
            prev(line, i).is_some_and(is_cjk) || next(line, i).is_some_and(is_cjk)
        };
        // Brackets first, in pairs.
        open.clear();
        pairs.clear();
        for i in 0..line.len() {
            match line[i].c {
                '(' | '（' => open.push(i),
                ')' | '）' => {
                    if let Some(o) = open.pop() {
                        pairs.push((o, i));
                    } else if line[i].c == ')' && touches(line, i) {
                        line[i].c = '）';
                    }
                }
                _ => {}
            }
        }
        for &o in &open {
            if line[o].c == '(' && touches(line, o) {
                line[o].c = '（';
            }
        }
        // Pairs close innermost first; a pair holds Chinese text if its content does.
        for &(o, c) in &pairs {
            if line[o].c == '（' && line[c].c == '）' {
                continue;
            }
            let holds = line[o + 1..c].iter().any(|m| is_cjk(m.c));
            if holds || touches(line, o) || touches(line, c) {
                line[o].c = '（';
                line[c].c = '）';
            }
        }
        for i in 0..line.len() {
            let c = line[i].c;
            if !matches!(c, ',' | ':' | ';' | '?' | '!') {
                continue;
            }
            let digit = |k: Option<&MappedChar>| k.is_some_and(|m| m.c.is_ascii_digit());
            if matches!(c, ',' | ':') && i > 0 && digit(line.get(i - 1)) && digit(line.get(i + 1)) {
                continue;
            }
            if touches(line, i) {
                line[i].c = full_width(c);
            }
        }
    }
}

/// Step: trims each line, collapses runs of spaces to one (mapped to the whole run),
/// and drops the run when it stands between Chinese text and Chinese text or a
/// number (`二 〇 三五年`, `（ 2021 年— 2025 年）`, `韦 韬`), except after a list number
/// that opens the line (`1 勤洗手`).
pub(crate) fn collapse_whitespace(chars: &[MappedChar]) -> Vec<MappedChar> {
    let mut out: Vec<MappedChar> = Vec::with_capacity(chars.len());
    let mut line_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let m = chars[i];
        if m.c == LINE_BREAK {
            out.push(m);
            line_start = out.len();
            i += 1;
            continue;
        }
        if m.c != ' ' {
            out.push(m);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].c == ' ' {
            j += 1;
        }
        let left = out[line_start..].last().map(|m| m.c);
        let right = chars.get(j).map(|m| m.c).filter(|&c| c != LINE_BREAK);
        if let (Some(l), Some(r)) = (left, right) {
            let list_number = out[line_start..].iter().all(|m| m.c.is_ascii_digit());
            let drop = (is_cjk(l) && (is_cjk(r) || r.is_ascii_digit()))
                || (is_cjk(r) && l.is_ascii_digit() && !list_number);
            if !drop {
                // The space maps to the run, as far as the run is contiguous in the
                // original (a deleted layout marker may split it).
                let mut end = m.end;
                for next in &chars[i + 1..j] {
                    if next.start != end {
                        break;
                    }
                    end = next.end;
                }
                out.push(MappedChar {
                    c: ' ',
                    start: m.start,
                    end,
                });
            }
        }
        i = j;
    }
    out
}

/// Characters that end a sentence or clause at the end of a line.
fn is_final_punctuation(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':' | '.'
    )
}

/// Closing quotes and brackets.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '〕' | '"' | '\''
    )
}

/// Whether a line ends a sentence: in final punctuation (`。！？；：…`), possibly
/// inside closing quotes or brackets (`。”`), or is a bracketed note as a whole
/// (`（此件公开发布）`). A closing quote or bracket alone does not end one:
/// `实施“三高四新”` / `战略` is one sentence.
fn ends_sentence(line: &[MappedChar]) -> bool {
    let end = line.len() - line.iter().rev().take_while(|m| is_closer(m.c)).count();
    if end < line.len() && matches!(line[0].c, '（' | '(') && end > 0 {
        let last = line[line.len() - 1].c;
        if matches!(last, '）' | ')') {
            return true;
        }
    }
    end > 0 && is_final_punctuation(line[end - 1].c)
}

/// Step: lines become paragraphs. Each non-empty line is classified (heading,
/// byline, body: see [`Classifier`]). A body paragraph that does not end a sentence
/// ([`ends_sentence`]) continues directly in the next line when that is body text too
/// and does not open a list item (`2 不要…`, `（一）`, `——`); a short line without
/// any sentence punctuation is never continued. Paragraphs are joined with `\n`,
/// which maps to the original between them.
pub(crate) fn assemble(chars: &[MappedChar], headings: &[Option<u8>]) -> Normalized {
    let mut text = String::with_capacity(chars.len() * 3);
    let mut origin: Vec<(u32, u32)> = Vec::with_capacity(chars.len());
    let mut paragraphs: Vec<RawParagraph> = Vec::new();
    let mut classifier = Classifier::default();
    let mut line_text = String::new();
    let mut open = false;
    for (index, line) in chars.split(|m| m.c == LINE_BREAK).enumerate() {
        if line.is_empty() {
            continue;
        }
        line_text.clear();
        line_text.extend(line.iter().map(|m| m.c));
        let hint = headings.get(index).copied().flatten();
        let (role, level) = classifier.classify(&line_text, hint);
        let first = line[0];
        let previous_end = origin.last().map(|&(_, end)| end);
        let continues = open && role == ParagraphRole::Body && !split::opens_item(&line_text);
        if continues {
            let last = text.chars().next_back().unwrap_or(' ');
            if last.is_ascii_alphanumeric() && first.c.is_ascii_alphanumeric() {
                let gap_end = first.start.max(previous_end.unwrap_or(0));
                text.push(' ');
                origin.push((previous_end.unwrap_or(0), gap_end));
            }
        } else {
            if let Some(end) = previous_end {
                text.push('\n');
                origin.push((end, first.start.max(end)));
            }
            let start = origin.len();
            paragraphs.push(RawParagraph {
                span: Span::new(start, start),
                role,
                level,
            });
        }
        for m in line {
            text.push(m.c);
            origin.push((m.start, m.end.max(m.start)));
        }
        let paragraph = paragraphs.last_mut().expect("a paragraph is open");
        paragraph.span.char_end = origin.len();
        open = role == ParagraphRole::Body
            && paragraph.role == ParagraphRole::Body
            && !ends_sentence(line)
            && (split::has_sentence_punctuation(&line_text) || line.len() > split::SHORT_LINE);
    }
    Normalized {
        text,
        origin,
        paragraphs,
    }
}

/// A form of `text` in which the choices normalisation makes from context are made
/// the same way everywhere: characters width-folded, whitespace and emphasis
/// characters dropped, layout markers removed, ASCII and full-width punctuation
/// alike, `O`/`○` as `〇`, hyphens as dashes, `#` dropped. Normalising a span's original
/// slice "the same way" as the document means: its key equals the span's key.
#[cfg(test)]
pub(crate) fn canonical_key(text: &str) -> String {
    let chars: Vec<MappedChar> = text
        .chars()
        .map(|c| if c == '\r' { LINE_BREAK } else { fold_char(c) })
        .filter(|&c| c == LINE_BREAK || !(c.is_whitespace() || is_emphasis(c)))
        .enumerate()
        .map(|(i, c)| MappedChar::new(c, i, i + 1))
        .collect();
    remove_layout_markers(&chars)
        .iter()
        .filter(|m| !matches!(m.c, '#' | LINE_BREAK))
        .map(|m| match full_width(m.c) {
            'O' | 'o' | '○' => '〇',
            '-' => '—',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::intake::markup;

    fn mapped(text: &str) -> Vec<MappedChar> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let c = if c == '\n' { LINE_BREAK } else { c };
                MappedChar::new(c, i, i + 1)
            })
            .collect()
    }

    fn render(chars: &[MappedChar]) -> String {
        chars.iter().map(|m| m.c).collect()
    }

    /// One normalisation step, by name.
    #[derive(Clone, Copy)]
    enum Step {
        Width,
        Markers,
        Zero,
        Punctuation,
        Whitespace,
        /// The whole chain over a plain-text file.
        All,
    }

    /// Runs `step` over `input` and compares the result with `expected`; checks the
    /// offset invariant of the whole chain on `input` too.
    #[track_caller]
    fn check(step: Step, input: &str, expected: &str) {
        let mut chars = mapped(input);
        let got = match step {
            Step::Width => {
                fold_width(&mut chars);
                render(&chars)
            }
            Step::Markers => render(&remove_layout_markers(&chars)),
            Step::Zero => {
                zero_between_numerals(&mut chars);
                render(&chars)
            }
            Step::Punctuation => {
                convert_punctuation(&mut chars);
                render(&chars)
            }
            Step::Whitespace => render(&collapse_whitespace(&chars)),
            Step::All => normalize(markup::text_lines(input)).text,
        };
        assert_eq!(got, expected, "step output for {input:?}");
        check_offsets(input);
    }

    /// The offset invariants of the whole chain over `input` as a plain-text file.
    #[track_caller]
    fn check_offsets(input: &str) {
        let normalized = normalize(markup::text_lines(input));
        let original: Vec<char> = input.chars().collect();
        let text: Vec<char> = normalized.text.chars().collect();
        assert_eq!(text.len(), normalized.origin.len());
        let slice = |start: u32, end: u32| -> String {
            original[start as usize..end as usize].iter().collect()
        };
        let mut last_end = 0;
        for (i, (&c, &(start, end))) in text.iter().zip(&normalized.origin).enumerate() {
            assert!(
                start >= last_end && start <= end,
                "char {i} {c:?} at {start}..{end}"
            );
            assert!(end as usize <= original.len());
            last_end = end;
            let from = slice(start, end);
            if c == '\n' {
                assert!(from.contains(['\n', '\r']), "paragraph break from {from:?}");
                assert!(canonical_key(&from).is_empty(), "break from {from:?}");
            } else if c == ' ' {
                // A run of spaces, or the gap between two joined Latin words.
                assert!(
                    !from.is_empty() && canonical_key(&from).is_empty(),
                    "space from {from:?}"
                );
            } else {
                let mut from_chars = from.chars();
                let one = from_chars.next().map(fold_char);
                assert!(from_chars.next().is_none(), "char {i} {c:?} from {from:?}");
                let key = |c: char| canonical_key(&c.to_string());
                assert_eq!(one.map(key), Some(key(c)), "char {i} {c:?} from {from:?}");
            }
        }
        for p in &normalized.paragraphs {
            let (s, e) = (p.span.char_start, p.span.char_end);
            let para: String = text[s..e].iter().collect();
            let from = slice(normalized.origin[s].0, normalized.origin[e - 1].1);
            assert_eq!(canonical_key(&from), canonical_key(&para));
            assert_eq!(para.trim(), para);
            assert!(!para.contains('\n'));
        }
    }

    #[test]
    fn full_width_letters_digits_and_spaces_become_ascii() {
        check(
            Step::Width,
            "ＧＤＰ增长１２％，\u{3000}规模",
            "GDP增长12％， 规模",
        );
    }

    #[test]
    fn layout_markers_are_removed() {
        check(Step::Markers, "上接A1版 从全国看", " 从全国看");
        check(Step::Markers, "要推动发展（下转第3版）", "要推动发展");
        check(Step::Markers, "(上接第一版)要推动", "要推动");
        check(Step::Markers, "紧接A1版要推动", "要推动");
        check(Step::Markers, "要推动（ 上接A1版 ）发展", "要推动发展");
        check(Step::Markers, "要推动（**上接**A1版*）发展", "要推动发展");
        check(Step::Markers, "上接版面调整", "上接版面调整");
        check(
            Step::All,
            "**上接A1版** 从全国看,我国已转向高质量发展阶段。",
            "从全国看，我国已转向高质量发展阶段。",
        );
        check(
            Step::All,
            "要推动发展,(下转A2版)\n\n(上接A1版)加快建设。",
            "要推动发展，加快建设。",
        );
    }

    #[test]
    fn latin_o_between_chinese_numerals_becomes_zero() {
        check(
            Step::Zero,
            "二O三五年 二o二O年 二 O 三五",
            "二〇三五年 二〇二〇年 二 〇 三五",
        );
        check(Step::Zero, "O型 二OK 十O", "O型 二OK 十O");
        check(
            Step::All,
            "到二O三五年基本实现现代化。",
            "到二〇三五年基本实现现代化。",
        );
    }

    #[test]
    fn punctuation_next_to_chinese_becomes_full_width() {
        check(
            Step::Punctuation,
            "要推动制造业高质量发展,提升产业链现代化水平;行吗?",
            "要推动制造业高质量发展，提升产业链现代化水平；行吗？",
        );
        check(
            Step::Punctuation,
            "增长5.53万亿元,达1,000亿元",
            "增长5.53万亿元，达1,000亿元",
        );
        check(
            Step::Punctuation,
            "1.决胜全面建成小康社会",
            "1.决胜全面建成小康社会",
        );
        check(
            Step::Punctuation,
            "(2020年12月2日会议通过)",
            "（2020年12月2日会议通过）",
        );
        check(
            Step::Punctuation,
            "f(x) = 1, 2; 10:30 ok!",
            "f(x) = 1, 2; 10:30 ok!",
        );
        check(
            Step::Punctuation,
            "  --我们要推动发展。\n3--5年，a--b",
            "  ——我们要推动发展。\n3--5年，a--b",
        );
        check(
            Step::Punctuation,
            "用肥皂(洗手液)和流动水:",
            "用肥皂（洗手液）和流动水：",
        );
    }

    #[test]
    fn whitespace_collapses_and_leaves_chinese_text() {
        check(Step::Whitespace, "  二 〇 三五年  ", "二〇三五年");
        check(
            Step::Whitespace,
            "（ 2021 年— 2025 年）",
            "（2021年—2025年）",
        );
        check(Step::Whitespace, "1 勤洗手 GDP  增长", "1 勤洗手 GDP 增长");
        check(Step::Whitespace, "第 3 版 in   English", "第3版 in English");
        check(
            Step::All,
            "“十四五”时期( 2021 年— 2025 年)是\r\n第十四个五年规划和二 〇 三五年",
            "“十四五”时期（2021年—2025年）是\n第十四个五年规划和二〇三五年",
        );
    }

    #[test]
    fn broken_paragraphs_are_rejoined() {
        check(
            Step::All,
            "全会提出,要激发各类市场主体活\n\n力,完善经济治理体系。",
            "全会提出，要激发各类市场主体活力，完善经济治理体系。",
        );
        check(
            Step::All,
            "坚定文化自信,基本建成全区域更高水平全国文明\r\n\r\n城市。要提高社会文明程度。",
            "坚定文化自信，基本建成全区域更高水平全国文明城市。要提高社会文明程度。",
        );
        // Sentence-final punctuation, closing quotes after it, and headings stop it.
        check(
            Step::All,
            "要推动发展。\n加快建设“一带一路”。”\n# 标题\n正文",
            "要推动发展。\n加快建设“一带一路”。”\n标题\n正文",
        );
        check(
            Step::All,
            "要坚持创新驱动、转型升级，大力实施“三高四新”\n战略，加快建设。",
            "要坚持创新驱动、转型升级，大力实施“三高四新”战略，加快建设。",
        );
        // Short lines without punctuation, and list items, are never joined.
        check(
            Step::All,
            "1 勤洗手。要用肥皂和流动水洗手\n2 不要用脏手触摸眼睛、嘴巴、鼻子\n3 咳嗽时遮挡口鼻",
            "1 勤洗手。要用肥皂和流动水洗手\n2 不要用脏手触摸眼睛、嘴巴、鼻子\n3 咳嗽时遮挡口鼻",
        );
        check(
            Step::All,
            "株洲市国民经济和社会发展\n二 〇 二一年七月\n“十四五”时期是第一个五年",
            "株洲市国民经济和社会发展\n二〇二一年七月\n“十四五”时期是第一个五年",
        );
        check(
            Step::All,
            "growth of the economy, reform\nand opening up, and growth.",
            "growth of the economy, reform and opening up, and growth.",
        );
    }

    /// Pieces of the genre that random documents are built from.
    const PIECES: &[&str] = &[
        "要推动",
        "发展",
        "，",
        ",",
        "。",
        "！",
        "?",
        ":",
        "(",
        ")",
        "（",
        "）",
        "1,000",
        "5.53",
        "二O三五年",
        "二 〇 ",
        " ",
        "  ",
        "\u{3000}",
        "\n",
        "\n\n",
        "\r\n",
        "**",
        "__",
        "上接A1版",
        "（下转第3版）",
        "# ",
        "## ",
        "ＧＤＰ",
        "１２",
        "“三高四新”",
        "a",
        "O",
        "\t",
        "——",
        "一、",
        "&amp;",
    ];

    proptest! {
        #[test]
        fn offsets_hold_for_random_documents(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..60)
        ) {
            let input: String = pieces.iter().map(|&i| PIECES[i]).collect();
            check_offsets(&input);
        }
    }
}
