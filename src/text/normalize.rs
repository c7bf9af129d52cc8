//! Text normalisation for matching: lower case, Latin diacritics folded, words separated by
//! single spaces, clause punctuation kept as a `|` token, and the words' places in the
//! original text.

/// A normalised text, ` word word | word ` (with a space at both ends), and its words.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    /// UTF-8 text (ASCII for ASCII input), kept as bytes for matching.
    pub(crate) text: Vec<u8>,
    /// The words in text order (clause breaks are not words).
    pub(crate) words: Vec<Word>,
    /// The number of clause breaks so far.
    clause: u32,
}

/// A word of a normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// The offset of its first byte in the normalised text.
    pub(crate) at: u32,
    /// Its byte range in the original text: `from..to`, on character boundaries.
    pub(crate) from: u32,
    pub(crate) to: u32,
    /// The offset of the space after it in the normalised text.
    pub(crate) end: u32,
    /// The clause it is in: clause breaks between two words make their clauses differ.
    pub(crate) clause: u32,
}

const SPACE: u8 = 0;
const BREAK: u8 = 1;

/// For each ASCII byte: its lower case if it is a letter or digit, else `SPACE` or `BREAK`.
const ASCII: [u8; 128] = {
    let mut table = [SPACE; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if matches!(
            c,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'[' | b']' | b'\n'
        ) {
            table[b] = BREAK;
        }
        b += 1;
    }
    table
};

/// Appends the run of ASCII letters and digits that `bytes` starts with to `out`, in lower
/// case, and returns its length. Works eight bytes at a time: each chunk is written whole and
/// the bytes after the run are cut off again.
#[inline(always)]
fn push_alphanumeric_run(out: &mut Vec<u8>, bytes: &[u8]) -> usize {
    const fn splat(b: u8) -> u64 {
        u64::from_ne_bytes([b; 8])
    }
    const HIGH: u64 = splat(0x80);
    const LOW7: u64 = splat(0x7f);
    let mut chunks = bytes.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Per byte, on the low seven bits (so sums never carry into the next byte): the high
        // bit of `v + (0x80 - lo)` is set when `v >= lo`, of `v + (0x7f - hi)` when `v > hi`.
        let v = x & LOW7;
        let digit = (v + splat(0x80 - b'0')) & !(v + splat(0x7f - b'9'));
        let lower = v | splat(0x20);
        let letter = (lower + splat(0x80 - b'a')) & !(lower + splat(0x7f - b'z'));
        let alphanumeric = (digit | letter) & !x & HIGH;
        let other = !alphanumeric & HIGH;
        // `| 0x20` lower-cases ASCII letters and keeps digits.
        out.extend_from_slice(&(x | splat(0x20)).to_le_bytes());
        if other != 0 {
            let n = (other.trailing_zeros() / 8) as usize;
            out.truncate(out.len() - 8 + n);
            return run + n;
        }
        run += 8;
    }
    for &b in chunks.remainder() {
        if !b.is_ascii_alphanumeric() {
            break;
        }
        out.push(b | 0x20);
        run += 1;
    }
    run
}

/// Folds a lower-case character to ASCII where it is a Latin letter with a diacritic.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ą' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'ć' | 'ç' | 'č' => "c",
        'ę' | 'è' | 'é' | 'ê' | 'ë' | 'ě' | 'ē' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ł' => "l",
        'ń' | 'ñ' | 'ň' => "n",
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ś' | 'š' | 'ş' => "s",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ř' => "r",
        'ß' => "ss",
        _ => return None,
    })
}

/// Characters that end a clause: negation does not reach across them.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '\n' | '•'
    )
}

/// An offset or word index in a normalised text, as stored. Texts are limited far below
/// 4 GiB (a task's name and description, [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES) for
/// a scanned text, a lexicon's document), and normalising at most triples their length.
#[inline]
pub(crate) fn offset(i: usize) -> u32 {
    u32::try_from(i).expect("a normalised text is far shorter than 4 GiB")
}

/// Builds a [`Normalized`] text, tracking the word being written and whether it is after a
/// break.
struct Writer<'a> {
    out: &'a mut Normalized,
    /// The word being written: added to `out.words` when a space or a break ends it.
    open: Option<Word>,
    after_break: bool,
    clause: u32,
}

impl Writer<'_> {
    /// Starts a word at `at` in the normalised text, or extends the one being written, to the
    /// original bytes `from..to`.
    #[inline]
    fn word(&mut self, at: u32, from: usize, to: usize) {
        match &mut self.open {
            Some(word) => word.to = to as u32,
            None => {
                self.open = Some(Word {
                    at,
                    from: from as u32,
                    to: to as u32,
                    end: 0,
                    clause: self.clause,
                });
                self.after_break = false;
            }
        }
    }

    /// Appends letters of the word that the original bytes `from..to` belong to.
    #[inline]
    fn letters(&mut self, bytes: &[u8], from: usize, to: usize) {
        self.word(self.out.text.len() as u32, from, to);
        self.out.text.extend_from_slice(bytes);
    }

    /// Appends the run of ASCII letters and digits that `bytes`, the original text from byte
    /// `from` on, starts with; returns its length.
    #[inline]
    fn ascii_run(&mut self, bytes: &[u8], from: usize) -> usize {
        let at = self.out.text.len() as u32;
        let run = push_alphanumeric_run(&mut self.out.text, bytes);
        self.word(at, from, from + run);
        run
    }

    #[inline]
    fn space(&mut self) {
        if let Some(mut word) = self.open.take() {
            word.end = self.out.text.len() as u32;
            self.out.words.push(word);
            self.out.text.push(b' ');
        }
    }

    #[inline]
    fn clause_break(&mut self) {
        self.space();
        if !self.after_break {
            self.out.text.extend_from_slice(b"| ");
            self.after_break = true;
            self.clause += 1;
        }
    }
}

impl Normalized {
    /// Normalises a text into reusable buffers.
    pub(crate) fn fill(&mut self, input: &str) {
        self.clear();
        self.push_text(input);
    }

    /// Empties the buffers for a new text.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.words.clear();
        self.clause = 0;
        self.text.push(b' ');
    }

    /// Appends a text, in a clause of its own; the offsets of its words are its own.
    pub(crate) fn push_text(&mut self, input: &str) {
        if self.text.len() > 1 && !self.text.ends_with(b"| ") {
            self.text.extend_from_slice(b"| ");
            self.clause += 1;
        }
        self.text.reserve(input.len() + input.len() / 2 + 2);
        if input.is_ascii() {
            self.fill_ascii(input.as_bytes());
        } else {
            self.fill_unicode(input);
        }
    }

    /// The common case: ASCII text, in runs of separators and runs of letters and digits.
    fn fill_ascii(&mut self, bytes: &[u8]) {
        // Every offset below is at most this (a word of `r` bytes is written with the space
        // after it, `r + 1 <= 2r` bytes, a run of separators as at most `| `), so each fits
        // in `u32` once this one does.
        offset(self.text.len() + 2 * bytes.len());
        let mut clause = self.clause;
        let mut i = 0;
        loop {
            // Separators: spaces and punctuation, with one break for any clause breaks.
            let mut breaks = false;
            while let Some(&b) = bytes.get(i) {
                match ASCII[usize::from(b & 0x7f)] {
                    SPACE => {}
                    BREAK => breaks = true,
                    _ => break,
                }
                i += 1;
            }
            if breaks {
                self.text.extend_from_slice(b"| ");
                clause += 1;
            }
            let Some(rest) = bytes.get(i..).filter(|rest| !rest.is_empty()) else {
                break;
            };
            let at = self.text.len() as u32;
            let from = i as u32;
            i += push_alphanumeric_run(&mut self.text, rest);
            self.words.push(Word {
                at,
                from,
                to: i as u32,
                end: self.text.len() as u32,
                clause,
            });
            self.text.push(b' ');
        }
        self.clause = clause;
    }

    /// Any text: letters of every script, lower-cased, Latin diacritics folded.
    fn fill_unicode(&mut self, input: &str) {
        // Every offset below is at most this (a character's lower case, folded, is at most
        // three times as long, plus `| ` for a run of separators), so each fits in `u32` once
        // this one does.
        offset(self.text.len() + 3 * input.len() + 2);
        let clause = self.clause;
        let mut w = Writer {
            out: self,
            open: None,
            after_break: false,
            clause,
        };
        let bytes = input.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                // The common case: a run of ASCII letters and digits, or one separator.
                match ASCII[usize::from(b)] {
                    SPACE => w.space(),
                    BREAK => w.clause_break(),
                    _ => {
                        i += w.ascii_run(&bytes[i..], i);
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            // `i` is inside the text, and moves from character to character.
            let c = input[i..]
                .chars()
                .next()
                .expect("a non-ASCII byte starts a character here");
            let end = i + c.len_utf8();
            if let Some(ascii) = fold(c) {
                // A lower-case Latin letter with a diacritic, the most common case.
                w.letters(ascii.as_bytes(), i, end);
            } else if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    match fold(lower) {
                        Some(ascii) => w.letters(ascii.as_bytes(), i, end),
                        None => {
                            let mut buf = [0u8; 4];
                            w.letters(lower.encode_utf8(&mut buf).as_bytes(), i, end);
                        }
                    }
                }
            } else if is_clause_break(c) {
                w.clause_break();
            } else {
                w.space();
            }
            i = end;
        }
        w.space();
        let clause = w.clause;
        self.clause = clause;
    }

    /// The normalised form of a text.
    pub(crate) fn new(input: &str) -> Normalized {
        let mut out = Normalized::default();
        out.fill(input);
        out
    }
}

/// Normalises a lexicon term's words the same way (without the surrounding spaces).
pub(crate) fn normalize_words(term: &str) -> String {
    let n = Normalized::new(term);
    std::str::from_utf8(&n.text)
        .expect("a normalised text is UTF-8: ASCII and whole characters")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        let input = "Obsługa KLIENTA, bez analizy; R&D";
        let n = Normalized::new(input);
        assert_eq!(n.text, b" obsluga klienta | bez analizy | r d ");
        let words: Vec<(&str, &str, u32)> = n
            .words
            .iter()
            .map(|w| {
                let at = w.at as usize;
                let len = n.text[at..].iter().position(|b| *b == b' ').unwrap();
                (
                    std::str::from_utf8(&n.text[at..at + len]).unwrap(),
                    &input[w.from as usize..w.to as usize],
                    w.clause,
                )
            })
            .collect();
        assert_eq!(
            words,
            [
                ("obsluga", "Obsługa", 0),
                ("klienta", "KLIENTA", 0),
                ("bez", "bez", 1),
                ("analizy", "analizy", 1),
                ("r", "R", 2),
                ("d", "D", 2)
            ]
        );
        // Each word's start and end in the normalised text.
        let bounds: Vec<(u32, u32)> = n.words.iter().map(|w| (w.at, w.end)).collect();
        assert_eq!(
            bounds,
            [(1, 8), (9, 16), (19, 22), (23, 30), (33, 34), (35, 36)]
        );
        assert_eq!(
            normalize_words("Standard-Operating  Procedure"),
            "standard operating procedure"
        );
    }

    /// The run and its lower case, byte by byte.
    fn expected_run(bytes: &[u8]) -> Vec<u8> {
        bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect()
    }

    #[test]
    fn alphanumeric_runs_match_the_byte_test() {
        // Every byte value at every place of a chunk and after it.
        for b in 0..=255u8 {
            for place in 0..12 {
                let mut bytes = b"aZ09mQxyzA5k".to_vec();
                bytes[place] = b;
                let mut out = b"| ".to_vec();
                let run = push_alphanumeric_run(&mut out, &bytes);
                assert_eq!(out[2..], expected_run(&bytes), "byte {b:#x} at {place}");
                assert_eq!(run, out.len() - 2);
            }
        }
        let text = b"Zz09azAZ@[`{/:09xYZ";
        for start in 0..text.len() {
            let mut out = Vec::new();
            let run = push_alphanumeric_run(&mut out, &text[start..]);
            assert_eq!(out, expected_run(&text[start..]));
            assert_eq!(run, out.len());
        }
    }

    #[test]
    fn texts_appended_keep_their_own_offsets_in_clauses_of_their_own() {
        let mut n = Normalized::default();
        n.clear();
        n.push_text("Payroll");
        n.push_text("Run the payroll.");
        n.push_text("Żadnej analizy");
        assert_eq!(n.text, b" payroll | run the payroll | zadnej analizy ");
        let words: Vec<(u32, u32, u32)> =
            n.words.iter().map(|w| (w.from, w.to, w.clause)).collect();
        assert_eq!(
            words,
            [
                (0, 7, 0),
                (0, 3, 1),
                (4, 7, 1),
                (8, 15, 1),
                (0, 7, 2),
                (8, 15, 2)
            ]
        );
    }

    #[test]
    fn breaks_collapse_and_text_keeps_padding() {
        assert_eq!(Normalized::new("a . , b").text, b" a | b ");
        assert_eq!(Normalized::new(", a").text, b" | a ");
        assert_eq!(Normalized::new("").text, b" ");
        assert_eq!(Normalized::new("a.").text, b" a | ");
        let n = Normalized::new("Straße ÉTÉ");
        assert_eq!(n.text, b" strasse ete ");
        assert_eq!((n.words[0].from, n.words[0].to), (0, 7));
    }
}
