//! Classifying a task straight from its name and description.

use super::{Reading, TextProfiler};
use crate::classify::{Classification, Classifier, Verdict};
use crate::error::Error;
use crate::model::profile::TaskProfile;

/// A task read from text and classified: the profile, what the text said, and the
/// classification of that profile. Made by [`Classifier::classify_text`].
#[derive(Debug, Clone)]
pub struct TextClassification<'p> {
    profile: TaskProfile,
    reading: Reading<'p>,
    classification: Classification,
}

impl<'p> TextClassification<'p> {
    /// The profile read from the text.
    #[must_use]
    pub fn profile(&self) -> &TaskProfile {
        &self.profile
    }

    /// The hits and the inferred fields.
    #[must_use]
    pub fn reading(&self) -> &Reading<'p> {
        &self.reading
    }

    /// The classification of the profile.
    #[must_use]
    pub fn classification(&self) -> Classification {
        self.classification
    }

    /// The verdict alone.
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.classification.verdict()
    }

    /// The three parts, owned.
    #[must_use]
    pub fn into_parts(self) -> (TaskProfile, Reading<'p>, Classification) {
        (self.profile, self.reading, self.classification)
    }
}

impl Classifier {
    /// Reads a task's name and description with `profiler` and classifies the profile.
    ///
    /// ```
    /// use outsourcing::{Classifier, TextProfiler, Verdict};
    ///
    /// let classifier = Classifier::default();
    /// let profiler = TextProfiler::default();
    /// let result = classifier.classify_text(
    ///     &profiler,
    ///     "Contract review",
    ///     Some("Lawyers assess legal risk in complex supplier contracts and negotiate clauses."),
    /// )?;
    /// assert_eq!(result.verdict(), Verdict::Kpo);
    /// println!("{}", result.classification().explain(&classifier).for_task("Contract review"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`TextProfiler::profile`]: an empty or over-long name, an over-long description.
    pub fn classify_text<'p>(
        &self,
        profiler: &'p TextProfiler,
        name: &str,
        description: Option<&str>,
    ) -> Result<TextClassification<'p>, Error> {
        let (profile, reading) = profiler.profile(name, description)?;
        let classification = self.classify(&profile);
        Ok(TextClassification {
            profile,
            reading,
            classification,
        })
    }
}
