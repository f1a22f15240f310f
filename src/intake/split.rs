//! Splitting: paragraph roles, sections and sentences, as spans on the normalised
//! text.
//!
//! [`Classifier`] tells headings, bylines and body text apart line by line (the
//! rules are on [`Classifier::classify`]); [`split`] builds sections from the
//! headings, decides which sections belong to the plan (see [`plan_sections`]) and
//! cuts each paragraph into sentences after `。！？`.

use super::normalize::{RawParagraph, is_closer, is_han};
use super::{Paragraph, ParagraphRole, Section, Sentence, Span};

/// A line longer than this many characters is never a heading by shape alone, nor
/// a title or date line that is left unjoined.
pub(crate) const SHORT_LINE: usize = 40;

/// A numbered heading (`一、…`, `第一章 …`) is at most this long.
const NUMBERED_HEADING: usize = 60;

/// Whether `text` holds any punctuation that belongs to a sentence: `。！？；：，…`
/// (the enumeration comma `、` does not count).
pub(crate) fn has_sentence_punctuation(text: &str) -> bool {
    text.contains([
        '。', '！', '？', '；', '：', '，', '…', '!', '?', ';', ':', ',',
    ])
}

fn is_chinese_number(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '两'
    )
}

/// Strips a run of characters matching `f` (at least one, at most `max`) from the
/// start of `text`.
fn strip_run(text: &str, max: usize, f: impl Fn(char) -> bool) -> Option<&str> {
    let len: usize = text
        .chars()
        .take(max)
        .take_while(|&c| f(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| &text[len..])
}

/// The level of a numbered heading's number: `第X篇`/`第X部分` 1, `第X章` and `一、` 2,
/// `（一）` and `第X节` 3.
pub(crate) fn numbered_level(text: &str) -> Option<u8> {
    if let Some(rest) = text.strip_prefix('第') {
        let rest = strip_run(rest, 4, |c| is_chinese_number(c) || c.is_ascii_digit())?;
        return match rest.chars().next()? {
            '篇' => Some(1),
            '章' => Some(2),
            '节' => Some(3),
            '部' if rest.starts_with("部分") => Some(1),
            _ => None,
        };
    }
    if let Some(rest) = text.strip_prefix(['（', '(']) {
        let rest = strip_run(rest, 3, is_chinese_number)?;
        return rest.starts_with(['）', ')']).then_some(3);
    }
    let rest = strip_run(text, 3, is_chinese_number)?;
    rest.starts_with('、').then_some(2)
}

/// Whether a line opens an item of a list, so that no broken sentence continues into
/// it: a numbered heading, `一是`, `1 `/`1.`/`1、`/`(1)`, `——`, a bullet.
pub(crate) fn opens_item(text: &str) -> bool {
    if numbered_level(text).is_some() || text.starts_with("——") || text.starts_with("――") {
        return true;
    }
    if let Some(rest) = strip_run(text, 3, is_chinese_number)
        && rest.starts_with('是')
    {
        return true;
    }
    if let Some(rest) = strip_run(text, 3, |c| c.is_ascii_digit()) {
        let mut rest = rest.chars();
        let sep = rest.next();
        let after = rest.next();
        if matches!(sep, Some(' ' | '、' | '.' | '．' | ')' | '）'))
            && !after.is_some_and(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    if let Some(rest) = text.strip_prefix(['（', '('])
        && let Some(rest) = strip_run(rest, 3, |c| c.is_ascii_digit())
    {
        return rest.starts_with(['）', ')']);
    }
    text.starts_with(['●', '•', '■', '□', '◆', '◇', '★', '☆', '▲', '►', '○'])
}

/// Strips a date from the start of `text`: a year (four digits or Chinese numerals)
/// with `年`, a month with `月`, and optionally a day with `日`/`号`
/// (`2026年2月3日`, `二〇二一年七月`).
fn strip_date(text: &str) -> Option<&str> {
    let number = |c: char| c.is_ascii_digit() || is_chinese_number(c);
    let rest = strip_run(text, 4, number)?;
    let rest = rest.strip_prefix('年')?;
    let rest = strip_run(rest, 3, number)?;
    let rest = rest.strip_prefix('月')?;
    Some(
        strip_run(rest, 3, number)
            .and_then(|r| r.strip_prefix(['日', '号']))
            .unwrap_or(rest),
    )
}

/// Surnames common enough to tell a name line (`毛伟明`) from a short heading.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡\
余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝\
龚邵万钱严覃武戴莫孔向汤殷易常温康施文牛樊葛邢安齐伍庞颜倪聂章鲁岳翟申焦兰柴包左祝甘柳梅洪游阎";

/// Offices that precede a name on a report's byline (`省长 李炳军`).
const OFFICES: &[&str] = &[
    "省长", "市长", "主席", "区长", "县长", "州长", "书记", "主任",
];

/// Lines of the page's editorial apparatus, by their opening words.
const EDITORIAL: &[&str] = &[
    "来源：",
    "来源:",
    "时间：",
    "时间:",
    "发布时间",
    "作者：",
    "编辑：",
    "责任编辑",
    "责编",
    "稿源",
    "【字号",
    "字号：",
    "【字体",
    "字体：",
];

/// Datelines, by their opening words.
const DATELINES: &[&str] = &[
    "新华社",
    "据新华社",
    "本报讯",
    "本报",
    "中新社",
    "新华网",
    "人民网",
];

/// Whether `text` is a name after an office: two to eight Chinese characters, `·`
/// allowed (`李炳军`, `艾尔肯·吐尼亚孜`).
fn is_name_after_office(text: &str) -> bool {
    let len = text.chars().count();
    (2..=8).contains(&len) && text.chars().all(|c| is_han(c) || c == '·') && !text.starts_with('·')
}

/// Whether `text` is a name: two to four Chinese characters opening with a common
/// surname.
fn is_name(text: &str) -> bool {
    let len = text.chars().count();
    (2..=4).contains(&len)
        && text.chars().all(is_han)
        && text.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Tells the paragraphs' roles, line by line, with what came before.
#[derive(Debug, Default)]
pub(crate) struct Classifier {
    /// Lines classified so far.
    count: usize,
    /// Whether a body line came yet.
    seen_body: bool,
}

impl Classifier {
    /// The role and heading level of one line, trimmed and normalised:
    ///
    /// 1. a heading the markup marked (`#`, `<h2>`) keeps its level;
    /// 2. bylines ([`ParagraphRole::Byline`]): a dateline (`新华社北京10月29日电`, `本报讯`)
    ///    or editorial line (`来源：`, `时间：`) when short; a credit (`记者 张三`, `…摄`)
    ///    after the last `。`; an occasion or adoption note that opens with a date
    ///    (`——2026年2月3日在…会议上`, `（2020年10月29日…通过）`) or a date alone
    ///    (`二〇二一年七月`), or a time stamp (`2026-02-03 09:02:33`); an office and a
    ///    name (`省长 李炳军`); a name alone (`毛伟明`) before any body text; a line
    ///    with fewer than two letters or Chinese characters (`>`, `】`, a lone `小`
    ///    of a font-size switch);
    /// 3. a numbered heading of at most 60 characters without `。！？；`: `第X篇` and
    ///    `第X部分` level 1, `第X章` and `一、` level 2, `（一）` and `第X节` level 3;
    /// 4. a line without sentence punctuation that is not a list item (`2 不要…`): the
    ///    document's title (level 1) if it opens the document and has at most 60
    ///    characters, else a heading of level 2 if it has at most 40;
    /// 5. everything else is body text.
    pub(crate) fn classify(&mut self, line: &str, hint: Option<u8>) -> (ParagraphRole, u8) {
        let decided = self.decide(line, hint);
        self.count += 1;
        self.seen_body |= decided.0 == ParagraphRole::Body;
        decided
    }

    fn decide(&self, line: &str, hint: Option<u8>) -> (ParagraphRole, u8) {
        if let Some(level) = hint {
            return (ParagraphRole::Heading, level.max(1));
        }
        let len = line.chars().count();
        if self.is_byline(line, len) {
            return (ParagraphRole::Byline, 0);
        }
        let stops = line.contains(['。', '！', '？', '；', '!', '?', ';']);
        if len <= NUMBERED_HEADING
            && !stops
            && let Some(level) = numbered_level(line)
        {
            return (ParagraphRole::Heading, level);
        }
        let words = line
            .chars()
            .filter(|&c| is_han(c) || c.is_alphanumeric())
            .take(2)
            .count();
        if words < 2 {
            // `>`, `】`, `|`, `小`: page apparatus, not text.
            return (ParagraphRole::Byline, 0);
        }
        let plain = !has_sentence_punctuation(line) && !opens_item(line);
        if self.count == 0 && plain && len <= NUMBERED_HEADING {
            // The document's title.
            return (ParagraphRole::Heading, 1);
        }
        if len <= SHORT_LINE && plain {
            return (ParagraphRole::Heading, 2);
        }
        (ParagraphRole::Body, 0)
    }

    fn is_byline(&self, line: &str, len: usize) -> bool {
        let stops = line.contains(['。', '！', '？']);
        // A time stamp: `2026-02-03 09:02:33`.
        if line.contains(|c: char| c.is_ascii_digit())
            && line
                .chars()
                .all(|c| c.is_ascii_digit() || "-/:. 年月日时分秒".contains(c))
        {
            return true;
        }
        if len <= SHORT_LINE && !stops && DATELINES.iter().any(|w| line.starts_with(w)) {
            return true;
        }
        if len <= 60 && EDITORIAL.iter().any(|w| line.starts_with(w)) {
            return true;
        }
        // A credit after the last full stop: `…报告。本报记者 戴冰摄`.
        let tail = line.rsplit('。').next().unwrap_or(line);
        let tail_len = tail.chars().count();
        if len <= 80
            && (1..=30).contains(&tail_len)
            && !tail.contains(['！', '？', '，'])
            && (tail.contains("记者") || tail.contains("通讯员") || tail.ends_with('摄'))
        {
            return true;
        }
        // An occasion, an adoption note, a date.
        let (inner, bracketed) = match line
            .strip_prefix(['（', '('])
            .and_then(|l| l.strip_suffix(['）', ')']))
        {
            Some(inner) => (inner, true),
            None => (line.trim_start_matches(['—', '―']), false),
        };
        if let Some(rest) = strip_date(inner) {
            if !stops && (bracketed || rest.is_empty()) {
                return true;
            }
            let occasion = ["上", "通过", "讲话", "报告", "电", "讯", "发布"];
            let ends = occasion.iter().any(|w| rest.ends_with(w));
            if !stops && len <= 80 && (ends || rest.contains("会议上") || rest.contains("会议通过"))
            {
                return true;
            }
        }
        if len <= 30 && !has_sentence_punctuation(line) {
            for office in OFFICES {
                if let Some(at) = line.rfind(office)
                    && is_name_after_office(&line[at + office.len()..])
                {
                    return true;
                }
            }
        }
        self.count > 0 && !self.seen_body && is_name(line)
    }
}

/// Paragraphs, sections and sentences of a document.
#[derive(Debug)]
pub(crate) struct Split {
    pub paragraphs: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
}

/// Words of the plan genre. A section none of whose paragraphs holds one of them is
/// not part of the plan (a notice, an advertisement, page chrome). The list is the
/// genre's general vocabulary, not any one document's.
const GENRE_WORDS: &[&str] = &[
    "发展",
    "建设",
    "推进",
    "改革",
    "战略",
    "规划",
    "经济",
    "社会",
    "政府",
    "创新",
    "目标",
    "产业",
    "开放",
    "治理",
    "现代化",
    "高质量",
    "民生",
    "实施",
    "加快",
];

/// Whether a paragraph is the plan's closing exhortation: it opens with
/// `全会号召`/`会议号召`/`大会号召`, or ends with `奋斗！`, or ends with `！` and calls to
/// unite (`让我们…`, `…团结在以习近平同志为核心的党中央周围…`).
fn is_closing(text: &str) -> bool {
    let calls = ["全会号召", "会议号召", "大会号召"];
    if calls.iter().any(|w| text.starts_with(w)) || text.ends_with("奋斗！") {
        return true;
    }
    text.ends_with('！')
        && (text.starts_with("让我们")
            || text.contains("。让我们")
            || text.contains("！让我们")
            || text.contains("党中央周围"))
}

/// Whether a heading opens the document's own apparatus after its text: an annex,
/// notes, a glossary (`附件`, `附录`, `附表`, `注释`, `名词解释`).
fn is_annex(heading: &str) -> bool {
    ["附件", "附录", "附表", "注释", "名词解释", "名词注释"]
        .iter()
        .any(|w| heading.starts_with(w))
}

/// Builds paragraphs, sections and sentences from the normalised text and its
/// classified paragraphs.
pub(crate) fn split(text: &str, raw: &[RawParagraph]) -> Split {
    let pieces: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').collect()
    };
    debug_assert_eq!(pieces.len(), raw.len());
    let mut paragraphs: Vec<Paragraph> = raw
        .iter()
        .map(|p| Paragraph {
            span: p.span,
            role: p.role,
            level: p.level,
            section: 0,
        })
        .collect();
    let sections = plan_sections(&mut paragraphs, &pieces);
    let mut sentences = Vec::new();
    for (index, (paragraph, piece)) in paragraphs.iter().zip(&pieces).enumerate() {
        split_sentences(piece, paragraph.span.char_start, index, &mut sentences);
    }
    Split {
        paragraphs,
        sections,
        sentences,
    }
}

/// Sections, and for each paragraph the innermost section holding it.
///
/// A heading opens a section that runs to the next heading of the same or a higher
/// level (a lower or equal number); paragraphs before the first heading form a
/// section without heading. Sections nest: a paragraph belongs to the innermost.
///
/// Which sections belong to the plan (`in_plan`), for newspaper pages that carry
/// other articles after the plan:
/// - (a) once the plan's closing exhortation has appeared (see [`is_closing`]), a
///   section whose heading comes later and is not a numbered plan heading (`一、`,
///   `（一）`, `第X章`…) is not the plan, until the document's own annex or notes
///   begin (see [`is_annex`]): what follows those is the plan's again;
/// - (b) a section in which no paragraph, heading included, holds a word of the
///   plan genre ([`GENRE_WORDS`]) is not the plan;
/// - a section inside a section that is not the plan is not the plan either.
///
/// Every other section is.
fn plan_sections(paragraphs: &mut [Paragraph], pieces: &[&str]) -> Vec<Section> {
    struct Open {
        section: usize,
        level: u8,
    }
    let mut sections: Vec<Section> = Vec::new();
    // First and last paragraph of each section.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut parent: Vec<Option<usize>> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut last_end = 0;
    for (index, p) in paragraphs.iter_mut().enumerate() {
        let (start, end) = (p.span.char_start, p.span.char_end);
        if p.role == ParagraphRole::Heading || stack.is_empty() {
            let level = if p.role == ParagraphRole::Heading {
                p.level
            } else {
                u8::MAX
            };
            // Close the sections this heading ends; they end with the paragraph before.
            while stack.last().is_some_and(|open| open.level >= level) {
                let open = stack.pop().expect("not empty");
                sections[open.section].span.char_end = last_end;
                ranges[open.section].1 = index - 1;
            }
            parent.push(stack.last().map(|open| open.section));
            stack.push(Open {
                section: sections.len(),
                level,
            });
            sections.push(Section {
                heading: (p.role == ParagraphRole::Heading).then_some(index),
                span: Span::new(start, end),
                in_plan: true,
            });
            ranges.push((index, index));
        }
        p.section = stack.last().expect("a section is open").section;
        last_end = end;
    }
    for open in stack {
        sections[open.section].span.char_end = last_end;
        ranges[open.section].1 = paragraphs.len() - 1;
    }

    // (b): genre words, counted per paragraph and summed over each section's range.
    let mut genre = vec![0usize; paragraphs.len() + 1];
    for (i, piece) in pieces.iter().enumerate() {
        let has = GENRE_WORDS.iter().any(|w| piece.contains(w));
        genre[i + 1] = genre[i] + usize::from(has);
    }
    // (a): the first closing exhortation in body text.
    let closing = paragraphs
        .iter()
        .zip(pieces)
        .position(|(p, piece)| p.role == ParagraphRole::Body && is_closing(piece));
    let annex = paragraphs
        .iter()
        .zip(pieces)
        .enumerate()
        .position(|(i, (p, piece))| {
            p.role == ParagraphRole::Heading && closing.is_some_and(|c| i > c) && is_annex(piece)
        });
    for s in 0..sections.len() {
        let (first, last) = ranges[s];
        let vocabulary = genre[last + 1] > genre[first];
        let after_closing = match (sections[s].heading, closing) {
            (Some(h), Some(c)) => {
                h > c && numbered_level(pieces[h]).is_none() && annex.is_none_or(|a| h < a)
            }
            _ => false,
        };
        let parent_in_plan = parent[s].is_none_or(|p| sections[p].in_plan);
        sections[s].in_plan = vocabulary && !after_closing && parent_in_plan;
    }
    sections
}

/// The longest sentence kept whole, in characters. The longest in the corpora
/// (`../shared/corpus`, 101 documents) has 639.
pub(crate) const MAX_SENTENCE: usize = 1000;

/// Cuts a paragraph into sentences after `。！？` (with the closing quotes and
/// brackets that follow); `；` does not end a sentence, and the rest of a paragraph
/// without final punctuation is one sentence.
///
/// A run longer than [`MAX_SENTENCE`] characters (text without sentence punctuation:
/// a scraped table, a runaway line) is cut into pieces of at most that length, after
/// the last `；` or `，` where there is one: the rules run back from a head word to
/// the start of its clause, and in an unbounded "sentence" that made extraction
/// quadratic in time and memory (a line of a million characters took 95 s and 9.7 GB).
fn split_sentences(piece: &str, base: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let chars: Vec<char> = piece.chars().collect();
    let mut start = 0;
    let mut i = 0;
    let mut push = |mut start: usize, end: usize| {
        while end - start.min(end) > MAX_SENTENCE {
            let limit = start + MAX_SENTENCE;
            let cut = (start + 1..limit)
                .rev()
                .find(|&j| matches!(chars[j - 1], '；' | '，'))
                .unwrap_or(limit);
            let mut piece_end = cut;
            while piece_end > start && chars[piece_end - 1] == ' ' {
                piece_end -= 1;
            }
            if start < piece_end {
                out.push(Sentence {
                    span: Span::new(base + start, base + piece_end),
                    paragraph,
                });
            }
            start = cut;
            while start < end && chars[start] == ' ' {
                start += 1;
            }
        }
        if start < end {
            out.push(Sentence {
                span: Span::new(base + start, base + end),
                paragraph,
            });
        }
    };
    while i < chars.len() {
        if !matches!(chars[i], '。' | '！' | '？') {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len()
            && (matches!(chars[end], '。' | '！' | '？') || is_closer(chars[end]))
        {
            end += 1;
        }
        push(start, end);
        start = end;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
        i = start;
    }
    push(start, chars.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::{Document, SourceFormat};

    /// Renders a document's paragraphs as `role[section] text`, with `|` between
    /// its sentences (`H2[1] 一、主要目标`, `B[1] 要推动发展。|要加快建设。`), and its
    /// sections as `heading in` or `heading out`.
    fn render(doc: &Document) -> (Vec<String>, Vec<String>) {
        let paragraphs = doc
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let role = match p.role {
                    ParagraphRole::Heading => format!("H{}", p.level),
                    ParagraphRole::Body => "B".to_string(),
                    ParagraphRole::Byline => "Y".to_string(),
                };
                let sentences: Vec<&str> = doc
                    .sentences
                    .iter()
                    .filter(|s| s.paragraph == i)
                    .map(|s| doc.text_of(s.span))
                    .collect();
                format!("{role}[{}] {}", p.section, sentences.join("|"))
            })
            .collect();
        let sections = doc
            .sections
            .iter()
            .map(|s| {
                let heading = s
                    .heading
                    .map_or("-", |h| doc.text_of(doc.paragraphs[h].span));
                format!("{heading} {}", if s.in_plan { "in" } else { "out" })
            })
            .collect();
        (paragraphs, sections)
    }

    #[track_caller]
    fn check(text: &str, paragraphs: &[&str], sections: &[&str]) {
        let doc = Document::from_text("t.md", SourceFormat::Markdown, text).unwrap();
        let (got_paragraphs, got_sections) = render(&doc);
        assert_eq!(got_paragraphs, paragraphs);
        assert_eq!(got_sections, sections);
        // Sections hold their paragraphs; sentences tile their paragraph.
        for (i, p) in doc.paragraphs.iter().enumerate() {
            let section = &doc.sections[p.section];
            assert!(section.span.contains(p.span), "paragraph {i}");
            let covered: String = doc
                .sentences
                .iter()
                .filter(|s| s.paragraph == i)
                .map(|s| doc.text_of(s.span))
                .collect();
            assert_eq!(
                covered.replace(' ', ""),
                doc.text_of(p.span).replace(' ', "")
            );
        }
    }

    #[test]
    fn long_runs_without_punctuation_are_cut_into_bounded_sentences() {
        // A comma at 1,201, then Latin words whose spaces fall at a hard cut.
        let mut text: String = "发展".repeat(600);
        text.push('，');
        text.push_str(&"建设".repeat(499));
        text.push_str(&"growth ".repeat(300));
        let doc = Document::from_text("t.txt", SourceFormat::Text, text.as_str()).unwrap();
        let lengths: Vec<usize> = doc.sentences.iter().map(|s| s.span.len()).collect();
        assert!(lengths.iter().all(|&n| n <= MAX_SENTENCE), "{lengths:?}");
        assert_eq!(lengths[0], 1000);
        assert_eq!(
            doc.text_of(doc.sentences[1].span).chars().last(),
            Some('，')
        );
        let joined: String = doc.sentences.iter().map(|s| doc.text_of(s.span)).collect();
        assert_eq!(joined.replace(' ', ""), doc.text.replace(' ', ""));
        for sentence in &doc.sentences {
            let piece = doc.text_of(sentence.span);
            assert_eq!(piece.trim(), piece);
        }
        // A sentence of the genre's length stays whole.
        let doc = Document::from_text(
            "t.txt",
            SourceFormat::Text,
            "要推动发展，".repeat(100) + "。",
        )
        .unwrap();
        assert_eq!(doc.sentences.len(), 1);
    }

    #[test]
    fn sentences_end_after_full_stops_with_their_quotes() {
        check(
            "行吗？！好。 Yes.\n\
             要推动发展。加快建设“一带一路”！提出“三高四新”。”要坚持；要实现\n\
             （2020年10月29日会议通过）",
            &[
                "B[0] 行吗？！|好。|Yes.",
                "B[0] 要推动发展。|加快建设“一带一路”！|提出“三高四新”。”|要坚持；要实现",
                "Y[0] （2020年10月29日会议通过）",
            ],
            &["- in"],
        );
    }

    #[test]
    fn numbered_headings_and_levels() {
        check(
            "第一篇 发展基础篇\n第一章 发展成就\n第一节 经济发展\n要推动发展。\n\
             一、全面建成小康社会，开启新征程\n（一）加快建设现代产业体系\n要推动发展。",
            &[
                "H1[0] 第一篇发展基础篇",
                "H2[1] 第一章发展成就",
                "H3[2] 第一节经济发展",
                "B[2] 要推动发展。",
                "H2[3] 一、全面建成小康社会，开启新征程",
                "H3[4] （一）加快建设现代产业体系",
                "B[4] 要推动发展。",
            ],
            &[
                "第一篇发展基础篇 in",
                "第一章发展成就 in",
                "第一节经济发展 in",
                "一、全面建成小康社会，开启新征程 in",
                "（一）加快建设现代产业体系 in",
            ],
        );
    }

    #[test]
    fn bylines() {
        check(
            "2026年湖南省政府工作报告\n\n——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n\n毛伟明\n\n\
             各位代表：\n\n省长 李炳军\n来源：湖南日报\n新华社北京10月29日电\n\
             （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）\n\
             二〇二一年七月\n2026-02-03 09:02:33\n记者 张三 通讯员 李四\n王正谱作政府工作报告。本报记者 霍艳恩摄\n要推动发展。",
            &[
                "H1[0] 2026年湖南省政府工作报告",
                "Y[0] ——2026年2月3日在湖南省第十四届人民代表大会第四次会议上",
                "Y[0] 毛伟明",
                "B[0] 各位代表：",
                "Y[0] 省长李炳军",
                "Y[0] 来源：湖南日报",
                "Y[0] 新华社北京10月29日电",
                "Y[0] （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）",
                "Y[0] 二〇二一年七月",
                "Y[0] 2026-02-03 09:02:33",
                "Y[0] 记者张三通讯员李四",
                "Y[0] 王正谱作政府工作报告。|本报记者霍艳恩摄",
                "B[0] 要推动发展。",
            ],
            &["2026年湖南省政府工作报告 in"],
        );
    }

    #[test]
    fn sections_after_the_closing_exhortation_are_not_the_plan() {
        check(
            "要推动发展。\n## 一、主要目标\n要加快建设。\n\
             全会号召，全市上下为加快建设现代化新株洲而努力奋斗！\n\
             ## 做好防控 良好习惯要保持\n1 勤洗手。要用肥皂洗手\n## 二、保障措施\n要推进改革。",
            &[
                "B[0] 要推动发展。",
                "H2[1] 一、主要目标",
                "B[1] 要加快建设。",
                "B[1] 全会号召，全市上下为加快建设现代化新株洲而努力奋斗！",
                "H2[2] 做好防控良好习惯要保持",
                "B[2] 1 勤洗手。|要用肥皂洗手",
                "H2[3] 二、保障措施",
                "B[3] 要推进改革。",
            ],
            &[
                "- in",
                "一、主要目标 in",
                "做好防控良好习惯要保持 out",
                "二、保障措施 in",
            ],
        );
    }

    #[test]
    fn long_titles_page_apparatus_and_offices() {
        check(
            "中共湖南省委关于制定湖南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议\n\
             大\n>\n――2026年1月27日在青海省第十四届人民代表大会第四次会议上\n\
             2026年1月27日在陕西省第十四届人民代表大会第四次会议上陕西省省长赵刚\n\
             自治区主席艾尔肯·吐尼亚孜\n要推动发展。",
            &[
                "H1[0] 中共湖南省委关于制定湖南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
                "Y[0] 大",
                "Y[0] >",
                "Y[0] ――2026年1月27日在青海省第十四届人民代表大会第四次会议上",
                "Y[0] 2026年1月27日在陕西省第十四届人民代表大会第四次会议上陕西省省长赵刚",
                "Y[0] 自治区主席艾尔肯·吐尼亚孜",
                "B[0] 要推动发展。",
            ],
            &[
                "中共湖南省委关于制定湖南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议 in",
            ],
        );
    }

    #[test]
    fn annexes_after_the_closing_stay_in_the_plan() {
        check(
            "# 政府工作报告\n要推动发展。我们要更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章！\n\
             ## 相关新闻\n要推动发展。\n## 附件\n## 2026年民生实事\n1.新增就业18万人以上，推进改革。",
            &[
                "H1[0] 政府工作报告",
                "B[0] 要推动发展。|我们要更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章！",
                "H2[1] 相关新闻",
                "B[1] 要推动发展。",
                "H2[2] 附件",
                "H2[3] 2026年民生实事",
                "B[3] 1.新增就业18万人以上，推进改革。",
            ],
            &[
                "政府工作报告 in",
                "相关新闻 out",
                "附件 out",
                "2026年民生实事 in",
            ],
        );
    }

    #[test]
    fn sections_without_the_genre_vocabulary_are_not_the_plan() {
        check(
            "# 规划纲要\n下载\n打印\n## 一、发展基础\n要推动发展。\n## 天气预报\n明天晴，气温二十度。",
            &[
                "H1[0] 规划纲要",
                "H2[1] 下载",
                "H2[2] 打印",
                "H2[3] 一、发展基础",
                "B[3] 要推动发展。",
                "H2[4] 天气预报",
                "B[4] 明天晴，气温二十度。",
            ],
            &[
                "规划纲要 in",
                "下载 out",
                "打印 out",
                "一、发展基础 in",
                "天气预报 out",
            ],
        );
    }

    #[test]
    fn list_openers() {
        for item in [
            "一、总体要求",
            "（一）目标",
            "第三章 任务",
            "2 不要用脏手",
            "1.决胜",
            "（1）要",
            "——这是",
            "一是全力",
        ] {
            assert!(opens_item(item), "{item}");
        }
        for text in ["2025年和“十四五”", "5.53万亿元", "要推动"] {
            assert!(!opens_item(text), "{text}");
        }
    }
}
