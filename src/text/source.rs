//! Which text a hit was found in.

use crate::model::vocab::vocabulary;

vocabulary! {
    /// Which text a hit was found in.
    #[non_exhaustive]
    pub enum Source as "source" {
        /// The task's name.
        Name = "name",
        /// The task's description.
        Description = "description",
        /// A text given to [`TextProfiler::scan`](super::TextProfiler::scan).
        Text = "text",
    }
}
