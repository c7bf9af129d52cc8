//! Text normalisation for matching: lower case, Latin diacritics folded, words separated by
//! single spaces, clause punctuation kept as a `|` token, and a map back to the original
//! byte offsets.

/// A normalised text: ` word word | word ` (with a space at both ends), and for each of its
/// bytes the byte offset of the original character it came from.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    /// UTF-8 text (ASCII for ASCII input), kept as bytes for matching.
    pub(crate) text: Vec<u8>,
    pub(crate) origin: Vec<u32>,
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

impl Normalized {
    pub(crate) fn new(input: &str) -> Normalized {
        let mut out = Normalized {
            text: Vec::with_capacity(input.len() + 2),
            origin: Vec::with_capacity(input.len() + 2),
        };
        out.push(b" ", 0);
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let offset = u32::try_from(i).unwrap_or(u32::MAX);
            let b = bytes[i];
            if b.is_ascii() {
                // The common case, byte by byte through a table.
                match ASCII[usize::from(b)] {
                    SPACE => out.space(offset),
                    BREAK => out.clause_break(offset),
                    lower => {
                        out.text.push(lower);
                        out.origin.push(offset);
                    }
                }
                i += 1;
                continue;
            }
            let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    match fold(lower) {
                        Some(ascii) => out.push(ascii.as_bytes(), offset),
                        None => {
                            let mut buf = [0u8; 4];
                            out.push(lower.encode_utf8(&mut buf).as_bytes(), offset);
                        }
                    }
                }
            } else if is_clause_break(c) {
                out.clause_break(offset);
            } else {
                out.space(offset);
            }
            i += c.len_utf8();
        }
        let end = u32::try_from(input.len()).unwrap_or(u32::MAX);
        out.space(end);
        out
    }

    fn push(&mut self, s: &[u8], offset: u32) {
        self.text.extend_from_slice(s);
        self.origin.extend(std::iter::repeat_n(offset, s.len()));
    }

    fn space(&mut self, offset: u32) {
        if self.text.last() != Some(&b' ') {
            self.push(b" ", offset);
        }
    }

    fn clause_break(&mut self, offset: u32) {
        self.space(offset);
        if !self.text.ends_with(b"| ") {
            self.push(b"| ", offset);
        }
    }
}

/// Normalises a lexicon term's words the same way (without the surrounding spaces).
pub(crate) fn normalize_words(term: &str) -> String {
    let n = Normalized::new(term);
    String::from_utf8_lossy(&n.text).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        let n = Normalized::new("Obsługa KLIENTA, bez analizy; R&D");
        assert_eq!(n.text, b" obsluga klienta | bez analizy | r d ");
        assert_eq!(n.origin.len(), n.text.len());
        // "klienta" starts at byte 9 of the input ("ł" is two bytes).
        assert_eq!(n.origin[9], 9);
        assert_eq!(
            normalize_words("Standard-Operating  Procedure"),
            "standard operating procedure"
        );
    }
}
