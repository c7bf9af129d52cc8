//! Settledness and the ranking of questions: what the verdict can still become.

use super::search::{Search, Verdicts, bit, verdicts_in};
use super::{Classifier, Verdict};
use crate::model::field::{FIELD_COUNT, Field};
use crate::model::profile::TaskProfile;

/// Every verdict.
const ALL: Verdicts = 0b1111;

/// The verdicts a profile can still get when its unknown fields are filled in: every
/// unknown criterion at any of its three positions, and the service line at any line when
/// it is unknown. Location, office and custom attributes are context and stay as given.
///
/// ```
/// use outsourcing::{Classifier, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(
///     r#"{"name":"Case A","decision_basis":"guided","complexity":"medium"}"#,
/// )?;
/// let reach = classifier.reachable(&task);
/// assert!(reach.is_complete());
/// assert!(reach.contains(Verdict::Kpo) && reach.contains(Verdict::Bpo));
/// assert_eq!(reach.is_settled(), Some(false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    current: Verdict,
    verdicts: Verdicts,
    complete: bool,
}

impl Reach {
    /// The verdict of the profile as it is.
    #[must_use]
    pub fn current(&self) -> Verdict {
        self.current
    }

    /// Whether some filling of the unknown fields gets `verdict`.
    ///
    /// When the search was cut short ([`Reach::is_complete`] is false), a verdict not
    /// contained may still be reachable.
    #[must_use]
    pub fn contains(&self, verdict: Verdict) -> bool {
        self.verdicts & bit(verdict) != 0
    }

    /// The reachable verdicts, in the order of [`Verdict::ALL`].
    pub fn verdicts(&self) -> impl Iterator<Item = Verdict> + use<> {
        verdicts_in(self.verdicts)
    }

    /// How many verdicts are reachable (1 to 4).
    #[must_use]
    pub fn len(&self) -> usize {
        self.verdicts.count_ones() as usize
    }

    /// Never true: some filling always exists. Present for symmetry with [`Reach::len`].
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.verdicts == 0
    }

    /// Whether the search finished within the budget
    /// ([`SEARCH_BUDGET`](crate::limits::SEARCH_BUDGET)), so the verdicts listed are all the
    /// reachable ones. When false, each verdict listed is reachable (a filling was found
    /// for it) and others may be too.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Whether the verdict is settled: `Some(true)` when no filling gets a verdict other than
    /// the current one, `Some(false)` when one does, `None` when the search was cut short
    /// before finding either.
    #[must_use]
    pub fn is_settled(&self) -> Option<bool> {
        if self.verdicts & !bit(self.current) != 0 {
            Some(false)
        } else if self.complete {
            Some(true)
        } else {
            None
        }
    }
}

/// How much answering one unknown field narrows what the verdict can still become, with the
/// figures [`Classifier::questions`] ranks by.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct QuestionImpact {
    /// The unknown field: a criterion, or the service line.
    pub field: Field,
    /// How many answers it has (3 for a criterion, one per service line).
    pub answers: usize,
    /// The mean, over its answers, of how many verdicts stay reachable once it is answered
    /// (1 to 4): the first ranking key, lowest first.
    pub reachable_after: f64,
    /// How many of its answers leave a single verdict reachable.
    pub settling_answers: usize,
    /// How many of its answers give a verdict other than the current one right away (with
    /// the other fields still unknown).
    pub changing_answers: usize,
    /// The spread of the KPO share over its answers right away (highest minus lowest): the
    /// second ranking key, widest first.
    pub share_spread: f64,
    /// The mean gain in coverage over its answers right away: the third ranking key,
    /// largest first.
    pub coverage_gain: f64,
    /// Whether the searches behind `reachable_after` and `settling_answers` finished within
    /// the budget; when false, the reachable counts are lower bounds.
    pub complete: bool,
}

/// The reach of a profile and the ranking of its questions, computed together.
#[derive(Debug, Clone)]
pub(crate) struct Ranking {
    pub(crate) reach: Reach,
    pub(crate) questions: Vec<QuestionImpact>,
}

impl Ranking {
    /// The next question: `None` exactly when the verdict is known to be settled.
    pub(crate) fn next_question(&self) -> Option<Field> {
        if self.reach.is_settled() == Some(true) {
            None
        } else {
            self.questions.first().map(|q| q.field)
        }
    }
}

/// The fields a filling fills in: unknown criteria in chart order, then the service line.
fn open_fields(profile: &TaskProfile) -> Vec<usize> {
    Field::ALL[..=Field::ServiceLine.index()]
        .iter()
        .filter(|f| !profile.is_known(**f))
        .map(|f| f.index())
        .collect()
}

/// The box of all fillings: known fields as they are, open fields at any value, the other
/// unknown fields unknown.
fn fillings(profile: &TaskProfile, open: &[usize]) -> [u32; FIELD_COUNT] {
    let states = profile.states();
    let mut domain = [0u32; FIELD_COUNT];
    for (i, allowed) in domain.iter_mut().enumerate() {
        *allowed = if open.contains(&i) {
            // States 1..=n: every value, not unknown.
            ((1u32 << Field::ALL[i].states()) - 1) & !1
        } else {
            1 << states[i]
        };
    }
    domain
}

impl Classifier {
    /// Sets the work budget of each decision-support search of this classifier (see
    /// [`SEARCH_BUDGET`](crate::limits::SEARCH_BUDGET), the default). A search that spends
    /// it stops and says so: [`Reach::is_complete`], [`QuestionImpact::complete`],
    /// [`Flip::CutShort`](crate::Flip::CutShort), `None` from [`Classifier::is_settled`].
    pub fn set_search_budget(&mut self, units: u64) -> &mut Self {
        self.search_budget = units;
        self
    }

    /// The work budget of each decision-support search.
    #[must_use]
    pub fn search_budget(&self) -> u64 {
        self.search_budget
    }

    /// Whether the verdict is settled: no filling of the unknown fields (every unknown
    /// criterion at any of its three positions, the service line at any line when unknown)
    /// gets another verdict. `Some(true)` or `Some(false)` is exact for any rule set;
    /// `None` when the search budget ran out before it could tell.
    ///
    /// The search bounds the verdicts a set of fillings can get from the compiled tables
    /// (exactly per group of fields) and stops at the first filling with another verdict;
    /// see the README for its cost.
    ///
    /// ```
    /// use outsourcing::{Classifier, TaskProfile};
    ///
    /// let classifier = Classifier::default();
    /// let open = TaskProfile::from_json(r#"{"name":"A","decision_basis":"guided","complexity":"medium"}"#)?;
    /// assert_eq!(classifier.is_settled(&open), Some(false));
    /// let firm = TaskProfile::from_json(
    ///     r#"{"name":"B","decision_basis":"rules","complexity":"low","expertise":"process",
    ///         "driver":"volume","talent":"communication"}"#,
    /// )?;
    /// assert_eq!(classifier.is_settled(&firm), Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_settled(&self, profile: &TaskProfile) -> Option<bool> {
        let open = open_fields(profile);
        if open.is_empty() {
            // Nothing to fill in: the profile is its only filling.
            return Some(true);
        }
        let current = self.verdict(profile);
        let mut search = Search::new(self, profile);
        let root = search.boxed(fillings(profile, &open));
        let mut found = 0;
        search.explore(&root, &open, bit(current), ALL, true, &mut found);
        if found & !bit(current) != 0 {
            Some(false)
        } else if search.is_cut() {
            None
        } else {
            Some(true)
        }
    }

    /// The verdicts the profile can still get when its unknown fields are filled in, found
    /// exactly for any rule set within the search budget.
    #[must_use]
    pub fn reachable(&self, profile: &TaskProfile) -> Reach {
        let current = self.verdict(profile);
        let open = open_fields(profile);
        if open.is_empty() {
            return Reach {
                current,
                verdicts: bit(current),
                complete: true,
            };
        }
        let mut search = Search::new(self, profile);
        let root = search.boxed(fillings(profile, &open));
        let mut found = 0;
        search.explore(&root, &open, 0, ALL, false, &mut found);
        Reach {
            current,
            verdicts: found,
            complete: !search.is_cut(),
        }
    }

    /// Ranks the profile's unknown fields (criteria, and the service line when unknown) by
    /// how much their answer narrows what the verdict can still become, looking past the
    /// answer to every filling of the fields left:
    ///
    /// 1. fewest verdicts still reachable after the answer, on average over its answers
    ///    ([`QuestionImpact::reachable_after`], each answer counted as equally likely);
    /// 2. then the widest spread of the KPO share over its answers right away;
    /// 3. then the largest mean gain in coverage right away;
    /// 4. then field order: the criteria in chart order, then the service line.
    ///
    /// Figures are compared to nine decimals, so rounding cannot break a tie.
    #[must_use]
    pub fn questions(&self, profile: &TaskProfile) -> Vec<QuestionImpact> {
        self.ranking(profile).questions
    }

    /// The unknown field to ask about next: the first of [`Classifier::questions`], and
    /// `None` exactly when the verdict is settled ([`Classifier::is_settled`] is
    /// `Some(true)`). When the search budget cut the search short, the first of the ranking
    /// as far as it got.
    ///
    /// ```
    /// use outsourcing::{Classifier, Criterion, Field, TaskProfile};
    ///
    /// let classifier = Classifier::default();
    /// let task = TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#)?;
    /// assert!(classifier.next_question(&task).is_some());
    /// let nothing = TaskProfile::new("Anything")?;
    /// assert!(classifier.next_question(&nothing).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next_question(&self, profile: &TaskProfile) -> Option<Field> {
        self.ranking(profile).next_question()
    }

    /// The reach and the ranking in one search, sharing work between the answers: the
    /// fillings found for one answer are witnesses for the answers they contain, and the
    /// reach of the whole profile bounds every answer's.
    pub(crate) fn ranking(&self, profile: &TaskProfile) -> Ranking {
        let current = self.verdict(profile);
        let open = open_fields(profile);
        if open.is_empty() {
            return Ranking {
                reach: Reach {
                    current,
                    verdicts: bit(current),
                    complete: true,
                },
                questions: Vec::new(),
            };
        }
        let mut search = Search::new(self, profile);
        let root = search.boxed(fillings(profile, &open));
        let mut reach = 0;
        search.explore(&root, &open, 0, ALL, false, &mut reach);
        let root_complete = !search.is_cut();
        let within = if root_complete { reach } else { ALL };
        let single = root_complete && reach.count_ones() == 1;

        let base = *profile.states();
        let now = self.judge(&self.evaluate_states(&base, profile));
        let mut questions: Vec<QuestionImpact> = open
            .iter()
            .map(|&field| {
                let rest: Vec<usize> = open.iter().copied().filter(|f| *f != field).collect();
                let values = Field::ALL[field].states() - 1;
                let (mut reachable, mut settling, mut changing) = (0usize, 0, 0);
                let (mut low, mut high, mut gain) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
                let mut complete = root_complete;
                for value in 1..=values {
                    // At most 22 states per field.
                    let state = u8::try_from(value).unwrap_or(u8::MAX);
                    let after = if single {
                        reach
                    } else {
                        let known = search.seen[field][value] & within;
                        let child = search.narrow(&root, &[(field, state)]);
                        let mut found = 0;
                        search.explore(&child, &rest, known, within, false, &mut found);
                        complete &= !search.is_cut();
                        known | found
                    };
                    reachable += after.count_ones() as usize;
                    settling += usize::from(after.count_ones() == 1);
                    let mut states = base;
                    states[field] = state;
                    let answered = self.judge(&self.evaluate_states(&states, profile));
                    changing += usize::from(answered.verdict != now.verdict);
                    low = low.min(answered.kpo_share);
                    high = high.max(answered.kpo_share);
                    gain += answered.coverage - now.coverage;
                }
                #[allow(clippy::cast_precision_loss)]
                let n = values as f64;
                #[allow(clippy::cast_precision_loss)]
                QuestionImpact {
                    field: Field::ALL[field],
                    answers: values,
                    reachable_after: reachable as f64 / n,
                    settling_answers: settling,
                    changing_answers: changing,
                    share_spread: high - low,
                    coverage_gain: gain / n,
                    complete,
                }
            })
            .collect();
        // A stable sort keeps field order among equals.
        let key = |x: f64| (x * 1e9).round();
        questions.sort_by(|a, b| {
            key(a.reachable_after)
                .total_cmp(&key(b.reachable_after))
                .then(key(b.share_spread).total_cmp(&key(a.share_spread)))
                .then(key(b.coverage_gain).total_cmp(&key(a.coverage_gain)))
        });
        Ranking {
            reach: Reach {
                current,
                verdicts: reach,
                complete: root_complete,
            },
            questions,
        }
    }
}
