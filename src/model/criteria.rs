//! The eight criteria of the comparison chart, their values, and the context fields.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr, VariantArray, VariantNames};

use crate::error::{Detail, Error, ErrorKind};

/// Where a criterion's value sits between the two kinds of outsourcing.
///
/// Every criterion has exactly three values, ordered `Bpo < Middle < Kpo`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Position {
    /// The BPO pole: rules, volume, cost.
    Bpo,
    /// Between the poles.
    Middle,
    /// The KPO pole: judgement, insight, knowledge.
    Kpo,
}

impl Position {
    /// The index of the position: 0, 1 or 2.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The position with the given index (0, 1 or 2).
    #[must_use]
    pub const fn from_index(index: usize) -> Option<Position> {
        match index {
            0 => Some(Position::Bpo),
            1 => Some(Position::Middle),
            2 => Some(Position::Kpo),
            _ => None,
        }
    }

    /// One step toward the KPO pole, or `None` at the KPO pole.
    #[must_use]
    pub const fn toward_kpo(self) -> Option<Position> {
        Position::from_index(self as usize + 1)
    }

    /// One step toward the BPO pole, or `None` at the BPO pole.
    #[must_use]
    pub const fn toward_bpo(self) -> Option<Position> {
        match self {
            Position::Bpo => None,
            Position::Middle => Some(Position::Bpo),
            Position::Kpo => Some(Position::Middle),
        }
    }
}

/// The side a rule or a service line leans to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Lean {
    /// Business process outsourcing: rule-based, volume-driven, cost arbitrage.
    Bpo,
    /// Knowledge process outsourcing: judgement-based, insight-driven, knowledge arbitrage.
    Kpo,
}

impl Lean {
    /// The other side.
    #[must_use]
    pub const fn opposite(self) -> Lean {
        match self {
            Lean::Bpo => Lean::Kpo,
            Lean::Kpo => Lean::Bpo,
        }
    }

    /// The upper-case acronym, `BPO` or `KPO`.
    #[must_use]
    pub const fn acronym(self) -> &'static str {
        match self {
            Lean::Bpo => "BPO",
            Lean::Kpo => "KPO",
        }
    }
}

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

macro_rules! criterion_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident => $criterion:ident {
            $(#[doc = $d0:literal])* $bpo:ident,
            $(#[doc = $d1:literal])* $mid:ident,
            $(#[doc = $d2:literal])* $kpo:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            Display, EnumString, EnumIter, IntoStaticStr, VariantArray, VariantNames,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $(#[doc = $d0])* $bpo,
            $(#[doc = $d1])* $mid,
            $(#[doc = $d2])* $kpo,
        }

        impl sealed::Sealed for $name {}

        impl CriterionValue for $name {
            const CRITERION: Criterion = Criterion::$criterion;

            fn position(self) -> Position {
                match self {
                    $name::$bpo => Position::Bpo,
                    $name::$mid => Position::Middle,
                    $name::$kpo => Position::Kpo,
                }
            }

            fn from_position(position: Position) -> Self {
                match position {
                    Position::Bpo => $name::$bpo,
                    Position::Middle => $name::$mid,
                    Position::Kpo => $name::$kpo,
                }
            }
        }

        impl From<$name> for Position {
            fn from(value: $name) -> Position {
                value.position()
            }
        }
    };
}

criterion_enum! {
    /// What the work is based on (chart row "based on"): `rules` · `guided` · `judgement`.
    DecisionBasis => DecisionBasis {
        /// Set rules and procedures decide each case.
        Rules,
        /// Rules with some room for judgement.
        Guided,
        /// Expert judgement and interpretation decide each case.
        Judgement,
    }
}

criterion_enum! {
    /// The degree of complexity (chart row "degree of complexity"): `low` · `medium` · `high`.
    Complexity => Complexity {
        /// Simple, repetitive steps.
        Low,
        /// Some non-routine cases.
        Medium,
        /// Complex, non-routine problems.
        High,
    }
}

criterion_enum! {
    /// The expertise required (chart row "requirement"): `process` · `mixed` · `knowledge`.
    Expertise => Expertise {
        /// Knowing the process well.
        Process,
        /// Process know-how plus some domain knowledge.
        Mixed,
        /// Deep domain knowledge.
        Knowledge,
    }
}

criterion_enum! {
    /// What outsourcing the work relies on (chart row "relies on"): `cost` · `mixed` ·
    /// `knowledge`.
    Arbitrage => Arbitrage {
        /// Cost arbitrage: the same work done for less.
        Cost,
        /// Both cost and knowledge.
        Mixed,
        /// Knowledge arbitrage: expertise the buyer lacks in-house.
        Knowledge,
    }
}

criterion_enum! {
    /// The driving force (chart row "driving force"): `volume` · `mixed` · `insight`.
    Driver => Driver {
        /// Value grows with the number of items handled.
        Volume,
        /// Both volume and insight matter.
        Mixed,
        /// Value comes from the quality of conclusions.
        Insight,
    }
}

criterion_enum! {
    /// The collaboration and coordination needed (chart row "collaboration and
    /// coordination"): `low` · `medium` · `high`.
    Coordination => Coordination {
        /// Little interaction with the client beyond hand-offs.
        Low,
        /// Regular check-ins.
        Medium,
        /// Close, continuous collaboration with the client's experts.
        High,
    }
}

criterion_enum! {
    /// The talent required (chart row "talent required"): `communication` · `skilled` ·
    /// `professional`.
    Talent => Talent {
        /// Good communication and basic computer skills.
        Communication,
        /// Trained specialists.
        Skilled,
        /// Professionally qualified, highly skilled staff.
        Professional,
    }
}

criterion_enum! {
    /// The level of the process the work focuses on (chart row "focus"): `low_level` ·
    /// `mid_level` · `high_level`.
    Focus => Focus {
        /// Low-level, transactional steps.
        LowLevel,
        /// Between transactional and decision-shaping work.
        MidLevel,
        /// High-level, decision-shaping work.
        HighLevel,
    }
}

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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Criterion {
    /// [`DecisionBasis`]: rules or judgement.
    DecisionBasis,
    /// [`Complexity`]: low or high.
    Complexity,
    /// [`Expertise`]: process or knowledge.
    Expertise,
    /// [`Arbitrage`]: cost or knowledge.
    Arbitrage,
    /// [`Driver`]: volume or insight.
    Driver,
    /// [`Coordination`]: low or high.
    Coordination,
    /// [`Talent`]: communication skills or professional qualification.
    Talent,
    /// [`Focus`]: low-level or high-level process.
    Focus,
}

struct Meta {
    label: &'static str,
    question: &'static str,
    options: [&'static str; 3],
    option_labels: [&'static str; 3],
    chart_row: &'static str,
}

const META: [Meta; 8] = [
    Meta {
        label: "Decision basis",
        question: "Is the work done by following set rules, or by exercising judgement?",
        options: ["rules", "guided", "judgement"],
        option_labels: [
            "set rules and procedures decide each case",
            "rules with some room for judgement",
            "expert judgement and interpretation decide each case",
        ],
        chart_row: "based on",
    },
    Meta {
        label: "Complexity",
        question: "How complex is the work?",
        options: ["low", "medium", "high"],
        option_labels: [
            "simple, repetitive steps",
            "some non-routine cases",
            "complex, non-routine problems",
        ],
        chart_row: "degree of complexity",
    },
    Meta {
        label: "Expertise",
        question: "Does it take knowing the process, or deep domain knowledge?",
        options: ["process", "mixed", "knowledge"],
        option_labels: [
            "knowing the process well",
            "process know-how plus some domain knowledge",
            "deep domain knowledge",
        ],
        chart_row: "requirement",
    },
    Meta {
        label: "Arbitrage",
        question: "Is it outsourced to cut cost, or to get knowledge not available in-house?",
        options: ["cost", "mixed", "knowledge"],
        option_labels: [
            "the same work done for less",
            "both lower cost and expertise",
            "expertise the buyer lacks in-house",
        ],
        chart_row: "relies on",
    },
    Meta {
        label: "Driver",
        question: "Does its value come from handling volume, or from insight?",
        options: ["volume", "mixed", "insight"],
        option_labels: [
            "more items handled is more value",
            "both volume and insight matter",
            "better conclusions are more value",
        ],
        chart_row: "driving force",
    },
    Meta {
        label: "Coordination",
        question: "How much collaboration and coordination with the client does it need?",
        options: ["low", "medium", "high"],
        option_labels: [
            "little beyond hand-offs",
            "regular check-ins",
            "close, continuous collaboration",
        ],
        chart_row: "collaboration and coordination",
    },
    Meta {
        label: "Talent",
        question: "What staff does it need?",
        options: ["communication", "skilled", "professional"],
        option_labels: [
            "good communication and basic computer skills",
            "trained specialists",
            "professionally qualified, highly skilled staff",
        ],
        chart_row: "talent required",
    },
    Meta {
        label: "Focus",
        question: "At what level of the business process does it work?",
        options: ["low_level", "mid_level", "high_level"],
        option_labels: [
            "low-level, transactional steps",
            "between transactional and decision-shaping work",
            "high-level, decision-shaping work",
        ],
        chart_row: "focus",
    },
];

impl Criterion {
    /// The eight criteria in chart order.
    pub const ALL: [Criterion; 8] = [
        Criterion::DecisionBasis,
        Criterion::Complexity,
        Criterion::Expertise,
        Criterion::Arbitrage,
        Criterion::Driver,
        Criterion::Coordination,
        Criterion::Talent,
        Criterion::Focus,
    ];

    /// The index of the criterion in [`Criterion::ALL`].
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    fn meta(self) -> &'static Meta {
        &META[self as usize]
    }

    /// The field name, as in profiles and rules: `decision_basis`, `complexity`, …
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// A short human label: `Decision basis`, `Complexity`, …
    #[must_use]
    pub fn label(self) -> &'static str {
        self.meta().label
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

    /// What each of the three values means, in the order of [`Criterion::options`].
    #[must_use]
    pub fn option_labels(self) -> [&'static str; 3] {
        self.meta().option_labels
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
    /// An error of kind [`ErrorKind::Profile`] naming the criterion and listing the accepted
    /// values when `value` is not one of them.
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
        self.options()
            .iter()
            .position(|option| *option == value)
            .and_then(Position::from_index)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Profile,
                    Detail::Unknown {
                        what: "value".into(),
                        found: value.to_owned(),
                        expected: self.options().to_vec(),
                    },
                )
                .context(self.name())
            })
    }
}

/// Where the provider is, relative to the buyer (context; not scored by the default rules).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Location {
    /// Another firm in the same country.
    Onshore,
    /// A firm in a nearby country.
    Nearshore,
    /// A firm in a distant country.
    Offshore,
}

/// Whether the work faces the buyer's customers (context; not scored by the default rules).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Office {
    /// Front office: work in contact with the buyer's customers.
    Front,
    /// Back office: internal work without customer contact.
    Back,
}
