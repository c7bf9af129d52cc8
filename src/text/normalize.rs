//! Text normalisation for matching: lower case, Latin diacritics folded, words separated by
//! single spaces, clause punctuation kept as a `|` token, and a map back to the original
//! byte offsets.

/// A normalised text: ` word word | word ` (with a space at both ends), and for each of its
/// bytes the byte offset of the original character it came from.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    pub(crate) text: String,
    pub(crate) origin: Vec<u32>,
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
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '\n' | '•')
}

impl Normalized {
    pub(crate) fn new(input: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(input.len() + 2),
            origin: Vec::with_capacity(input.len() + 2),
        };
        out.push(" ", 0);
        for (offset, c) in input.char_indices() {
            let offset = u32::try_from(offset).unwrap_or(u32::MAX);
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    let lower = c.to_ascii_lowercase();
                    out.text.push(lower);
                    out.origin.push(offset);
                } else {
                    for lower in c.to_lowercase() {
                        match fold(lower) {
                            Some(ascii) => out.push(ascii, offset),
                            None => {
                                let mut buf = [0u8; 4];
                                out.push(lower.encode_utf8(&mut buf), offset);
                            }
                        }
                    }
                }
            } else if is_clause_break(c) {
                out.space(offset);
                if !out.text.ends_with("| ") {
                    out.push("| ", offset);
                }
            } else {
                out.space(offset);
            }
        }
        let end = u32::try_from(input.len()).unwrap_or(u32::MAX);
        out.space(end);
        out
    }

    fn push(&mut self, s: &str, offset: u32) {
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(offset, s.len()));
    }

    fn space(&mut self, offset: u32) {
        if !self.text.ends_with(' ') {
            self.push(" ", offset);
        }
    }
}

/// Normalises a lexicon term's words the same way (without the surrounding spaces).
pub(crate) fn normalize_words(term: &str) -> String {
    let n = Normalized::new(term);
    n.text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        let n = Normalized::new("Obsługa KLIENTA, bez analizy; R&D");
        assert_eq!(n.text, " obsluga klienta | bez analizy | r d ");
        assert_eq!(n.origin.len(), n.text.len());
        // "klienta" starts at byte 9 of the input ("ł" is two bytes).
        assert_eq!(n.origin[9], 9);
        assert_eq!(normalize_words("Standard-Operating  Procedure"), "standard operating procedure");
    }
}
