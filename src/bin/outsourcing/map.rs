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
                id,
                name,
                line,
                message,
                ..
            } => {
                errors += 1;
                let place = input::place(line, id.as_deref(), name.as_deref());
                eprintln!("{source}: {place}: {message} (left off the map)");
            }
            input::Item::Fatal(message) => return Err(Fatal(format!("{source}: {message}"))),
        }
    }
    spread_overlaps(&mut points);
    let title = if args.input.file.as_os_str() == "-" {
        source.clone()
    } else {
        args.input
            .file
            .file_name()
            .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned())
    };
    let svg = draw(&points, &title).map_err(|e| Fatal(format!("cannot draw the map: {e}")))?;
    std::fs::write(&args.output, svg).map_err(|e| {
        Fatal(format!(
            "{}: cannot write: {}",
            args.output.display(),
            crate::io_message(&e)
        ))
    })?;
    eprintln!(
        "{}: {} mapped{}",
        args.output.display(),
        count(points.len(), "task", "tasks"),
        match errors {
            0 => String::new(),
            n => format!(
                ", {} left off",
                count(n, "unreadable record", "unreadable records")
            ),
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
        // Within the axes: the circle is pushed inward at an edge rather than past it.
        point.x = (point.x + radius * angle.cos()).clamp(0.0, 1.0);
        point.y = (point.y + radius * angle.sin()).clamp(0.0, 1.0);
        *index += 1;
    }
}

/// The labels' font size, and the width and height one character is taken to need.
const LABEL_FONT: i32 = 12;
const CHAR_WIDTH: i32 = 7;
const LABEL_HEIGHT: i32 = 14;
/// The markers' radius in pixels.
const MARKER: i32 = 7;

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
}

impl Rect {
    fn inside(&self, area: &Rect) -> bool {
        self.left >= area.left
            && self.right <= area.right
            && self.top >= area.top
            && self.bottom <= area.bottom
    }

    /// How much of the rectangle lies over another, in square pixels.
    fn overlap(&self, other: &Rect) -> i64 {
        let w = (self.right.min(other.right) - self.left.max(other.left)).max(0);
        let h = (self.bottom.min(other.bottom) - self.top.max(other.top)).max(0);
        i64::from(w) * i64::from(h)
    }

    /// The point of the rectangle nearest to `p`.
    fn nearest(&self, p: (i32, i32)) -> (i32, i32) {
        (
            p.0.clamp(self.left, self.right),
            p.1.clamp(self.top, self.bottom),
        )
    }
}

/// Where a label goes, and whether a leader line joins it to its point.
struct Placed {
    rect: Rect,
    leader: bool,
}

/// Places each label, greedily in input order, at the first spot around its point (nearest
/// first, then farther out with a leader line) that stays inside the plot area and covers no
/// placed label and no marker; when there is none, at the spot that covers least.
fn place_labels(
    points: &[Point],
    centres: &[(i32, i32)],
    area: Rect,
    obstacles: &[Rect],
) -> Vec<Placed> {
    let mut markers: Vec<Rect> = centres
        .iter()
        .map(|(x, y)| Rect {
            left: x - MARKER,
            top: y - MARKER,
            right: x + MARKER,
            bottom: y + MARKER,
        })
        .collect();
    markers.extend_from_slice(obstacles);
    let mut placed: Vec<Placed> = Vec::with_capacity(points.len());
    for (point, &(cx, cy)) in points.iter().zip(centres) {
        let width = CHAR_WIDTH * i32::try_from(point.label.chars().count()).unwrap_or(40);
        let height = LABEL_HEIGHT;
        let mut best: Option<(i64, Rect, bool)> = None;
        'rings: for ring in 0..12 {
            let gap = MARKER + 2 + ring * 10;
            let half = gap / 2;
            // Right, left, above, below, the corners, then between them.
            let spots = [
                (cx + gap, cy - height / 2),
                (cx - gap - width, cy - height / 2),
                (cx - width / 2, cy - gap - height),
                (cx - width / 2, cy + gap),
                (cx + gap, cy - gap - height),
                (cx - gap - width, cy - gap - height),
                (cx + gap, cy + gap),
                (cx - gap - width, cy + gap),
                (cx + gap, cy - half - height),
                (cx + gap, cy + half),
                (cx - gap - width, cy - half - height),
                (cx - gap - width, cy + half),
            ];
            for (left, top) in spots {
                let rect = Rect {
                    left,
                    top,
                    right: left + width,
                    bottom: top + height,
                };
                if !rect.inside(&area) {
                    continue;
                }
                let cost: i64 = placed.iter().map(|p| rect.overlap(&p.rect)).sum::<i64>()
                    + markers.iter().map(|m| rect.overlap(m)).sum::<i64>();
                let leader = ring > 0;
                if cost == 0 {
                    best = Some((0, rect, leader));
                    break 'rings;
                }
                if best.is_none_or(|(c, _, _)| cost < c) {
                    best = Some((cost, rect, leader));
                }
            }
        }
        let (_, rect, leader) = best.unwrap_or_else(|| {
            // Wider than the plot: at its left edge.
            let left = area.left;
            let top = (cy - height / 2).clamp(area.top, area.bottom - height);
            (
                0,
                Rect {
                    left,
                    top,
                    right: left + width,
                    bottom: top + height,
                },
                true,
            )
        });
        placed.push(Placed { rect, leader });
    }
    placed
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
        // A key for the hollow markers.
        if points.iter().any(|p| p.estimated) {
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
                .label("hollow: an axis has no known criterion, placed at its middle")
                .legend(|(x, y)| Circle::new((x, y), 6, BLACK.mix(0.6).stroke_width(2)));
        }
        let centres: Vec<(i32, i32)> = points
            .iter()
            .map(|p| chart.backend_coord(&(p.x, p.y)))
            .collect();
        let (x_range, y_range) = chart.plotting_area().get_pixel_range();
        let area = Rect {
            left: x_range.start,
            top: y_range.start,
            right: x_range.end,
            bottom: y_range.end,
        };
        // The legend (upper left) and the corner captions are no place for a label.
        let legend_rows = if points.iter().any(|p| p.estimated) {
            5
        } else {
            4
        };
        let legend_width = if legend_rows == 5 { 470 } else { 170 };
        let caption = |x: f64, y: f64| {
            let (left, top) = chart.backend_coord(&(x, y));
            Rect {
                left,
                top: top - 2,
                right: left + 90,
                bottom: top + 20,
            }
        };
        let obstacles = [
            Rect {
                left: area.left,
                top: area.top,
                right: area.left + legend_width,
                bottom: area.top + 20 * legend_rows + 16,
            },
            caption(0.05, 0.24),
            caption(0.78, 0.64),
        ];
        let placed = place_labels(points, &centres, area, &obstacles);
        for (label, (point, centre)) in placed.iter().zip(points.iter().zip(&centres)) {
            if label.leader {
                let (x, y) = label.rect.nearest(*centre);
                root.draw(&PathElement::new(
                    vec![*centre, (x, y)],
                    BLACK.mix(0.45).stroke_width(1),
                ))?;
            }
            root.draw(&Text::new(
                point.label.clone(),
                (label.rect.left, label.rect.top),
                ("sans-serif", LABEL_FONT).into_font(),
            ))?;
        }
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

/// `1 task`, `2 tasks`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
