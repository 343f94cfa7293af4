//! Text in an encoding: UTF-8 checked (NUL bytes and invalid sequences reported with
//! their offset and line), UTF-16 and the Arabic code pages decoded, and bytes that are
//! not UTF-8 recognised as the encoding they look like. No I/O.

use std::path::{Path, PathBuf};

use crate::Error;

/// The character encoding of an input. Outputs are always UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, or UTF-16 when the file starts with its byte order mark; anything else is
    /// an error that names the encoding the bytes look like ([`Error::WrongEncoding`]).
    #[default]
    Auto,
    /// UTF-8 only (a UTF-8 byte order mark is kept as U+FEFF, as in the file).
    Utf8,
    /// UTF-16, its byte order from the byte order mark (little-endian without one).
    Utf16,
    /// UTF-16, little-endian (a byte order mark is dropped).
    Utf16Le,
    /// UTF-16, big-endian (a byte order mark is dropped).
    Utf16Be,
    /// Windows-1256, Microsoft's Arabic code page (every byte maps to a character).
    Windows1256,
    /// ISO-8859-6, the ISO Arabic code page (bytes it leaves unassigned are errors).
    Iso8859_6,
}

impl Encoding {
    /// Every encoding, for help texts.
    pub const ALL: &'static [Encoding] = &[
        Encoding::Auto,
        Encoding::Utf8,
        Encoding::Utf16,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1256,
        Encoding::Iso8859_6,
    ];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1256 => "windows-1256",
            Encoding::Iso8859_6 => "iso-8859-6",
        }
    }

    fn legacy(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Windows1256 => Some(encoding_rs::WINDOWS_1256),
            Encoding::Iso8859_6 => Some(encoding_rs::ISO_8859_6),
            _ => None,
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;

    /// A name as [`Encoding::name`] gives it (case and `-`/`_` do not matter; `utf8`,
    /// `cp1256` and `arabic` are accepted too).
    fn from_str(s: &str) -> Result<Encoding, String> {
        let key: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Ok(match key.as_str() {
            "auto" => Encoding::Auto,
            "utf8" => Encoding::Utf8,
            "utf16" => Encoding::Utf16,
            "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1256" | "cp1256" => Encoding::Windows1256,
            "iso88596" | "arabic" => Encoding::Iso8859_6,
            _ => {
                let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
                return Err(format!(
                    "unknown encoding '{s}'; encodings: {}",
                    names.join(", ")
                ));
            }
        })
    }
}

/// Check that `bytes` are text: no NUL byte, valid UTF-8. `path` names them in errors.
///
/// ```
/// use naskh::fs::check_text;
/// let err = check_text("a.txt".as_ref(), b"ok \xD8 bad".to_vec()).unwrap_err();
/// assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte 3 (line 1)");
/// ```
pub fn check_text(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    let bytes = match crate::normalize::utf8_string(bytes) {
        Ok(s) => return Ok(s),
        Err(bytes) => bytes,
    };
    let offset = std::str::from_utf8(&bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to());
    Err(Error::InvalidUtf8 {
        path: path.to_path_buf(),
        offset,
        line: line_of(&bytes, offset),
    })
}

/// The line (from 1) of byte `offset`.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count()
}

/// Decode `bytes` read from `path` as `encoding` into UTF-8 text, and check it (no NUL).
///
/// With [`Encoding::Auto`], UTF-8 is checked as [`check_text`] does and UTF-16 is
/// decoded when the bytes start with its byte order mark; bytes that are neither are
/// reported with the encoding they look like ([`looks_like`]).
///
/// ```
/// use naskh::fs::{decode, Encoding};
/// let path = std::path::Path::new("old.txt");
/// // "سلام" in Windows-1256.
/// let cp1256 = vec![0xD3, 0xE1, 0xC7, 0xE3];
/// assert_eq!(decode(path, cp1256.clone(), Encoding::Windows1256).unwrap(), "سلام");
/// let err = decode(path, cp1256, Encoding::Auto).unwrap_err();
/// assert!(err.to_string().contains("looks like windows-1256"), "{err}");
/// ```
pub fn decode(path: &Path, bytes: Vec<u8>, encoding: Encoding) -> Result<String, Error> {
    let mut decoder = TextDecoder::new(path, encoding);
    let mut text = decoder.decode(bytes)?;
    text.push_str(&decoder.finish()?);
    Ok(text)
}

/// What encoding `bytes` (that are not valid UTF-8) look like: UTF-16 without a byte
/// order mark (NUL bytes at every other place), else Windows-1256 or ISO-8859-6,
/// whichever decodes them to more Arabic letters and fewer unassigned, control or Latin
/// accented characters. `None` when neither looks like Arabic text.
pub fn looks_like(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    if sample.len() >= 4 {
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let (even, odd) = (zeros_at(0), zeros_at(1));
        let half = sample.len() / 2;
        // Arabic in UTF-16 has 0x06 (not 0x00) as its high byte, so count both.
        let high_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0 || b == 0x06)
                .count()
        };
        if (odd > half / 8 || even > half / 8)
            && (odd == 0 || even == 0 || odd > 4 * even || even > 4 * odd)
        {
            if high_at(1) * 10 >= half * 9 {
                return Some(Encoding::Utf16Le);
            }
            if high_at(0) * 10 >= half * 9 {
                return Some(Encoding::Utf16Be);
            }
        }
    }
    let score = |enc: &'static encoding_rs::Encoding| -> i64 {
        let (text, _) = enc.decode_without_bom_handling(sample);
        let mut s = 0i64;
        for c in text.chars() {
            match c {
                '\u{0621}'..='\u{064A}' => s += 1,
                '\u{FFFD}' | '\u{0080}'..='\u{009F}' => s -= 8,
                '\u{064B}'..='\u{0652}' => s -= 1,
                '\u{00C0}'..='\u{00FF}' => s -= 4,
                _ => {}
            }
        }
        s
    };
    let (w, i) = (
        score(encoding_rs::WINDOWS_1256),
        score(encoding_rs::ISO_8859_6),
    );
    if w.max(i) <= 0 {
        return None;
    }
    Some(if i > w {
        Encoding::Iso8859_6
    } else {
        Encoding::Windows1256
    })
}

/// Decodes a stream of byte blocks into UTF-8 text in an [`Encoding`], keeping a
/// character cut between two blocks for the next one, and reporting the first invalid
/// or NUL byte with its offset in the whole stream.
pub struct TextDecoder {
    path: PathBuf,
    encoding: Encoding,
    /// A UTF-16 or legacy decoder, once the encoding is known to need one.
    decoder: Option<encoding_rs::Decoder>,
    /// Bytes of an incomplete UTF-8 character at the end of the last block.
    carry: Vec<u8>,
    /// Bytes consumed so far (offset of the next block's first byte).
    offset: u64,
    /// Newlines seen so far (for the line of an error).
    lines: usize,
    started: bool,
    /// Everything so far was ASCII (so a bad byte may mean another encoding).
    ascii: bool,
    /// The stream started with a UTF-16 byte order mark.
    bom: bool,
    /// The encoding was [`Encoding::Auto`].
    auto: bool,
    /// The first bytes, until there are enough to look for a byte order mark.
    head: Vec<u8>,
}

impl TextDecoder {
    /// A decoder for the file `path` (named in errors).
    pub fn new(path: &Path, encoding: Encoding) -> TextDecoder {
        TextDecoder {
            path: path.to_path_buf(),
            encoding,
            decoder: None,
            carry: Vec::new(),
            offset: 0,
            lines: 0,
            started: false,
            ascii: true,
            bom: false,
            auto: encoding == Encoding::Auto,
            head: Vec::new(),
        }
    }

    /// The encoding in use: [`Encoding::Auto`] resolved once the first block was seen.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    fn start(&mut self, first: &[u8]) {
        self.started = true;
        self.bom = first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]);
        let utf16 = |le: bool| {
            if le {
                encoding_rs::UTF_16LE.new_decoder_with_bom_removal()
            } else {
                encoding_rs::UTF_16BE.new_decoder_with_bom_removal()
            }
        };
        match self.encoding {
            Encoding::Auto | Encoding::Utf16 => {
                if first.starts_with(&[0xFF, 0xFE]) {
                    self.encoding = Encoding::Utf16Le;
                    self.decoder = Some(utf16(true));
                } else if first.starts_with(&[0xFE, 0xFF]) {
                    self.encoding = Encoding::Utf16Be;
                    self.decoder = Some(utf16(false));
                } else if self.encoding == Encoding::Utf16 {
                    self.encoding = Encoding::Utf16Le;
                    self.decoder = Some(utf16(true));
                } else {
                    self.encoding = Encoding::Utf8;
                }
            }
            Encoding::Utf16Le => self.decoder = Some(utf16(true)),
            Encoding::Utf16Be => self.decoder = Some(utf16(false)),
            Encoding::Utf8 => {}
            legacy => {
                let enc = legacy.legacy().expect("legacy encodings have a decoder");
                self.decoder = Some(enc.new_decoder_without_bom_handling());
            }
        }
    }

    /// Decode the next block of the stream. The text returned ends at a character
    /// boundary; bytes of a character cut at the block's end come with the next block.
    pub fn decode(&mut self, block: Vec<u8>) -> Result<String, Error> {
        self.decode_inner(block, false)
    }

    /// The end of the stream: a character left incomplete is an error.
    pub fn finish(&mut self) -> Result<String, Error> {
        self.decode_inner(Vec::new(), true)
    }

    fn decode_inner(&mut self, block: Vec<u8>, last: bool) -> Result<String, Error> {
        let mut block = block;
        if !self.started {
            // A byte order mark needs two bytes to be told: a short first block waits
            // for the next (a whole file comes as one block, used as it is: copying it
            // cost a tenth of `naskh normalize`'s run on 10 MB).
            if !self.head.is_empty() || (block.len() < 2 && !last) {
                self.head.extend_from_slice(&block);
                if self.head.len() < 2 && !last {
                    return Ok(String::new());
                }
                block = std::mem::take(&mut self.head);
            }
            self.start(&block);
        }
        // Offset in the file of the first byte decoded now.
        let start = self.offset - self.carry.len() as u64;
        let text = if let Some(dec) = &mut self.decoder {
            let mut out = String::with_capacity(
                dec.max_utf8_buffer_length_without_replacement(block.len())
                    .unwrap_or(block.len() * 3),
            );
            let (result, read) = dec.decode_to_string_without_replacement(&block, &mut out, last);
            if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
                let back = u64::from(bad) + u64::from(after);
                let at = (self.offset + read as u64).saturating_sub(back);
                let line = self.lines + line_of(out.as_bytes(), out.len());
                return Err(Error::Undecodable {
                    path: self.path.clone(),
                    offset: at as usize,
                    line,
                    encoding: self.encoding,
                });
            }
            self.offset += block.len() as u64;
            out
        } else {
            let mut bytes = std::mem::take(&mut self.carry);
            if bytes.is_empty() {
                bytes = block;
            } else {
                bytes.extend_from_slice(&block);
            }
            self.offset = start + bytes.len() as u64;
            let keep = if last { 0 } else { incomplete_tail(&bytes) };
            self.carry = bytes.split_off(bytes.len() - keep);
            match crate::normalize::utf8_string(bytes) {
                Ok(s) => s,
                Err(bytes) => {
                    let valid =
                        std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
                    let line = self.lines + line_of(&bytes, valid);
                    let path = self.path.clone();
                    let offset = (start + valid as u64) as usize;
                    // Only a file that was plain ASCII up to its first invalid byte can be
                    // in another encoding; a stray byte in UTF-8 text is just that.
                    let ascii_so_far = self.ascii && bytes[..valid].is_ascii();
                    let guess = (self.auto && ascii_so_far)
                        .then(|| looks_like(&bytes[valid..]))
                        .flatten();
                    return Err(match guess {
                        Some(looks_like) => Error::WrongEncoding {
                            path,
                            offset,
                            line,
                            looks_like,
                        },
                        None => Error::InvalidUtf8 { path, offset, line },
                    });
                }
            }
        };
        self.ascii = self.ascii && text.is_ascii();
        if let Some(k) = memchr::memchr(0, text.as_bytes()) {
            // The NUL's offset in the file: bytes before it in UTF-8, one byte per
            // character in a legacy code page, two per UTF-16 unit (after a BOM).
            let before = &text[..k];
            let offset = match self.encoding {
                Encoding::Utf8 | Encoding::Auto => start + k as u64,
                Encoding::Windows1256 | Encoding::Iso8859_6 => {
                    start + before.chars().count() as u64
                }
                _ => {
                    let bom = u64::from(start == 0 && self.bom);
                    start + 2 * (bom + before.encode_utf16().count() as u64)
                }
            };
            return Err(Error::Binary {
                path: self.path.clone(),
                offset: offset as usize,
            });
        }
        self.lines += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        Ok(text)
    }
}

/// How many bytes at the end of `bytes` start a UTF-8 character that is not complete.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=3.min(bytes.len()) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            // A lead byte: how long its sequence is.
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1256(s: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1256.encode(s).0.into_owned()
    }

    fn iso(s: &str) -> Vec<u8> {
        encoding_rs::ISO_8859_6.encode(s).0.into_owned()
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const NEWS: &str = "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مع المبعوث الأممي كانت مفيدة.\nوأضاف: نحن مستعدون.\n";

    #[test]
    fn legacy_encodings_are_recognised() {
        assert_eq!(looks_like(&cp1256(NEWS)), Some(Encoding::Windows1256));
        assert_eq!(looks_like(&iso(NEWS)), Some(Encoding::Iso8859_6));
        assert_eq!(
            looks_like(&utf16(NEWS, true, false)),
            Some(Encoding::Utf16Le)
        );
        assert_eq!(
            looks_like(&utf16(NEWS, false, false)),
            Some(Encoding::Utf16Be)
        );
        assert_eq!(looks_like(b"\xFF\xFE\x00\x00 plain binary \x01\x02"), None);
    }

    #[test]
    fn explicit_and_bom_encodings_decode() {
        let p = Path::new("a.txt");
        assert_eq!(
            decode(p, cp1256(NEWS), Encoding::Windows1256).unwrap(),
            NEWS
        );
        assert_eq!(decode(p, iso(NEWS), Encoding::Iso8859_6).unwrap(), NEWS);
        assert_eq!(
            decode(p, utf16(NEWS, true, true), Encoding::Auto).unwrap(),
            NEWS
        );
        assert_eq!(
            decode(p, utf16(NEWS, false, true), Encoding::Auto).unwrap(),
            NEWS
        );
        assert_eq!(
            decode(p, utf16(NEWS, false, false), Encoding::Utf16Be).unwrap(),
            NEWS
        );
        // Auto on a legacy file: an error that says what it looks like.
        let e = decode(p, cp1256(NEWS), Encoding::Auto).unwrap_err();
        assert!(
            matches!(
                e,
                Error::WrongEncoding {
                    offset: 0,
                    line: 1,
                    looks_like: Encoding::Windows1256,
                    ..
                }
            ),
            "{e:?}"
        );
        // ISO-8859-6 leaves 0xA1 unassigned: an error with its offset and line.
        let e = decode(p, b"ab\ncd\xA1".to_vec(), Encoding::Iso8859_6).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Undecodable {
                    offset: 5,
                    line: 2,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    /// Blocks cut anywhere, even inside a character, decode to the whole text.
    #[test]
    fn streamed_blocks_give_the_whole_text() {
        let p = Path::new("a.txt");
        for (enc, bytes) in [
            (Encoding::Auto, NEWS.as_bytes().to_vec()),
            (Encoding::Auto, utf16(NEWS, true, true)),
            (Encoding::Windows1256, cp1256(NEWS)),
        ] {
            for cut in [1, 2, 3, 5, 7, 64] {
                let mut d = TextDecoder::new(p, enc);
                let mut text = String::new();
                for block in bytes.chunks(cut) {
                    text.push_str(&d.decode(block.to_vec()).unwrap());
                }
                text.push_str(&d.finish().unwrap());
                assert_eq!(text, NEWS, "{enc} cut {cut}");
            }
        }
        // An invalid byte is named with its offset in the whole stream.
        let mut bytes = NEWS.as_bytes().to_vec();
        let at = bytes.len() - 2; // the final full stop
        bytes[at] = 0xFF;
        let mut d = TextDecoder::new(p, Encoding::Utf8);
        let mut err = None;
        for block in bytes.chunks(10) {
            if let Err(e) = d.decode(block.to_vec()) {
                err = Some(e);
                break;
            }
        }
        let err = err.expect("the invalid byte is found");
        assert!(
            matches!(err, Error::InvalidUtf8 { offset, line: 2, .. } if offset == at),
            "{err:?}"
        );
        // A character cut off at the very end is an error too.
        let mut d = TextDecoder::new(p, Encoding::Utf8);
        d.decode("اب".as_bytes()[..3].to_vec()).unwrap();
        assert!(d.finish().is_err());
    }
}
