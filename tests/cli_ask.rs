//! `outsourcing ask`, run on a pseudo-terminal as a user runs it: exact transcripts, and its
//! refusal without a terminal.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};

mod common;
use common::{run, text};

#[test]
fn ask_refuses_without_a_terminal() {
    let out = run(&["ask"], b"Payroll\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: `outsourcing ask` is interactive and needs a terminal; to classify profiles \
         from a file or a pipe, use `outsourcing classify`\n"
    );
}

/// Runs `ask` on a pseudo-terminal (util-linux `script`, with echo off), typing each line
/// once the tool has printed its next prompt, and returns the transcript as a terminal shows
/// it: the tool's output with each typed line after its prompt (`^D` for the end of input).
fn ask_session(args: &str, typed: &[&str]) -> String {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    let script = std::path::Path::new("/usr/bin/script");
    assert!(
        script.exists(),
        "util-linux `script` is needed to give `ask` a terminal"
    );
    let command = format!(
        "stty -echo; exec {} ask {args}",
        env!("CARGO_BIN_EXE_outsourcing")
    );
    let mut child = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let screen = Arc::new(Mutex::new(Vec::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let screen = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                screen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    let mut transcript = String::new();
    let mut consumed = 0;
    for line in typed {
        // Wait for a new prompt: output past what was seen, ending in ": ".
        let start = Instant::now();
        loop {
            let shown = screen.lock().unwrap().clone();
            if shown.len() > consumed && shown.ends_with(b": ") {
                transcript.push_str(&text(&shown[consumed..]));
                consumed = shown.len();
                break;
            }
            let ended = child.try_wait().unwrap().is_some();
            assert!(
                !ended && start.elapsed() < Duration::from_secs(20),
                "no prompt for {line:?}; transcript so far:\n{transcript}{}",
                text(&shown[consumed..]).replace("\r\n", "\n")
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        if *line == "\u{4}" {
            transcript.push_str("^D");
            stdin.write_all(line.as_bytes()).unwrap();
        } else {
            transcript.push_str(line);
            transcript.push('\n');
            stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        }
        stdin.flush().unwrap();
    }
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let shown = screen.lock().unwrap().clone();
    transcript.push_str(&text(&shown[consumed..]));
    assert_eq!(status.code(), Some(0), "{transcript}");
    transcript.replace("\r\n", "\n")
}

/// The first line of every `ask` session.
const INTRO: &str = "Classify a task as BPO or KPO. Press Enter to skip a question; Ctrl-D stops and shows the result so far.";

/// The service line question as `ask` puts it, up to the answer.
const SERVICE_LINE: &str = "Service line — Which service line is the task part of?
  1) customer_support: Customer support (call centre, help desk)
  2) technical_support: Technical support
  3) recruitment: Recruitment and selection
  4) training: Training and placement
  5) payroll: Payroll processing
  6) finance_accounting: Finance and accounting services
  7) web_hosting: Website services and hosting
  8) transcription: Transcription
  9) data_entry: Data entry
  10) content_moderation: Content moderation
  11) claims_processing: Claims processing
  12) investment_research: Investment research
  13) market_research: Market research
  14) data_analytics: Data analytics
  15) business_research: Business research
  16) legal_process: Legal process outsourcing
  17) financial_analysis: Financial process outsourcing (analysis)
  18) media_content: Media process outsourcing
  19) research_development: Research and development
  20) engineering_design: Engineering design
  21) patent_research: Patent and IP research
Answer (1-21, a name, or Enter to skip): ";

/// The decision basis question as `ask` puts it, up to the answer.
const DECISION_BASIS: &str =
    "Decision basis — Is the work done by following set rules, or by exercising judgement?
  1) rules: set rules and procedures decide each case
  2) guided: rules with some room for judgement
  3) judgement: expert judgement and interpretation decide each case
Answer (1-3, a name, or Enter to skip): ";

/// The complexity question as `ask` puts it, up to the answer.
const COMPLEXITY: &str = "Complexity — How complex is the work?
  1) low: simple, repetitive steps
  2) medium: some non-routine cases
  3) high: complex, non-routine problems
Answer (1-3, a name, or Enter to skip): ";

/// The expertise question as `ask` puts it, up to the answer.
const EXPERTISE: &str = "Expertise — Does it take knowing the process, or deep domain knowledge?
  1) process: knowing the process well
  2) mixed: process know-how plus some domain knowledge
  3) knowledge: deep domain knowledge
Answer (1-3, a name, or Enter to skip): ";

/// The arbitrage question as `ask` puts it, up to the answer.
const ARBITRAGE: &str =
    "Arbitrage — Is it outsourced to cut cost, or to get knowledge not available in-house?
  1) cost: the same work done for less
  2) mixed: both lower cost and expertise
  3) knowledge: expertise the buyer lacks in-house
Answer (1-3, a name, or Enter to skip): ";

/// The driver question as `ask` puts it, up to the answer.
const DRIVER: &str = "Driver — Does its value come from handling volume, or from insight?
  1) volume: more items handled is more value
  2) mixed: both volume and insight matter
  3) insight: better conclusions are more value
Answer (1-3, a name, or Enter to skip): ";

/// The talent question as `ask` puts it, up to the answer.
const TALENT: &str = "Talent — What staff does it need?
  1) communication: good communication and basic computer skills
  2) skilled: trained specialists
  3) professional: professionally qualified, highly skilled staff
Answer (1-3, a name, or Enter to skip): ";

/// An expected `ask` transcript from a template where `{intro}` stands for the first line and
/// `{service_line}`, `{decision_basis}`, … for each question up to its answer.
fn transcript(template: &str) -> String {
    [
        ("{intro}", INTRO),
        ("{service_line}", SERVICE_LINE),
        ("{decision_basis}", DECISION_BASIS),
        ("{complexity}", COMPLEXITY),
        ("{expertise}", EXPERTISE),
        ("{arbitrage}", ARBITRAGE),
        ("{driver}", DRIVER),
        ("{talent}", TALENT),
    ]
    .iter()
    .fold(template.to_owned(), |text, (name, shown)| {
        text.replace(name, shown)
    })
}

/// The session that used to stop at "ask next: nothing" with six criteria unknown: now it
/// asks on (skipping the service line) until no answer can change the verdict.
#[test]
fn ask_keeps_asking_until_the_verdict_is_settled() {
    let typed = [
        "",
        "Vendor invoice exception handling",
        "",
        "",
        "2",
        "medium",
        "2",
        "2",
        "2",
        "2",
    ];
    assert_eq!(ask_session("", &typed), transcript(ASK_SETTLES));
}

const ASK_SETTLES: &str = r##"{intro}

Task name: 
  name is empty; please type the task's name
Task name: Vendor invoice exception handling
Description (Enter to skip): 

{service_line}

{decision_basis}2
  so far: undetermined (KPO share 50%, coverage 19%)

{complexity}medium
  so far: hybrid (KPO share 50%, coverage 31%)

{expertise}2
  so far: hybrid (KPO share 50%, coverage 40%)

{driver}2
  so far: hybrid (KPO share 50%, coverage 49%)

{talent}2
  so far: hybrid (KPO share 50%, coverage 58%)

{arbitrage}2
  so far: hybrid (KPO share 50%, coverage 64%)

The verdict is settled: no answer to the questions left can change it.

Vendor invoice exception handling is a hybrid, for a provider that offers both BPO and KPO (KPO share 50%, confidence 64%, coverage 64%; rules default@1.0.0). Both ways: decisions follow rules with some room for judgement (chart: based on, between the poles); the work mixes routine steps with some non-routine cases (chart: degree of complexity, between the poles); the work needs process know-how and some domain knowledge (chart: requirement, between the poles); and 3 more. Still unknown: coordination, focus.

settled: no answer to the unknown fields can change it
ask next: nothing
to make it bpo: decision_basis: guided → rules; complexity: medium → low
to make it kpo: decision_basis: guided → judgement; complexity: medium → high

profile: {"name":"Vendor invoice exception handling","decision_basis":"guided","complexity":"medium","expertise":"mixed","arbitrage":"mixed","driver":"mixed","talent":"skilled"}
"##;

/// A description read by the text profiler, one inferred field changed (answered in capitals),
/// the rest kept, then the question that settles it.
#[test]
fn ask_starts_from_a_description_and_lets_the_user_change_what_was_read() {
    let typed = ["Contract review", "1", "GUIDED", "", "High"];
    let args = "--describe 'Lawyers assess legal risk and negotiate clauses.'";
    assert_eq!(ask_session(args, &typed), transcript(ASK_DESCRIBED));
}

const ASK_DESCRIBED: &str = r##"{intro}

Task name: Contract review
Read from the description:
  1) decision_basis: judgement
  2) expertise: knowledge
  3) driver: insight
  4) coordination: high
  5) talent: professional
  6) service_line: legal_process
Enter keeps these; type a number to change one, or "none" to drop them all: 1

{decision_basis}GUIDED
Read from the description:
  1) decision_basis: guided
  2) expertise: knowledge
  3) driver: insight
  4) coordination: high
  5) talent: professional
  6) service_line: legal_process
Enter keeps these; type a number to change one, or "none" to drop them all: 

{complexity}High
  so far: kpo (KPO share 90%, coverage 87%)

The verdict is settled: no answer to the questions left can change it.

Contract review fits KPO (KPO share 90%, confidence 74%, coverage 87%; rules default@1.0.0). For KPO: the problems are complex and non-routine (chart: degree of complexity); deep domain knowledge is what the work requires (chart: requirement); value comes from the quality of the conclusions (chart: driving force); and 4 more. Both ways: decisions follow rules with some room for judgement (chart: based on, between the poles). Still unknown: arbitrage, focus.

settled: no answer to the unknown fields can change it
ask next: nothing
to make it bpo: decision_basis: guided → rules; complexity: high → low; expertise: knowledge → process; driver: insight → volume

profile: {"name":"Contract review","description":"Lawyers assess legal risk and negotiate clauses.","service_line":"legal_process","decision_basis":"guided","complexity":"high","expertise":"knowledge","driver":"insight","coordination":"high","talent":"professional"}
"##;

/// Ctrl-D keeps the answers given and prints the classification so far.
#[test]
fn ask_prints_the_classification_so_far_at_the_end_of_input() {
    let typed = ["Payroll run", "", "payroll", "Rules", "\u{4}"];
    assert_eq!(ask_session("", &typed), transcript(ASK_ENDED));
}

const ASK_ENDED: &str = r##"{intro}

Task name: Payroll run
Description (Enter to skip): 

{service_line}payroll
  so far: bpo (KPO share 0%, coverage 24%)

{decision_basis}Rules
  so far: bpo (KPO share 0%, coverage 41%)

{driver}^D

Input ended; the classification so far:

Payroll run fits BPO (KPO share 0%, confidence 41%, coverage 41%; rules default@1.0.0). For BPO: each case is settled by set rules and procedures (chart: based on); recruitment, training and payroll are classic BPO services (BPO services list). Still unknown: complexity, expertise, arbitrage, driver, coordination, talent, focus.

not settled: answers to the unknown fields can change it
ask next: Does its value come from handling volume, or from insight? (driver)
to make it kpo: decision_basis: rules → judgement

profile: {"name":"Payroll run","service_line":"payroll","decision_basis":"rules"}
"##;
