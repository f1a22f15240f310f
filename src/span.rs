//! Character spans.
//!
//! Every offset in plankg counts Unicode scalar values (Rust `char`s), never
//! bytes, and is 0-based and half-open. A [`Span`] on a [`crate::intake::Document`]'s
//! normalised text is mapped back to the original file by the document's offset map;
//! what reaches the graph always addresses the original file.

use serde::{Deserialize, Serialize};

/// A half-open range of characters: `char_start..char_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character of the span.
    pub char_start: usize,
    /// One past the last character of the span.
    pub char_end: usize,
}

impl Span {
    /// A span from `char_start` to `char_end`; panics if they are out of order.
    pub fn new(char_start: usize, char_end: usize) -> Span {
        assert!(
            char_start <= char_end,
            "span {char_start}..{char_end} is reversed"
        );
        Span {
            char_start,
            char_end,
        }
    }

    /// Number of characters covered.
    pub fn len(self) -> usize {
        self.char_end - self.char_start
    }

    /// Whether the span covers no character.
    pub fn is_empty(self) -> bool {
        self.char_start == self.char_end
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.char_start <= other.char_start && other.char_end <= self.char_end
    }

    /// Whether the two spans share at least one character.
    pub fn overlaps(self, other: Span) -> bool {
        self.char_start < other.char_end && other.char_start < self.char_end
    }

    /// The span moved right by `chars`.
    pub fn shifted(self, chars: usize) -> Span {
        Span::new(self.char_start + chars, self.char_end + chars)
    }
}

/// The characters of `text` covered by `span`, or `None` when the span runs past the end.
pub fn slice_chars(text: &str, span: Span) -> Option<&str> {
    let mut indices = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = indices.nth(span.char_start)?;
    let end = if span.is_empty() {
        start
    } else {
        indices.nth(span.len() - 1)?
    };
    Some(&text[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_characters_not_bytes() {
        let text = "株洲a市";
        assert_eq!(slice_chars(text, Span::new(0, 2)), Some("株洲"));
        assert_eq!(slice_chars(text, Span::new(2, 4)), Some("a市"));
        assert_eq!(slice_chars(text, Span::new(4, 4)), Some(""));
        assert_eq!(slice_chars(text, Span::new(3, 5)), None);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(2, 6);
        assert!(a.contains(Span::new(2, 6)));
        assert!(!a.contains(Span::new(1, 3)));
        assert!(a.overlaps(Span::new(5, 9)));
        assert!(!a.overlaps(Span::new(6, 9)));
    }
}
