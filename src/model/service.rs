//! The catalogue of service lines.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr, VariantArray, VariantNames};

use super::criteria::Lean;

/// A service line from a provider's catalogue, each with the side it usually falls on.
///
/// The first seventeen are the services classic BPO/KPO comparisons list; the others
/// (`content_moderation`, `claims_processing`, `engineering_design`, `patent_research`) are
/// common lines of provider taxonomies, with the lean documented on each.
///
/// ```
/// use outsourcing::{Lean, ServiceLine};
///
/// let line: ServiceLine = "payroll".parse()?;
/// assert_eq!(line.lean(), Lean::Bpo);
/// assert_eq!(line.label(), "Payroll processing");
/// assert_eq!(ServiceLine::MarketResearch.lean(), Lean::Kpo);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
pub enum ServiceLine {
    /// Customer support: call centre, help desk (BPO).
    CustomerSupport,
    /// Technical support (BPO).
    TechnicalSupport,
    /// Recruitment and selection (BPO).
    Recruitment,
    /// Training and placement (BPO).
    Training,
    /// Payroll processing (BPO).
    Payroll,
    /// Finance and accounting services: invoices, ledgers, reconciliation (BPO).
    FinanceAccounting,
    /// Website services such as hosting (BPO).
    WebHosting,
    /// Transcription (BPO).
    Transcription,
    /// Data entry (BPO).
    DataEntry,
    /// Content moderation against published guidelines (BPO).
    ContentModeration,
    /// Insurance and benefit claims processing (BPO).
    ClaimsProcessing,
    /// Investment research (KPO).
    InvestmentResearch,
    /// Market research (KPO).
    MarketResearch,
    /// Data analytics (KPO).
    DataAnalytics,
    /// Business research (KPO).
    BusinessResearch,
    /// Legal process outsourcing (KPO).
    LegalProcess,
    /// Financial process outsourcing: analysis, valuation, modelling (KPO).
    FinancialAnalysis,
    /// Media process outsourcing: content creation and editing (KPO).
    MediaContent,
    /// Research and development (KPO).
    ResearchDevelopment,
    /// Engineering design services (KPO).
    EngineeringDesign,
    /// Patent and intellectual-property research (KPO).
    PatentResearch,
}

impl ServiceLine {
    /// The snake_case name used in profiles and rules.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// A human label, e.g. `Customer support (call centre, help desk)`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            ServiceLine::CustomerSupport => "Customer support (call centre, help desk)",
            ServiceLine::TechnicalSupport => "Technical support",
            ServiceLine::Recruitment => "Recruitment and selection",
            ServiceLine::Training => "Training and placement",
            ServiceLine::Payroll => "Payroll processing",
            ServiceLine::FinanceAccounting => "Finance and accounting services",
            ServiceLine::WebHosting => "Website services and hosting",
            ServiceLine::Transcription => "Transcription",
            ServiceLine::DataEntry => "Data entry",
            ServiceLine::ContentModeration => "Content moderation",
            ServiceLine::ClaimsProcessing => "Claims processing",
            ServiceLine::InvestmentResearch => "Investment research",
            ServiceLine::MarketResearch => "Market research",
            ServiceLine::DataAnalytics => "Data analytics",
            ServiceLine::BusinessResearch => "Business research",
            ServiceLine::LegalProcess => "Legal process outsourcing",
            ServiceLine::FinancialAnalysis => "Financial process outsourcing (analysis)",
            ServiceLine::MediaContent => "Media process outsourcing",
            ServiceLine::ResearchDevelopment => "Research and development",
            ServiceLine::EngineeringDesign => "Engineering design",
            ServiceLine::PatentResearch => "Patent and IP research",
        }
    }

    /// The side the service line usually falls on.
    ///
    /// This is the line's typical lean, used by the default rules with a small weight: the
    /// task's own criteria outweigh it.
    #[must_use]
    pub const fn lean(self) -> Lean {
        match self {
            ServiceLine::CustomerSupport
            | ServiceLine::TechnicalSupport
            | ServiceLine::Recruitment
            | ServiceLine::Training
            | ServiceLine::Payroll
            | ServiceLine::FinanceAccounting
            | ServiceLine::WebHosting
            | ServiceLine::Transcription
            | ServiceLine::DataEntry
            | ServiceLine::ContentModeration
            | ServiceLine::ClaimsProcessing => Lean::Bpo,
            ServiceLine::InvestmentResearch
            | ServiceLine::MarketResearch
            | ServiceLine::DataAnalytics
            | ServiceLine::BusinessResearch
            | ServiceLine::LegalProcess
            | ServiceLine::FinancialAnalysis
            | ServiceLine::MediaContent
            | ServiceLine::ResearchDevelopment
            | ServiceLine::EngineeringDesign
            | ServiceLine::PatentResearch => Lean::Kpo,
        }
    }
}
