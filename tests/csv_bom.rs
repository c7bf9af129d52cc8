//! CSV output for Excel: a UTF-8 byte-order mark when the input came from Excel (a workbook,
//! or CSV with a byte-order mark or in a legacy code page), none otherwise, `--bom` and
//! `--no-bom` to choose; the output reads back.
#![cfg(feature = "cli")]

mod common;
use common::{run, sample, temp_file, text};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Classifies `file` without reading text, with `extra` arguments; returns standard output.
fn classify(file: &str, extra: &[&str], stdin: &[u8]) -> Vec<u8> {
    let mut args = vec!["classify", file, "--no-text"];
    args.extend(extra);
    let out = run(&args, stdin);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    out.stdout
}

/// Whether the bytes start with a byte-order mark, and the text after it.
fn split_bom(bytes: &[u8]) -> (bool, String) {
    match bytes.strip_prefix(BOM) {
        Some(rest) => (true, text(rest)),
        None => (false, text(bytes)),
    }
}

#[test]
fn windows_1250_in_gives_csv_with_a_byte_order_mark_out() {
    let path = sample("portfolio-pl.csv");
    let stdout = classify(&path, &["--format", "csv", "--delimiter", ";"], b"");
    let (bom, csv) = split_bom(&stdout);
    assert!(bom, "{csv}");
    // One mark, before the header; the Polish letters in UTF-8.
    assert!(!csv.contains('\u{feff}'));
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id;line;name;verdict;"), "{header}");
    assert!(header.ends_with(";error;właściciel"), "{header}");
    assert!(csv.contains("\nPL-01;2;Obsługa infolinii rozliczeniowej;bpo;"));
    assert!(csv.contains(";Ewa Wiśniewska\n"));
    // The same by an output file's .csv extension.
    let output = temp_file("wyniki.csv", b"");
    let out = run(
        &[
            "classify",
            &path,
            "--no-text",
            "--delimiter",
            ";",
            "-o",
            &output,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&output).unwrap(), stdout);
    // A code page given by --encoding counts as one detected.
    let forced = classify(
        &path,
        &[
            "--format",
            "csv",
            "--delimiter",
            ";",
            "--encoding",
            "windows-1250",
        ],
        b"",
    );
    assert_eq!(forced, stdout);
}

#[test]
fn the_output_reads_back() {
    let output = temp_file("round-trip.csv", b"");
    let out = run(
        &[
            "classify",
            &sample("portfolio-pl.csv"),
            "--no-text",
            "-o",
            &output,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(
        &["classify", &output, "--no-text", "--format", "jsonl"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Read as UTF-8 by its mark: no note on the encoding, and the first column is the id.
    assert!(!text(&out.stderr).contains("not UTF-8"));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 12);
    assert!(
        lines[0].starts_with(
            r#"{"id":"PL-01","name":"Obsługa infolinii rozliczeniowej","verdict":"bpo""#
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with(r#""właściciel":"Anna Nowak"}}"#),
        "{}",
        lines[0]
    );
    // A mark in, a mark out.
    let again = classify(&output, &["--format", "csv"], b"");
    assert!(again.starts_with(BOM));
    assert!(!again[BOM.len()..].starts_with(BOM));
}

#[test]
fn utf8_and_json_lines_input_give_no_mark() {
    for file in ["portfolio.csv", "portfolio.jsonl"] {
        let stdout = classify(&sample(file), &["--format", "csv"], b"");
        let (bom, csv) = split_bom(&stdout);
        assert!(!bom, "{file}");
        assert!(csv.starts_with("id,line,name,verdict,"), "{file}: {csv}");
    }
    let stdin = br#"{"id":"s1","name":"Payroll"}"#;
    assert!(classify("-", &["--format", "csv"], stdin).starts_with(b"id,line,"));
    // --encoding utf-8 is not a legacy code page.
    let stdout = classify(
        &sample("portfolio.csv"),
        &["--format", "csv", "--encoding", "utf-8"],
        b"",
    );
    assert!(stdout.starts_with(b"id,line,"));
}

#[test]
fn a_mark_or_a_workbook_in_gives_a_mark_out() {
    let path = temp_file("marked.csv", b"\xEF\xBB\xBFid,name\nm1,Payroll\n");
    let stdout = classify(&path, &["--format", "csv"], b"");
    assert!(stdout.starts_with(b"\xEF\xBB\xBFid,line,name,"));
    let stdout = classify(&sample("portfolio.xlsx"), &["--format", "csv"], b"");
    assert!(stdout.starts_with(b"\xEF\xBB\xBFid,line,name,"));
    // UTF-16 by its mark, as Excel saves "Unicode text".
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "id\tname\r\nu1\tZażółć\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let path = temp_file("unicode.txt", &utf16);
    let stdout = classify(&path, &["--format", "csv"], b"");
    let (bom, csv) = split_bom(&stdout);
    assert!(bom);
    assert!(csv.contains("\nu1,2,Zażółć,"), "{csv}");
}

#[test]
fn the_flags_choose() {
    let pl = sample("portfolio-pl.csv");
    let utf8 = sample("portfolio.csv");
    assert!(classify(&pl, &["--format", "csv", "--no-bom"], b"").starts_with(b"id,line,"));
    assert!(classify(&utf8, &["--format", "csv", "--bom"], b"").starts_with(BOM));
    // The last of the two wins.
    assert!(!classify(&utf8, &["--format", "csv", "--bom", "--no-bom"], b"").starts_with(BOM));
    assert!(classify(&pl, &["--format", "csv", "--no-bom", "--bom"], b"").starts_with(BOM));
    // JSON Lines and the table never have one.
    let jsonl = classify(&pl, &["--format", "jsonl", "--bom"], b"");
    assert!(jsonl.starts_with(br#"{"id":"PL-01""#));
    let table = classify(&pl, &["--format", "table", "--bom"], b"");
    assert!(!table.starts_with(BOM));
    assert!(text(&table).trim_start().starts_with("id"));
}

#[test]
fn several_threads_write_one_mark_and_the_same_bytes() {
    // The sample's rows many times over, still Windows-1250: several batches.
    let sample = std::fs::read(sample("portfolio-pl.csv")).unwrap();
    let split = sample.iter().position(|b| *b == b'\n').unwrap() + 1;
    let (header, rows) = sample.split_at(split);
    let mut big = header.to_vec();
    for _ in 0..200 {
        big.extend_from_slice(rows);
    }
    let path = temp_file("big-pl.csv", &big);
    let args = |threads| ["--format", "csv", "--delimiter", ";", "--threads", threads];
    let one = classify(&path, &args("1"), b"");
    let two = classify(&path, &args("2"), b"");
    assert!(one.starts_with(BOM));
    assert_eq!(one.windows(BOM.len()).filter(|w| *w == BOM).count(), 1);
    assert_eq!(one, two);
    assert_eq!(text(&one).lines().count(), 1 + 12 * 200);
}
