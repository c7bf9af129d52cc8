//! Classifying a task straight from its name and description.

use super::{Classification, Classifier, Verdict};
use crate::error::Error;
use crate::model::profile::TaskProfile;
use crate::text::{Reading, TextProfiler};

/// A task read from text and classified: the profile, what the text said, and the
/// classification. Made by [`Classifier::classify_text`].
#[derive(Debug, Clone)]
pub struct TextClassification<'a> {
    classifier: &'a Classifier,
    profile: TaskProfile,
    reading: Reading<'a>,
}

impl<'a> TextClassification<'a> {
    /// The profile read from the text.
    #[must_use]
    pub fn profile(&self) -> &TaskProfile {
        &self.profile
    }

    /// The hits and the inferred fields.
    #[must_use]
    pub fn reading(&self) -> &Reading<'a> {
        &self.reading
    }

    /// The classification of the profile.
    #[must_use]
    pub fn classification(&self) -> Classification<'_> {
        self.classifier.classify(&self.profile)
    }

    /// The verdict alone.
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.classifier.verdict(&self.profile)
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
    /// println!("{}", result.classification());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As for [`TextProfiler::profile`]: an empty or over-long name, an over-long description.
    pub fn classify_text<'a>(
        &'a self,
        profiler: &'a TextProfiler,
        name: &str,
        description: Option<&str>,
    ) -> Result<TextClassification<'a>, Error> {
        let (profile, reading) = profiler.profile(name, description)?;
        Ok(TextClassification {
            classifier: self,
            profile,
            reading,
        })
    }
}
