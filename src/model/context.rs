//! The context fields of a profile: not scored by the default rules, but rules can test them.

use super::vocab::vocabulary;

vocabulary! {
    /// Where the provider is, relative to the buyer (context; not scored by the default rules).
    pub enum Location as "location" {
        /// Another firm in the same country.
        Onshore = "onshore",
        /// A firm in a nearby country.
        Nearshore = "nearshore",
        /// A firm in a distant country.
        Offshore = "offshore",
    }
}

vocabulary! {
    /// Whether the work faces the buyer's customers (context; not scored by the default rules).
    pub enum Office as "office" {
        /// Front office: work in contact with the buyer's customers.
        Front = "front",
        /// Back office: internal work without customer contact.
        Back = "back",
    }
}
