//! The catalogue of service lines.

use super::position::Lean;
use super::vocab::vocabulary;

/// Declares the service lines, one per line: variant, name, label and the side it leans to.
macro_rules! service_lines {
    (
        $(#[$attr:meta])*
        pub enum ServiceLine {
            $( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $label:literal, $lean:ident; )+
        }
    ) => {
        vocabulary! {
            $(#[$attr])*
            pub enum ServiceLine as "service_line" with labels {
                $( $(#[doc = $doc])* $variant = $name, $label; )+
            }
        }

        impl ServiceLine {
            /// The side the service line usually falls on.
            ///
            /// This is the line's typical lean, used by the default rules with a small weight:
            /// the task's own criteria outweigh it.
            #[must_use]
            pub const fn lean(self) -> Lean {
                const LEANS: [Lean; ServiceLine::ALL.len()] = [$(Lean::$lean),+];
                LEANS[self as usize]
            }
        }
    };
}

service_lines! {
    /// A service line from a provider's catalogue, each with the side it usually falls on.
    ///
    /// The first seventeen are the services classic BPO/KPO comparisons list; the others
    /// (`content_moderation`, `claims_processing`, `engineering_design`, `patent_research`) are
    /// common lines of provider taxonomies, with the lean documented on each. The catalogue
    /// may grow in minor releases, so match it with a wildcard arm.
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
    #[non_exhaustive]
    pub enum ServiceLine {
        /// Customer support: call centre, help desk (BPO).
        CustomerSupport = "customer_support", "Customer support (call centre, help desk)", Bpo;
        /// Technical support (BPO).
        TechnicalSupport = "technical_support", "Technical support", Bpo;
        /// Recruitment and selection (BPO).
        Recruitment = "recruitment", "Recruitment and selection", Bpo;
        /// Training and placement (BPO).
        Training = "training", "Training and placement", Bpo;
        /// Payroll processing (BPO).
        Payroll = "payroll", "Payroll processing", Bpo;
        /// Finance and accounting services: invoices, ledgers, reconciliation (BPO).
        FinanceAccounting = "finance_accounting", "Finance and accounting services", Bpo;
        /// Website services such as hosting (BPO).
        WebHosting = "web_hosting", "Website services and hosting", Bpo;
        /// Transcription (BPO).
        Transcription = "transcription", "Transcription", Bpo;
        /// Data entry (BPO).
        DataEntry = "data_entry", "Data entry", Bpo;
        /// Content moderation against published guidelines (BPO).
        ContentModeration = "content_moderation", "Content moderation", Bpo;
        /// Insurance and benefit claims processing (BPO).
        ClaimsProcessing = "claims_processing", "Claims processing", Bpo;
        /// Investment research (KPO).
        InvestmentResearch = "investment_research", "Investment research", Kpo;
        /// Market research (KPO).
        MarketResearch = "market_research", "Market research", Kpo;
        /// Data analytics (KPO).
        DataAnalytics = "data_analytics", "Data analytics", Kpo;
        /// Business research (KPO).
        BusinessResearch = "business_research", "Business research", Kpo;
        /// Legal process outsourcing (KPO).
        LegalProcess = "legal_process", "Legal process outsourcing", Kpo;
        /// Financial process outsourcing: analysis, valuation, modelling (KPO).
        FinancialAnalysis = "financial_analysis", "Financial process outsourcing (analysis)", Kpo;
        /// Media process outsourcing: content creation and editing (KPO).
        MediaContent = "media_content", "Media process outsourcing", Kpo;
        /// Research and development (KPO).
        ResearchDevelopment = "research_development", "Research and development", Kpo;
        /// Engineering design services (KPO).
        EngineeringDesign = "engineering_design", "Engineering design", Kpo;
        /// Patent and intellectual-property research (KPO).
        PatentResearch = "patent_research", "Patent and IP research", Kpo;
    }
}
