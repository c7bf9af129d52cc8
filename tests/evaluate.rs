//! `outsourcing evaluate` and `--lexicon`, run as a user runs them: exact reports in both
//! formats, label errors, missing columns, groups and languages, and lexicon files.
#![cfg(feature = "cli")]

mod common;
use common::{run, temp_file, text};

/// The labelled sample: tab-separated, the description in a `text` column, no name column.
fn sample() -> String {
    common::sample("labelled.tsv")
}

/// Runs the tool and checks its exit status, standard output and standard error.
fn check(args: &[&str], stdin: &[u8], code: i32, stdout: &str, stderr: &str) {
    let out = run(args, stdin);
    assert_eq!(text(&out.stderr), stderr, "{args:?}");
    assert_eq!(text(&out.stdout), stdout, "{args:?}");
    assert_eq!(out.status.code(), Some(code), "{args:?}");
}

const SAMPLE_REPORT: &str = r#"records evaluated: 14 (labels in column "side")
accuracy: 10 of 14 (71.4%)

label \ verdict     bpo     kpo  hybrid  undetermined
bpo                   5       1       0             0
kpo                   2       5       0             0
hybrid                1       0       0             0

by group (column "source"):
  helpdesk  3/4   75.0%
    en      2/3   66.7%
    pl      1/1  100.0%
  finance   3/4   75.0%
    en      2/3   66.7%
    pl      1/1  100.0%
  legal     2/3   66.7%
    en      1/1  100.0%
    pl      1/2   50.0%
  research  2/3   66.7%
    en      1/2   50.0%
    pl      1/1  100.0%

by language (column "lang"):
  en  6/9   66.7%
  pl  4/5   80.0%

misses: 4
  line 12  id t11  label kpo  verdict bpo  KPO share 14%  [research, en]
    decision_basis = rules: "Book" (book*), "calendar" (calendar*)
    complexity = low: "Book" (book*), "calendar" (calendar*)
    expertise = process: "Book" (book*), "calendar" (calendar*)
    focus = low_level: "Book" (book*), "calendar" (calendar*)
    service_line = research_development: "lab" (lab)
  line 13  id t12  label hybrid  verdict bpo  KPO share 0%  [finance, en]
    service_line = finance_accounting: "accounts" (accounts)
  line 14  id t13  label bpo  verdict kpo  KPO share 100%  [helpdesk, en]
    decision_basis = judgement: "Investigate" (investigat*), "decide" (decide*)
    complexity = high: "Investigate" (investigat*)
    expertise = knowledge: "Investigate" (investigat*)
  line 15  id t14  label kpo  verdict bpo  KPO share 14%  [legal, pl]
    decision_basis = rules: "Archiwizacja" (archiwiz*)
    complexity = low: "Archiwizacja" (archiwiz*)
    expertise = process: "Archiwizacja" (archiwiz*)
    focus = low_level: "Archiwizacja" (archiwiz*)
    service_line = legal_process: "sądowych" (sądow*)
"#;

#[test]
fn tsv_sample_by_group_and_language() {
    // A .tsv file is read as tab-separated; `text` is the description and the id names each
    // task; the label, group and language columns draw no note.
    let sample = sample();
    check(
        &["evaluate", &sample, "--group", "source", "--lang", "lang"],
        b"",
        0,
        SAMPLE_REPORT,
        "",
    );
}

#[test]
fn misses_are_limited_or_left_out() {
    let sample = sample();
    let out = run(&["evaluate", &sample, "--misses", "1"], b"");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let tail = stdout.split_once("misses: ").unwrap().1;
    assert_eq!(
        tail,
        "4, the first 1 below (--misses N lists more)\n\
         \x20 line 12  id t11  label kpo  verdict bpo  KPO share 14%\n\
         \x20   decision_basis = rules: \"Book\" (book*), \"calendar\" (calendar*)\n\
         \x20   complexity = low: \"Book\" (book*), \"calendar\" (calendar*)\n\
         \x20   expertise = process: \"Book\" (book*), \"calendar\" (calendar*)\n\
         \x20   focus = low_level: \"Book\" (book*), \"calendar\" (calendar*)\n\
         \x20   service_line = research_development: \"lab\" (lab)\n"
    );
    // The columns the command reads itself draw no note; the others do.
    assert_eq!(
        text(&out.stderr),
        "note: columns \"source\", \"lang\" not read (--strict makes this an error)\n"
    );
    let out = run(&["evaluate", &sample, "--misses", "0"], b"");
    assert!(
        text(&out.stdout).ends_with("\nmisses: 4 (--misses N lists the first N)\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn json_report() {
    let sample = sample();
    check(
        &[
            "evaluate", &sample, "--lang", "lang", "--misses", "1", "--format", "json",
        ],
        b"",
        0,
        concat!(
            r#"{"label_column":"side","group_column":null,"language_column":"lang","#,
            r#""evaluated":14,"correct":10,"accuracy":0.7142857142857143,"#,
            r#""confusion":{"bpo":{"bpo":5,"kpo":1,"hybrid":0,"undetermined":0},"#,
            r#""kpo":{"bpo":2,"kpo":5,"hybrid":0,"undetermined":0},"#,
            r#""hybrid":{"bpo":1,"kpo":0,"hybrid":0,"undetermined":0}},"#,
            r#""by_group":[],"by_language":["#,
            r#"{"value":"en","evaluated":9,"correct":6,"accuracy":0.6666666666666666},"#,
            r#"{"value":"pl","evaluated":5,"correct":4,"accuracy":0.8}],"#,
            r#""missed":4,"misses":[{"line":12,"id":"t11","name":"t11","label":"kpo","#,
            r#""verdict":"bpo","kpo_share":0.13636363636363635,"group":null,"language":"en","#,
            r#""inferred":[{"field":"decision_basis","value":"rules","hits":["#,
            r#"{"source":"description","span":[0,4],"words":"Book","term":"book*","#,
            r#""language":"en","value":"rules","negated":false},"#,
            r#"{"source":"description","span":[24,32],"words":"calendar","#,
            r#""term":"calendar*","language":"en","value":"rules","negated":false}]},"#,
            r#"{"field":"complexity","value":"low","hits":[{"source":"description","#,
            r#""span":[0,4],"words":"Book","term":"book*","language":"en","value":"low","#,
            r#""negated":false},"#,
            r#"{"source":"description","span":[24,32],"words":"calendar","#,
            r#""term":"calendar*","language":"en","value":"low","negated":false}]},"#,
            r#"{"field":"expertise","value":"process","hits":[{"source":"description","#,
            r#""span":[0,4],"words":"Book","term":"book*","language":"en","value":"process","#,
            r#""negated":false},"#,
            r#"{"source":"description","span":[24,32],"words":"calendar","#,
            r#""term":"calendar*","language":"en","value":"process","negated":false}]},"#,
            r#"{"field":"focus","value":"low_level","hits":[{"source":"description","#,
            r#""span":[0,4],"words":"Book","term":"book*","language":"en","#,
            r#""value":"low_level","negated":false},"#,
            r#"{"source":"description","span":[24,32],"words":"calendar","#,
            r#""term":"calendar*","language":"en","value":"low_level","negated":false}]},"#,
            r#"{"field":"service_line","value":"research_development","hits":["#,
            r#"{"source":"description","span":[40,43],"words":"lab","term":"lab","#,
            r#""language":"en","value":"research_development","negated":false}]}]}],"#,
            r#""errors":[]}"#,
            "\n"
        ),
        "note: column \"source\" not read (--strict makes this an error)\n",
    );
}

#[test]
fn group_and_language_breakdowns_in_json() {
    let sample = sample();
    let out = run(
        &[
            "evaluate", &sample, "--group", "source", "--lang", "lang", "--format", "json",
            "--misses", "0",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["group_column"], "source");
    let legal = &report["by_group"][2];
    assert_eq!(
        legal.to_string(),
        r#"{"accuracy":0.6666666666666666,"by_language":[{"accuracy":1.0,"correct":1,"evaluated":1,"value":"en"},{"accuracy":0.5,"correct":1,"evaluated":2,"value":"pl"}],"correct":2,"evaluated":3,"value":"legal"}"#
    );
    assert_eq!(report["missed"], 4);
    assert_eq!(report["misses"].as_array().unwrap().len(), 0);
}

/// Rows with a lenient, unknown or missing label, or a bad record: the errors name the line
/// and the value, are left out of the counts, and make the exit status 1. Columns are named
/// as the table writes them, whatever the case they were asked for in.
#[test]
fn label_errors_are_reported_and_not_counted() {
    let csv = temp_file(
        "labels.csv",
        b"id,name,Side,team\n\
          a1,Payroll run, BPO ,ops\n\
          a2,Equity research,kpo,desk\n\
          a3,Invoice entry,maybe,ops\n\
          a4,Contract review,,desk\n\
          a5,Tax advice,Hybrid,desk\n\
          a6,,bpo,ops\n",
    );
    check(
        &[
            "evaluate",
            csv.as_str(),
            "--label",
            "side",
            "--group",
            "TEAM",
            "--misses",
            "0",
        ],
        b"",
        1,
        "records evaluated: 3 (labels in column \"Side\"; 3 rows with errors not counted)\n\
         accuracy: 2 of 3 (66.7%)\n\
         \n\
         label \\ verdict     bpo     kpo  hybrid  undetermined\n\
         bpo                   1       0       0             0\n\
         kpo                   0       1       0             0\n\
         hybrid                0       1       0             0\n\
         \n\
         by group (column \"team\"):\n\
         \x20 ops   1/1  100.0%\n\
         \x20 desk  1/2   50.0%\n\
         \n\
         misses: 1 (--misses N lists the first N)\n\
         \n\
         errors (not counted):\n\
         \x20 line 4 (id a3, name \"Invoice entry\"): unknown label \"maybe\" in column \"Side\" \
         (expected bpo, kpo or hybrid)\n\
         \x20 line 5 (id a4, name \"Contract review\"): no label in column \"Side\"\n\
         \x20 line 7 (id a6): name is empty\n",
        "",
    );
}

#[test]
fn json_lines_take_the_label_from_a_key() {
    let input = concat!(
        r#"{"id":"j1","side":"bpo","name":"Payroll","service_line":"payroll"}"#,
        "\n",
        r#"{"id":"j2","name":"Equity research","side":"KPO","desk":"x"}"#,
        "\n",
        r#"{"id":"j3","name":"Payroll"}"#,
        "\n",
        r#"{"id":"j4","side":"kpo","name":"Payroll","complexty":"low"}"#,
        "\n",
    );
    check(
        &["evaluate", "--group", "desk", "--format", "json"],
        input.as_bytes(),
        1,
        concat!(
            r#"{"label_column":"side","group_column":"desk","language_column":null,"#,
            r#""evaluated":2,"correct":2,"accuracy":1.0,"#,
            r#""confusion":{"bpo":{"bpo":1,"kpo":0,"hybrid":0,"undetermined":0},"#,
            r#""kpo":{"bpo":0,"kpo":1,"hybrid":0,"undetermined":0},"#,
            r#""hybrid":{"bpo":0,"kpo":0,"hybrid":0,"undetermined":0}},"#,
            r#""by_group":[{"value":null,"evaluated":1,"correct":1,"accuracy":1.0,"by_language":[]},"#,
            r#"{"value":"x","evaluated":1,"correct":1,"accuracy":1.0,"by_language":[]}],"#,
            r#""by_language":[],"missed":0,"misses":[],"errors":["#,
            r#"{"line":3,"id":"j3","name":"Payroll","error":"no label in key \"side\""},"#,
            r#"{"line":4,"id":"j4","name":"Payroll","error":"unknown field \"complexty\", did you mean \"complexity\"? (expected one of: name, description, service_line, decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, focus, location, office, attributes)"}]}"#,
            "\n"
        ),
        "",
    );
}

#[test]
fn a_missing_label_column_is_fatal() {
    let csv = temp_file("nolabel.csv", b"id,name,verdict\n1,Payroll,bpo\n");
    let path = csv.as_str();
    check(
        &["evaluate", path],
        b"",
        2,
        "",
        &format!(
            "note: column \"verdict\" not read (--strict makes this an error)\n\
             error: {path}: there is no label column \"side\" (the columns: id, name, verdict)\n"
        ),
    );
    check(
        &["evaluate", path, "--label", "verdict", "--group", "source"],
        b"",
        2,
        "",
        &format!(
            "error: {path}: there is no group column \"source\" (the columns: id, name, verdict)\n"
        ),
    );
    check(
        &["evaluate", path, "--label", "Name"],
        b"",
        2,
        "",
        &format!(
            "note: column \"verdict\" not read (--strict makes this an error)\n\
             error: {path}: column \"name\" is read as a field of the task; --label needs a \
             column of its own\n"
        ),
    );
    check(
        &["evaluate", "--label", "verdict"],
        br#"{"id":"j1","name":"Payroll","side":"bpo"}"#,
        2,
        "",
        "error: standard input: no record has a label key \"verdict\" (the keys: id, name, side)\n",
    );
}

#[test]
fn strict_refuses_other_columns_but_not_the_label_columns() {
    let sample = sample();
    check(
        &[
            "evaluate", &sample, "--group", "source", "--lang", "lang", "--strict", "--misses", "0",
        ],
        b"",
        0,
        &SAMPLE_REPORT.replace(
            &SAMPLE_REPORT[SAMPLE_REPORT.find("misses: 4").unwrap()..],
            "misses: 4 (--misses N lists the first N)\n",
        ),
        "",
    );
    check(
        &["evaluate", &sample, "--strict"],
        b"",
        2,
        "",
        &format!(
            "error: {sample}: line 1: unknown column \"source\" (expected one of: name, description, \
             service_line, decision_basis, complexity, expertise, arbitrage, driver, coordination, \
             talent, focus, location, office, id, attr.NAME)\n"
        ),
    );
}

#[test]
fn classify_names_a_task_by_its_id_without_a_name_column() {
    let csv = temp_file(
        "byid.csv",
        b"id,text\nq1,Reconcile supplier invoices\n,Process refunds\n",
    );
    let out = run(&["classify", csv.as_str()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(r#"{"id":"q1","name":"q1","verdict":"bpo""#),
        "{stdout}"
    );
    assert_eq!(
        lines[1],
        r#"{"id":null,"line":3,"error":"no id to name the task by (the table has no name column)"}"#
    );
    // Without an id and a description, a name column is still required.
    let csv = temp_file("noname.csv", b"id,team\nq1,ops\n");
    let out = run(&["classify", csv.as_str()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .ends_with(": line 1: there is no \"name\" column (or \"nazwa\", \"task\")\n"),
        "{}",
        text(&out.stderr)
    );
}

const GERMAN: &str = r#"
language = "de"
negators = ["kein", "keine", "ohne"]

[[entry]]
terms = ["rechnung*", "buchung*"]
decision_basis = "rules"
complexity = "low"

[[entry]]
terms = ["beratung*", "analys*"]
decision_basis = "judgement"
expertise = "knowledge"
"#;

#[test]
fn lexicon_files_replace_the_built_in_lexicons() {
    let lexicon = temp_file("de.toml", GERMAN.as_bytes());
    let lexicon = lexicon.as_str();
    check(
        &[
            "profile",
            "--lexicon",
            lexicon,
            "--json",
            "Rechnungen ohne Analyse",
        ],
        b"",
        0,
        concat!(
            r#"{"id":null,"name":"The task","verdict":"bpo","kpo_share":0.0,"confidence":0.37,"#,
            r#""coverage":0.37,"rule_set":"default@1.0.0","profile":{"decision_basis":"rules","#,
            r#""complexity":"low","expertise":"process"},"#,
            r#""inferred":["decision_basis","complexity","expertise"],"hits":["#,
            r#"{"source":"description","span":[0,10],"term":"rechnung*","language":"de","#,
            r#""field":"complexity","value":"low","negated":false,"weight":1.0},"#,
            r#"{"source":"description","span":[0,10],"term":"rechnung*","language":"de","#,
            r#""field":"decision_basis","value":"rules","negated":false,"weight":1.0},"#,
            r#"{"source":"description","span":[16,23],"term":"analys*","language":"de","#,
            r#""field":"decision_basis","value":"rules","negated":true,"weight":1.0},"#,
            r#"{"source":"description","span":[16,23],"term":"analys*","language":"de","#,
            r#""field":"expertise","value":"process","negated":true,"weight":1.0}],"#,
            r#""evidence":[{"rule":"rules-based","lean":"bpo","weight":3.0,"because":"each case "#,
            r#"is settled by set rules and procedures (chart: based on)"},{"rule":"low-complexity","#,
            r#""lean":"bpo","weight":2.0,"because":"the steps are simple and repetitive (chart: "#,
            r#"degree of complexity)"},{"rule":"process-expertise","lean":"bpo","weight":2.0,"#,
            r#""because":"knowing the process is what the work requires (chart: requirement)"},"#,
            r#"{"rule":"routine-process","lean":"bpo","weight":1.0,"because":"simple steps done "#,
            r#"by knowing the process (chart: requirement, degree of complexity)"}],"#,
            r#""missing":["arbitrage","driver","coordination","talent","focus"]}"#,
            "\n"
        ),
        "",
    );
    // classify reads German with it, and no longer reads English.
    let input = concat!(
        r#"{"id":"d1","name":"Rechnungen buchen"}"#,
        "\n",
        r#"{"id":"e1","name":"Reconcile supplier invoices"}"#,
        "\n"
    );
    let out = run(&["classify", "--lexicon", lexicon], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].contains(r#""inferred":["decision_basis","complexity"]"#),
        "{stdout}"
    );
    assert!(lines[1].contains(r#""verdict":"undetermined""#), "{stdout}");
    assert!(lines[1].contains(r#""inferred":[]"#), "{stdout}");
    // evaluate too: with only German, the English and Polish sample is read for German terms
    // alone ("Analyse" in one English text).
    let sample = sample();
    let out = run(
        &["evaluate", &sample, "--lexicon", lexicon, "--misses", "0"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains(
            "accuracy: 1 of 14 (7.1%)\n\
             \n\
             label \\ verdict     bpo     kpo  hybrid  undetermined\n\
             bpo                   0       0       0             6\n\
             kpo                   0       1       0             6\n\
             hybrid                0       0       0             1\n"
        ),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_bad_lexicon_file_is_fatal_with_its_path() {
    let bad = temp_file(
        "bad.toml",
        b"language = \"de\"\n[[entry]]\nterms = [\"rechnung*\"]\ncomplexity = \"lowish\"\n",
    );
    let bad = bad.as_str();
    let expected = format!(
        "error: {bad}: entry #1: complexity: unknown value \"lowish\" (expected one of: low, \
         medium, high)\n"
    );
    let sample = sample();
    for args in [
        vec!["classify", "--lexicon", bad, &sample],
        vec!["evaluate", "--lexicon", bad, &sample],
        vec!["profile", "--lexicon", bad, "Rechnungen"],
        vec!["ask", "--lexicon", bad],
    ] {
        check(&args, b"", 2, "", &expected);
    }
    let missing = std::path::Path::new(&temp_file("x.toml", b"")).with_file_name("missing.toml");
    let missing = missing.to_str().unwrap();
    check(
        &["classify", "--lexicon", missing, &sample],
        b"",
        2,
        "",
        &format!("error: {missing}: cannot read the lexicon: no such file or directory\n"),
    );
}

#[test]
fn excel_workbooks_are_read_too() {
    // The results sheet of `classify` carries the input's columns, the label among them.
    let sample = sample();
    let book = temp_file("labelled.xlsx", b"");
    let book = book.as_str();
    let out = run(&["classify", &sample, "--no-text", "-o", book], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    check(
        &["evaluate", book, "--group", "source", "--misses", "0"],
        b"",
        0,
        "records evaluated: 14 (labels in column \"side\")\n\
         accuracy: 0 of 14 (0.0%)\n\
         \n\
         label \\ verdict     bpo     kpo  hybrid  undetermined\n\
         bpo                   0       0       0             6\n\
         kpo                   0       0       0             7\n\
         hybrid                0       0       0             1\n\
         \n\
         by group (column \"source\"):\n\
         \x20 helpdesk  0/4    0.0%\n\
         \x20 finance   0/4    0.0%\n\
         \x20 legal     0/3    0.0%\n\
         \x20 research  0/3    0.0%\n\
         \n\
         misses: 14 (--misses N lists the first N)\n",
        "note: columns \"Line\", \"Verdict\", \"KPO share\", \"Confidence\", \"Coverage\", \
         \"Top reason\", \"Missing\", \"Error\", \"lang\" not read (--strict makes this an error)\n",
    );
}

/// A bad row is named by its id and its name, a name that repeats the id once, and quotes
/// and line breaks in either are escaped so each error stays on one line.
#[test]
fn bad_rows_are_named_on_one_line() {
    let input = concat!(
        r#"{"id":"Payroll","name":"Payroll","side":"maybe"}"#,
        "\n",
        r#"{"id":"p\"2","name":"Pay \"run\"\nsecond line","side":"maybe"}"#,
        "\n",
        r#"{"name":"Filing","side":"bpo","complexity":"x"}"#,
        "\n",
    );
    let out = run(&["evaluate", "--misses", "0"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    let errors = report.split("errors (not counted):\n").nth(1).unwrap();
    assert_eq!(
        errors,
        "  line 1 (id Payroll): unknown label \"maybe\" in key \"side\" (expected bpo, kpo or \
         hybrid)\n\
         \x20 line 2 (id p\\\"2, name \"Pay \\\"run\\\"\\nsecond line\"): unknown label \"maybe\" in \
         key \"side\" (expected bpo, kpo or hybrid)\n\
         \x20 line 3 (name \"Filing\"): complexity: unknown value \"x\" (expected one of: low, \
         medium, high)\n"
    );
}
