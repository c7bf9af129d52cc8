//! The text profiler on the structure of a text: each clause in its own language, sections
//! that weigh less, and a name that weighs more.

use outsourcing::{Criterion, Field, Lexicon, Position, Reading, Source, TextProfiler};

#[test]
fn each_clause_is_read_in_its_own_language() {
    let profiler = TextProfiler::default();
    // A Polish stem does not fire on an English word, nor an English one on a Polish word.
    let (_, reading) = profiler
        .profile("task", Some("Research or review regulatory issues."))
        .unwrap();
    assert_read_in(&reading, "en");
    // A mixed text, clause by clause: the Polish clause has no Polish markers or letters, so
    // the endings of its words tell it.
    let (_, reading) = profiler
        .profile(
            "task",
            Some("Prepare legal opinions for the board; wprowadzanie faktur do systemu"),
        )
        .unwrap();
    let spoken: Vec<(&str, &str)> = reading
        .hits()
        .iter()
        .map(|h| (h.term, h.language))
        .collect();
    assert!(spoken.contains(&("legal opinion*", "en")), "{spoken:?}");
    assert!(spoken.contains(&("faktur*", "pl")), "{spoken:?}");
    // A name without words of either language is read in its description's language.
    let (_, reading) = profiler
        .profile("Format", Some("Ustawienia formatu raportów w systemie."))
        .unwrap();
    assert_read_in(&reading, "pl");
}

/// The reading is in `language`, and so is every hit.
fn assert_read_in(reading: &Reading<'_>, language: &str) {
    assert_eq!(reading.language(), Some(language));
    assert!(
        reading.hits().iter().all(|h| h.language == language),
        "{:?}",
        reading.hits()
    );
}

#[test]
fn a_lexicon_without_markers_reads_every_clause() {
    let german = Lexicon::from_toml(
        "language = \"de\"\n[[entry]]\nterms = [\"bewert*\"]\ndecision_basis = \"judgement\"\n",
    )
    .unwrap();
    let profiler = TextProfiler::new(vec![Lexicon::english(), Lexicon::polish(), german]).unwrap();
    let (profile, reading) = profiler
        .profile("task", Some("Bewertung der Risiken"))
        .unwrap();
    assert_eq!(profile.get(Criterion::DecisionBasis), Some(Position::Kpo));
    assert_eq!(reading.hits()[0].language, "de");
}

#[test]
fn requirements_and_offers_weigh_less_than_the_duties() {
    let profiler = TextProfiler::default();
    let duties = "Answer customer calls following the script.";
    let asks = "Excellent analytical judgement and legal expertise.";
    let (plain, _) = profiler
        .profile("task", Some(&format!("{duties}\n{asks}")))
        .unwrap();
    let (headed, reading) = profiler
        .profile("task", Some(&format!("{duties}\nRequirements:\n{asks}")))
        .unwrap();
    let classifier = outsourcing::Classifier::default();
    // Read as duties, the asks balance the routine duties; under a heading they weigh less.
    assert_eq!(classifier.verdict(&plain), outsourcing::Verdict::Hybrid);
    assert_eq!(classifier.verdict(&headed), outsourcing::Verdict::Bpo);
    let analysis = reading.hits().iter().find(|h| h.term == "judge*").unwrap();
    assert_eq!(analysis.section, Some("requirements"));
    assert!((analysis.weight - 1.5 * 0.25).abs() < 1e-12);
    let script = reading.hits().iter().find(|h| h.term == "script").unwrap();
    assert_eq!(script.section, None);
    // A heading word inside a sentence starts nothing.
    let (_, reading) = profiler
        .profile("task", Some("Check requirements against the policy."))
        .unwrap();
    assert!(reading.hits().iter().all(|h| h.section.is_none()));
    // In Polish, and a duties heading returns to full weight.
    let (_, reading) = profiler
        .profile(
            "task",
            Some("Oferujemy:\nanaliza rynku\nZakres obowiązków:\nwprowadzanie faktur"),
        )
        .unwrap();
    let analiz = reading
        .hits()
        .iter()
        .find(|h| h.term.starts_with("analiz"))
        .unwrap();
    assert_eq!(analiz.section, Some("oferujemy"));
    let faktur = reading.hits().iter().find(|h| h.term == "faktur*").unwrap();
    assert_eq!(faktur.section, Some("zakres obowiązków"));
}

/// Job advertisements as they are written: the duties under one heading, what the role asks
/// and what the employer offers under others.
#[test]
fn job_advertisements_are_read_by_their_headings() {
    let profiler = TextProfiler::default();
    let classifier = outsourcing::Classifier::default();
    for (name, ad, asks) in [
        (
            "Billing agent",
            "What you'll be doing:\n\
             Answer inbound billing calls following the script and log every ticket.\n\
             The ideal candidate:\n\
             Degree in economics, strong analytical skills, experience in research and \
             advising clients.\n\
             What's in it for you:\n\
             Private medical care, training budget, career development.",
            "the ideal candidate",
        ),
        (
            "Konsultant infolinii",
            "Twoje obowiązki:\n\
             obsługa infolinii według skryptu, rejestracja zgłoszeń w systemie.\n\
             Czego od ciebie oczekujemy:\n\
             wykształcenie wyższe ekonomiczne, umiejętności analityczne, doświadczenie w \
             doradztwie.\n\
             Zapewniamy:\n\
             prywatną opiekę medyczną, szkolenia, rozwój.",
            "czego od ciebie oczekujemy",
        ),
    ] {
        let (profile, reading) = profiler.profile(name, Some(ad)).unwrap();
        let headed = classifier.classify(&profile);
        assert_eq!(headed.verdict(), outsourcing::Verdict::Bpo, "{name}");
        let analytical = reading
            .hits()
            .iter()
            .find(|h| h.term.starts_with("analy") || h.term.starts_with("analit"))
            .unwrap();
        assert_eq!(analytical.section, Some(asks), "{name}");
        // The same text without its headings reads the asks as duties: they pull it toward
        // KPO.
        let plain: String = ad
            .lines()
            .filter(|line| !line.ends_with(':'))
            .collect::<Vec<_>>()
            .join("\n");
        let (profile, _) = profiler.profile(name, Some(&plain)).unwrap();
        let plain = classifier.classify(&profile);
        assert!(
            plain.kpo_share() > headed.kpo_share() + 0.1,
            "{name}: {} without headings, {} with",
            plain.kpo_share(),
            headed.kpo_share()
        );
    }
}

#[test]
fn a_word_in_the_name_counts_twice() {
    let profiler = TextProfiler::default();
    let (_, reading) = profiler.profile("Payroll", Some("payroll")).unwrap();
    let weights: Vec<(Source, f64)> = reading
        .hits()
        .iter()
        .filter(|h| h.field == Field::ServiceLine)
        .map(|h| (h.source, h.weight))
        .collect();
    assert_eq!(weights.len(), 2);
    assert!(
        (weights[0].1 - 2.0 * weights[1].1).abs() < 1e-12,
        "{weights:?}"
    );
    assert_eq!(weights[0].0, Source::Name);
}
