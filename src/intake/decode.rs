//! Decoding: a file's bytes become text, or a reason why not.
//!
//! A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); otherwise strict UTF-8 is
//! tried, then the encoding `chardetng` guesses. Decoding never replaces a malformed
//! sequence: the file is refused with the offset of the first bad byte. Empty files,
//! files of whitespace only and binary files are refused too.

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::IntakeError;

/// Decoded text and the name of the encoding it was decoded with.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, byte-order mark removed.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `GB18030`, … as shown to the user.
    pub encoding: &'static str,
}

/// How many leading bytes the binary check looks at.
const SNIFF_BYTES: usize = 8192;

/// Decodes `bytes`, with the encoding named by the WHATWG label `forced` if given.
pub(crate) fn decode(
    path: &Path,
    bytes: &[u8],
    forced: Option<&str>,
) -> Result<Decoded, IntakeError> {
    let forced = match forced {
        Some(label) => Some(Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            IntakeError::UnknownEncoding {
                label: label.to_string(),
            }
        })?),
        None => None,
    };
    if bytes.is_empty() {
        return Err(IntakeError::Empty {
            path: path.to_path_buf(),
        });
    }
    // A byte-order mark counts unless it contradicts the encoding the user forced.
    let bom = Encoding::for_bom(bytes)
        .filter(|&(found, _)| forced.is_none_or(|forced| canonical(forced) == canonical(found)));
    let (encoding, skip) = match (bom, forced) {
        (Some((found, len)), _) => (Some(found), len),
        (None, forced) => (forced, 0),
    };
    let body = &bytes[skip..];
    let utf16 = encoding.is_some_and(|e| e == UTF_16LE || e == UTF_16BE);
    if !utf16 {
        refuse_binary(path, body, skip)?;
    }
    let encoding = match encoding {
        Some(encoding) => encoding,
        None => detect(path, body)?,
    };
    let text = decode_strict(path, encoding, body, skip)?;
    if is_blank(&text) {
        return Err(IntakeError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Decoded {
        text,
        encoding: display_name(encoding),
    })
}

/// Whether `text` holds nothing but whitespace (full-width spaces and stray
/// byte-order marks included).
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// The decoder actually used: encoding_rs decodes GBK with the GB18030 decoder.
fn canonical(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK { GB18030 } else { encoding }
}

/// The name shown to the user: `GB18030` for GBK and GB18030 (chardetng says "GBK"
/// for GB18030 text), encoding_rs's name otherwise.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if canonical(encoding) == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Refuses a NUL byte anywhere, or many control bytes near the start.
fn refuse_binary(path: &Path, body: &[u8], skip: usize) -> Result<(), IntakeError> {
    let binary = |offset: usize, byte: u8| IntakeError::Binary {
        path: path.to_path_buf(),
        byte,
        offset: skip + offset,
    };
    if let Some(offset) = body.iter().position(|&b| b == 0) {
        return Err(binary(offset, 0));
    }
    let sample = &body[..body.len().min(SNIFF_BYTES)];
    let is_control = |b: u8| matches!(b, 0x01..=0x08 | 0x0e..=0x1f | 0x7f);
    let count = sample.iter().filter(|&&b| is_control(b)).count();
    if count > 0 && (count * 10 >= sample.len() || count >= 32) {
        let offset = sample.iter().position(|&b| is_control(b)).unwrap_or(0);
        return Err(binary(offset, sample[offset]));
    }
    Ok(())
}

/// Picks an encoding for bytes without a byte-order mark: UTF-8 if they are valid
/// UTF-8, else what chardetng guesses. Bytes that are UTF-8 but for a few bad
/// sequences are refused as broken UTF-8 rather than read as mojibake.
fn detect(path: &Path, body: &[u8]) -> Result<&'static Encoding, IntakeError> {
    let Err(error) = std::str::from_utf8(body) else {
        return Ok(UTF_8);
    };
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in body.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte >= 8 && invalid * 20 <= multibyte {
        let offset = error.valid_up_to();
        return Err(IntakeError::Undecodable {
            path: path.to_path_buf(),
            encoding: "UTF-8",
            byte: body[offset],
            offset,
        });
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(body, true);
    Ok(detector.guess(None, Utf8Detection::Deny))
}

/// Decodes without replacement; `skip` (the byte-order mark's length) is added to
/// the offset reported for a malformed sequence.
fn decode_strict(
    path: &Path,
    encoding: &'static Encoding,
    body: &[u8],
    skip: usize,
) -> Result<String, IntakeError> {
    let undecodable = |offset: usize| IntakeError::Undecodable {
        path: path.to_path_buf(),
        encoding: display_name(encoding),
        byte: body[offset],
        offset: skip + offset,
    };
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            Err(error) => Err(undecodable(error.valid_up_to())),
        };
    }
    let mut decoder = canonical(encoding).new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 3);
    let mut text = String::with_capacity(capacity);
    let mut read = 0;
    loop {
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(&body[read..], &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::Malformed(bad, extra) => {
                let offset = read - usize::from(extra) - usize::from(bad);
                return Err(undecodable(offset));
            }
            DecoderResult::OutputFull => text.reserve(body.len() - read + 16),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// What decoding gave, in a form tests compare.
    #[derive(Debug, PartialEq)]
    enum Outcome {
        Text(&'static str, String),
        Empty,
        Binary(u8, usize),
        Undecodable(&'static str, u8, usize),
        UnknownEncoding(String),
    }

    #[track_caller]
    fn check(bytes: &[u8], forced: Option<&str>, expected: Outcome) {
        let got = match decode(Path::new("plan.txt"), bytes, forced) {
            Ok(decoded) => Outcome::Text(decoded.encoding, decoded.text),
            Err(IntakeError::Empty { path }) => {
                assert_eq!(path, PathBuf::from("plan.txt"));
                Outcome::Empty
            }
            Err(IntakeError::Binary { byte, offset, .. }) => Outcome::Binary(byte, offset),
            Err(IntakeError::Undecodable {
                encoding,
                byte,
                offset,
                ..
            }) => Outcome::Undecodable(encoding, byte, offset),
            Err(IntakeError::UnknownEncoding { label }) => Outcome::UnknownEncoding(label),
            Err(other) => panic!("unexpected error {other}"),
        };
        assert_eq!(got, expected);
    }

    fn text(encoding: &'static str, text: &str) -> Outcome {
        Outcome::Text(encoding, text.to_string())
    }

    const SENTENCE: &str = "要推动制造业高质量发展，提升产业链现代化水平。";

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        check(SENTENCE.as_bytes(), None, text("UTF-8", SENTENCE));
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice(SENTENCE.as_bytes());
        check(&bytes, None, text("UTF-8", SENTENCE));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in SENTENCE.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        check(&le, None, text("UTF-16LE", SENTENCE));
        check(&be, None, text("UTF-16BE", SENTENCE));
        check(
            &fixture("utf16le.txt"),
            None,
            text("UTF-16LE", "要推动制造业高质量发展。\n"),
        );
    }

    #[test]
    fn gb18030_is_detected_and_named_gb18030() {
        let long = SENTENCE.repeat(3);
        let (bytes, _, unmappable) = GB18030.encode(&long);
        assert!(!unmappable);
        check(&bytes, None, text("GB18030", &long));
        check(&bytes, Some("gbk"), text("GB18030", &long));
        let fixture = fixture("gb18030.txt");
        let decoded = decode(Path::new("gb18030.txt"), &fixture, None).unwrap();
        assert_eq!(decoded.encoding, "GB18030");
        assert!(decoded.text.starts_with("要推动制造业高质量发展"));
    }

    #[test]
    fn malformed_bytes_are_refused_with_their_offset() {
        // "要推动发展" is 15 bytes of UTF-8; 0xff follows.
        let mut bytes = "要推动发展".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(SENTENCE.as_bytes());
        check(&bytes, None, Outcome::Undecodable("UTF-8", 0xff, 15));
        // A GB18030 lead byte followed by a byte that cannot trail it.
        let (gb, _, _) = GB18030.encode("要推动发展");
        let mut bytes = gb.to_vec();
        bytes.extend_from_slice(&[0x81, 0x20]);
        check(
            &bytes,
            Some("gb18030"),
            Outcome::Undecodable("GB18030", 0x81, 10),
        );
        // The byte-order mark counts in the offset.
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice("要".as_bytes());
        bytes.push(0xc3);
        check(&bytes, None, Outcome::Undecodable("UTF-8", 0xc3, 6));
        // An unpaired surrogate in UTF-16LE.
        check(
            &[0xff, 0xfe, 0x81, 0x89, 0x00, 0xd8, 0x41, 0x00],
            None,
            Outcome::Undecodable("UTF-16LE", 0x00, 4),
        );
    }

    #[test]
    fn binary_files_are_refused() {
        check(b"abc\x00def", None, Outcome::Binary(0, 3));
        check(&fixture("binary.bin"), None, Outcome::Binary(0, 4));
        let mut controls = b"plan".to_vec();
        controls.extend_from_slice(&[0x01, 0x02, 0x03, 0x1f, 0x7f, 0x05]);
        check(&controls, None, Outcome::Binary(0x01, 4));
        // Form feeds and tabs are text.
        check(b"a\x0cb\tc\r\n", None, text("UTF-8", "a\x0cb\tc\r\n"));
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        check(b"", None, Outcome::Empty);
        check(b" \r\n\t\n", None, Outcome::Empty);
        check("\u{3000}\n".as_bytes(), None, Outcome::Empty);
        check(b"\xef\xbb\xbf", None, Outcome::Empty);
        check(&fixture("empty.txt"), None, Outcome::Empty);
    }

    #[test]
    fn forced_encodings() {
        check(
            b"abc",
            Some("klingon"),
            Outcome::UnknownEncoding("klingon".into()),
        );
        check(
            b"",
            Some("klingon"),
            Outcome::UnknownEncoding("klingon".into()),
        );
        let (big5, _, _) = encoding_rs::BIG5.encode("發展");
        check(&big5, Some("big5"), text("Big5", "發展"));
        // UTF-16 without a byte-order mark, named by the user: NULs are fine then.
        check(b"A\x00B\x00", Some("utf-16le"), text("UTF-16LE", "AB"));
    }
}
