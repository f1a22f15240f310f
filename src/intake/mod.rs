//! Text intake: a file on disk becomes a [`Document`].
//!
//! The entry point is [`read_document`]. It runs a chain of small steps, one per
//! file: `decode` (bytes → text, refusing empty, binary and undecodable input),
//! `markup` (HTML and Markdown → paragraphs), `normalize` (punctuation width,
//! whitespace, layout markers, paragraphs broken mid-sentence) and `split`
//! (sections, paragraphs, sentences). Normalisation rewrites text but records an
//! [`OffsetMap`], so every span on the normalised text maps back to the exact
//! characters of the original file.

use std::path::{Path, PathBuf};

use crate::span::Span;

/// Settings of [`read_document`].
#[derive(Debug, Clone, Default)]
pub struct IntakeOptions {
    /// Decode with this encoding instead of detecting one (a WHATWG label such as
    /// `gb18030`, `gbk`, `utf-8`, `utf-16le`).
    pub encoding: Option<String>,
}

/// The kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text (`.txt`); Markdown headings and emphasis in it are understood too.
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// HTML (`.html`, `.htm`), read through an HTML parser.
    Html,
}

/// What a paragraph is, as far as layout tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphRole {
    /// A heading (Markdown `#`, an HTML `h1`–`h6`, a numbered heading such as
    /// `一、…` or `第一章 …`, or a short line without sentence punctuation).
    Heading,
    /// Running text.
    Body,
    /// A dateline, byline, or editorial line (`新华社北京10月29日电`, `记者 张三`,
    /// `（2020年10月29日…通过）`): part of the page, not of the plan's content.
    Byline,
}

/// A paragraph of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Span on [`Document::text`].
    pub span: Span,
    /// What the paragraph is.
    pub role: ParagraphRole,
    /// Heading level (1 = top) for headings, 0 otherwise.
    pub level: u8,
    /// Index into [`Document::sections`].
    pub section: usize,
}

/// A section: a heading and what follows it up to the next heading of the same
/// or a higher level. Text before the first heading is a section without heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::paragraphs`] of the heading, if any.
    pub heading: Option<usize>,
    /// Span on [`Document::text`], heading included.
    pub span: Span,
    /// Whether the section belongs to the plan. A newspaper page can carry other
    /// articles after the plan (notices, advertisements); those sections are `false`
    /// and yield no plan concepts.
    pub in_plan: bool,
}

/// A sentence: text up to and including `。！？` (or the end of its paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Span on [`Document::text`].
    pub span: Span,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
}

/// For each character of the normalised text, the range of original characters it
/// came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `origin[i]` is the original span of normalised character `i`.
    origin: Vec<(u32, u32)>,
    /// Number of characters of the original text.
    original_len: usize,
}

/// A plan document, read and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it was read from.
    pub path: PathBuf,
    /// The kind of file.
    pub format: SourceFormat,
    /// Name of the encoding it was decoded with (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: &'static str,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// The decoded file content, byte-order mark removed. Mention offsets address this.
    pub original: String,
    /// The normalised text: one paragraph per line.
    pub text: String,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Map from `text` back to `original`.
    pub offsets: OffsetMap,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IntakeError {
    /// The file could not be read from disk.
    #[error("{}: cannot read", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file holds no text.
    #[error("{}: the file is empty", .path.display())]
    Empty { path: PathBuf },
    /// The file looks like binary data, not text.
    #[error("{}: binary file, not text (byte {byte:#04x} at offset {offset})", .path.display())]
    Binary { path: PathBuf, byte: u8, offset: usize },
    /// The bytes are not valid in the encoding used.
    #[error("{}: not valid {encoding} (byte {byte:#04x} at offset {offset})", .path.display())]
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
        byte: u8,
        offset: usize,
    },
    /// `--encoding` named no known encoding.
    #[error("unknown encoding {label:?}")]
    UnknownEncoding { label: String },
    /// The file's extension is not one plankg reads.
    #[error("{}: unsupported file type (plankg reads .txt, .md, .html and .htm)", .path.display())]
    Unsupported { path: PathBuf },
    /// A directory argument holds no supported file.
    #[error("{}: no .txt, .md, .html or .htm file in this directory", .path.display())]
    NothingSupported { path: PathBuf },
}

impl IntakeError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            IntakeError::Undecodable { .. } => Some(
                "re-save the file as UTF-8 or GB18030, or name its encoding with --encoding",
            ),
            IntakeError::UnknownEncoding { .. } => {
                Some("use a WHATWG label such as utf-8, gb18030, gbk, big5 or utf-16le")
            }
            IntakeError::Binary { .. } | IntakeError::Unsupported { .. } => {
                Some("plankg reads plain text, Markdown and HTML files")
            }
            _ => None,
        }
    }
}

/// Reads, decodes, normalises and splits one file.
pub fn read_document(path: &Path, options: &IntakeOptions) -> Result<Document, IntakeError> {
    let _ = (path, options);
    todo!("intake")
}

/// Expands the command line's paths: files are kept (an unsupported extension is an
/// error), directories give every supported file directly inside them, sorted.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IntakeError> {
    let _ = paths;
    todo!("intake")
}
