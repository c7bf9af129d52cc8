//! The `outsourcing` command-line tool: classify portfolios of tasks from JSON Lines or CSV.

mod ask;
mod input;
mod map;
mod output;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use outsourcing::{
    Advice, Classifier, Criterion, Portfolio, ResultLine, RuleSet, ServiceLine, TextProfiler,
};

/// Decide whether business tasks fit BPO or KPO outsourcing, and explain why.
#[derive(Debug, Parser)]
#[command(name = "outsourcing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Classify every task of a portfolio (JSON Lines, or CSV by the .csv extension)
    Classify(ClassifyArgs),
    /// Print the built-in rule set
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = RulesFormat::Toml)]
        format: RulesFormat,
    },
    /// List the criteria with their questions and options, and the service lines
    Criteria,
    /// Show what the text profiler reads in a text, and how the task classifies
    Profile(ProfileArgs),
    /// Classify one task by answering questions on a terminal, most telling question first,
    /// until the verdict is settled
    Ask(AskArgs),
    /// Draw an SVG positioning map of a portfolio (rules ↔ judgement, volume ↔ insight)
    Map(map::MapArgs),
    /// Print the JSON Schema of an input profile, a rule set file or a result line
    Schema {
        /// Which schema
        #[arg(value_enum)]
        which: SchemaKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    Profile,
    Rules,
    Result,
}

#[derive(Debug, clap::Args)]
struct ClassifyArgs {
    /// The portfolio file, or - for standard input
    #[arg(default_value = "-")]
    file: PathBuf,
    /// Input format (default: csv for a .csv file, jsonl otherwise)
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    /// Output format (default: table on a terminal, jsonl otherwise)
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// A rule set file (TOML, or JSON by the .json extension) instead of the built-in rules
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Print counts and shares by verdict and service line after the results (to standard
    /// error when the results go to a pipe or file)
    #[arg(long)]
    summary: bool,
    /// Explain each result: the text hits behind inferred fields, whether the verdict is
    /// settled, the next question to ask, and the fewest changes that would flip the verdict
    /// (a block under each table row)
    #[arg(long)]
    explain: bool,
    /// Do not infer unknown fields from the task's name and description
    #[arg(long)]
    no_text: bool,
}

#[derive(Debug, clap::Args)]
struct AskArgs {
    /// Start from this description: the fields read from it are shown to confirm or change
    /// (without it, a description is asked for)
    #[arg(long, value_name = "TEXT")]
    describe: Option<String>,
    /// A rule set file (TOML, or JSON by the .json extension) instead of the built-in rules
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ProfileArgs {
    /// The text to read (a task description, or just a name)
    text: String,
    /// The task's name, read too (default: "The task")
    #[arg(long)]
    name: Option<String>,
    /// Print the result as one JSON line, with the hits, instead of a readable report
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Toml,
    Json,
}

/// A failure that stops the run before any result: exit status 2.
pub(crate) struct Fatal(pub(crate) String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Classify(args) => classify(&args),
        Command::Rules { format } => {
            let rules = RuleSet::default();
            let text = match format {
                RulesFormat::Toml => rules.to_toml(),
                RulesFormat::Json => rules.to_json() + "\n",
            };
            print_all(&text)
        }
        Command::Criteria => print_all(&criteria_text()),
        Command::Profile(args) => profile(&args),
        Command::Ask(args) => match &args.rules {
            Some(path) => load_rules(path)
                .and_then(|rules| ask::ask(&Classifier::new(rules), args.describe.as_deref())),
            None => ask::ask(&Classifier::default(), args.describe.as_deref()),
        },
        Command::Map(args) => map::map(&args),
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Profile => outsourcing::schema::profile_schema(),
                SchemaKind::Rules => outsourcing::schema::rules_schema(),
                SchemaKind::Result => outsourcing::schema::result_schema(),
            };
            let text = serde_json::to_string_pretty(&schema)
                .expect("a JSON value always serialises")
                + "\n";
            print_all(&text)
        }
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn print_all(text: &str) -> Result<ExitCode, Fatal> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Fatal(format!("cannot write the output: {e}"))),
    }
}

fn criteria_text() -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for criterion in Criterion::ALL {
        let _ = writeln!(out, "{} ({})", criterion.name(), criterion.label());
        let _ = writeln!(out, "  {}", criterion.question());
        let poles = ["BPO pole", "middle", "KPO pole"];
        for ((option, meaning), pole) in criterion
            .options()
            .iter()
            .zip(criterion.option_labels())
            .zip(poles)
        {
            let _ = writeln!(out, "  {option:<14} {pole:<9} {meaning}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "service lines:");
    for line in ServiceLine::ALL {
        let _ = writeln!(
            out,
            "  {:<22} {}  {}",
            line.name(),
            line.lean().acronym(),
            line.label()
        );
    }
    out
}

fn profile(args: &ProfileArgs) -> Result<ExitCode, Fatal> {
    use std::fmt::Write as _;
    let profiler = TextProfiler::default();
    let classifier = Classifier::default();
    let name = args.name.clone().unwrap_or_else(|| "The task".to_owned());
    let result = classifier
        .classify_text(&profiler, &name, Some(&args.text))
        .map_err(|e| Fatal(e.to_string()))?;
    let reading = result.reading();
    let classification = result.classification();
    if args.json {
        let line = ResultLine::new(&classifier, None, result.profile(), &classification)
            .with_inferred(reading.inferred())
            .with_hits(reading.hits());
        let mut text = serde_json::to_string(&line).map_err(|e| Fatal(e.to_string()))?;
        text.push('\n');
        return print_all(&text);
    }
    let mut out = String::new();
    let _ = writeln!(out, "hits:");
    if reading.hits().is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for hit in reading.hits() {
        let source = match hit.source {
            outsourcing::Source::Name => "name",
            _ => "text",
        };
        let text = if hit.source == outsourcing::Source::Name {
            &name
        } else {
            &args.text
        };
        let words = text.get(hit.span.clone()).unwrap_or("");
        let value = hit.value.unwrap_or("(cancelled)");
        let negated = if hit.negated { "  (negated)" } else { "" };
        let _ = writeln!(
            out,
            "  {source:<4} {:>4}..{:<4} {:<24} {:<3} {} = {value}{negated}",
            hit.span.start,
            hit.span.end,
            format!("\"{words}\""),
            hit.language,
            hit.field,
        );
    }
    let inferred: Vec<&str> = reading.inferred().iter().map(|f| f.name()).collect();
    let _ = writeln!(
        out,
        "\ninferred: {}",
        if inferred.is_empty() {
            "nothing".to_owned()
        } else {
            inferred.join(", ")
        }
    );
    let _ = writeln!(out, "profile: {}\n", result.profile().to_json());
    let _ = writeln!(
        out,
        "{}",
        classification
            .explain(&classifier)
            .for_task(result.profile().name())
    );
    print_all(&out)
}

fn load_rules(path: &Path) -> Result<RuleSet, Fatal> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Fatal(format!(
            "{}: cannot read the rule set: {}",
            path.display(),
            io_message(&e)
        ))
    })?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let rules = if is_json {
        RuleSet::from_json(&text)
    } else {
        RuleSet::from_toml(&text)
    };
    rules.map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

/// An I/O error's message without the "(os error N)" suffix.
pub(crate) fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// The records of a portfolio file (or standard input) and how to name the source.
pub(crate) type Records = Box<dyn Iterator<Item = input::Item>>;

pub(crate) fn open_records(
    file: &Path,
    forced: Option<InputFormat>,
) -> Result<(String, Records), Fatal> {
    let is_stdin = file.as_os_str() == "-";
    let reader: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        let opened = File::open(file).map_err(|e| {
            Fatal(format!(
                "{}: cannot open: {}",
                file.display(),
                io_message(&e)
            ))
        })?;
        if opened.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Fatal(format!("{}: is a directory", file.display())));
        }
        Box::new(opened)
    };
    let reader = BufReader::with_capacity(256 * 1024, reader);
    let is_csv_file = !is_stdin
        && file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let format = forced.unwrap_or(if is_csv_file {
        InputFormat::Csv
    } else {
        InputFormat::Jsonl
    });
    let source = if is_stdin {
        "standard input".to_owned()
    } else {
        file.display().to_string()
    };
    let records: Records = match format {
        InputFormat::Jsonl => Box::new(input::jsonl(reader)),
        InputFormat::Csv => {
            Box::new(input::csv(reader).map_err(|message| Fatal(format!("{source}: {message}")))?)
        }
    };
    Ok((source, records))
}

fn classify(args: &ClassifyArgs) -> Result<ExitCode, Fatal> {
    let classifier = match &args.rules {
        Some(path) => Classifier::new(load_rules(path)?),
        None => Classifier::default(),
    };
    let profiler = (!args.no_text).then(TextProfiler::default);
    let (source, mut records) = open_records(&args.file, args.input)?;
    let stdout_is_terminal = io::stdout().is_terminal();
    let format = args.format.unwrap_or(if stdout_is_terminal {
        OutputFormat::Table
    } else {
        OutputFormat::Jsonl
    });
    let colour = stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    let stdout = io::stdout().lock();
    let mut writer = output::Writer::new(
        BufWriter::with_capacity(256 * 1024, stdout),
        format,
        colour,
        &classifier,
    );
    let mut portfolio = Portfolio::new();
    let result = (|| -> io::Result<()> {
        for item in &mut records {
            match item {
                input::Item::Profile {
                    id,
                    line,
                    mut profile,
                } => {
                    let reading = profiler.as_ref().map(|p| p.fill(&mut profile));
                    let classification = classifier.classify(&profile);
                    portfolio.add_record(id.as_deref(), &classifier, &profile, &classification);
                    let advice = args.explain.then(|| Advice::of(&classifier, &profile));
                    let (inferred, hits) = match &reading {
                        Some(r) => (r.inferred(), args.explain.then(|| r.hits())),
                        None => (&[][..], None),
                    };
                    writer.result(&output::Shown {
                        id: id.as_deref(),
                        line,
                        profile: &profile,
                        classification: &classification,
                        inferred,
                        hits,
                        advice: advice.as_ref(),
                    })?;
                }
                input::Item::Error { id, line, message } => {
                    portfolio.add_error();
                    writer.error(id.as_deref(), line, &message)?;
                }
                input::Item::Fatal(message) => {
                    writer.finish()?;
                    return Err(io::Error::other(format!("{source}: {message}")));
                }
            }
        }
        writer.finish()
    })();
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == io::ErrorKind::Other => return Err(Fatal(e.to_string())),
        Err(e) => {
            return Err(Fatal(format!(
                "cannot write the output: {}",
                io_message(&e)
            )));
        }
    }
    if args.summary {
        let text = format!("\n{portfolio}");
        if stdout_is_terminal {
            print!("{text}");
        } else {
            eprint!("{text}");
        }
    }
    Ok(if portfolio.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
