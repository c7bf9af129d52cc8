//! From matched patterns to found terms: each pattern's terms with the words after it checked,
//! the longest match kept, and negators applied.

use aho_corasick::PatternID;

use super::compiled::{Compiled, NO_HEADING, NO_LANGUAGE};
use super::normalize::Word;
use super::scan::End;
use super::source::Source;

/// A term found in a text, before it is spelled out as hits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Found {
    pub(super) source: Source,
    pub(super) negated: bool,
    /// The fields an earlier term on the same words already gave (one bit per field index).
    pub(super) skip: u16,
    pub(super) term: u32,
    /// The byte range of the matched words in the original text.
    pub(super) from: u32,
    pub(super) to: u32,
    /// The language id of its clause, or [`NO_LANGUAGE`].
    pub(super) language: u8,
    /// The heading of the part of the text it is in (its index in `Compiled::headings`), or
    /// [`NO_HEADING`].
    pub(super) section: u16,
}

/// A match of a term: its first and last word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) start: u32,
    end: u32,
    pub(super) term: u32,
}

/// In [`index_words`], a byte that does not start a word.
const NOT_A_WORD: u32 = u32::MAX;

/// Fills `word_of` with, for each byte of a normalised text of `len` bytes, the index of the
/// word that starts there, or [`NOT_A_WORD`]. There are fewer words than bytes, so each index
/// fits in `u32` as the offsets do.
#[inline]
pub(super) fn index_words(words: &[Word], len: usize, word_of: &mut Vec<u32>) {
    word_of.clear();
    word_of.resize(len, NOT_A_WORD);
    for (k, word) in words.iter().enumerate() {
        word_of[word.at as usize] = k as u32;
    }
}

impl Compiled {
    /// Turns the patterns the automaton reported into term matches, in words: each term the
    /// pattern begins whose words after the pattern follow in the same clause. A language's
    /// marker goes to `markers` as its clause and languages (one bit each), and only to
    /// `matches` as well when it is also a negator, a heading or implies something.
    pub(super) fn candidates(
        &self,
        text: &[u8],
        words: &[Word],
        word_of: &[u32],
        reported: &[(PatternID, End)],
        matches: &mut Vec<Candidate>,
        markers: &mut Vec<(u32, u32)>,
    ) {
        matches.clear();
        markers.clear();
        for &(pattern, end) in reported {
            let p = self
                .patterns
                .get(pattern.as_usize())
                .expect("the automaton reports the patterns it was built from");
            let start = end
                .at
                .checked_sub(p.len)
                .expect("a match ends at least its pattern's length into the text");
            // A match the second half of a long text reports too.
            if start >= end.before {
                continue;
            }
            // Every pattern begins with the space before a word, and in a normalised text a
            // space is followed by a word, a clause break or nothing.
            let first = word_of[start as usize + 1];
            assert_ne!(
                first, NOT_A_WORD,
                "a pattern starts with a space and a word"
            );
            // A pattern's last word is whole, or a stem reaching to the end of its word. A
            // pattern has one word or more, all of them in the text.
            let last = first + (p.words - 1);
            for pattern_term in &self.pattern_terms[p.terms.0 as usize..p.terms.1 as usize] {
                let last = if pattern_term.more {
                    let rest = self.terms[pattern_term.term as usize].rest();
                    match match_rest(text, words, last, rest) {
                        Some(last) => last,
                        None => continue,
                    }
                } else {
                    last
                };
                if pattern_term.markers != 0 {
                    markers.push((words[first as usize].clause, pattern_term.markers));
                    if pattern_term.marker_only {
                        continue;
                    }
                }
                matches.push(Candidate {
                    start: first,
                    end: last,
                    term: pattern_term.term,
                });
            }
        }
    }

    /// Applies the negators to the other matches and adds these to `found`: a negator up to a
    /// term's window before it, in the same clause, negates it. A section heading that is a
    /// clause of a description on its own starts a part of it, up to the next heading. `parts` holds
    /// the first word of each text read, and the text's source; `clause_language` the
    /// language of each clause.
    pub(super) fn apply_negation(
        &self,
        words: &[Word],
        parts: &[(u32, Source)],
        matches: &[Candidate],
        clause_language: &[u8],
        negators: &mut Vec<(u32, u32)>,
        found: &mut Vec<Found>,
    ) {
        // Negators seen so far, as (first word, last word).
        negators.clear();
        let mut same_words = (u32::MAX, u32::MAX, 0u16);
        // The part of the text read: the text (by its first word) and its heading.
        let mut section = (0u32, NO_HEADING);
        for c in matches {
            let term = &self.hot[c.term as usize];
            if term.negator {
                negators.push((c.start, c.end));
                continue;
            }
            let &(part, source) = parts
                .iter()
                .rev()
                .find(|part| part.0 <= c.start)
                .expect("the first text read starts at word 0");
            if section.0 != part {
                section = (part, NO_HEADING);
            }
            let (first, last) = (&words[c.start as usize], &words[c.end as usize]);
            // A heading is a clause of its own (`Requirements:`, `Oferujemy:`).
            if term.heading != NO_HEADING
                && source != Source::Name
                && (c.start == part || words[c.start as usize - 1].clause != first.clause)
                && words
                    .get(c.end as usize + 1)
                    .is_none_or(|next| next.clause != last.clause)
            {
                section.1 = term.heading;
            }
            if term.signals_only() {
                continue;
            }
            // A negator shortly before, in the same clause.
            let negated = negators
                .iter()
                .rev()
                .take_while(|n| n.0 as usize + self.negation_reach >= c.start as usize)
                .any(|&(_, end)| {
                    end < c.start
                        && c.start - end - 1 < term.window
                        && words[end as usize].clause == first.clause
                });
            // Several terms matching the same words (`judge*`, `judgement*`) count once per
            // field.
            if (c.start, c.end) != (same_words.0, same_words.1) {
                same_words = (c.start, c.end, 0);
            }
            let skip = same_words.2;
            same_words.2 |= term.fields;
            found.push(Found {
                source,
                negated,
                skip,
                term: c.term,
                from: first.from,
                to: last.to,
                language: clause_language
                    .get(first.clause as usize)
                    .copied()
                    .unwrap_or(NO_LANGUAGE),
                section: section.1,
            });
        }
    }
}

/// Keeps the longest matches: sorts the matches by start, longest first, and drops every
/// match inside a longer one. `equity research` names the service line, `research*` inside it
/// adds nothing, and `no` inside `no contact` negates nothing.
pub(super) fn keep_longest(matches: &mut Vec<Candidate>) {
    matches.sort_unstable_by_key(|c| {
        (u128::from(c.start) << 64) | (u128::from(u32::MAX - c.end) << 32) | u128::from(c.term)
    });
    // A container comes before what it contains; the match reaching furthest so far is the
    // only one to compare with.
    let mut cover: Option<(u32, u32)> = None;
    matches.retain(|c| {
        let inside =
            cover.is_some_and(|(start, end)| c.end <= end && (c.start, c.end) != (start, end));
        if cover.is_none_or(|(_, end)| c.end > end) {
            cover = Some((c.start, c.end));
        }
        !inside
    });
}

/// Checks the remaining words of a term after the word `last` (in the same clause) and
/// returns the index of the term's last word.
#[inline]
fn match_rest(text: &[u8], words: &[Word], mut last: u32, rest: &[(String, bool)]) -> Option<u32> {
    for (expected, stem) in rest {
        let clause = words[last as usize].clause;
        last += 1;
        // The text may end first.
        let word = words.get(last as usize)?;
        let found = &text[word.at as usize..word.end as usize];
        let matches = if *stem {
            found.starts_with(expected.as_bytes())
        } else {
            found == expected.as_bytes()
        };
        if word.clause != clause || !matches {
            return None;
        }
    }
    Some(last)
}
