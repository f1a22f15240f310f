//! The document as extraction sees it: the normalised text as characters, and the
//! plan's sentences with their tokens. Spans here are absolute character offsets
//! into the document's normalised text.

use regex::Regex;
use std::sync::LazyLock;

use crate::extract::segment::{Segmenter, Token};
use crate::intake::{Document, ParagraphRole};
use crate::span::Span;

/// A sentence of the plan with its tokens.
#[derive(Debug)]
pub(crate) struct SentenceView {
    /// Index into the document's sentences.
    pub index: usize,
    /// Absolute span.
    pub span: Span,
    /// Index into the document's paragraphs.
    pub paragraph: usize,
    /// Tokens with absolute spans, tiling the sentence.
    pub tokens: Vec<Token>,
    /// Whether the sentence reviews the past (a 工作回顾 section, a paragraph
    /// opening 过去的一年): what it names was done, not committed to.
    pub review: bool,
}

/// Words in a heading that make its section a review of the past.
const REVIEW_HEADINGS: [&str; 4] = ["回顾", "成绩", "总结", "过去"];
/// Openings of a paragraph that reviews the past.
const REVIEW_OPENINGS: [&str; 7] = [
    "过去的一年",
    "过去一年",
    "过去五年",
    "这五年",
    "五年来",
    "一年来",
    "回顾",
];

/// For each paragraph, whether it reviews the past: under a heading that says so
/// or that names the period before the plan's `period` (十三五 in a plan for
/// 十四五) and not its own, until a heading of the same or a higher level; or
/// opening with a review phrase or with that period (“十三五”时期是…; after a
/// numbered topic: 1.决胜全面建成小康社会取得决定性成就。“十三五”时期是我省发展…).
fn review_paragraphs(doc: &Document, period: Option<&str>) -> Vec<bool> {
    let previous = period.and_then(crate::extract::metadata::previous_period);
    // 十三五时期, 十三五期间, 十三五以来, 十三五发展成就: written once, looked for in
    // every heading and opening.
    let markers: Vec<String> = previous
        .map(|period| {
            ["时期", "期间", "以来", "发展成就"]
                .iter()
                .map(|w| format!("{period}{w}"))
                .collect()
        })
        .unwrap_or_default();
    let names_previous = |text: &str| {
        let text = text.replace(['“', '”'], "");
        markers.iter().any(|m| text.contains(m.as_str()))
    };
    // The first two sentences of each paragraph, as text.
    let mut openings: Vec<Vec<&str>> = vec![Vec::new(); doc.paragraphs.len()];
    for sentence in &doc.sentences {
        let opening = &mut openings[sentence.paragraph];
        if opening.len() < 2 {
            opening.push(doc.text_of(sentence.span));
        }
    }
    let mut review_level: Option<u8> = None;
    doc.paragraphs
        .iter()
        .zip(&openings)
        .map(|(p, opening_sentences)| {
            let text = doc.text_of(p.span);
            if p.role == ParagraphRole::Heading {
                if review_level.is_some_and(|level| p.level <= level) {
                    review_level = None;
                }
                let reviews = REVIEW_HEADINGS.iter().any(|w| text.contains(w))
                    || (names_previous(text) && !period.is_some_and(|p| text.contains(p)));
                if review_level.is_none() && reviews {
                    review_level = Some(p.level);
                }
                return review_level.is_some();
            }
            // ——这五年，…: a dashed item of a review.
            let opening = text.trim_start_matches('—');
            // The sentence that opens the paragraph, or the one after a numbered
            // topic (1.决胜…取得决定性成就。“十三五”时期是…): a review further on
            // may lead to what the plan commits to.
            let numbered_topic = opening_sentences
                .first()
                .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit()));
            let opens_on_previous = opening_sentences
                .iter()
                .take(if numbered_topic { 2 } else { 1 })
                .any(|sentence| {
                    let start: String = sentence
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '“')
                        .chars()
                        .take(MAX_PERIOD_OPENING)
                        .collect();
                    names_previous(&start)
                });
            review_level.is_some()
                || REVIEW_OPENINGS.iter().any(|w| opening.starts_with(w))
                || opens_on_previous
        })
        .collect()
}

/// Characters at the start of a sentence within which a named period opens it
/// (“十三五”时期是…).
const MAX_PERIOD_OPENING: usize = 8;

/// Characters that end a phrase: clause and enumeration punctuation.
pub(crate) fn is_phrase_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | '（'
            | '）'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
    )
}

/// Characters that end a clause (an enumeration comma `、` and brackets do not).
pub(crate) fn is_clause_break(c: char) -> bool {
    is_phrase_break(c) && !matches!(c, '、' | '（' | '）')
}

/// Characters that follow a name without being part of it: 高地上, 格局中, 城市建设.
const POSTPOSITIONS: [char; 12] = [
    '上', '中', '里', '内', '的', '和', '与', '及', '等', '建', '为', '是',
];

/// Quote characters, removed from labels.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' | '《' | '》'
    )
}

/// Spans that jieba must not split: quoted terms, plan periods, years, names joined by `·`.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "“[^“”]{1,20}”|《[^《》]{1,40}》",
        "|十[一二三四五六七八九]?五",
        "|[〇零一二三四五六七八九]{4}年|[0-9]{4}年",
        r"|\p{Han}{2,6}·\p{Han}{2,8}",
    ))
    .unwrap()
});

/// The plan's text, ready for the rules.
pub(crate) struct Text<'d> {
    pub doc: &'d Document,
    pub segmenter: &'d Segmenter,
    pub chars: Vec<char>,
    /// Sentences of the plan: in sections that belong to it, not bylines.
    pub sentences: Vec<SentenceView>,
}

impl<'d> Text<'d> {
    /// The plan's text; `period` is the plan's (十四五), whose predecessor's
    /// review is no part of the plan's commitments.
    pub(crate) fn new(
        doc: &'d Document,
        segmenter: &'d Segmenter,
        period: Option<&str>,
    ) -> Text<'d> {
        let chars: Vec<char> = doc.text.chars().collect();
        let review = review_paragraphs(doc, period);
        let mut sentences = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let paragraph = &doc.paragraphs[sentence.paragraph];
            if !doc.sections[paragraph.section].in_plan || paragraph.role == ParagraphRole::Byline {
                continue;
            }
            let text = doc.text_of(sentence.span);
            let mut protected: Vec<Span> = Vec::new();
            for m in PROTECTED.find_iter(text) {
                let start = text[..m.start()].chars().count();
                let span = Span::new(start, start + m.as_str().chars().count());
                protected.push(span);
            }
            let tokens = segmenter
                .tag(text, &protected)
                .into_iter()
                .map(|t| Token {
                    span: t.span.shifted(sentence.span.char_start),
                    tag: t.tag,
                })
                .collect();
            sentences.push(SentenceView {
                index,
                span: sentence.span,
                paragraph: sentence.paragraph,
                tokens,
                review: review[sentence.paragraph],
            });
        }
        Text {
            doc,
            segmenter,
            chars,
            sentences,
        }
    }

    /// The characters of a span as a string.
    pub(crate) fn str(&self, span: Span) -> String {
        self.chars[span.char_start..span.char_end].iter().collect()
    }

    /// Whether `pos` is the start or end of a token of `sentence`.
    pub(crate) fn at_boundary(&self, sentence: &SentenceView, pos: usize) -> bool {
        pos == sentence.span.char_start
            || pos == sentence.span.char_end
            || sentence
                .tokens
                .binary_search_by(|t| t.span.char_start.cmp(&pos))
                .is_ok()
    }

    /// Whether a name can end before `pos`: at a token boundary, or before
    /// punctuation or a postposition (jieba reads 高地上 as 高|地上).
    pub(crate) fn word_ends(&self, sentence: &SentenceView, pos: usize) -> bool {
        self.at_boundary(sentence, pos)
            || self
                .chars
                .get(pos)
                .is_some_and(|&c| is_phrase_break(c) || is_quote(c) || POSTPOSITIONS.contains(&c))
    }

    /// Whether the character before `pos` and the one at `pos` lie in one token
    /// (战略|目标 read as 战略目标).
    pub(crate) fn inside_token(&self, sentence: &SentenceView, pos: usize) -> bool {
        let i = sentence.tokens.partition_point(|t| t.span.char_end <= pos);
        sentence
            .tokens
            .get(i)
            .is_some_and(|t| t.span.char_start < pos && pos < t.span.char_end)
    }

    /// The token of `sentence` that starts at `pos`.
    pub(crate) fn token_at<'s>(&self, sentence: &'s SentenceView, pos: usize) -> Option<&'s Token> {
        let i = sentence
            .tokens
            .binary_search_by(|t| t.span.char_start.cmp(&pos))
            .ok()?;
        Some(&sentence.tokens[i])
    }

    /// Every occurrence of `needle` inside `span` (not overlapping).
    pub(crate) fn find_all(&self, span: Span, needle: &str) -> Vec<usize> {
        let needle: Vec<char> = needle.chars().collect();
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let mut i = span.char_start;
        while i + needle.len() <= span.char_end {
            if self.chars[i..i + needle.len()] == needle[..] {
                found.push(i);
                i += needle.len();
            } else {
                i += 1;
            }
        }
        found
    }

    /// Whether the characters at `pos` spell `word`.
    pub(crate) fn starts_with_at(&self, pos: usize, end: usize, word: &str) -> bool {
        (pos..)
            .zip(word.chars())
            .all(|(i, c)| i < end && self.chars[i] == c)
    }
}
