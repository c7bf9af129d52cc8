//! The eight criteria of the comparison chart and their values, declared in one table.

use super::vocab::vocabulary;
use crate::error::Error;

pub use super::context::{Location, Office};
pub use super::position::{Lean, Position};

mod sealed {
    pub trait Sealed {}
}

/// Implemented by the value enum of each criterion ([`DecisionBasis`], [`Complexity`], …),
/// linking it to its [`Criterion`] and to a [`Position`].
pub trait CriterionValue: Copy + sealed::Sealed {
    /// The criterion this is a value of.
    const CRITERION: Criterion;
    /// Where the value sits between the poles.
    fn position(self) -> Position;
    /// The value at a position.
    fn from_position(position: Position) -> Self;
}

/// What [`Criterion`] knows of each criterion besides its name and label.
struct Meta {
    question: &'static str,
    chart_row: &'static str,
    options: [&'static str; 3],
    option_labels: [&'static str; 3],
}

/// Declares the criteria: for each, its value enum (three values, BPO pole first, each with
/// its name and label), its field name and label, its question and its chart row. From this
/// one table come the value enums, [`Criterion`] and its [`Meta`] table.
macro_rules! criteria {
    ($(
        $(#[doc = $doc:literal])*
        $ty:ident = $name:literal, $label:literal {
            question: $question:literal,
            chart_row: $chart_row:literal,
            values: {
                $bpo:ident = $bpo_name:literal, $bpo_label:literal;
                $mid:ident = $mid_name:literal, $mid_label:literal;
                $kpo:ident = $kpo_name:literal, $kpo_label:literal;
            }
        }
    )+) => {
        $(
            vocabulary! {
                $(#[doc = $doc])*
                pub enum $ty as $name with labels {
                    #[doc = concat!("`", $bpo_name, "`: ", $bpo_label, " (the BPO pole).")]
                    $bpo = $bpo_name, $bpo_label;
                    #[doc = concat!("`", $mid_name, "`: ", $mid_label, ".")]
                    $mid = $mid_name, $mid_label;
                    #[doc = concat!("`", $kpo_name, "`: ", $kpo_label, " (the KPO pole).")]
                    $kpo = $kpo_name, $kpo_label;
                }
            }

            impl sealed::Sealed for $ty {}

            impl CriterionValue for $ty {
                const CRITERION: Criterion = Criterion::$ty;

                fn position(self) -> Position {
                    Position::ALL[self as usize]
                }

                fn from_position(position: Position) -> Self {
                    Self::ALL[position.index()]
                }
            }

            impl From<$ty> for Position {
                fn from(value: $ty) -> Position {
                    value.position()
                }
            }
        )+

        vocabulary! {
            /// The eight criteria, one per row of the BPO/KPO comparison chart.
            ///
            /// A business tool can build a questionnaire from it:
            ///
            /// ```
            /// use outsourcing::Criterion;
            ///
            /// for criterion in Criterion::ALL {
            ///     println!("{}: {}", criterion.label(), criterion.question());
            ///     for (value, meaning) in criterion.options().iter().zip(criterion.option_labels()) {
            ///         println!("  {value}: {meaning}");
            ///     }
            /// }
            /// assert_eq!(Criterion::DecisionBasis.options(), ["rules", "guided", "judgement"]);
            /// ```
            pub enum Criterion as "criterion" with labels {
                $(
                    #[doc = concat!(
                        "`", $name, "`, chart row \"", $chart_row, "\": see [`", stringify!($ty), "`]."
                    )]
                    $ty = $name, $label;
                )+
            }
        }

        static META: [Meta; Criterion::ALL.len()] = [$(
            Meta {
                question: $question,
                chart_row: $chart_row,
                options: $ty::NAMES,
                option_labels: $ty::LABELS,
            },
        )+];
    };
}

criteria! {
    /// What the work is based on (chart row "based on"): `rules` · `guided` · `judgement`.
    DecisionBasis = "decision_basis", "Decision basis" {
        question: "Is the work done by following set rules, or by exercising judgement?",
        chart_row: "based on",
        values: {
            Rules = "rules", "set rules and procedures decide each case";
            Guided = "guided", "rules with some room for judgement";
            Judgement = "judgement", "expert judgement and interpretation decide each case";
        }
    }

    /// The degree of complexity (chart row "degree of complexity"): `low` · `medium` · `high`.
    Complexity = "complexity", "Complexity" {
        question: "How complex is the work?",
        chart_row: "degree of complexity",
        values: {
            Low = "low", "simple, repetitive steps";
            Medium = "medium", "some non-routine cases";
            High = "high", "complex, non-routine problems";
        }
    }

    /// The expertise required (chart row "requirement"): `process` · `mixed` · `knowledge`.
    Expertise = "expertise", "Expertise" {
        question: "Does it take knowing the process, or deep domain knowledge?",
        chart_row: "requirement",
        values: {
            Process = "process", "knowing the process well";
            Mixed = "mixed", "process know-how plus some domain knowledge";
            Knowledge = "knowledge", "deep domain knowledge";
        }
    }

    /// What outsourcing the work relies on (chart row "relies on"): `cost` · `mixed` ·
    /// `knowledge` (cost arbitrage or knowledge arbitrage).
    Arbitrage = "arbitrage", "Arbitrage" {
        question: "Is it outsourced to cut cost, or to get knowledge not available in-house?",
        chart_row: "relies on",
        values: {
            Cost = "cost", "the same work done for less";
            Mixed = "mixed", "both lower cost and expertise";
            Knowledge = "knowledge", "expertise the buyer lacks in-house";
        }
    }

    /// The driving force (chart row "driving force"): `volume` · `mixed` · `insight`.
    Driver = "driver", "Driver" {
        question: "Does its value come from handling volume, or from insight?",
        chart_row: "driving force",
        values: {
            Volume = "volume", "more items handled is more value";
            Mixed = "mixed", "both volume and insight matter";
            Insight = "insight", "better conclusions are more value";
        }
    }

    /// The collaboration and coordination needed (chart row "collaboration and
    /// coordination"): `low` · `medium` · `high`.
    Coordination = "coordination", "Coordination" {
        question: "How much collaboration and coordination with the client does it need?",
        chart_row: "collaboration and coordination",
        values: {
            Low = "low", "little beyond hand-offs";
            Medium = "medium", "regular check-ins";
            High = "high", "close, continuous collaboration";
        }
    }

    /// The talent required (chart row "talent required"): `communication` · `skilled` ·
    /// `professional`.
    Talent = "talent", "Talent" {
        question: "What staff does it need?",
        chart_row: "talent required",
        values: {
            Communication = "communication", "good communication and basic computer skills";
            Skilled = "skilled", "trained specialists";
            Professional = "professional", "professionally qualified, highly skilled staff";
        }
    }

    /// The level of the process the work focuses on (chart row "focus"): `low_level` ·
    /// `mid_level` · `high_level`.
    Focus = "focus", "Focus" {
        question: "At what level of the business process does it work?",
        chart_row: "focus",
        values: {
            LowLevel = "low_level", "low-level, transactional steps";
            MidLevel = "mid_level", "between transactional and decision-shaping work";
            HighLevel = "high_level", "high-level, decision-shaping work";
        }
    }
}

impl Criterion {
    /// The index of the criterion in [`Criterion::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    fn meta(self) -> &'static Meta {
        &META[self as usize]
    }

    /// The one-line question a questionnaire asks for this criterion.
    #[must_use]
    pub fn question(self) -> &'static str {
        self.meta().question
    }

    /// The three accepted values, BPO pole first.
    #[must_use]
    pub fn options(self) -> [&'static str; 3] {
        self.meta().options
    }

    /// The three accepted values, as a slice that lives as long as the program.
    pub(crate) fn values(self) -> &'static [&'static str] {
        &self.meta().options
    }

    /// What each of the three values means, in the order of [`Criterion::options`].
    #[must_use]
    pub fn option_labels(self) -> [&'static str; 3] {
        self.meta().option_labels
    }

    /// The labels of the three values, as a slice that lives as long as the program.
    pub(crate) fn meta_labels(self) -> &'static [&'static str; 3] {
        &self.meta().option_labels
    }

    /// The name of the value at a position: `Criterion::Talent.value_name(Position::Kpo)` is
    /// `"professional"`.
    #[must_use]
    pub fn value_name(self, position: Position) -> &'static str {
        self.meta().options[position.index()]
    }

    /// The row of the comparison chart this criterion comes from.
    #[must_use]
    pub fn chart_row(self) -> &'static str {
        self.meta().chart_row
    }

    /// Parses one of the criterion's value names into its position.
    ///
    /// # Errors
    ///
    /// An error of kind [`ErrorKind::Profile`](crate::ErrorKind::Profile) naming the
    /// criterion and listing the accepted values when `value` is not one of them.
    ///
    /// ```
    /// use outsourcing::{Criterion, Position};
    ///
    /// assert_eq!(Criterion::Talent.parse_value("skilled")?, Position::Middle);
    /// let err = Criterion::Talent.parse_value("genius").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "talent: unknown value \"genius\" (expected one of: communication, skilled, professional)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_value(self, value: &str) -> Result<Position, Error> {
        super::vocab::parse(value, self.name(), &Position::ALL, &self.meta().options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_enums_follow_the_table() {
        fn check<T: CriterionValue + std::fmt::Display>(all: &[T]) {
            let criterion = T::CRITERION;
            for (value, position) in all.iter().zip(Position::ALL) {
                assert_eq!(value.position(), position);
                assert_eq!(value.to_string(), criterion.value_name(position));
            }
        }
        check(&DecisionBasis::ALL);
        check(&Complexity::ALL);
        check(&Expertise::ALL);
        check(&Arbitrage::ALL);
        check(&Driver::ALL);
        check(&Coordination::ALL);
        check(&Talent::ALL);
        check(&Focus::ALL);
        assert_eq!(Talent::Skilled.label(), "trained specialists");
        assert_eq!(Criterion::Focus.label(), "Focus");
    }
}
