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
/// (until a heading of the same or a higher level), or opening with a review phrase.
fn review_paragraphs(doc: &Document) -> Vec<bool> {
    let mut review_level: Option<u8> = None;
    doc.paragraphs
        .iter()
        .map(|p| {
            let text = doc.text_of(p.span);
            if p.role == ParagraphRole::Heading {
                if review_level.is_some_and(|level| p.level <= level) {
                    review_level = None;
                }
                if review_level.is_none() && REVIEW_HEADINGS.iter().any(|w| text.contains(w)) {
                    review_level = Some(p.level);
                }
            }
            // ——这五年，…: a dashed item of a review.
            let opening = text.trim_start_matches('—');
            review_level.is_some() || REVIEW_OPENINGS.iter().any(|w| opening.starts_with(w))
        })
        .collect()
}

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
    pub(crate) fn new(doc: &'d Document, segmenter: &'d Segmenter) -> Text<'d> {
        let chars: Vec<char> = doc.text.chars().collect();
        let review = review_paragraphs(doc);
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
