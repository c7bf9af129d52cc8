//! "Did you mean …?" suggestions for unknown names.

/// The accepted name closest to `found`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(found: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let found = found.to_ascii_lowercase();
    let limit = (found.chars().count().div_ceil(3)).clamp(1, 3);
    accepted
        .iter()
        .map(|candidate| (distance(&found, candidate), *candidate))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["complexity", "coordination", "talent"];
        assert_eq!(closest("complexty", &names), Some("complexity"));
        assert_eq!(closest("Talent", &names), Some("talent"));
        assert_eq!(closest("budget", &names), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
