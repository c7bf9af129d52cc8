//! Business files as people keep them: Excel's CSV dialects and code pages, workbooks, loose
//! headers and values, extra columns, and every record accounted for (on several threads, in
//! `threads.rs`).
#![cfg(feature = "cli")]

mod common;
use common::{run, run_env, sample, temp_file, text};

/// Classifies a CSV file to JSON Lines without reading text; returns exit code, lines, stderr.
fn classify_csv(name: &str, contents: &[u8], extra: &[&str]) -> (i32, Vec<String>, String) {
    let path = temp_file(name, contents);
    let mut args = vec!["classify", &path, "--format", "jsonl", "--no-text"];
    args.extend(extra);
    let out = run(&args, b"");
    (
        out.status.code().unwrap(),
        text(&out.stdout).lines().map(str::to_owned).collect(),
        text(&out.stderr).replace(&path, "FILE"),
    )
}

fn short(line: &str) -> &str {
    &line[..line.find(",\"kpo_share\"").unwrap_or(line.len())]
}

#[test]
fn semicolons_windows_1250_and_polish_headers() {
    let path = sample("portfolio-pl.csv");
    let out = run(&["classify", &path, "--format", "jsonl", "--no-text"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "note: {path} is not UTF-8; reading it as windows-1250 (use --encoding to choose \
             another)\nnote: column \"właściciel\" not read, carried to the output (--strict \
             makes this an error)\n"
        )
    );
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // Twelve tasks; the row of empty cells at the end is no record.
    assert_eq!(lines.len(), 12);
    assert!(
        lines[0].starts_with(
            r#"{"id":"PL-01","name":"Obsługa infolinii rozliczeniowej","verdict":"bpo""#
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(r#","columns":{"właściciel":"Anna Nowak"}}"#));
    assert!(lines[1].contains(
        r#""profile":{"service_line":"payroll","decision_basis":"rules","complexity":"medium","#
    ));
    assert!(
        lines[2].starts_with(
            r#"{"id":"PL-03","name":"Prognozy przepływów pieniężnych","verdict":"kpo""#
        )
    );
    assert!(lines[3].contains(r#""service_line":"finance_accounting","decision_basis":"rules""#));
    assert!(lines[3].ends_with(r#""columns":{"właściciel":""}}"#));
}

#[test]
fn delimiter_and_encoding_can_be_forced() {
    let path = sample("portfolio-pl.csv");
    let out = run(
        &[
            "classify",
            &path,
            "--encoding",
            "windows-1250",
            "--delimiter",
            ";",
            "--format",
            "csv",
            "--no-text",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // No note on the encoding when it is given.
    assert!(!text(&out.stderr).contains("not UTF-8"));
    let stdout = text(&out.stdout);
    // A code page in, a byte-order mark out (for Excel).
    assert!(stdout.starts_with(
        "\u{feff}id;line;name;verdict;kpo_share;confidence;coverage;service_line;decision_basis;"
    ));
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .ends_with(";error;właściciel")
    );
    assert!(stdout.contains("PL-01;2;Obsługa infolinii rozliczeniowej;bpo;"));
    // A tab-separated file.
    let (code, lines, _) = classify_csv(
        "tabs.tsv",
        b"id\tname\tcomplexity\nt1\tPayroll, monthly\tlow\n",
        &["--delimiter", "tab"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        short(&lines[0]),
        r#"{"id":"t1","name":"Payroll, monthly","verdict":"undetermined""#
    );
    assert!(lines[0].contains(r#""profile":{"complexity":"low"}"#));
    let out = run(&["classify", "-", "--delimiter", "ab"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(
        "expected one ASCII character other than a quote, or comma, semicolon, tab; got \"ab\""
    ));
    let out = run(&["classify", "-", "--encoding", "klingon"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown encoding \"klingon\""));
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let csv = "id;name;complexity\r\nu1;Zażółć;niska\r\n";
    let mut bytes = vec![0xff, 0xfe];
    for unit in csv.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let (code, lines, stderr) = classify_csv("utf16.csv", &bytes, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(
        short(&lines[0]),
        r#"{"id":"u1","name":"Zażółć","verdict":"undetermined""#
    );
    assert!(lines[0].contains(r#""profile":{"complexity":"low"}"#));
}

#[test]
fn headers_and_values_as_people_write_them() {
    let (code, lines, stderr) = classify_csv(
        "loose.csv",
        b"ID,Name,Description, complexity ,Service line,Decision basis,FOCUS\n\
          a1,Payroll run,,High,Payroll,Judgment,Low-level\n\
          a2,Calls,,LOW,Customer support,rules,high\n\
          a3,Odd,,extreme,,,\n",
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    assert!(lines[0].contains(
        r#""profile":{"service_line":"payroll","decision_basis":"judgement","complexity":"high","focus":"low_level"}"#
    ), "{}", lines[0]);
    assert!(lines[1].contains(
        r#""profile":{"service_line":"customer_support","decision_basis":"rules","complexity":"low","focus":"high_level"}"#
    ), "{}", lines[1]);
    assert_eq!(
        lines[2],
        r#"{"id":"a3","name":"Odd","line":4,"error":"complexity: unknown value \"extreme\" (expected one of: low, medium, high)"}"#
    );
}

#[test]
fn unknown_columns_are_carried_through() {
    let csv = b"id,name,owner,FTE,complexity,\nx1,Payroll,Ann,2.5,low,\nx2,,Bob,1,low,\n";
    let (code, lines, stderr) = classify_csv("extra.csv", csv, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "note: columns \"owner\", \"FTE\" not read, carried to the output (--strict makes this an error)\n"
    );
    assert!(
        lines[0].ends_with(r#""columns":{"owner":"Ann","FTE":"2.5"}}"#),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        r#"{"id":"x2","line":3,"error":"name is empty","columns":{"owner":"Bob","FTE":"1"}}"#
    );
    // CSV output: the user's columns after the tool's.
    let path = temp_file("extra2.csv", csv);
    let out = run(&["classify", &path, "--format", "csv", "--no-text"], b"");
    let stdout = text(&out.stdout);
    let rows: Vec<&str> = stdout.lines().collect();
    assert!(
        rows[0].ends_with(",inferred,error,owner,FTE"),
        "{}",
        rows[0]
    );
    assert!(rows[1].ends_with(",,Ann,2.5"), "{}", rows[1]);
    assert!(rows[2].starts_with("x2,3,,error,"));
    assert!(rows[2].ends_with(",name is empty,Bob,1"), "{}", rows[2]);
    // --strict: an error, with the suggestion.
    let (code, lines, stderr) = classify_csv("extra3.csv", csv, &["--strict"]);
    assert_eq!(code, 2);
    assert!(lines.is_empty());
    assert_eq!(
        stderr,
        "error: FILE: line 1: unknown column \"owner\" (expected one of: name, description, \
         service_line, decision_basis, complexity, expertise, arbitrage, driver, coordination, \
         talent, focus, location, office, id, attr.NAME)\n"
    );
}

#[test]
fn empty_rows_and_blank_lines_are_no_records() {
    let (code, lines, stderr) = classify_csv(
        "empty.csv",
        b"id,name,complexity\n1,a,low\n,,\n   \n\n;;\n , , \n2,b,high\n,,\n,,\n",
        &[],
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with(r#"{"id":"1","name":"a","#));
    // ";;" is a row with one cell: read as such (the delimiter is a comma).
    assert_eq!(
        lines[1],
        r#"{"id":";;","line":6,"error":"row has 1 fields; the header has 3"}"#
    );
    assert!(lines[2].starts_with(r#"{"id":"2","name":"b","#));
}

#[test]
fn line_numbers_count_lf_crlf_and_cr_and_blank_lines() {
    for (name, csv) in [
        ("lf.csv", &b"id,name\n1,a\n\n3,\n"[..]),
        ("crlf.csv", &b"id,name\r\n1,a\r\n\r\n3,\r\n"[..]),
        ("cr.csv", &b"id,name\r1,a\r\r3,\r"[..]),
    ] {
        let (code, lines, _) = classify_csv(name, csv, &[]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(lines.len(), 2, "{name}");
        assert_eq!(
            lines[1], r#"{"id":"3","line":4,"error":"name is empty"}"#,
            "{name}"
        );
    }
    // The fuzzer's case: a blank line is counted.
    let (_, lines, _) = classify_csv("blank.csv", b"id,name\n\n2,\n", &[]);
    assert_eq!(lines, [r#"{"id":"2","line":3,"error":"name is empty"}"#]);
}

#[test]
fn a_lone_cr_in_a_cell_does_not_split_the_row() {
    let (code, lines, _) = classify_csv("lonecr.csv", b"id,name\n1,Pay\rroll\n2,b\n", &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(r#"{"id":"1","name":"Pay\rroll","#),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(r#"{"id":"2","name":"b","#));
}

#[test]
fn a_quoted_cell_may_span_lines() {
    let (code, lines, _) = classify_csv(
        "multiline.csv",
        b"id,name,description\n1,a,\"two\nlines, \"\"quoted\"\"\"\n2,b,\n",
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2);
    assert!(lines[1].starts_with(r#"{"id":"2","name":"b","#));
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opened_and_loses_no_record() {
    let (code, lines, _) = classify_csv(
        "quote.csv",
        b"id,name,complexity\n1,a,low\n2,\"broken,rules\n3,c,low\n4,d,high\n",
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with(r#"{"id":"1","#));
    assert_eq!(
        lines[1],
        r#"{"id":"2","line":3,"error":"unterminated quote: the quoted cell opened on line 3 never closes; the lines after it are read as records"}"#
    );
    assert!(lines[2].starts_with(r#"{"id":"3","name":"c","#));
    assert!(lines[3].starts_with(r#"{"id":"4","name":"d","#));
    // A later quote that seems to close it is not trusted when the row comes out wrong.
    let (_, lines, _) = classify_csv("quote2.csv", b"id,name\n1,\"open\n2,b\n3,\"x\"\n", &[]);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines[0],
        r#"{"id":"1","line":2,"error":"unterminated quote: the quoted cell opened on line 2 never closes; the lines after it are read as records"}"#
    );
    assert!(lines[1].starts_with(r#"{"id":"2","name":"b","#));
    assert!(lines[2].starts_with(r#"{"id":"3","name":"x","#));
}

#[test]
fn csv_records_have_the_json_lines_size_limit() {
    let mut csv = b"id,name,description\n1,a,".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    csv.extend_from_slice(b"\n2,b,\n3,\"");
    csv.extend(std::iter::repeat_n(b"yyyyyyyyy\n".as_slice(), 120_000).flatten());
    csv.extend_from_slice(b"\"\n");
    let (code, lines, _) = classify_csv("big.csv", &csv, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines[0],
        r#"{"id":null,"line":2,"error":"record is 2097156 bytes long; the limit is 1048576"}"#
    );
    assert!(lines[1].starts_with(r#"{"id":"2","name":"b","#));
    assert_eq!(
        lines[2],
        r#"{"id":"3","line":4,"error":"the quoted cell opened on line 4 runs past the record limit of 1048576 bytes; the lines after it are read as records"}"#
    );
    // Each line after it is accounted for: 120,000 lines of one cell each, and the last quote.
    assert_eq!(lines.len(), 3 + 120_000);
}

#[test]
fn ids_have_a_length_limit() {
    let long = "i".repeat(201);
    let out = run(
        &["classify", "--no-text"],
        format!("{{\"id\":\"{long}\",\"name\":\"a\"}}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "{\"id\":null,\"name\":\"a\",\"line\":1,\"error\":\"id is 201 characters long; the limit is 200 (MAX_RECORD_ID_CHARS)\"}\n"
    );
    let (_, lines, _) = classify_csv("longid.csv", format!("id,name\n{long},a\n").as_bytes(), &[]);
    assert_eq!(
        lines[0],
        r#"{"id":null,"name":"a","line":2,"error":"id is 201 characters long; the limit is 200 (MAX_RECORD_ID_CHARS)"}"#
    );
}

#[test]
fn a_table_of_very_long_cells_is_quick() {
    // Over the limits, so each is an error row whose message quotes little of the input.
    let long = "x".repeat(400_000);
    let input = format!(
        "{{\"id\":\"{long}\",\"name\":\"a\"}}\n{{\"id\":\"b\",\"name\":\"{long}\"}}\n{{\"id\":\"c\",\"name\":\"c\",\"talent\":\"{long}\"}}\n"
    );
    let start = std::time::Instant::now();
    let out = run(&["classify", "--format", "table"], input.as_bytes());
    assert!(start.elapsed().as_secs_f64() < 5.0);
    assert_eq!(out.status.code(), Some(1));
    for line in text(&out.stdout).lines() {
        assert!(line.chars().count() <= 100, "{}", line.len());
    }
}

#[test]
fn json_lines_with_a_byte_order_mark() {
    let out = run(
        &["classify", "--no-text"],
        "\u{feff}{\"id\":\"b1\",\"name\":\"a\"}\n\u{feff}{\"id\":\"b2\",\"name\":\"b\"}\n"
            .as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(r#"{"id":"b1","name":"a","#));
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with(r#"{"id":"b2","name":"b","#)
    );
}

#[test]
fn csv_on_standard_input_gets_a_hint() {
    let out = run(&["classify"], b"id,name\n1,Payroll\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "hint: line 1 of standard input looks like a CSV header, not JSON; use --input csv to read CSV\n"
    );
    let out = run(
        &["classify", "--input", "csv", "--no-text"],
        b"id,name\n1,Payroll\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with(r#"{"id":"1","name":"Payroll","#));
}

#[test]
fn the_excel_sample_reads_like_the_csv_sample() {
    let csv = run(&["classify", &sample("portfolio.csv")], b"");
    let xlsx = run(&["classify", &sample("portfolio.xlsx")], b"");
    assert_eq!(xlsx.status.code(), Some(0), "{}", text(&xlsx.stderr));
    assert_eq!(
        text(&xlsx.stderr),
        "note: columns \"Owner\", \"FTE\" not read, carried to the output (--strict makes this an error)\n"
    );
    let csv = text(&csv.stdout);
    let xlsx = text(&xlsx.stdout);
    assert_eq!(csv.lines().count(), xlsx.lines().count());
    for (c, x) in csv.lines().zip(xlsx.lines()) {
        let c = c.strip_suffix('}').unwrap();
        assert!(x.starts_with(c), "{c}\n{x}");
        assert!(x[c.len()..].starts_with(r#","columns":{"Owner":"#), "{x}");
    }
    // The sheet by name, and a missing one.
    let out = run(
        &[
            "classify",
            &sample("portfolio.xlsx"),
            "--sheet",
            "portfolio",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        &["classify", &sample("portfolio.xlsx"), "--sheet", "Other"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}: there is no sheet \"Other\" (the sheets: Portfolio)\n",
            sample("portfolio.xlsx")
        )
    );
}

#[test]
fn the_table_fits_the_width_and_wraps() {
    for width in ["80", "200"] {
        let out = run_env(
            &["classify", &sample("portfolio.csv"), "--format", "table"],
            b"",
            &[("COLUMNS", width)],
        );
        let stdout = text(&out.stdout);
        let limit: usize = width.parse().unwrap();
        for line in stdout.lines() {
            assert!(line.chars().count() <= limit, "{width}: {line}");
        }
        assert!(!stdout.contains('…'), "{stdout}");
        if width == "200" {
            assert!(stdout.contains("Root-cause analysis of recurring outages"));
            assert!(
                stdout.contains("each case needs judgement and interpretation (chart: based on)")
            );
        }
    }
    // --explain: whole changes per line.
    let out = run_env(
        &[
            "classify",
            &sample("portfolio.csv"),
            "--format",
            "table",
            "--explain",
        ],
        b"",
        &[("COLUMNS", "80")],
    );
    let stdout = text(&out.stdout);
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "{line}");
        if line.contains('→') {
            assert!(!line.trim_end().ends_with('→'), "{line}");
            assert!(!line.trim_start().starts_with('→'), "{line}");
        }
    }
    assert!(stdout.contains("to make it"));
}

#[test]
fn excel_output_reads_back() {
    use calamine::{Data, Reader, Xlsx};
    let path = temp_file("results.xlsx", b"");
    let out = run(
        &[
            "classify",
            &sample("portfolio.xlsx"),
            "-o",
            &path,
            "--explain",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Results", "Summary"]);
    let results = book.worksheet_range("Results").unwrap();
    let header: Vec<String> = results
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        header[..8],
        [
            "ID",
            "Line",
            "Name",
            "Verdict",
            "KPO share",
            "Confidence",
            "Coverage",
            "Service line"
        ]
    );
    assert_eq!(header[8], "Decision basis");
    assert_eq!(
        header[18..],
        [
            "Ask next",
            "To make it BPO",
            "To make it KPO",
            "Error",
            "Owner",
            "FTE"
        ]
    );
    assert_eq!(results.height(), 34);
    let row = |r: u32| -> Vec<Data> { results.rows().nth(r as usize).unwrap().to_vec() };
    let first = row(1);
    assert_eq!(first[0], Data::String("NV-001".into()));
    assert_eq!(first[1], Data::Float(2.0));
    assert_eq!(first[2], Data::String("Inbound billing calls".into()));
    assert_eq!(first[3], Data::String("bpo".into()));
    assert_eq!(first[4], Data::Float(0.0));
    assert_eq!(first[5], Data::Float(1.0));
    assert_eq!(first[7], Data::String("customer_support".into()));
    assert_eq!(first[8], Data::String("rules".into()));
    assert_eq!(first[22], Data::String("Finance ops".into()));
    let third = row(3);
    assert_eq!(third[3], Data::String("kpo".into()));
    let styles = book.worksheet_style("Results").unwrap();
    let fill = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.fill.as_ref())
            .and_then(|f| f.get_color())
            .map(|c| (c.red, c.green, c.blue))
    };
    assert_eq!(fill(1, 3), Some((0xC6, 0xEF, 0xCE)));
    assert_eq!(fill(3, 3), Some((0xBD, 0xD7, 0xEE)));
    let summary = book.worksheet_range("Summary").unwrap();
    let cells: Vec<Vec<String>> = summary
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(cells[0][..3], ["Verdict", "Tasks", "Share"]);
    assert_eq!(cells[1][0], "bpo");
    let total: f64 = (1..=4).map(|r| cells[r][1].parse::<f64>().unwrap()).sum();
    assert!((total - 33.0).abs() < 1e-9);
}

#[test]
fn excel_output_keeps_the_type_of_carried_cells() {
    use calamine::{Data, Reader, Xlsx};
    // A workbook whose carried columns hold numbers, booleans and text that looks like a
    // number; the second row is bad and carries its cells all the same.
    let input = temp_file("typed.xlsx", b"");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, title) in ["id", "name", "decision_basis", "FTE", "Remote", "Code"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, title).unwrap();
    }
    sheet.write_string(1, 0, "t1").unwrap();
    sheet.write_string(1, 1, "Payroll").unwrap();
    sheet.write_string(1, 2, "rules").unwrap();
    sheet.write_number(1, 3, 0.5).unwrap();
    sheet.write_boolean(1, 4, true).unwrap();
    sheet.write_string(1, 5, "007").unwrap();
    sheet.write_string(2, 0, "t2").unwrap();
    sheet.write_string(2, 1, "Audit").unwrap();
    sheet.write_string(2, 2, "guesswork").unwrap();
    sheet.write_number(2, 3, 3.0).unwrap();
    sheet.write_boolean(2, 4, false).unwrap();
    sheet.write_string(2, 5, "x").unwrap();
    workbook.save(&input).unwrap();

    let output = temp_file("typed-results.xlsx", b"");
    let out = run(&["classify", &input, "--no-text", "-o", &output], b"");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let mut book: Xlsx<_> = calamine::open_workbook(&output).unwrap();
    let results = book.worksheet_range("Results").unwrap();
    let rows: Vec<Vec<Data>> = results.rows().map(<[Data]>::to_vec).collect();
    let fte = rows[0]
        .iter()
        .position(|c| *c == Data::String("FTE".into()))
        .unwrap();
    assert_ne!(rows[1][3], Data::String("error".into()));
    assert_eq!(
        rows[1][fte..fte + 3],
        [
            Data::Float(0.5),
            Data::Bool(true),
            Data::String("007".into())
        ]
    );
    assert_eq!(rows[2][3], Data::String("error".into()));
    assert_eq!(
        rows[2][fte..fte + 3],
        [
            Data::Float(3.0),
            Data::Bool(false),
            Data::String("x".into())
        ]
    );

    // CSV output writes the cells' text, as before.
    let out = run(&["classify", &input, "--no-text", "--format", "csv"], b"");
    let stdout = text(&out.stdout);
    let ends: Vec<&str> = stdout
        .lines()
        .map(|l| l.rsplitn(4, ',').collect::<Vec<_>>())
        .map(|cells| match cells[..] {
            [code, remote, fte, _] => [fte, remote, code],
            _ => panic!("{stdout}"),
        })
        .flat_map(|cells| cells.into_iter())
        .collect();
    assert_eq!(
        ends,
        [
            "FTE", "Remote", "Code", "0.5", "true", "007", "3", "false", "x"
        ]
    );
}
