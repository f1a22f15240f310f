//! The jieba-rs wrapper: words with part-of-speech tags and character spans.
//!
//! jieba splits terms that plans write as one unit (十四五, 2035年, quoted names,
//! names joined by ·). Such spans are protected: they become single tokens and
//! jieba segments only the text between them.

use jieba_rs::Jieba;

use crate::span::Span;

/// A word with its part of speech; the span is in characters of the sentence's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub span: Span,
    /// jieba's tag (`n`, `v`, `ns`, …); `nz` for a protected span.
    pub tag: &'static str,
}

/// Tags that jieba uses, interned so that tokens hold `&'static str`.
const TAGS: &[&str] = &[
    "a", "ad", "ag", "an", "b", "c", "d", "df", "dg", "e", "eng", "f", "g", "h", "i", "j", "k",
    "l", "m", "mg", "mq", "n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "o", "p", "q", "r",
    "rg", "rr", "rz", "s", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz", "v", "vd", "vg",
    "vi", "vn", "vq", "x", "y", "z", "zg",
];

fn intern(tag: &str) -> &'static str {
    TAGS.iter().find(|t| **t == tag).copied().unwrap_or("x")
}

/// Whether a tag marks a noun-like word.
pub(crate) fn is_nominal(tag: &str) -> bool {
    tag.starts_with('n') || matches!(tag, "vn" | "an" | "j" | "l" | "i" | "eng")
}

/// A segmenter with the genre's vocabulary added to jieba's dictionary.
pub(crate) struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    /// jieba's default dictionary plus `words` (tagged `nz`) and `places` (tagged `ns`).
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = &'a str>,
        places: impl IntoIterator<Item = &'a str>,
    ) -> Segmenter {
        let mut jieba = Jieba::new();
        for word in words {
            if !jieba.has_word(word) {
                jieba.add_word(word, None, Some("nz"));
            }
        }
        for place in places {
            if !jieba.has_word(place) {
                jieba.add_word(place, None, Some("ns"));
            }
        }
        Segmenter { jieba }
    }

    /// Whether jieba's dictionary holds `word`.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Tags `text`, keeping each of `protected` (sorted, non-overlapping, in
    /// characters of `text`) as one token.
    pub(crate) fn tag(&self, text: &str, protected: &[Span]) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        let mut cursor = 0;
        for &span in protected.iter().chain(std::iter::once(&Span::new(
            byte_of_char.len() - 1,
            byte_of_char.len() - 1,
        ))) {
            if span.char_start < cursor {
                continue;
            }
            let gap = &text[byte_of_char[cursor]..byte_of_char[span.char_start]];
            for tag in self.jieba.tag(gap, true) {
                tokens.push(Token {
                    span: Span::new(cursor + tag.start, cursor + tag.end),
                    tag: intern(tag.tag),
                });
            }
            if !span.is_empty() {
                tokens.push(Token { span, tag: "nz" });
            }
            cursor = span.char_end;
        }
        tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(segmenter: &Segmenter, text: &str, protected: &[Span]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        segmenter
            .tag(text, protected)
            .iter()
            .map(|t| chars[t.span.char_start..t.span.char_end].iter().collect())
            .collect()
    }

    #[test]
    fn protected_spans_stay_whole() {
        let segmenter = Segmenter::new([], []);
        let text = "实施“十四五”规划";
        let got = words(&segmenter, text, &[Span::new(3, 6)]);
        assert!(got.contains(&"十四五".to_owned()), "{got:?}");
        assert_eq!(got.concat(), text);
    }

    #[test]
    fn added_words_are_segmented_as_one() {
        let segmenter = Segmenter::new(["动力谷"], ["醴陵"]);
        let got = words(&segmenter, "建设醴陵动力谷", &[]);
        assert!(got.contains(&"动力谷".to_owned()), "{got:?}");
        assert!(got.contains(&"醴陵".to_owned()), "{got:?}");
    }

    #[test]
    fn spans_tile_the_text() {
        let segmenter = Segmenter::new([], []);
        let text = "要推动制造业高质量发展，提升产业链现代化水平。";
        let tokens = segmenter.tag(text, &[]);
        let mut end = 0;
        for t in &tokens {
            assert_eq!(t.span.char_start, end);
            end = t.span.char_end;
        }
        assert_eq!(end, text.chars().count());
    }
}
