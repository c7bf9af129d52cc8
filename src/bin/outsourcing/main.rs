//! The `outsourcing` command-line tool: classify portfolios of tasks from JSON Lines or CSV.

mod ask;
mod evaluate;
mod input;
mod map;
mod outcome;
mod output;
mod run;
mod source;
mod xlsx;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use outsourcing::{
    Classifier, Criterion, Lexicon, Portfolio, ResultLine, RuleSet, ServiceLine, TaskProfile,
    TextProfiler,
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
    /// Classify every task of a portfolio (JSON Lines, CSV or an Excel workbook)
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
    /// Classify a labelled portfolio as `classify` does and measure the verdicts against the
    /// labels: accuracy, confusion matrix, accuracy by group and language, and the misses
    Evaluate(evaluate::EvaluateArgs),
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
    #[command(flatten)]
    input: source::InputArgs,
    /// Output format (default: table on a terminal, jsonl otherwise; xlsx by an --output
    /// file's .xlsx extension, csv by .csv)
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Write the results to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start CSV output with a UTF-8 byte-order mark, so that Excel reads it as UTF-8
    /// (default: when the input came from Excel: a workbook, or CSV with a byte-order mark or
    /// in a legacy code page)
    #[arg(long, overrides_with = "no_bom")]
    bom: bool,
    /// Start CSV output without a byte-order mark
    #[arg(long, overrides_with = "bom")]
    no_bom: bool,
    /// Classify on this many threads (default: one per core); the output keeps the input's
    /// order
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
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
    /// A lexicon file (TOML) for the text profiler instead of the built-in English and
    /// Polish ones; repeat it for several
    #[arg(long, value_name = "FILE", conflicts_with = "no_text")]
    lexicon: Vec<PathBuf>,
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
    /// A lexicon file (TOML) for the text profiler instead of the built-in English and
    /// Polish ones; repeat it for several
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ProfileArgs {
    /// The text to read (a task description, or just a name)
    text: String,
    /// The task's name, read too (default: "The task", which is not read)
    #[arg(long)]
    name: Option<String>,
    /// Print the result as one JSON line, with the hits, instead of a readable report
    #[arg(long)]
    json: bool,
    /// A lexicon file (TOML) for the text profiler instead of the built-in English and
    /// Polish ones; repeat it for several
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    Table,
    Jsonl,
    Csv,
    /// An Excel workbook: a results sheet and a summary sheet
    Xlsx,
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
        Command::Ask(args) => (|| {
            let classifier = match &args.rules {
                Some(path) => Classifier::new(load_rules(path)?),
                None => Classifier::default(),
            };
            let profiler = load_profiler(&args.lexicon)?;
            ask::ask(&classifier, &profiler, args.describe.as_deref())
        })(),
        Command::Evaluate(args) => evaluate::evaluate(&args),
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
    let profiler = load_profiler(&args.lexicon)?;
    let classifier = Classifier::default();
    let mut profile = TaskProfile::new(args.name.as_deref().unwrap_or("The task"))
        .and_then(|mut profile| {
            profile.set_description(Some(args.text.clone()))?;
            Ok(profile)
        })
        .map_err(|e| Fatal(e.to_string()))?;
    // A placeholder name is not read: its words would count, and tell the language.
    let reading = if args.name.is_some() {
        profiler.fill(&mut profile)
    } else {
        profiler.fill_description(&mut profile)
    };
    let classification = classifier.classify(&profile);
    if args.json {
        let line = ResultLine::new(&classifier, None, &profile, &classification)
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
        // Spans are in the profile's texts: the name trimmed, the description as given.
        let text = if hit.source == outsourcing::Source::Name {
            profile.name()
        } else {
            profile.description().unwrap_or_default()
        };
        let words = text.get(hit.span.clone()).unwrap_or("");
        let value = hit.value.unwrap_or("(cancelled)");
        let negated = if hit.negated { "  (negated)" } else { "" };
        // A hit under a heading (`Requirements:`) counts with the section's weight.
        let section = hit
            .section
            .map(|section| format!("  (under \"{section}\", weight {})", hit.weight))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {source:<4} {:>4}..{:<4} {:<24} {:<3} {} = {value}{negated}{section}",
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
    let _ = writeln!(
        out,
        "language: {}",
        reading
            .language()
            .unwrap_or("not told (every lexicon read the text)")
    );
    let _ = writeln!(out, "profile: {}\n", profile.to_json());
    let _ = writeln!(
        out,
        "{}",
        classification.explain(&classifier).for_task(profile.name())
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

/// The text profiler: the built-in English and Polish lexicons, or the lexicon files given
/// instead.
fn load_profiler(paths: &[PathBuf]) -> Result<TextProfiler, Fatal> {
    if paths.is_empty() {
        return Ok(TextProfiler::default());
    }
    let mut lexicons = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Fatal(format!(
                "{}: cannot read the lexicon: {}",
                path.display(),
                io_message(&e)
            ))
        })?;
        let lexicon =
            Lexicon::from_toml(&text).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        lexicons.push(lexicon);
    }
    TextProfiler::new(lexicons).map_err(|e| Fatal(format!("the lexicons: {e}")))
}

/// An I/O error's message without the "(os error N)" suffix.
pub(crate) fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// The width of the terminal on standard output, else of `COLUMNS`, else 100.
fn table_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(io::stdout()) {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .unwrap_or(100)
}

fn classify(args: &ClassifyArgs) -> Result<ExitCode, Fatal> {
    let classifier = match &args.rules {
        Some(path) => Classifier::new(load_rules(path)?),
        None => Classifier::default(),
    };
    let profiler = if args.no_text {
        None
    } else {
        Some(load_profiler(&args.lexicon)?)
    };
    let by_output_extension = args.output.as_deref().and_then(|path| {
        let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" => Some(OutputFormat::Xlsx),
            "csv" => Some(OutputFormat::Csv),
            "jsonl" | "json" => Some(OutputFormat::Jsonl),
            _ => None,
        }
    });
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let format = args
        .format
        .or(by_output_extension)
        .unwrap_or(if to_terminal {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        });
    if format == OutputFormat::Xlsx && to_terminal {
        return Err(Fatal(
            "an Excel workbook is not for a terminal: give --output FILE.xlsx".to_owned(),
        ));
    }
    let input = source::open(&args.input)?;
    let colour = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = output::Options {
        format,
        colour,
        explain: args.explain,
        delimiter: args.input.delimiter.unwrap_or(b','),
        bom: format == OutputFormat::Csv && (args.bom || (!args.no_bom && input.from_excel)),
        width: if to_terminal || args.output.is_none() {
            table_width()
        } else {
            100
        },
        extra: input.extra_columns(),
        path: args.output.clone().filter(|_| format == OutputFormat::Xlsx),
    };
    // Send: whichever thread writes the next batch in order writes it.
    let sink: Box<dyn Write + Send> = match &args.output {
        Some(path) if format != OutputFormat::Xlsx => {
            Box::new(File::create(path).map_err(|e| {
                Fatal(format!(
                    "{}: cannot create: {}",
                    path.display(),
                    io_message(&e)
                ))
            })?)
        }
        _ => Box::new(io::stdout()),
    };
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        usize::from,
    );
    let source = input.source.clone();
    let extra = input.extra_columns();
    let work = run::Work {
        classifier: &classifier,
        profiler: profiler.as_ref(),
        explain: args.explain,
        jsonl: format == OutputFormat::Jsonl,
        csv: (format == OutputFormat::Csv).then_some(options.delimiter),
        header: input.header.as_deref(),
        extra: &extra,
    };
    let mut portfolio = Portfolio::new();
    let result = (|| -> io::Result<run::End> {
        let mut writer = output::Writer::new(
            BufWriter::with_capacity(256 * 1024, sink),
            &options,
            &classifier,
        )?;
        let end = run::run(&work, input.batches, threads, &mut writer, &mut portfolio)?;
        writer.finish(&portfolio)?;
        Ok(end)
    })();
    match result {
        Ok(run::End::Done) => {}
        Ok(run::End::Fatal(message)) => return Err(Fatal(format!("{source}: {message}"))),
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
        if to_terminal {
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
