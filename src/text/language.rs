//! Telling the language of each clause: the lexicons' markers (common words of a language)
//! found in it vote; a clause without markers is told by the letters of its words (`ą`, `ł`),
//! and without those by their endings (`tion`; `anie`). A clause without a clear majority
//! takes the language of its text, then of everything read.

use super::compile::MAX_LANGUAGES;
use super::compiled::{Compiled, NO_LANGUAGE};
use super::normalize::Word;
use crate::error::{Detail, Error, ErrorKind};

impl Compiled {
    /// Fills `clause_language` with the language id of each clause of `words` (or
    /// [`NO_LANGUAGE`]) and returns the language of everything read. `parts` holds each text
    /// read and its first word, and `text` the normalised text; `votes` is scratch space.
    pub(super) fn tell_languages(
        &self,
        parts: &[(&str, u32)],
        text: &[u8],
        words: &[Word],
        markers: &[(u32, u32)],
        votes: &mut Vec<u32>,
        clause_language: &mut Vec<u8>,
    ) -> u8 {
        clause_language.clear();
        let clauses = words.last().map_or(0, |w| w.clause as usize + 1);
        // Telling languages apart takes two that can be told.
        if self.detects.count_ones() < 2 {
            clause_language.resize(clauses, NO_LANGUAGE);
            return NO_LANGUAGE;
        }
        let languages = self.languages.len();
        votes.clear();
        votes.resize(clauses * languages, 0);
        for &(clause, markers) in markers {
            vote(votes, languages, clause, markers);
        }
        // A clause without markers: the letters of its words, and without letters either, the
        // endings of its words. A clause's words are all in one text.
        let (mut k, mut part) = (0, 0);
        while let Some(word) = words.get(k) {
            let clause = word.clause as usize;
            let from = k;
            while words.get(k).is_some_and(|w| w.clause as usize == clause) {
                k += 1;
            }
            let row = clause * languages..(clause + 1) * languages;
            if votes[row.clone()].iter().any(|&v| v > 0) {
                continue;
            }
            while parts
                .get(part + 1)
                .is_some_and(|next| next.1 as usize <= from)
            {
                part += 1;
            }
            let input = parts[part].0;
            for word in &words[from..k] {
                let spelled = &input[word.from as usize..word.to as usize];
                if spelled.is_ascii() {
                    continue;
                }
                let mut mask = 0;
                for c in spelled.chars().filter(|c| !c.is_ascii()) {
                    if let Some((_, languages)) = self.letters.iter().find(|(l, _)| *l == c) {
                        mask |= languages;
                    }
                }
                vote(votes, languages, word.clause, mask);
            }
            if votes[row].iter().any(|&v| v > 0) {
                continue;
            }
            for word in &words[from..k] {
                let mask = self.ending_languages(&text[word.at as usize..word.end as usize]);
                vote(votes, languages, word.clause, mask);
            }
        }
        // Each clause's own majority, else its text's, else everything's.
        let mut all = [0u32; MAX_LANGUAGES];
        let all = &mut all[..languages];
        for clause in votes.chunks(languages) {
            for (sum, v) in all.iter_mut().zip(clause) {
                *sum += v;
            }
        }
        let overall = majority(all);
        let mut part = [0u32; MAX_LANGUAGES];
        let part = &mut part[..languages];
        for (p, &(_, first)) in parts.iter().enumerate() {
            let to = parts.get(p + 1).map_or(words.len(), |next| next.1 as usize);
            let Some(span) = words.get(first as usize..to).filter(|w| !w.is_empty()) else {
                continue;
            };
            let (first_clause, last_clause) = (
                span[0].clause as usize,
                span[span.len() - 1].clause as usize,
            );
            part.iter_mut().for_each(|v| *v = 0);
            for clause in
                votes[first_clause * languages..(last_clause + 1) * languages].chunks(languages)
            {
                for (sum, v) in part.iter_mut().zip(clause) {
                    *sum += v;
                }
            }
            let fallback = match majority(part) {
                NO_LANGUAGE => overall,
                language => language,
            };
            clause_language.resize(first_clause, NO_LANGUAGE);
            for clause in first_clause..=last_clause {
                let own = majority(&votes[clause * languages..(clause + 1) * languages]);
                clause_language.push(if own == NO_LANGUAGE { fallback } else { own });
            }
        }
        clause_language.resize(clauses, overall);
        overall
    }
}

impl Compiled {
    /// The languages whose endings a normalised word has (one bit each), the word being two
    /// letters longer than the ending at least.
    #[inline]
    fn ending_languages(&self, word: &[u8]) -> u32 {
        let Some(&last) = word.last() else {
            return 0;
        };
        let (from, to) = (
            usize::from(self.by_last[usize::from(last)]),
            usize::from(self.by_last[usize::from(last) + 1]),
        );
        let mut mask = 0;
        for (ending, languages) in &self.endings[from..to] {
            if word.len() > ending.len() + 1
                && word
                    .iter()
                    .rev()
                    .zip(ending.iter().rev())
                    .all(|(a, b)| a == b)
            {
                mask |= languages;
            }
        }
        mask
    }
}

/// Sorts the endings by their last byte and returns where each last byte's endings start.
pub(super) fn index_endings(endings: &mut [(Box<[u8]>, u32)]) -> Result<Box<[u16; 257]>, Error> {
    if endings.len() > usize::from(u16::MAX) {
        return Err(Error::new(
            ErrorKind::Limit,
            Detail::Other(format!("lexicons: more than {} word endings", u16::MAX)),
        ));
    }
    endings.sort_by_key(|(ending, _)| *ending.last().expect("an ending has two letters or more"));
    let mut by_last = Box::new([0u16; 257]);
    for (b, start) in by_last.iter_mut().enumerate() {
        let before =
            endings.partition_point(|(ending, _)| usize::from(ending[ending.len() - 1]) < b);
        *start = u16::try_from(before).expect("checked above");
    }
    Ok(by_last)
}

/// Adds a vote for each language in `mask` to a clause.
#[inline]
fn vote(votes: &mut [u32], languages: usize, clause: u32, mut mask: u32) {
    let row = clause as usize * languages;
    while mask != 0 {
        votes[row + mask.trailing_zeros() as usize] += 1;
        mask &= mask - 1;
    }
}

/// The language with the most votes, if one has more than every other.
fn majority(votes: &[u32]) -> u8 {
    let mut best = (0, NO_LANGUAGE, false);
    for (language, &v) in votes.iter().enumerate() {
        if v > best.0 {
            best = (
                v,
                u8::try_from(language).expect("at most 32 languages"),
                false,
            );
        } else if v == best.0 && v > 0 {
            best.2 = true;
        }
    }
    if best.2 { NO_LANGUAGE } else { best.1 }
}
