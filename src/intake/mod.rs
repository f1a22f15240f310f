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

use sha2::{Digest, Sha256};

use crate::span::Span;

mod decode;
mod markup;
mod normalize;
mod split;

/// Settings of [`read_document`].
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// Decode with this encoding instead of detecting one (a WHATWG label such as
    /// `gb18030`, `gbk`, `utf-8`, `utf-16le`).
    pub encoding: Option<String>,
    /// Refuse files larger than this many bytes ([`IntakeError::TooLarge`]); `None`
    /// reads any size. Default: [`DEFAULT_MAX_BYTES`].
    pub max_bytes: Option<u64>,
}

impl Default for IntakeOptions {
    fn default() -> Self {
        IntakeOptions {
            encoding: None,
            max_bytes: Some(DEFAULT_MAX_BYTES),
        }
    }
}

/// The largest file read by default: 32 MiB, about 11 million Chinese characters,
/// a hundred times the longest plan of the corpora. Reading, extracting and
/// mapping take about 60 bytes of memory per character, so such a file needs
/// about 700 MB and 12 s on one core; a larger one is refused unless asked for.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The deepest HTML nesting read (elements inside elements). Pages nest a few
/// dozen levels; the HTML parser's scope checks cost time proportional to the
/// depth for every element, so a file nested a hundred thousand levels took 36 s.
pub const MAX_HTML_DEPTH: usize = 512;

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
    /// `（2020年10月29日…通过）`, `省长 李炳军`, `来源：湖南日报`), or a scrap of page
    /// apparatus without two letters or Chinese characters (`>`, `】`): part of the
    /// page, not of the plan's content.
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
    /// and yield no plan concepts. The rule: after the plan's closing exhortation
    /// (`全会号召…`, `…而努力奋斗！`, `让我们…！`), a section under a heading that is not
    /// a numbered plan heading (`一、`, `（一）`, `第X章`) is not the plan, until an
    /// annex or notes of the document begin (`附件`, `注释`); a section none of whose
    /// paragraphs uses the genre's vocabulary (`发展`, `建设`, `改革`, `规划`, …) is not
    /// the plan; nor is a section inside one that is not.
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
///
/// Ranges are non-decreasing: a character's range never starts before the previous
/// character's range ends. A paragraph break (`\n` between paragraphs) maps to the
/// stretch of the original between the two paragraphs (line breaks, deleted layout
/// markers, HTML tags). The map also keeps, for both texts, the byte offset of every
/// character, so that [`Document::text_of`] and [`Document::original_of`] are O(1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `origin[i]` is the original span of normalised character `i`.
    origin: Vec<(u32, u32)>,
    /// Number of characters of the original text.
    original_len: usize,
    /// Byte offset of each normalised character, plus the text's length in bytes.
    text_bytes: Vec<u32>,
    /// Byte offset of each original character, plus the original's length in bytes.
    original_bytes: Vec<u32>,
}

impl OffsetMap {
    /// Builds the map from the origin of each normalised character.
    fn new(origin: Vec<(u32, u32)>, text: &str, original: &str) -> OffsetMap {
        let text_bytes = byte_table(text);
        let original_bytes = byte_table(original);
        debug_assert_eq!(origin.len() + 1, text_bytes.len());
        OffsetMap {
            origin,
            original_len: original_bytes.len() - 1,
            text_bytes,
            original_bytes,
        }
    }

    /// Number of characters of the normalised text.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Number of characters of the original text.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// The original characters normalised character `char_index` came from: one
    /// character, or several (a collapsed run of spaces, a `CRLF`, an HTML entity such
    /// as `&amp;`, the gap between two paragraphs). Panics past the end.
    pub fn origin(&self, char_index: usize) -> Span {
        let (start, end) = self.origin[char_index];
        Span::new(start as usize, end as usize)
    }

    /// The original span of a span of the normalised text: from the start of its first
    /// character's origin to the end of its last character's origin. An empty span maps
    /// to an empty span where its position's character came from (at the end of the
    /// original when it is at the end of the text). Panics if `span` runs past the end.
    pub fn original_span(&self, span: Span) -> Span {
        assert!(
            span.char_end <= self.origin.len(),
            "span {}..{} runs past the normalised text ({} characters)",
            span.char_start,
            span.char_end,
            self.origin.len()
        );
        if span.is_empty() {
            let at = match self.origin.get(span.char_start) {
                Some(&(start, _)) => start as usize,
                None => self.origin.last().map_or(0, |&(_, end)| end as usize),
            };
            return Span::new(at, at);
        }
        let start = self.origin[span.char_start].0 as usize;
        let end = self.origin[span.char_end - 1].1 as usize;
        Span::new(start, end.max(start))
    }

    /// The normalised character that original character `original_char` became, or,
    /// if it was dropped (a space, a layout marker, markup), the next normalised
    /// character after it (the text's length when there is none).
    pub fn normalized_index(&self, original_char: usize) -> usize {
        let c = original_char as u32;
        self.origin.partition_point(|&(_, end)| end <= c)
    }

    /// Byte range in the normalised text of a character span.
    fn text_bytes(&self, span: Span) -> Option<std::ops::Range<usize>> {
        byte_range(&self.text_bytes, span)
    }

    /// Byte range in the original text of a character span.
    fn original_bytes(&self, span: Span) -> Option<std::ops::Range<usize>> {
        byte_range(&self.original_bytes, span)
    }
}

/// Byte offset of each character of `text`, plus the text's length.
fn byte_table(text: &str) -> Vec<u32> {
    let mut table = Vec::with_capacity(text.len() / 2 + 1);
    table.extend(text.char_indices().map(|(i, _)| i as u32));
    table.push(text.len() as u32);
    table
}

fn byte_range(table: &[u32], span: Span) -> Option<std::ops::Range<usize>> {
    let start = *table.get(span.char_start)? as usize;
    let end = *table.get(span.char_end)? as usize;
    (start <= end).then_some(start..end)
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
    Binary {
        path: PathBuf,
        byte: u8,
        offset: usize,
    },
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
    /// The file is larger than [`IntakeOptions::max_bytes`].
    #[error("{}: the file has {bytes} bytes, more than the limit of {limit}", .path.display())]
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    /// An HTML file nests elements deeper than [`MAX_HTML_DEPTH`].
    #[error("{}: HTML nested more than {MAX_HTML_DEPTH} elements deep", .path.display())]
    TooDeep { path: PathBuf },
    /// A directory argument holds no supported file.
    #[error("{}: no .txt, .md, .html or .htm file in this directory", .path.display())]
    NothingSupported { path: PathBuf },
}

impl IntakeError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            IntakeError::Undecodable { .. } => {
                Some("re-save the file as UTF-8 or GB18030, or name its encoding with --encoding")
            }
            IntakeError::UnknownEncoding { .. } => {
                Some("use a WHATWG label such as utf-8, gb18030, gbk, big5 or utf-16le")
            }
            IntakeError::Binary { .. } | IntakeError::Unsupported { .. } => {
                Some("plankg reads plain text, Markdown and HTML files")
            }
            IntakeError::TooLarge { .. } => Some(
                "split the file, or raise the limit with --max-size MB (0 for none; about 60 bytes of memory per character)",
            ),
            IntakeError::TooDeep { .. } => {
                Some("save the page's text as .txt, or remove the markup's empty nesting")
            }
            _ => None,
        }
    }
}

impl SourceFormat {
    /// The format a file's extension names (`.txt`, `.md`, `.html`, `.htm`, in any
    /// case), or `None` for any other file.
    pub fn from_path(path: &Path) -> Option<SourceFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(SourceFormat::Text),
            "md" => Some(SourceFormat::Markdown),
            "html" | "htm" => Some(SourceFormat::Html),
            _ => None,
        }
    }
}

impl Document {
    /// Decodes, normalises and splits a file's bytes already in memory; `path` only
    /// names the document (in errors and in [`Document::path`]).
    pub fn from_bytes(
        path: impl Into<PathBuf>,
        format: SourceFormat,
        bytes: &[u8],
        options: &IntakeOptions,
    ) -> Result<Document, IntakeError> {
        let path = path.into();
        check_size(&path, bytes.len() as u64, options)?;
        if format == SourceFormat::Html && markup::nesting_depth(bytes) > MAX_HTML_DEPTH {
            return Err(IntakeError::TooDeep { path });
        }
        let decoded = decode::decode(&path, bytes, options.encoding.as_deref())?;
        build(
            path,
            format,
            decoded.encoding,
            sha256_hex(bytes),
            decoded.text,
        )
    }

    /// Normalises and splits text already decoded, as if read from a UTF-8 file.
    /// Handy in tests: `Document::from_text("t.txt", SourceFormat::Text, "要推动…")`.
    pub fn from_text(
        path: impl Into<PathBuf>,
        format: SourceFormat,
        original: impl Into<String>,
    ) -> Result<Document, IntakeError> {
        let path = path.into();
        let original = original.into();
        if decode::is_blank(&original) {
            return Err(IntakeError::Empty { path });
        }
        let sha256 = sha256_hex(original.as_bytes());
        build(path, format, "UTF-8", sha256, original)
    }

    /// The original span of a span of [`Document::text`] (see
    /// [`OffsetMap::original_span`]).
    pub fn original_span(&self, span: Span) -> Span {
        self.offsets.original_span(span)
    }

    /// The characters of [`Document::text`] covered by `span`, in O(1). Panics if the
    /// span runs past the end.
    pub fn text_of(&self, span: Span) -> &str {
        match self.offsets.text_bytes(span) {
            Some(bytes) if self.offsets.text_bytes.len() == self.offsets.origin.len() + 1 => {
                &self.text[bytes]
            }
            _ => slice_or_panic(&self.text, span),
        }
    }

    /// The characters of [`Document::original`] covered by `span` (a span of the
    /// original, such as [`Document::original_span`] gives), in O(1). Panics if the
    /// span runs past the end.
    pub fn original_of(&self, span: Span) -> &str {
        match self.offsets.original_bytes(span) {
            Some(bytes) if !self.offsets.original_bytes.is_empty() => &self.original[bytes],
            _ => slice_or_panic(&self.original, span),
        }
    }

    /// The index of the sentence holding normalised character `char_index`, if any
    /// (paragraph breaks and the spaces between sentences belong to none).
    pub fn sentence_at(&self, char_index: usize) -> Option<usize> {
        let i = self
            .sentences
            .partition_point(|s| s.span.char_end <= char_index);
        let sentence = self.sentences.get(i)?;
        (sentence.span.char_start <= char_index).then_some(i)
    }

    /// Whether sentence `sentence` belongs to the plan, as its section says (see
    /// [`Section::in_plan`]). Panics if there is no such sentence.
    pub fn in_plan(&self, sentence: usize) -> bool {
        let paragraph = &self.paragraphs[self.sentences[sentence].paragraph];
        self.sections[paragraph.section].in_plan
    }
}

fn slice_or_panic(text: &str, span: Span) -> &str {
    match crate::span::slice_chars(text, span) {
        Some(slice) => slice,
        None => panic!(
            "span {}..{} runs past the text",
            span.char_start, span.char_end
        ),
    }
}

/// Runs markup, normalisation and splitting over decoded text. Text that leaves
/// nothing after normalisation (only markup, layout markers, whitespace) is empty.
fn build(
    path: PathBuf,
    format: SourceFormat,
    encoding: &'static str,
    sha256: String,
    original: String,
) -> Result<Document, IntakeError> {
    let mapped = match format {
        SourceFormat::Text | SourceFormat::Markdown => markup::text_lines(&original),
        SourceFormat::Html => markup::html_lines(&original),
    };
    let normalized = normalize::normalize(mapped);
    if normalized.text.is_empty() {
        return Err(IntakeError::Empty { path });
    }
    let split = split::split(&normalized.text, &normalized.paragraphs);
    let offsets = OffsetMap::new(normalized.origin, &normalized.text, &original);
    Ok(Document {
        path,
        format,
        encoding,
        sha256,
        original,
        text: normalized.text,
        paragraphs: split.paragraphs,
        sections: split.sections,
        sentences: split.sentences,
        offsets,
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0xf)] as char);
    }
    out
}

fn check_size(path: &Path, bytes: u64, options: &IntakeOptions) -> Result<(), IntakeError> {
    match options.max_bytes {
        Some(limit) if bytes > limit => Err(IntakeError::TooLarge {
            path: path.to_path_buf(),
            bytes,
            limit,
        }),
        _ => Ok(()),
    }
}

/// Reads, decodes, normalises and splits one file.
pub fn read_document(path: &Path, options: &IntakeOptions) -> Result<Document, IntakeError> {
    let format = SourceFormat::from_path(path).ok_or_else(|| IntakeError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let io = |source| IntakeError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Refused before it is read: a file too large is never loaded.
    check_size(path, std::fs::metadata(path).map_err(io)?.len(), options)?;
    let bytes = std::fs::read(path).map_err(io)?;
    Document::from_bytes(path, format, &bytes, options)
}

/// Expands the command line's paths: files are kept (an unsupported extension is an
/// error), directories give every supported file directly inside them, sorted.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IntakeError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IntakeError::Io { path, source }
    };
    let mut inputs = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(io(path))?;
        if !meta.is_dir() {
            if SourceFormat::from_path(path).is_none() {
                return Err(IntakeError::Unsupported { path: path.clone() });
            }
            inputs.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in std::fs::read_dir(path).map_err(io(path))? {
            let entry = entry.map_err(io(path))?.path();
            if entry.is_file() && SourceFormat::from_path(&entry).is_some() {
                found.push(entry);
            }
        }
        if found.is_empty() {
            return Err(IntakeError::NothingSupported { path: path.clone() });
        }
        found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        inputs.extend(found);
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    const SEED: &str = "/work/shared/corpus/plans/zhuzhou_2020_plenum.txt";
    const CORPORA: &[&str] = &[
        "/work/shared/corpus/plans",
        "/work/shared/corpus/provinces-2026",
    ];

    /// Reads `path` and checks the document's invariants: every sentence and paragraph
    /// maps back to original text that normalises to it; original spans lie inside the
    /// original; paragraphs, sentences and sections are consistent.
    #[track_caller]
    fn check(path: &Path) -> Document {
        let doc = read_document(path, &IntakeOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let text_len = doc.text.chars().count();
        assert_eq!(doc.offsets.len(), text_len);
        assert_eq!(doc.offsets.original_len(), doc.original.chars().count());
        let html = doc.format == SourceFormat::Html;
        let spans = doc
            .sentences
            .iter()
            .map(|s| s.span)
            .chain(doc.paragraphs.iter().map(|p| p.span));
        for span in spans {
            let original = doc.original_span(span);
            assert!(original.char_end <= doc.offsets.original_len());
            let slice = doc.original_of(original);
            assert_eq!(
                Some(slice),
                crate::span::slice_chars(&doc.original, original)
            );
            if !html {
                assert_eq!(
                    normalize::canonical_key(slice),
                    normalize::canonical_key(doc.text_of(span)),
                    "{}: {span:?}",
                    path.display()
                );
            }
            assert!(!doc.text_of(span).is_empty());
            assert_eq!(doc.text_of(span).trim(), doc.text_of(span));
        }
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let paragraph = &doc.paragraphs[sentence.paragraph];
            assert!(paragraph.span.contains(sentence.span));
            assert_eq!(doc.sentence_at(sentence.span.char_start), Some(i));
            assert_eq!(doc.sentence_at(sentence.span.char_end - 1), Some(i));
        }
        for paragraph in &doc.paragraphs {
            assert!(
                doc.sections[paragraph.section]
                    .span
                    .contains(paragraph.span)
            );
        }
        assert_eq!(doc.text.split('\n').count(), doc.paragraphs.len());
        doc
    }

    #[test]
    fn seed_plenum_communique() {
        let doc = check(Path::new(SEED));
        assert_eq!(doc.encoding, "UTF-8");
        assert!(
            doc.text
                .contains("要激发各类市场主体活力，完善经济治理体系")
        );
        assert!(
            doc.text
                .contains("基本建成全区域更高水平全国文明城市。要提高")
        );
        assert!(doc.text.contains("成为新发展格局中的战略节点城市；"));
        assert!(!doc.text.contains("上接A1版"));
        assert!(
            doc.text
                .starts_with("中国共产党株洲市第十二届委员会第十四次全体会议公报\n从全国看，")
        );
        let title = &doc.paragraphs[0];
        assert_eq!(title.role, ParagraphRole::Heading);
        assert_eq!(title.level, 1);
        assert_eq!(
            doc.text_of(title.span),
            "中国共产党株洲市第十二届委员会第十四次全体会议公报"
        );
        // The plan, then two COVID-19 notices under their own headings.
        let covid: Vec<usize> = (0..doc.sections.len())
            .filter(|&s| {
                doc.sections[s].heading.is_some_and(|h| {
                    doc.text_of(doc.paragraphs[h].span)
                        .starts_with("做好新冠疫情")
                })
            })
            .collect();
        assert_eq!(covid.len(), 2);
        for (s, section) in doc.sections.iter().enumerate() {
            assert_eq!(section.in_plan, s < covid[0], "section {s}");
        }
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.text_of(sentence.span);
            let in_covid = doc.sections[doc.paragraphs[sentence.paragraph].section]
                .heading
                .is_some_and(|h| covid.contains(&doc.paragraphs[h].section));
            assert_eq!(doc.in_plan(i), !in_covid, "{text}");
        }
        // Offsets of a rejoined sentence run across the blank line in the original.
        let at = doc.text.find("要激发各类市场主体").unwrap();
        let start = doc.text[..at].chars().count();
        let sentence = doc.sentence_at(start).unwrap();
        let original = doc.original_of(doc.original_span(doc.sentences[sentence].span));
        assert!(original.starts_with("要激发各类市场主体活\n\n力,完善经济治理体系,"));
    }

    #[test]
    fn every_corpus_file_keeps_its_offsets() {
        let mut files = 0;
        for dir in CORPORA {
            let inputs = collect_inputs(&[PathBuf::from(dir)]).unwrap();
            for path in inputs {
                let doc = check(&path);
                assert!(doc.sections.iter().any(|s| s.in_plan), "{}", path.display());
                files += 1;
            }
        }
        assert!(files >= 29);
    }

    #[test]
    fn html_document_maps_to_its_source() {
        let path = data("plan.html");
        let doc = check(&path);
        let roles: Vec<(ParagraphRole, u8, &str)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.role, p.level, doc.text_of(p.span)))
            .collect();
        assert_eq!(
            roles,
            [
                (ParagraphRole::Heading, 1, "标题"),
                (ParagraphRole::Body, 0, "要推动&发展，加快建设。"),
            ]
        );
        let amp = doc.text.chars().position(|c| c == '&').unwrap();
        let span = doc.original_span(Span::new(amp, amp + 1));
        assert_eq!(doc.original_of(span), "&amp;");
        let body = doc.original_span(doc.paragraphs[1].span);
        assert_eq!(doc.original_of(body), "要推动&amp;发展,加快建设。");
        assert!(!doc.text.contains('x'));
    }

    #[test]
    fn fixtures_in_other_encodings() {
        let doc = check(&data("gb18030.txt"));
        assert_eq!(doc.encoding, "GB18030");
        assert_eq!(doc.sentences.len(), 2);
        assert!(doc.text.contains("二〇三五年"));
        let doc = check(&data("utf16le.txt"));
        assert_eq!(doc.encoding, "UTF-16LE");
        assert_eq!(doc.text, "要推动制造业高质量发展。");
        let bytes = std::fs::read(data("gb18030.txt")).unwrap();
        assert_eq!(doc.sha256.len(), 64);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(sha256_hex(&bytes), doc.sha256);
    }

    #[test]
    fn refused_files_name_themselves() {
        let options = IntakeOptions::default();
        let err = read_document(&data("empty.txt"), &options).unwrap_err();
        assert!(matches!(err, IntakeError::Empty { .. }));
        assert!(
            err.to_string().ends_with("empty.txt: the file is empty"),
            "{err}"
        );
        let nothing = [
            (SourceFormat::Html, "<html><script>x</script></html>"),
            (SourceFormat::Text, "**上接A1版**\n"),
        ];
        for (format, text) in nothing {
            let err = Document::from_text("x", format, text).unwrap_err();
            assert!(matches!(err, IntakeError::Empty { .. }), "{text}");
        }
        let err = read_document(&data("binary.bin"), &options).unwrap_err();
        assert!(matches!(err, IntakeError::Unsupported { .. }));
        let bytes = std::fs::read(data("binary.bin")).unwrap();
        let err = Document::from_bytes("x.txt", SourceFormat::Text, &bytes, &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt: binary file, not text (byte 0x00 at offset 4)"
        );
        let forced = IntakeOptions {
            max_bytes: None,
            encoding: Some("klingon".into()),
        };
        let err = read_document(&data("gb18030.txt"), &forced).unwrap_err();
        assert_eq!(err.to_string(), "unknown encoding \"klingon\"");
        assert!(err.hint().is_some());
        let err = read_document(&data("missing.txt"), &options).unwrap_err();
        match err {
            IntakeError::Io { source, .. } => {
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn inputs_from_files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["b.md", "a.txt", "c.HTML", "d.htm", "notes.pdf"] {
            std::fs::write(root.join(name), "要推动发展。").unwrap();
        }
        std::fs::create_dir(root.join("sub.txt")).unwrap();
        let names = |paths: Vec<PathBuf>| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        let got = collect_inputs(&[root.join("b.md"), root.to_path_buf()]).unwrap();
        assert_eq!(names(got), ["b.md", "a.txt", "b.md", "c.HTML", "d.htm"]);
        let err = collect_inputs(&[root.join("notes.pdf")]).unwrap_err();
        assert!(matches!(err, IntakeError::Unsupported { .. }));
        let err = collect_inputs(&[root.join("sub.txt")]).unwrap_err();
        assert!(matches!(err, IntakeError::NothingSupported { .. }));
        let err = collect_inputs(&[root.join("nope")]).unwrap_err();
        match err {
            IntakeError::Io { source, .. } => {
                assert_eq!(source.kind(), std::io::ErrorKind::NotFound)
            }
            other => panic!("{other}"),
        }
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
        "(",
        ")",
        "（",
        "）",
        "1,000",
        "5.53",
        "二O三五年",
        "二 〇 ",
        " ",
        "\u{3000}",
        "\n",
        "\n\n",
        "\r\n",
        "**",
        "上接A1版",
        "（下转第3版）",
        "# ",
        "ＧＤＰ",
        "“三高四新”",
        "一、",
        "——",
        "全会号召，",
        "奋斗！",
    ];

    /// Pieces of HTML pages: tags, entities, scripts, comments, text.
    const HTML_PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"nav\">",
        "</div>",
        "<h2>",
        "</h2>",
        "<br>",
        "<script>var a = '<p>';</script>",
        "<!-- 注释 -->",
        "&amp;",
        "&nbsp;",
        "&#x4e2d;",
        "&lt;",
        "要推动发展",
        "，",
        "。",
        "\n",
        "  ",
        "<pre>一\n二</pre>",
        "<table><tr><td>一</td><td>二</td></tr></table>",
        "上接A1版",
    ];

    /// Every paragraph's and sentence's span, and every single normalised
    /// character, maps inside the original; the original slices agree with a plain
    /// character slice; for text formats, each maps to characters that normalise to it.
    fn check_maps_back(doc: &Document) -> Result<(), proptest::test_runner::TestCaseError> {
        let original_len = doc.offsets.original_len();
        proptest::prop_assert_eq!(original_len, doc.original.chars().count());
        proptest::prop_assert_eq!(doc.offsets.len(), doc.text.chars().count());
        let spans = doc
            .sentences
            .iter()
            .map(|s| s.span)
            .chain(doc.paragraphs.iter().map(|p| p.span))
            .chain((0..doc.offsets.len()).map(|i| Span::new(i, i + 1)));
        for span in spans {
            let original = doc.original_span(span);
            proptest::prop_assert!(original.char_start <= original.char_end);
            proptest::prop_assert!(original.char_end <= original_len);
            let slice = doc.original_of(original);
            proptest::prop_assert_eq!(
                Some(slice),
                crate::span::slice_chars(&doc.original, original)
            );
            if doc.format != SourceFormat::Html {
                proptest::prop_assert_eq!(
                    normalize::canonical_key(slice),
                    normalize::canonical_key(doc.text_of(span)),
                    "{:?} from {:?}",
                    doc.text_of(span),
                    slice
                );
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Any text at all, not only the genre's pieces: control characters, other
        /// scripts, lone combining marks, full-width forms.
        #[test]
        fn any_text_maps_back_to_the_original(
            input in "(\\PC|[\r\n\t \u{3000}，。！？“”（）＊#*_])*",
            markdown in proptest::bool::ANY,
        ) {
            let format = if markdown { SourceFormat::Markdown } else { SourceFormat::Text };
            if let Ok(doc) = Document::from_text("t.txt", format, input) {
                check_maps_back(&doc)?;
            }
        }

        #[test]
        fn html_maps_back_to_the_original(
            pieces in proptest::collection::vec(0..HTML_PIECES.len(), 1..40),
        ) {
            let input: String = pieces.iter().map(|&i| HTML_PIECES[i]).collect();
            if let Ok(doc) = Document::from_text("t.html", SourceFormat::Html, input) {
                check_maps_back(&doc)?;
            }
        }

        /// Any bytes in any of the encodings intake knows: refused or read, never a
        /// panic, and what is read maps back.
        #[test]
        fn any_bytes_are_refused_or_map_back(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            encoding in proptest::sample::select(vec![None, Some("gb18030"), Some("utf-16le"), Some("big5")]),
        ) {
            let options = IntakeOptions {
                encoding: encoding.map(str::to_owned),
                ..IntakeOptions::default()
            };
            if let Ok(doc) = Document::from_bytes("t.txt", SourceFormat::Text, &bytes, &options) {
                check_maps_back(&doc)?;
            }
        }

        #[test]
        fn random_spans_map_into_the_original(
            pieces in proptest::collection::vec(0..PIECES.len(), 1..60),
            a in 0usize..1000,
            b in 0usize..1000,
        ) {
            let input: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let Ok(doc) = Document::from_text("t.md", SourceFormat::Markdown, input) else {
                return Ok(());
            };
            let len = doc.offsets.len();
            let (a, b) = (a % (len + 1), b % (len + 1));
            let span = Span::new(a.min(b), a.max(b));
            let original = doc.original_span(span);
            proptest::prop_assert!(original.char_end <= doc.offsets.original_len());
            let slice = doc.original_of(original);
            proptest::prop_assert_eq!(
                normalize::canonical_key(slice),
                normalize::canonical_key(doc.text_of(span))
            );
        }
    }

    #[test]
    fn deeply_nested_html_is_refused_before_parsing() {
        // 100,000 levels took the HTML parser 36 s; now refused at once.
        let depth = 100_000;
        let html = format!(
            "{}要推动发展。{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let start = std::time::Instant::now();
        let err = Document::from_bytes(
            "deep.html",
            SourceFormat::Html,
            html.as_bytes(),
            &IntakeOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, IntakeError::TooDeep { .. }), "{err}");
        assert!(start.elapsed().as_secs() < 2);
        assert!(
            err.to_string()
                .starts_with("deep.html: HTML nested more than 512")
        );
        // Nesting of real pages is read.
        let html = format!(
            "{}要推动发展。{}",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        let doc = Document::from_bytes(
            "ok.html",
            SourceFormat::Html,
            html.as_bytes(),
            &IntakeOptions::default(),
        )
        .unwrap();
        assert_eq!(doc.text, "要推动发展。");
    }

    #[test]
    fn files_over_the_size_limit_are_refused() {
        let options = IntakeOptions {
            max_bytes: Some(10),
            ..IntakeOptions::default()
        };
        let err = Document::from_bytes(
            "big.txt",
            SourceFormat::Text,
            "要推动发展。".as_bytes(),
            &options,
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                IntakeError::TooLarge {
                    bytes: 18,
                    limit: 10,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.hint().unwrap().contains("--max-size"));
        let unlimited = IntakeOptions {
            max_bytes: None,
            ..IntakeOptions::default()
        };
        assert!(
            Document::from_bytes(
                "big.txt",
                SourceFormat::Text,
                "要推动发展。".as_bytes(),
                &unlimited
            )
            .is_ok()
        );
    }

    #[test]
    fn spans_map_both_ways() {
        let doc = Document::from_text(
            "t.txt",
            SourceFormat::Text,
            "**上接A1版** 从全国看,我国已转向高质量发展阶段。\r\n\r\n要推动  发展。",
        )
        .unwrap();
        assert_eq!(
            doc.text,
            "从全国看，我国已转向高质量发展阶段。\n要推动发展。"
        );
        let check_span = |start: usize, end: usize, text: &str, original: &str| {
            let span = Span::new(start, end);
            assert_eq!(doc.text_of(span), text);
            assert_eq!(doc.original_of(doc.original_span(span)), original);
        };
        check_span(0, 2, "从全", "从全");
        check_span(4, 5, "，", ",");
        check_span(16, 19, "段。\n", "段。\r\n\r\n");
        check_span(20, 23, "推动发", "推动  发");
        check_span(3, 3, "", "");
        assert_eq!(doc.original_span(Span::new(0, 0)), Span::new(10, 10));
        assert_eq!(doc.original_span(Span::new(25, 25)), Span::new(40, 40));
        assert_eq!(doc.offsets.normalized_index(0), 0);
        assert_eq!(doc.offsets.normalized_index(11), 1);
        assert_eq!(doc.sentence_at(18), None);
        assert_eq!(doc.sentence_at(19), Some(1));
        assert!(doc.in_plan(1));
    }
}
