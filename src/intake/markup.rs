//! Markup: the original text becomes lines of characters, each character carrying
//! the original characters it came from.
//!
//! Plain text and Markdown: one line per line of the file; `#`…`######` + space
//! makes a heading line; `**…**` and `__…__` emphasis markers are dropped. HTML is
//! parsed with `scraper`; headings `h1`–`h6`, paragraphs and other blocks become
//! lines, `<br>` breaks a line, and scripts, styles, navigation and the like are
//! dropped. Since the parser gives no positions, each text node is aligned with the
//! source from a moving cursor: every extracted character maps back to the source
//! character it was, or to the whole entity (`&amp;`, `&nbsp;`) it was decoded from.

use scraper::{Html, Node};

/// A character and the original characters `start..end` it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MappedChar {
    pub c: char,
    pub start: u32,
    pub end: u32,
}

impl MappedChar {
    pub(crate) fn new(c: char, start: usize, end: usize) -> MappedChar {
        MappedChar {
            c,
            start: start as u32,
            end: end as u32,
        }
    }
}

/// Lines of mapped characters, separated by [`LINE_BREAK`] characters, with what the
/// markup said about each line.
#[derive(Debug, Default)]
pub(crate) struct MappedText {
    /// The characters; lines are separated by `\n`.
    pub chars: Vec<MappedChar>,
    /// For each line, its heading level if the markup made it a heading.
    pub headings: Vec<Option<u8>>,
}

/// Separates lines in [`MappedText::chars`].
pub(crate) const LINE_BREAK: char = '\n';

impl MappedText {
    /// Ends the current line.
    fn break_line(&mut self, heading: Option<u8>, at: usize) {
        self.headings.push(heading);
        self.chars.push(MappedChar::new(LINE_BREAK, at, at));
    }
}

/// Lines of a plain-text or Markdown file.
pub(crate) fn text_lines(original: &str) -> MappedText {
    let mut out = MappedText {
        chars: Vec::with_capacity(original.len() / 2),
        headings: Vec::new(),
    };
    let mut line: Vec<MappedChar> = Vec::new();
    let mut chars = original.chars().enumerate().peekable();
    loop {
        let next = chars.next();
        let at_break = matches!(
            next,
            None | Some((_, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}'))
        );
        if !at_break {
            let (i, c) = next.expect("not at a break");
            line.push(MappedChar::new(c, i, i + 1));
            continue;
        }
        let heading = markdown_heading(&mut line);
        drop_emphasis(&mut line);
        out.chars.extend_from_slice(&line);
        line.clear();
        let Some((i, c)) = next else {
            out.headings.push(heading);
            break;
        };
        let mut end = i + 1;
        if c == '\r' && chars.peek().is_some_and(|&(_, c)| c == '\n') {
            chars.next();
            end += 1;
        }
        out.headings.push(heading);
        out.chars.push(MappedChar::new(LINE_BREAK, i, end));
    }
    out
}

/// If `line` is an ATX heading (`## 标题`, up to three spaces of indent), drops the
/// `#` marks (and a closing run of `#`) and returns the level.
fn markdown_heading(line: &mut Vec<MappedChar>) -> Option<u8> {
    let indent = line.iter().take_while(|m| m.c == ' ').count();
    if indent > 3 {
        return None;
    }
    let hashes = line[indent..].iter().take_while(|m| m.c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = indent + hashes;
    match line.get(after) {
        None => {}
        Some(m) if m.c == ' ' || m.c == '\t' || m.c == '\u{3000}' => {}
        Some(_) => return None,
    }
    // A closing sequence: spaces, then only `#` to the end.
    let mut end = line.len();
    while end > after && matches!(line[end - 1].c, ' ' | '\t') {
        end -= 1;
    }
    let closing = line[after..end]
        .iter()
        .rev()
        .take_while(|m| m.c == '#')
        .count();
    if closing > 0 && (end - closing == after || line[end - closing - 1].c == ' ') {
        end -= closing;
    }
    while end > after && matches!(line[end - 1].c, ' ' | '\t') {
        end -= 1;
    }
    line.truncate(end);
    line.drain(..(after + 1).min(end));
    Some(hashes as u8)
}

/// Drops emphasis markers: `**` and `__` that pair up on the line around some text
/// (`**上接A1版**`). An unpaired marker and a run like `____` (a blank to fill) stay.
fn drop_emphasis(line: &mut Vec<MappedChar>) {
    if !line
        .windows(2)
        .any(|w| w[0].c == w[1].c && matches!(w[0].c, '*' | '_'))
    {
        return;
    }
    let mut remove = vec![false; line.len()];
    for marker in ['*', '_'] {
        let mut open: Option<usize> = None;
        let mut i = 0;
        while i + 1 < line.len() {
            if line[i].c == marker && line[i + 1].c == marker {
                match open {
                    Some(o) if i > o + 2 => {
                        remove[o] = true;
                        remove[o + 1] = true;
                        remove[i] = true;
                        remove[i + 1] = true;
                        open = None;
                    }
                    // Markers with nothing between them: a new opening candidate.
                    _ => open = Some(i),
                }
                i += 2;
            } else {
                i += 1;
            }
        }
    }
    let mut keep = remove.iter().map(|r| !r);
    line.retain(|_| keep.next().unwrap_or(true));
}

/// Elements whose content is not the document's text.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "aside"
            | "footer"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "select"
            | "button"
            | "canvas"
            | "audio"
            | "video"
            | "textarea"
            | "title"
    )
}

/// Elements whose content is raw text in the source (no tags, no entities, or no
/// tags at least); the cursor jumps over them.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "textarea"
            | "title"
            | "plaintext"
    )
}

/// Elements that start and end a line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Whether an element is page chrome by its class or id (`nav`, `menu`,
/// `breadcrumb`, `footer`, `sidebar`).
fn is_chrome(element: &scraper::node::Element) -> bool {
    let chrome = |s: &str| {
        let s = s.to_ascii_lowercase();
        ["nav", "menu", "breadcrumb", "footer", "sidebar"]
            .iter()
            .any(|w| s.contains(w))
    };
    element.id().is_some_and(chrome) || element.classes().any(chrome)
}

/// How deep an HTML file nests its elements, estimated on the raw bytes before
/// parsing: start tags open a level and end tags close one, except void elements,
/// self-closing tags and elements whose end tag HTML lets one leave out (`p`, `li`,
/// `td`, …), which never count; comments, doctypes and the content of `script`
/// and `style` are skipped. Stops counting once past [`super::MAX_HTML_DEPTH`].
pub(crate) fn nesting_depth(bytes: &[u8]) -> usize {
    const UNCOUNTED: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
    ];
    let find = |from: usize, needle: &[u8]| {
        bytes[from.min(bytes.len())..]
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
            .map(|i| from + i)
    };
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) {
        i = lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = bytes[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = bytes[name_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| name_start + p);
        i = (tag_end + 1).min(bytes.len());
        if UNCOUNTED.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[..tag_end].ends_with(b"/") {
            continue;
        } else if name == b"script" || name == b"style" {
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(&name);
            i = find(i, &end_tag).unwrap_or(bytes.len());
        } else {
            depth += 1;
            max = max.max(depth);
            if max > super::MAX_HTML_DEPTH {
                break;
            }
        }
    }
    max
}

/// Lines of an HTML file.
pub(crate) fn html_lines(original: &str) -> MappedText {
    let source: Vec<char> = original.chars().collect();
    let html = Html::parse_document(original);
    let mut walk = HtmlWalk {
        aligner: Aligner {
            source: &source,
            cursor: 0,
        },
        out: MappedText::default(),
        line_len: 0,
        dropped: 0,
        raw: 0,
        pre: 0,
        heading: None,
    };
    // Depth-first, without recursion: deeply nested HTML must not blow the stack.
    let mut node = html.tree.root();
    'walk: loop {
        walk.enter(node.value());
        if let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            walk.leave(node.value());
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    let at = walk.aligner.cursor;
    walk.end_line(at);
    walk.out
}

/// State of the walk over the HTML tree.
struct HtmlWalk<'a> {
    aligner: Aligner<'a>,
    out: MappedText,
    /// Characters on the current line.
    line_len: usize,
    /// Number of dropped elements we are inside.
    dropped: usize,
    /// Number of raw-text elements we are inside.
    raw: usize,
    /// Number of `pre` elements we are inside.
    pre: usize,
    /// Level of the heading element we are inside.
    heading: Option<u8>,
}

impl HtmlWalk<'_> {
    fn enter(&mut self, node: &Node) {
        match node {
            Node::Element(element) => {
                let name = element.name();
                if is_block(name) {
                    self.end_line(self.aligner.cursor);
                }
                if is_dropped(name) || is_chrome(element) {
                    self.dropped += 1;
                }
                if is_raw_text(name) {
                    self.raw += 1;
                    self.aligner.skip_raw_element(name);
                }
                if name == "pre" {
                    self.pre += 1;
                }
                if let Some(level) = heading_level(name) {
                    self.heading = Some(level);
                }
            }
            Node::Text(text) if self.raw == 0 => self.text(text),
            _ => {}
        }
    }

    fn leave(&mut self, node: &Node) {
        if let Node::Element(element) = node {
            let name = element.name();
            if is_block(name) {
                self.end_line(self.aligner.cursor);
            }
            if is_dropped(name) || is_chrome(element) {
                self.dropped -= 1;
            }
            if is_raw_text(name) {
                self.raw -= 1;
            }
            if name == "pre" {
                self.pre -= 1;
            }
            if heading_level(name).is_some() {
                self.heading = None;
            }
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            let (start, end) = self.aligner.align(c);
            if self.dropped > 0 {
                continue;
            }
            match c {
                '\n' if self.pre > 0 => self.end_line(end),
                '\r' | '\n' | '\t' => self.push(MappedChar::new(' ', start, end)),
                _ => self.push(MappedChar::new(c, start, end)),
            }
        }
    }

    fn push(&mut self, m: MappedChar) {
        self.out.chars.push(m);
        self.line_len += 1;
    }

    /// Ends the current line if it holds anything.
    fn end_line(&mut self, at: usize) {
        if self.line_len > 0 {
            self.out.break_line(self.heading, at);
            self.line_len = 0;
        }
    }
}

/// Finds each decoded character of the parsed text in the source.
struct Aligner<'a> {
    source: &'a [char],
    /// Everything before it has been matched or skipped.
    cursor: usize,
}

/// How many non-markup source characters the aligner skips looking for one
/// character before it gives up on that character.
const MAX_SKIP: usize = 256;

impl Aligner<'_> {
    /// The source range of decoded character `c`, searched from the cursor, which
    /// moves past it. A character not found maps to an empty range at the cursor;
    /// so does whitespace that is not next (after markup), which the parser may
    /// have moved (out of a table, say) and which is not worth a search.
    fn align(&mut self, c: char) -> (usize, usize) {
        let mut p = self.cursor;
        let mut skipped = 0;
        let budget = if c.is_ascii_whitespace() { 0 } else { MAX_SKIP };
        while p < self.source.len() && skipped <= budget {
            if let Some(end) = self.markup_end(p) {
                p = end;
                continue;
            }
            if let Some(end) = self.unit_end(p, c) {
                self.cursor = end;
                return (p, end);
            }
            p += 1;
            skipped += 1;
        }
        (self.cursor, self.cursor)
    }

    /// If a tag, comment, doctype or processing instruction starts at `p`, where it
    /// ends.
    fn markup_end(&self, p: usize) -> Option<usize> {
        let s = self.source;
        if s[p] != '<' {
            return None;
        }
        let next = *s.get(p + 1)?;
        if next == '!' && s.get(p + 2) == Some(&'-') && s.get(p + 3) == Some(&'-') {
            let mut q = p + 4;
            while q < s.len() {
                if s[q] == '>' && s[q - 1] == '-' && s[q - 2] == '-' && q >= p + 6 {
                    return Some(q + 1);
                }
                q += 1;
            }
            return Some(s.len());
        }
        let tag = next.is_ascii_alphabetic()
            || (next == '/' && s.get(p + 2).is_some_and(|c| c.is_ascii_alphabetic()));
        if !(tag || next == '!' || next == '?') {
            return None;
        }
        // Quotes count only around an attribute value, right after `=`.
        let mut quote = None;
        let mut after_equals = false;
        let mut q = p + 1;
        while q < s.len() {
            match (quote, s[q]) {
                (None, '>') => return Some(q + 1),
                (None, '"' | '\'') if tag && after_equals => quote = Some(s[q]),
                (None, '=') => after_equals = true,
                (None, c) if c.is_ascii_whitespace() => {}
                (None, _) => after_equals = false,
                (Some(open), c) if c == open => {
                    quote = None;
                    after_equals = false;
                }
                _ => {}
            }
            q += 1;
        }
        Some(s.len())
    }

    /// If the source at `p` encodes `c` (the character itself, an entity, a line
    /// break that the parser turned into `\n`), where that encoding ends.
    fn unit_end(&self, p: usize, c: char) -> Option<usize> {
        let s = self.source;
        if s[p] == '&'
            && let Some(end) = entity_end(s, p, c)
        {
            return Some(end);
        }
        if s[p] == c {
            return Some(p + 1);
        }
        if c == '\n' && s[p] == '\r' {
            return Some(if s.get(p + 1) == Some(&'\n') {
                p + 2
            } else {
                p + 1
            });
        }
        None
    }

    /// Moves the cursor past the raw-text element `name` (`<script>…</script>`) if its
    /// start tag comes next in the source (after markup and whitespace only; an
    /// element the parser moved, out of a table say, is left where it is).
    fn skip_raw_element(&mut self, name: &str) {
        let s = self.source;
        let mut p = self.cursor;
        let open = loop {
            match s.get(p) {
                Some('<') if self.tag_named(p + 1, name) => break p,
                Some('<') => match self.markup_end(p) {
                    Some(end) => p = end,
                    None => return,
                },
                Some(c) if c.is_whitespace() => p += 1,
                _ => return,
            }
        };
        let content = self.markup_end(open).unwrap_or(s.len());
        let close = (content..s.len())
            .find(|&q| s[q] == '<' && s.get(q + 1) == Some(&'/') && self.tag_named(q + 2, name));
        self.cursor = match close {
            Some(close) => self.markup_end(close).unwrap_or(s.len()),
            None => s.len(),
        };
    }

    /// Whether the tag name `name` (in any case) starts at `p` and ends there.
    fn tag_named(&self, p: usize, name: &str) -> bool {
        let s = self.source;
        let matches = name
            .chars()
            .enumerate()
            .all(|(k, n)| s.get(p + k).is_some_and(|c| c.eq_ignore_ascii_case(&n)));
        let after = s.get(p + name.chars().count());
        matches && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    }
}

/// If a character reference that can decode to `c` starts at `p` (`&amp;`, `&#38;`,
/// `&#x26;`, a legacy `&nbsp` without `;`), where it ends.
fn entity_end(s: &[char], p: usize, c: char) -> Option<usize> {
    let mut q = p + 1;
    if s.get(q) == Some(&'#') {
        q += 1;
        let hex = matches!(s.get(q), Some('x' | 'X'));
        if hex {
            q += 1;
        }
        let digits_start = q;
        let mut value: u32 = 0;
        while let Some(d) = s.get(q).and_then(|d| d.to_digit(if hex { 16 } else { 10 })) {
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            q += 1;
        }
        if q == digits_start {
            return None;
        }
        let end = if s.get(q) == Some(&';') { q + 1 } else { q };
        // The parser turns NUL, surrogates and values past Unicode into U+FFFD, and
        // C1 controls into their windows-1252 characters.
        let fits = match char::from_u32(value) {
            _ if (0x80..=0x9f).contains(&value) => !c.is_ascii(),
            Some(decoded) if value != 0 => decoded == c,
            _ => c == '\u{fffd}',
        };
        return fits.then_some(end);
    }
    let name_start = q;
    while s.get(q).is_some_and(|c| c.is_ascii_alphanumeric()) && q - name_start < 32 {
        q += 1;
    }
    if q == name_start {
        return None;
    }
    let name: String = s[name_start..q].iter().collect();
    let known = named_entity(&name);
    if s.get(q) == Some(&';') {
        return match known {
            Some(decoded) => (decoded == c).then_some(q + 1),
            // A reference the table lacks decodes to a symbol or letter beyond ASCII;
            // one the parser does not know either stays as it is, `&` first.
            None => (!c.is_ascii()).then_some(q + 1),
        };
    }
    // Legacy references without `;`: the longest known prefix that decodes to `c`.
    (name_start + 2..=q).rev().find(|&end| {
        let prefix: String = s[name_start..end].iter().collect();
        named_entity(&prefix) == Some(c) && is_legacy(&prefix)
    })
}

fn is_legacy(name: &str) -> bool {
    matches!(
        name,
        "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg" | "AMP" | "LT" | "GT"
    )
}

/// The common named character references.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "copy" => '©',
        "reg" => '®',
        "middot" => '·',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "times" => '×',
        "divide" => '÷',
        "permil" => '‰',
        "deg" => '°',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders mapped text as `[h2]line` lines, each character followed by its
    /// original slice when that differs from it.
    fn render(original: &str, mapped: &MappedText) -> Vec<String> {
        let source: Vec<char> = original.chars().collect();
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut index = 0;
        let mut flush = |line: &mut String, index: &mut usize| {
            let heading = mapped.headings.get(*index).copied().flatten();
            if !line.is_empty() {
                let prefix = heading.map(|h| format!("[h{h}]")).unwrap_or_default();
                lines.push(format!("{prefix}{line}"));
            }
            line.clear();
            *index += 1;
        };
        for m in &mapped.chars {
            if m.c == LINE_BREAK {
                flush(&mut line, &mut index);
                continue;
            }
            let slice: String = source[m.start as usize..m.end as usize].iter().collect();
            line.push(m.c);
            if slice != m.c.to_string() && m.c != ' ' {
                line.push_str(&format!("{{{slice}}}"));
            }
        }
        flush(&mut line, &mut index);
        lines
    }

    #[track_caller]
    fn check(html: bool, original: &str, expected: &[&str]) {
        let mapped = if html {
            html_lines(original)
        } else {
            text_lines(original)
        };
        assert_eq!(render(original, &mapped), expected);
        // Every character's origin lies in the source, in order.
        let mut last = 0;
        for m in &mapped.chars {
            assert!(m.start <= m.end && m.end as usize <= original.chars().count());
            assert!(m.start >= last || m.c == LINE_BREAK, "{m:?} before {last}");
            last = last.max(m.start);
        }
    }

    #[test]
    fn markdown_headings() {
        check(
            false,
            "# 株洲市委全会公报\n\n## 主要目标 ##\n#不是标题\n####### 七级",
            &[
                "[h1]株洲市委全会公报",
                "[h2]主要目标",
                "#不是标题",
                "####### 七级",
            ],
        );
    }

    #[test]
    fn emphasis_markers_are_dropped() {
        check(
            false,
            "**上接A1版** 从全国看,我国\r\n要__加快__发展 5**2\n填写____处\u{2028}第二行",
            &[
                "上接A1版 从全国看,我国",
                "要加快发展 5**2",
                "填写____处",
                "第二行",
            ],
        );
    }

    #[test]
    fn html_blocks_headings_and_entities() {
        check(
            true,
            "<html><body><h1>标题</h1><p>要推动&amp;发展,加快建设。</p><script>x</script></body></html>",
            &["[h1]标题", "要推动&{&amp;}发展,加快建设。"],
        );
    }

    #[test]
    fn html_chrome_and_line_breaks() {
        check(
            true,
            "<!DOCTYPE html><html><head><title>标题</title><style>p{}</style></head>\
             <body><nav>首页 下载</nav><div class=\"main\"><p>第一行<br>第二&nbsp;行</p>\
             <!-- 注释 --><ul><li>一</li><li>二</li></ul></div><footer>版权</footer></body></html>",
            &["第一行", "第二\u{a0}{&nbsp;}行", "一", "二"],
        );
    }

    #[test]
    fn html_text_after_a_script_maps_after_it() {
        check(
            true,
            "<p>标题</p><script>var s = '<p>标题</p>';</script><p>题</p>",
            &["标题", "题"],
        );
        let mapped = html_lines("<p>标题</p><script>var s = '题';</script><p>题</p>");
        let last = mapped.chars.iter().rev().find(|m| m.c == '题').unwrap();
        assert_eq!(last.start, 41);
    }

    #[test]
    fn html_references_line_ends_and_pre() {
        check(
            true,
            "<p>要推动&#21457;&#x5c55;&ldquo;一带一路&rdquo;\r\n建设&copy 2026</p><pre>第一行\n第二行</pre>",
            &[
                "要推动发{&#21457;}展{&#x5c55;}“{&ldquo;}一带一路”{&rdquo;} 建设©{&copy} 2026",
                "第一行",
                "第二行",
            ],
        );
        check(
            true,
            "<table><tr><td>指标</td><td>目标</td></tr></table><p>a &lt; b &unknown; c</p>",
            &["指标", "目标", "a <{&lt;} b &unknown; c"],
        );
    }

    /// Pieces random HTML documents are built from.
    const HTML_PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class=\"a>b\">",
        "</div>",
        "<br>",
        "<b>",
        "</b>",
        "&amp;",
        "&nbsp;",
        "&lt;",
        "&#21457;",
        "要推动",
        "发展",
        ",",
        "。",
        " ",
        "\n",
        "\r\n",
        "<!-- 注释 -->",
        "<script>var a = '<p>要</p>';</script>",
        "<h2>",
        "</h2>",
        "a",
        "<li>",
        "</li>",
        "<nav>首页</nav>",
        "&",
        "<",
        ">",
        "\"",
        "<table>",
        "<td>",
        "</table>",
        "<pre>",
        "</pre>",
        "<title>标题</title>",
        "&copy",
        "<P a='x'>",
        "<SCRIPT>x</SCRIPT>",
        "<!DOCTYPE html>",
        "</br>",
        "<textarea>&amp;</textarea>",
        "&#0;",
        "&unknown;",
    ];

    proptest::proptest! {
        #[test]
        fn random_html_maps_every_character_to_its_source(
            pieces in proptest::collection::vec(0..HTML_PIECES.len(), 0..40)
        ) {
            let html: String = pieces.iter().map(|&i| HTML_PIECES[i]).collect();
            let source: Vec<char> = html.chars().collect();
            let mapped = html_lines(&html);
            let mut last = 0;
            for m in mapped.chars.iter().filter(|m| m.c != LINE_BREAK) {
                let slice: String = source[m.start as usize..m.end as usize].iter().collect();
                let fits = slice == m.c.to_string()
                    || (slice.starts_with('&') && slice.len() > 1)
                    || (m.c == ' ' && slice.chars().all(char::is_whitespace))
                    || (m.c == '\u{a0}' && slice == "&nbsp;");
                proptest::prop_assert!(fits, "{:?} from {:?} in {:?}", m.c, slice, html);
                proptest::prop_assert!(m.start >= last, "{:?} out of order in {:?}", m.c, html);
                last = m.end;
            }
        }
    }

    #[test]
    fn nesting_depth_counts_open_elements_only() {
        let depth = |html: &str| nesting_depth(html.as_bytes());
        assert_eq!(depth("<div><div><p>a<p>b</div></div>"), 2);
        assert_eq!(depth("<html><body><br><img src=x/><hr/>x</body></html>"), 0);
        assert_eq!(depth("<div><!-- <div><div> --></div>"), 1);
        assert_eq!(
            depth("<script>if (a<b && c<d) {}</script><span>x</span>"),
            1
        );
        assert_eq!(depth("<ul><li>a<li>b</ul><table><tr><td>x</table>"), 1);
        assert_eq!(depth("a < b, 3<4, </> <"), 0);
        assert!(depth(&"<div>".repeat(100_000)) > crate::intake::MAX_HTML_DEPTH);
    }

    #[test]
    fn deeply_nested_html_does_not_overflow() {
        let depth = 20_000;
        let html = format!(
            "{}要推动发展。{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let mapped = html_lines(&html);
        let text: String = mapped
            .chars
            .iter()
            .map(|m| m.c)
            .filter(|&c| c != '\n')
            .collect();
        assert_eq!(text, "要推动发展。");
    }
}
