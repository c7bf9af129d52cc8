//! The command-line tool, run as a user runs it: every class of bad input, exact output
//! (`ask`, which needs a terminal, in `cli_ask.rs`).
#![cfg(feature = "cli")]

mod common;
use common::{run, sample, temp_file, text};

const GOOD: &str =
    r#"{"id":"g1","name":"Payroll","service_line":"payroll","decision_basis":"rules"}"#;

/// A bad JSONL record between two good ones: the exact error line in its place, exit 1.
fn bad_jsonl(record: &[u8], expected_error_line: &str) {
    let mut input = Vec::new();
    input.extend_from_slice(GOOD.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(record);
    input.push(b'\n');
    input.extend_from_slice(GOOD.replace("g1", "g3").as_bytes());
    input.push(b'\n');
    let out = run(&["classify", "-"], &input);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with(r#"{"id":"g1","name":"Payroll","verdict":"bpo""#));
    assert_eq!(lines[1], expected_error_line);
    assert!(lines[2].starts_with(r#"{"id":"g3","#));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn malformed_json() {
    bad_jsonl(
        br#"{"id":"b1","name":"x","#,
        r#"{"id":null,"line":2,"error":"invalid JSON at column 22: EOF while parsing a value"}"#,
    );
}

#[test]
fn bad_json_on_a_later_line_names_the_column_in_the_record() {
    let input = format!("{GOOD}\n\n{{id:\"b3\"}}\n");
    let out = run(&["classify", "--format", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout).lines().nth(1),
        Some(r#"{"id":null,"line":3,"error":"invalid JSON at column 2: key must be a string"}"#)
    );
}

#[test]
fn a_bad_jsonl_record_is_named_in_every_output_format() {
    // The name is read even when it comes after the bad field, and shown as a CSV row's is.
    let input = b"{\"id\":\"z\",\"name\":\"Foo\",\"complexity\":\"lowx\"}\n\
                  {\"id\":\"y\",\"talent\":\"genius\",\"name\":\" Bar \"}\n";
    let error_z = "complexity: unknown value \"lowx\", did you mean \"low\"? (expected one of: \
                   low, medium, high)";
    let error_y = "talent: unknown value \"genius\" (expected one of: communication, skilled, \
                   professional)";
    let out = run(&["classify", "--no-text", "--format", "jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let json = |s: &str| serde_json::to_string(s).unwrap();
    assert_eq!(
        text(&out.stdout),
        format!(
            "{{\"id\":\"z\",\"name\":\"Foo\",\"line\":1,\"error\":{}}}\n\
             {{\"id\":\"y\",\"name\":\"Bar\",\"line\":2,\"error\":{}}}\n",
            json(error_z),
            json(error_y)
        )
    );
    let out = run(&["classify", "--no-text", "--format", "csv"], input);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            format!(
                "z,1,Foo,error,,,,,,,,,,,,,,,,,\"{}\"",
                error_z.replace('"', "\"\"")
            ),
            format!(
                "y,2,Bar,error,,,,,,,,,,,,,,,,,\"{}\"",
                error_y.replace('"', "\"\"")
            ),
        ]
    );
    let out = run(&["classify", "--no-text", "--format", "table"], input);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[1].starts_with(" z         Foo (line 1)                error "),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(" y         Bar (line 2)                error ")),
        "{stdout}"
    );
}

#[test]
fn unknown_key_with_suggestion() {
    bad_jsonl(
        br#"{"id":"b1","name":"x","complexty":"low"}"#,
        r#"{"id":"b1","name":"x","line":2,"error":"unknown field \"complexty\", did you mean \"complexity\"? (expected one of: name, description, service_line, decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, focus, location, office, attributes)"}"#,
    );
}

#[test]
fn unknown_criterion_value() {
    bad_jsonl(
        br#"{"id":"b1","name":"x","talent":"genius"}"#,
        r#"{"id":"b1","name":"x","line":2,"error":"talent: unknown value \"genius\" (expected one of: communication, skilled, professional)"}"#,
    );
}

#[test]
fn unknown_service_line() {
    bad_jsonl(
        br#"{"id":"b1","name":"x","service_line":"astrology"}"#,
        r#"{"id":"b1","name":"x","line":2,"error":"service_line: unknown value \"astrology\" (expected one of: customer_support, technical_support, recruitment, training, payroll, finance_accounting, web_hosting, transcription, data_entry, content_moderation, claims_processing, investment_research, market_research, data_analytics, business_research, legal_process, financial_analysis, media_content, research_development, engineering_design, patent_research)"}"#,
    );
}

#[test]
fn duplicate_attribute() {
    bad_jsonl(
        br#"{"id":"b1","name":"x","attributes":{"regulated":"yes","regulated":"no"}}"#,
        r#"{"id":"b1","name":"x","line":2,"error":"duplicate attribute \"regulated\""}"#,
    );
}

#[test]
fn empty_and_missing_name() {
    bad_jsonl(
        br#"{"id":"b1","name":"  "}"#,
        r#"{"id":"b1","line":2,"error":"name is empty"}"#,
    );
    bad_jsonl(
        br#"{"id":2,"talent":"skilled"}"#,
        r#"{"id":"2","line":2,"error":"name is missing"}"#,
    );
}

#[test]
fn over_long_field() {
    // The error line shows the name as a table's row does: cut to the limit.
    let record = format!(r#"{{"id":"b1","name":"{}"}}"#, "n".repeat(201));
    bad_jsonl(
        record.as_bytes(),
        &format!(
            r#"{{"id":"b1","name":"{}","line":2,"error":"name is 201 characters long; the limit is 200 (MAX_NAME_CHARS)"}}"#,
            "n".repeat(200)
        ),
    );
}

#[test]
fn invalid_utf8_line() {
    bad_jsonl(
        b"{\"id\":\"b1\",\"name\":\"caf\xe9\"}",
        r#"{"id":null,"line":2,"error":"invalid UTF-8 at byte 23"}"#,
    );
}

#[test]
fn csv_rows_bad_and_good() {
    // "é" as the one byte of Windows-1252: the file is read in that code page, with a note.
    let csv = b"id,name,talent,attr.regulated\nc1,Payroll,communication,yes\nc2,Too,many,fields,here\nc3,Bad,genius,\nc4,Caf\xe9,skilled,\nc5,,skilled,\nc6,Fine,,\n";
    let path = temp_file("rows.csv", csv);
    let out = run(&["classify", &path, "--format", "jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "note: {} is not UTF-8; reading it as windows-1252 (use --encoding to choose another)\n",
            path
        )
    );
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with(r#"{"id":"c1","name":"Payroll","#));
    assert!(lines[0].contains(r#""attributes":{"regulated":"yes"}"#));
    assert_eq!(
        lines[1],
        r#"{"id":"c2","name":"Too","line":3,"error":"row has 5 fields; the header has 4"}"#
    );
    assert_eq!(
        lines[2],
        r#"{"id":"c3","name":"Bad","line":4,"error":"talent: unknown value \"genius\" (expected one of: communication, skilled, professional)"}"#
    );
    assert!(
        lines[3].starts_with(r#"{"id":"c4","name":"Café","verdict":"#),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], r#"{"id":"c5","line":6,"error":"name is empty"}"#);
    assert!(lines[5].starts_with(r#"{"id":"c6","name":"Fine","verdict":"undetermined""#));
}

#[test]
fn utf8_csv_with_a_stray_byte_stays_utf8() {
    let path = temp_file(
        "stray.csv",
        "id,name\nc1,Zażółć\nc2,Caf\u{0}\n"
            .replace('\u{0}', "\u{1}")
            .as_bytes(),
    );
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|b| *b == 1).unwrap();
    bytes[at] = 0xe9;
    std::fs::write(&path, bytes).unwrap();
    let out = run(&["classify", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "");
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with(r#"{"id":"c1","name":"Zażółć","#));
    assert_eq!(
        lines[1],
        r#"{"id":"c2","name":"Caf�","line":3,"error":"invalid UTF-8 in column \"name\" at byte 4; if the file is in a legacy code page, name it with --encoding"}"#
    );
}

#[test]
fn duplicate_csv_attribute_column_fails_at_the_header() {
    let path = temp_file(
        "attributes.csv",
        b"id,name,attr.regulated,attr.regulated\nc1,Payroll,yes,no\n",
    );
    let out = run(&["classify", &path], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: line 1: duplicate column \"attr.regulated\"\n",
            path
        )
    );
}

#[test]
fn unknown_csv_column_fails_at_the_header_with_strict() {
    let path = temp_file("columns.csv", b"id,name,complexty\nc1,Payroll,low\n");
    let out = run(&["classify", &path, "--strict"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: line 1: unknown column \"complexty\", did you mean \"complexity\"? \
             (expected one of: name, description, service_line, decision_basis, complexity, \
             expertise, arbitrage, driver, coordination, talent, focus, location, office, id, \
             attr.NAME)\n",
            path
        )
    );
}

#[test]
fn unreadable_file() {
    let out = run(&["classify", "/nonexistent/portfolio.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: /nonexistent/portfolio.jsonl: cannot open: no such file or directory\n"
    );
}

#[test]
fn invalid_rules_file() {
    let path = temp_file(
        "bad-rules.toml",
        b"name = \"x\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"a\"\nlean = \"kpo\"\nweight = -1\nwhen = { talent = \"skilled\" }\nbecause = \"y\"\n",
    );
    let out = run(&["classify", "--rules", &path], GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: rule \"a\": weight must be a number from 0.001 to 1000000, found -1\n",
            path
        )
    );
    let out = run(
        &["classify", "--rules", "/nonexistent/rules.toml"],
        GOOD.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: /nonexistent/rules.toml: cannot read the rule set: no such file or directory\n"
    );
}

#[test]
fn custom_rules_replace_the_default() {
    let path = temp_file(
        "rules.json",
        br#"{"name":"mine","version":"0.1.0","rules":[{"id":"a","lean":"kpo","when":{"talent":"skilled"},"because":"y"}]}"#,
    );
    let out = run(
        &["classify", "--rules", &path],
        br#"{"name":"t","talent":"skilled"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(
        r#""verdict":"kpo","kpo_share":1.0,"confidence":1.0,"coverage":1.0,"rule_set":"mine@0.1.0""#
    ));
}

#[test]
fn sample_portfolio_reads_the_same_from_csv_and_jsonl() {
    let csv = run(&["classify", &sample("portfolio.csv")], b"");
    let jsonl = run(&["classify", &sample("portfolio.jsonl")], b"");
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    assert_eq!(jsonl.status.code(), Some(0));
    assert_eq!(text(&csv.stdout), text(&jsonl.stdout));
    let lines = text(&csv.stdout).lines().count();
    assert!((30..=40).contains(&lines));
    for verdict in ["bpo", "kpo", "hybrid", "undetermined"] {
        assert!(
            text(&csv.stdout).contains(&format!(r#""verdict":"{verdict}""#)),
            "{verdict}"
        );
    }
}

#[test]
fn summary_goes_to_stderr_on_a_pipe() {
    let input = format!(
        "{GOOD}\n{{\"name\":\"Equity research\",\"service_line\":\"investment_research\"}}\n"
    );
    let out = run(&["classify", "--summary"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("\n2 classified, 0 unreadable; mean confidence"),
        "{stderr}"
    );
    assert!(stderr.contains("  bpo                 1   50.0%\n"));
    assert!(
        stderr.contains("  investment_research            0       1       0       0   50.0%\n"),
        "{stderr}"
    );
}

#[test]
fn table_fits_100_columns_without_colour_on_a_pipe() {
    let out = run(
        &["classify", &sample("portfolio.csv"), "--format", "table"],
        b"",
    );
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(" id "), "{stdout}");
    assert!(!stdout.contains('\u{1b}'));
    for line in stdout.lines() {
        assert!(line.chars().count() <= 100, "{line}");
    }
    // Long names and reasons wrap onto more lines instead of being cut.
    assert!(!stdout.contains('…'), "{stdout}");
    assert!(stdout.contains("each case is settled by set rules"));
    assert!(stdout.lines().count() > 34);
}

#[test]
fn csv_output() {
    let out = run(
        &["classify", "--format", "csv"],
        format!("{GOOD}\nnot json\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "id,line,name,verdict,kpo_share,confidence,coverage,service_line,decision_basis,\
         complexity,expertise,arbitrage,driver,coordination,talent,focus,rule_set,top_reason,\
         missing,inferred,error\n\
         g1,1,Payroll,bpo,0.000,0.407,0.407,payroll,rules,,,,,,,,default@1.0.0,each case is \
         settled by set rules and procedures (chart: based on),complexity expertise arbitrage \
         driver coordination talent focus,,\n\
         ,2,,error,,,,,,,,,,,,,,,,,invalid JSON at column 2: expected ident\n"
    );
}

#[test]
fn rules_and_criteria_commands() {
    let out = run(&["rules"], b"");
    assert_eq!(out.status.code(), Some(0));
    let rules = outsourcing::RuleSet::from_toml(&text(&out.stdout)).unwrap();
    assert_eq!(rules, outsourcing::RuleSet::default());
    let out = run(&["rules", "--format", "json"], b"");
    assert_eq!(
        outsourcing::RuleSet::from_json(&text(&out.stdout)).unwrap(),
        rules
    );
    let out = run(&["criteria"], b"");
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("decision_basis (Decision basis)\n  Is the work done by following set rules, or by exercising judgement?\n  rules          BPO pole  set rules and procedures decide each case\n"));
    assert!(stdout.contains("  payroll                BPO  Payroll processing\n"));
    assert!(stdout.contains("  market_research        KPO  Market research\n"));
}

#[test]
fn unknown_fields_are_read_from_name_and_description() {
    let input = br#"{"id":"t1","name":"Contract review","description":"Lawyers assess legal risk and negotiate clauses.","talent":"skilled"}"#;
    let out = run(&["classify"], input);
    assert_eq!(out.status.code(), Some(0));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["verdict"], "kpo");
    // The explicit talent wins over "Lawyers".
    assert_eq!(line["profile"]["talent"], "skilled");
    let inferred: Vec<&str> = line["inferred"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(inferred.contains(&"service_line"));
    assert!(inferred.contains(&"decision_basis"));
    assert!(!inferred.contains(&"talent"));
    assert!(line.get("hits").is_none());

    let out = run(&["classify", "--explain"], input);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = line["hits"].as_array().unwrap();
    assert!(hits.contains(&serde_json::json!({"source":"name","span":[0,8],"term":"contract*","language":"en","field":"service_line","value":"legal_process","negated":false,"weight":3.0})));

    let out = run(&["classify", "--no-text"], input);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["inferred"], serde_json::json!([]));
    assert_eq!(line["verdict"], "undetermined");
}

#[test]
fn profile_command_cuts_hits_from_the_trimmed_name() {
    let out = run(
        &[
            "profile",
            "no judgement needed",
            "--name",
            "   Payroll analysis",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "hits:\n  name    0..7    \"Payroll\"                en  service_line = payroll\n  \
             name    8..16   \"analysis\"               en  decision_basis = judgement\n"
        ),
        "{stdout}"
    );
}

#[test]
fn profile_command_shows_what_it_reads() {
    let out = run(
        &[
            "profile",
            "Bez analizy, wprowadzanie faktur zgodnie z procedurą",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("hits:\n"), "{stdout}");
    assert!(
        stdout.contains(
            "  text    4..11   \"analizy\"                pl  decision_basis = rules  (negated)\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("\"faktur\""));
    assert!(stdout.contains("\nlanguage: pl\n"), "{stdout}");
    assert!(stdout.contains("The task fits BPO"));
    // A hit under a heading shows the section and the weight it counts with.
    let out = run(
        &[
            "profile",
            "Answer calls.\nRequirements:\nStrong analytical skills",
        ],
        b"",
    );
    assert!(
        text(&out.stdout).contains(
            "  text   35..45   \"analytical\"             en  decision_basis = judgement  \
             (under \"requirements\", weight 0.25)\n"
        ),
        "{}",
        text(&out.stdout)
    );
    // Without --name, the placeholder name is not read: its English words neither count nor
    // tell the language of a short Polish text.
    let out = run(&["profile", "Analiza rynku"], b"");
    assert_eq!(
        text(&out.stdout),
        "hits:\n  text    0..13   \"Analiza rynku\"          pl  service_line = market_research\n\
         \n\
         inferred: service_line\n\
         language: not told (every lexicon read the text)\n\
         profile: {\"name\":\"The task\",\"description\":\"Analiza rynku\",\
         \"service_line\":\"market_research\"}\n\
         \n\
         The task fits KPO (KPO share 100%, confidence 24%, coverage 24%; rules default@1.0.0). \
         For KPO: market and business research are classic KPO services (KPO services list). \
         Still unknown: decision_basis, complexity, expertise, arbitrage, driver, coordination, \
         talent, focus.\n"
    );
    let out = run(
        &["profile", "--json", "Equity research notes for investors"],
        b"",
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["verdict"], "kpo");
    assert!(!line["hits"].as_array().unwrap().is_empty());
    let long = "x ".repeat(40_000);
    let out = run(&["profile", &long], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: description is 80000 bytes long; the limit is 65536 (MAX_DESCRIPTION_BYTES)\n"
    );
}

#[test]
fn explain_adds_advice_to_results() {
    let input =
        br#"{"id":"k1","name":"Claims review","decision_basis":"judgement","complexity":"medium"}"#;
    let out = run(&["classify", "--explain", "--no-text"], input);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["verdict"], "kpo");
    assert!(line["next_question"].is_string(), "{line}");
    assert_eq!(
        line["flip"],
        serde_json::json!({"bpo":[{"field":"decision_basis","from":"judgement","to":"rules"}]})
    );
    let hybrid =
        br#"{"id":"h1","name":"Vendor helpline","decision_basis":"guided","complexity":"medium"}"#;
    let out = run(&["classify", "--explain", "--no-text"], hybrid);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["verdict"], "hybrid");
    assert!(
        line["flip"]["bpo"].is_array() && line["flip"]["kpo"].is_array(),
        "{line}"
    );
    let out = run(
        &["classify", "--explain", "--no-text", "--format", "table"],
        input,
    );
    let screen = text(&out.stdout);
    assert!(screen.contains("\n           ask next: "), "{screen}");
    assert!(
        screen.contains("\n           ask next: What staff does it need? (talent)\n"),
        "{screen}"
    );
    assert!(
        screen.contains("\n           to make it bpo: decision_basis: judgement → rules\n"),
        "{screen}"
    );
}

#[test]
fn summary_lists_open_cases_with_their_next_question() {
    let input =
        br#"{"id":"h1","name":"Vendor helpline","decision_basis":"guided","complexity":"medium"}"#;
    let out = run(&["classify", "--summary", "--no-text"], input);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("hybrid and undetermined, with the question to ask next:\n  h1         Vendor helpline                      hybrid        "), "{stderr}");
}

#[test]
fn map_draws_every_task_with_a_legend() {
    let svg = std::env::temp_dir().join(format!("outsourcing-map-{}.svg", std::process::id()));
    let out = run(
        &["map", &sample("portfolio.csv"), "-o", svg.to_str().unwrap()],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!("{}: 33 tasks mapped\n", svg.display())
    );
    let drawing = std::fs::read_to_string(&svg).unwrap();
    assert!(drawing.starts_with("<svg"));
    for id in ["NV-001", "NV-014", "NV-024", "NV-032"] {
        assert!(
            drawing.contains(&format!("\n{id}\n")),
            "{id} is not labelled"
        );
    }
    for legend in ["bpo (16)", "kpo (12)", "hybrid (4)", "undetermined (1)"] {
        assert!(drawing.contains(legend), "{legend} is not in the legend");
    }
    assert!(
        drawing.contains("rules  ←  decision basis, complexity, expertise, talent  →  judgement")
    );
    // Bad records are reported, left off, and make the exit status 1.
    let out = run(
        &["map", "-", "-o", svg.to_str().unwrap()],
        b"{\"id\":\"a\",\"name\":\"Payroll\",\"service_line\":\"payroll\"}\nnot json\n\
          {\"id\":\"b\",\"name\":\"Invoices\",\"decision_basis\":\"sometimes\"}\n\
          {\"name\":\"Filing\",\"complexity\":\"x\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "standard input: line 2: invalid JSON at column 2: expected ident (left off the map)\n\
             standard input: line 3 (id b, name \"Invoices\"): decision_basis: unknown value \
             \"sometimes\" (expected one of: rules, guided, judgement) (left off the map)\n\
             standard input: line 4 (name \"Filing\"): complexity: unknown value \"x\" (expected \
             one of: low, medium, high) (left off the map)\n\
             {}: 1 task mapped, 3 unreadable records left off\n",
            svg.display()
        )
    );
    // One of each reads in the singular.
    let out = run(
        &["map", "-", "-o", svg.to_str().unwrap()],
        b"{\"name\":\"Payroll\"}\n{\"name\":\"\"}\n",
    );
    assert_eq!(
        text(&out.stderr),
        format!(
            "standard input: line 2: name is empty (left off the map)\n\
             {}: 1 task mapped, 1 unreadable record left off\n",
            svg.display()
        )
    );
}

#[test]
fn schema_command_prints_the_three_schemas() {
    for (which, title) in [
        ("profile", "Task profile"),
        ("rules", "Rule set"),
        ("result", "Result line"),
    ] {
        let out = run(&["schema", which], b"");
        assert_eq!(out.status.code(), Some(0));
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(schema["title"], title);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    let out = run(&["schema", "everything"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid value 'everything'"));
}

/// Every open record of the sample portfolio gets a question unless it is settled, and the
/// record with nothing known gets the first question of the ranking.
#[test]
fn summary_asks_every_unsettled_record_and_the_empty_one() {
    let csv = sample("portfolio.csv");
    let out = run(&["classify", &csv, "--summary", "--format", "csv"], b"");
    let stderr = text(&out.stderr);
    let block = &stderr[stderr.find("hybrid and undetermined").unwrap()..];
    assert!(!block.contains("(none)"), "{block}");
    assert!(
        block.contains(
            "  NV-032     Special projects                     undetermined  service_line\n"
        ),
        "{block}"
    );
}

/// Case A of the report that found next_question null while the verdict was open.
#[test]
fn explain_names_a_question_while_the_verdict_is_open() {
    let input = br#"{"name":"Case A","decision_basis":"guided","complexity":"medium"}"#;
    let out = run(&["classify", "--explain", "--no-text"], input);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["verdict"], "hybrid");
    assert_eq!(line["settled"], false);
    assert_eq!(line["next_question"], "expertise");
    assert!(line.get("cut_short").is_none(), "{line}");
    let settled = br#"{"name":"Case B","decision_basis":"rules","complexity":"low","expertise":"process","driver":"volume","talent":"communication"}"#;
    let out = run(&["classify", "--explain", "--no-text"], settled);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["settled"], true);
    assert_eq!(line["next_question"], serde_json::Value::Null);
}
