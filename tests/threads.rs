//! `classify --threads`: on any number of threads, the same output in input order, every
//! record accounted for, from JSON Lines and from tables, in every output format.
#![cfg(feature = "cli")]

use std::process::Output;

mod common;
use common::{run, temp_file, text};

#[test]
fn threads_keep_the_input_order_and_every_record() {
    let mut input = String::new();
    for i in 0..5000 {
        match i % 7 {
            0 => input.push_str(&format!("{{\"id\":\"e{i}\",\"name\":\"\"}}\n")),
            3 => input.push_str("not json\n"),
            5 => input.push('\n'),
            _ => input.push_str(&format!(
                "{{\"id\":\"g{i}\",\"name\":\"Task {i}: answer billing calls by the script\",\"complexity\":\"{}\"}}\n",
                ["low", "medium", "high"][i % 3]
            )),
        }
    }
    let one = run(
        &["classify", "--threads", "1", "--explain"],
        input.as_bytes(),
    );
    let four = run(
        &["classify", "--threads", "4", "--explain"],
        input.as_bytes(),
    );
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(four.status.code(), Some(1));
    let one = text(&one.stdout);
    assert_eq!(one, text(&four.stdout));
    assert_eq!(one.lines().count(), 5000 - 5000 / 7);
    // In input order: the ids and error line numbers follow the input.
    let mut expected = Vec::new();
    for (n, line) in input.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        expected.push(match line.find("\"id\":\"") {
            Some(i) => line[i..].split('"').nth(3).unwrap().to_owned(),
            None => format!("line {}", n + 1),
        });
    }
    let got: Vec<String> = one
        .lines()
        .map(|l| {
            if l.starts_with(r#"{"id":null"#) {
                let at = l.find("\"line\":").unwrap() + 7;
                let digits: String = l[at..].chars().take_while(char::is_ascii_digit).collect();
                format!("line {digits}")
            } else {
                l.split('"').nth(3).unwrap().to_owned()
            }
        })
        .collect();
    assert_eq!(got, expected);
    let table_one = run(
        &["classify", "--threads", "1", "--format", "csv"],
        input.as_bytes(),
    );
    let table_two = run(
        &["classify", "--threads", "2", "--format", "csv"],
        input.as_bytes(),
    );
    assert_eq!(text(&table_one.stdout), text(&table_two.stdout));
}

/// The JSON lines of the tool's output, each reduced to the record's id, or to "line N" and
/// the error for a record without one.
fn ids_and_errors(output: &str) -> Vec<String> {
    output
        .lines()
        .map(|l| {
            if l.starts_with(r#"{"id":null"#) {
                let value: serde_json::Value = serde_json::from_str(l).unwrap();
                format!(
                    "line {}: {}",
                    value["line"],
                    value["error"].as_str().unwrap()
                )
            } else {
                l.split('"').nth(3).unwrap().to_owned()
            }
        })
        .collect()
}

#[test]
fn threads_keep_every_record_in_order_across_batches() {
    // Enough records for many batches, with every kind of line the reader cuts apart: bad
    // JSON, empty names, blank lines, CRLF endings, byte-order marks, lines over the size
    // limit (one cut while read, one whole in its block) and a last line without its end.
    let mut input = Vec::new();
    let mut expected = Vec::new();
    let lines = [
        "payroll",
        "investment_research",
        "customer_support",
        "data_entry",
    ];
    for i in 0..20_000 {
        let n = i + 1;
        match i % 11 {
            0 => {
                input.extend_from_slice(format!("{{\"id\":\"e{i}\",\"name\":\"\"}}\n").as_bytes());
                expected.push(format!("e{i}"));
            }
            3 => {
                input.extend_from_slice(b"{not json\n");
                expected.push(format!("line {n}: "));
            }
            5 => input.extend_from_slice(b" \t\r\n"),
            7 => {
                input.extend_from_slice(
                    format!("\u{feff}{{\"id\":\"b{i}\",\"name\":\"Task {i}\"}}\r\n").as_bytes(),
                );
                expected.push(format!("b{i}"));
            }
            _ if i == 9_000 || i == 15_000 => {
                let length = if i == 9_000 { 3_000_000 } else { 1_048_577 };
                input.extend(std::iter::repeat_n(b'x', length));
                input.push(b'\n');
                expected.push(format!(
                    "line {n}: record is {length} bytes long; the limit is 1048576"
                ));
            }
            _ => {
                input.extend_from_slice(
                    format!(
                        "{{\"id\":\"g{i}\",\"name\":\"Task {i}: answer billing calls by the \
                         script\",\"service_line\":\"{}\",\"complexity\":\"{}\"}}\n",
                        lines[i % 4],
                        ["low", "medium", "high"][i % 3]
                    )
                    .as_bytes(),
                );
                expected.push(format!("g{i}"));
            }
        }
    }
    input.extend_from_slice(b"{\"id\":\"last\",\"name\":\"The last task\"}");
    expected.push("last".to_owned());
    let runs: Vec<Output> = ["1", "2", "7"]
        .iter()
        .map(|threads| run(&["classify", "--threads", threads, "--summary"], &input))
        .collect();
    let one = text(&runs[0].stdout);
    let got = ids_and_errors(&one);
    assert_eq!(got.len(), expected.len());
    for (got, expected) in got.iter().zip(&expected) {
        assert!(
            got.starts_with(expected.as_str()),
            "{got} is not {expected}"
        );
    }
    for out in &runs {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stdout), one);
        // The summary (on standard error) counts the same records and lists the same ones.
        assert_eq!(text(&out.stderr), text(&runs[0].stderr));
    }
    assert!(text(&runs[0].stderr).contains("unreadable"));

    // A table's rows, and CSV output.
    let mut csv = b"id,name,service_line,complexity,note\n".to_vec();
    for i in 0..6_000 {
        match i % 13 {
            4 => csv.extend_from_slice(format!("r{i},,payroll,low,n{i}\n").as_bytes()),
            9 => csv.extend_from_slice(b",,,,\n"),
            _ => csv.extend_from_slice(
                format!(
                    "r{i},\"Task {i}, by the script\",{},{},n{i}\n",
                    lines[i % 4],
                    ["low", "medium", "high"][i % 3]
                )
                .as_bytes(),
            ),
        }
    }
    let path = temp_file("threads.csv", &csv);
    for format in ["jsonl", "csv"] {
        let runs: Vec<Output> = ["1", "2", "7"]
            .iter()
            .map(|threads| {
                run(
                    &[
                        "classify",
                        &path,
                        "--format",
                        format,
                        "--threads",
                        threads,
                        "--summary",
                    ],
                    b"",
                )
            })
            .collect();
        let one = text(&runs[0].stdout);
        let records = 6_000 - 6_000 / 13 - usize::from(6_000 % 13 > 9);
        let header = usize::from(format == "csv");
        assert_eq!(one.lines().count(), records + header, "{format}");
        for out in &runs {
            assert_eq!(out.status.code(), Some(1));
            assert_eq!(text(&out.stdout), one, "{format}");
            assert_eq!(text(&out.stderr), text(&runs[0].stderr), "{format}");
        }
    }
}
