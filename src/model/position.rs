//! The scale every criterion is placed on, and the two sides of it.

use super::vocab::vocabulary;

vocabulary! {
    /// Where a criterion's value sits between the two kinds of outsourcing.
    ///
    /// Every criterion has exactly three values, ordered `Bpo < Middle < Kpo`.
    pub enum Position as "position" {
        /// The BPO pole: rules, volume, cost.
        Bpo = "bpo",
        /// Between the poles.
        Middle = "middle",
        /// The KPO pole: judgement, insight, knowledge.
        Kpo = "kpo",
    }
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
        if index < Position::ALL.len() {
            Some(Position::ALL[index])
        } else {
            None
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

vocabulary! {
    /// The side a rule or a service line leans to.
    pub enum Lean as "lean" {
        /// Business process outsourcing: rule-based, volume-driven, cost arbitrage.
        Bpo = "bpo",
        /// Knowledge process outsourcing: judgement-based, insight-driven, knowledge arbitrage.
        Kpo = "kpo",
    }
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
