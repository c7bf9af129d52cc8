//! `outsourcing map`: an SVG positioning map of a portfolio.

use std::path::PathBuf;
use std::process::ExitCode;

use outsourcing::{Classifier, TextProfiler, Verdict, map_coordinates};
use plotters::prelude::*;

use crate::{Fatal, input, load_rules, source};

#[derive(Debug, clap::Args)]
pub(crate) struct MapArgs {
    #[command(flatten)]
    input: source::InputArgs,
    /// Where to write the SVG
    #[arg(short, long, value_name = "SVG")]
    output: PathBuf,
    /// A rule set file (TOML, or JSON by the .json extension) instead of the built-in rules
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Do not infer unknown fields from the task's name and description
    #[arg(long)]
    no_text: bool,
    /// Label points with task names instead of ids
    #[arg(long)]
    names: bool,
}

struct Point {
    x: f64,
    y: f64,
    /// Whether an axis had no known criterion and sits at the middle.
    estimated: bool,
    verdict: Verdict,
    label: String,
}

const WIDTH: u32 = 1100;
const HEIGHT: u32 = 820;

fn colour(verdict: Verdict) -> RGBColor {
    match verdict {
        Verdict::Bpo => RGBColor(0x2e, 0x8b, 0x57),
        Verdict::Kpo => RGBColor(0x1f, 0x5f, 0xbf),
        Verdict::Hybrid => RGBColor(0xe0, 0x8a, 0x00),
        Verdict::Undetermined => RGBColor(0x80, 0x80, 0x80),
    }
}

pub(crate) fn map(args: &MapArgs) -> Result<ExitCode, Fatal> {
    let classifier = match &args.rules {
        Some(path) => Classifier::new(load_rules(path)?),
        None => Classifier::default(),
    };
    let profiler = (!args.no_text).then(TextProfiler::default);
    let opened = source::open(&args.input)?;
    let source = opened.source.clone();
    let records = opened.items();
    let mut points = Vec::new();
    let mut errors = 0;
    for item in records {
        match item {
            input::Item::Profile {
                id,
                line,
                mut profile,
                ..
            } => {
                if let Some(profiler) = &profiler {
                    profiler.fill(&mut profile);
                }
                let verdict = classifier.verdict(&profile);
                let (x, y) = map_coordinates(&profile);
                let name: String = profile.name().chars().take(28).collect();
                let label = if args.names {
                    name
                } else {
                    id.unwrap_or_else(|| format!("#{line}"))
                };
                points.push(Point {
                    x: x.unwrap_or(0.5),
                    y: y.unwrap_or(0.5),
                    estimated: x.is_none() || y.is_none(),
                    verdict,
                    label,
                });
            }
            input::Item::Error {
                id, line, message, ..
            } => {
                errors += 1;
                let id = id.map(|id| format!(" ({id})")).unwrap_or_default();
                eprintln!("{source}: line {line}{id}: {message} (left off the map)");
            }
            input::Item::Fatal(message) => return Err(Fatal(format!("{source}: {message}"))),
        }
    }
    spread_overlaps(&mut points);
    let svg = draw(&points, &source).map_err(|e| Fatal(format!("cannot draw the map: {e}")))?;
    std::fs::write(&args.output, svg).map_err(|e| {
        Fatal(format!(
            "{}: cannot write: {}",
            args.output.display(),
            crate::io_message(&e)
        ))
    })?;
    eprintln!(
        "{}: {} tasks mapped{}",
        args.output.display(),
        points.len(),
        if errors > 0 {
            format!(", {errors} unreadable records left off")
        } else {
            String::new()
        }
    );
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Moves points that share a position onto a small circle around it, so each stays visible.
fn spread_overlaps(points: &mut [Point]) {
    let key = |p: &Point| ((p.x * 1000.0).round() as i64, (p.y * 1000.0).round() as i64);
    let mut seen: std::collections::HashMap<(i64, i64), usize> = std::collections::HashMap::new();
    let counts: std::collections::HashMap<(i64, i64), usize> =
        points
            .iter()
            .fold(std::collections::HashMap::new(), |mut m, p| {
                *m.entry(key(p)).or_insert(0) += 1;
                m
            });
    for point in points.iter_mut() {
        let k = key(point);
        let total = counts.get(&k).copied().unwrap_or(1);
        if total < 2 {
            continue;
        }
        let index = seen.entry(k).or_insert(0);
        #[allow(clippy::cast_precision_loss)]
        let angle = std::f64::consts::TAU * (*index as f64) / (total as f64);
        #[allow(clippy::cast_precision_loss)]
        let radius = 0.02 + 0.007 * total as f64;
        point.x = (point.x + radius * angle.cos()).clamp(-0.08, 1.08);
        point.y = (point.y + radius * angle.sin()).clamp(-0.08, 1.08);
        *index += 1;
    }
}

fn draw(points: &[Point], source: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Portfolio map: {} tasks ({source})", points.len()),
                ("sans-serif", 24),
            )
            .margin(24)
            .x_label_area_size(56)
            .y_label_area_size(64)
            .build_cartesian_2d(-0.1f64..1.16f64, -0.1f64..1.1f64)?;
        chart
            .configure_mesh()
            .x_desc("rules  ←  decision basis, complexity, expertise, talent  →  judgement")
            .y_desc("volume  ←  driver, arbitrage, focus, coordination  →  insight")
            .x_labels(5)
            .y_labels(5)
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        // The quadrants: lower left is the BPO corner, upper right the KPO corner.
        let dashed = BLACK.mix(0.25).stroke_width(1);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.5, -0.1), (0.5, 1.1)],
            dashed,
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(-0.1, 0.5), (1.16, 0.5)],
            dashed,
        )))?;
        chart.draw_series([
            Text::new(
                "BPO corner",
                (0.05, 0.24),
                ("sans-serif", 16).into_font().color(&colour(Verdict::Bpo)),
            ),
            Text::new(
                "KPO corner",
                (0.78, 0.64),
                ("sans-serif", 16).into_font().color(&colour(Verdict::Kpo)),
            ),
        ])?;
        for verdict in [
            Verdict::Bpo,
            Verdict::Kpo,
            Verdict::Hybrid,
            Verdict::Undetermined,
        ] {
            let c = colour(verdict);
            let count = points.iter().filter(|p| p.verdict == verdict).count();
            chart
                .draw_series(points.iter().filter(|p| p.verdict == verdict).map(|p| {
                    let style = if p.estimated {
                        c.stroke_width(2)
                    } else {
                        c.filled()
                    };
                    Circle::new((p.x, p.y), 7, style)
                }))?
                .label(format!("{verdict} ({count})"))
                .legend(move |(x, y)| Circle::new((x, y), 6, c.filled()));
        }
        chart.draw_series(points.iter().map(|p| {
            Text::new(
                p.label.clone(),
                (p.x + 0.012, p.y + 0.012),
                ("sans-serif", 12),
            )
        }))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font(("sans-serif", 15))
            .draw()?;
        root.present()?;
    }
    Ok(svg)
}
