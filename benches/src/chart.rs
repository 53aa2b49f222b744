//! `docs/benchmarks.svg`: execution time of each engine relative to wasmi,
//! one group of bars per workload, on a log scale around 1× (bars to the
//! left are faster than wasmi, to the right slower). The GC workloads,
//! which wasmi cannot run, are relative to wasmtime instead, and say so.
//!
//! plotters is built without its `ttf` feature: the SVG backend writes
//! `<text>` elements and leaves fonts to the viewer, so rendering needs no
//! system fonts (layout uses plotters' built-in size estimate).

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::{BASELINE, Cell, GC_REFERENCE, Report};

const COLORS: &[(&str, RGBColor)] = &[
    ("wasmite", RGBColor(0xd9, 0x5f, 0x02)),
    ("tinywasm", RGBColor(0x75, 0x70, 0xb3)),
    ("wasmtime", RGBColor(0x1b, 0x9e, 0x77)),
];

fn color(engine: &str) -> RGBColor {
    COLORS.iter().find(|(e, _)| *e == engine).map(|(_, c)| *c).unwrap_or(RGBColor(0x66, 0x66, 0x66))
}

/// Axis labels: as few digits as the value needs (0.05×, 0.5×, 2×).
fn fmt_x(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}×")
}

/// Bar labels: two decimals below 10, one above.
fn fmt_ratio(r: f64) -> String {
    if r >= 10.0 { format!("{r:.1}×") } else { format!("{r:.2}×") }
}

pub fn render(
    report: &Report,
    subtitle: &str,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let base = report.engines.iter().position(|e| e == BASELINE).expect("baseline");
    let shown: Vec<usize> = (0..report.engines.len()).filter(|&e| e != base).collect();

    // One group per workload, then the geometric mean (of the scalar
    // workloads, and of the SIMD builds and of the GC workloads if there are
    // any). A missing bar is labelled with why it is missing.
    let mut groups: Vec<(String, Vec<Option<f64>>)> = report
        .rows
        .iter()
        .map(|row| {
            let reference = report.reference(row);
            let name = if reference == Some(base) {
                row.name.to_string()
            } else {
                format!("{} (vs {GC_REFERENCE})", row.name)
            };
            let ratios =
                shown.iter().map(|&e| reference.and_then(|r| report.ratio(row, e, r))).collect();
            (name, ratios)
        })
        .collect();
    let mut missing: Vec<Vec<&str>> = report
        .rows
        .iter()
        .map(|row| {
            shown
                .iter()
                .map(|&e| match row.cells[e] {
                    Cell::Unsupported(_) => "not supported",
                    Cell::Failed(_) | Cell::WrongChecksum(_) => "failed",
                    // The reference (wasmtime for a GC workload) did not run.
                    Cell::Ok(_) => "-",
                })
                .collect()
        })
        .collect();
    groups.push((
        "geometric mean".into(),
        shown.iter().map(|&e| report.geomean(e, base).0).collect(),
    ));
    missing.push(vec!["-"; shown.len()]);
    if report.has_simd() {
        groups.push((
            "geomean, SIMD builds".into(),
            shown.iter().map(|&e| report.geomean_simd(e, base).0).collect(),
        ));
        missing.push(vec!["-"; shown.len()]);
    }
    if report.has_gc() {
        groups.push((
            format!("geomean, GC (vs {GC_REFERENCE})"),
            shown.iter().map(|&e| report.geomean_gc(e).0).collect(),
        ));
        missing.push(vec!["-"; shown.len()]);
    }

    let all: Vec<f64> = groups.iter().flat_map(|(_, r)| r.iter().flatten().copied()).collect();
    let lo = all.iter().copied().fold(1.0f64, f64::min) / 1.6;
    let hi = all.iter().copied().fold(1.0f64, f64::max) * 1.6;

    let bar_h = 13u32;
    let group_h = bar_h * shown.len() as u32 + 12;
    let height = 140 + group_h * groups.len() as u32;
    let width = 960u32;
    let root = SVGBackend::new(path, (width, height)).into_drawing_area();
    root.fill(&WHITE)?;

    // Title, subtitle and legend above the plot.
    let centered = |size: u32| {
        ("sans-serif", size).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top))
    };
    let title = format!("Execution time relative to {BASELINE} (log scale; left of 1× is faster)");
    draw_text(&root, &title, (width as i32 / 2, 10), centered(18))?;
    draw_text(&root, subtitle, (width as i32 / 2, 34), centered(12))?;
    let mut x = width as i32 / 2 - 90 * shown.len() as i32 / 2;
    for &e in &shown {
        let name = &report.engines[e];
        root.draw(&Rectangle::new([(x, 56), (x + 12, 66)], color(name).filled()))?;
        let style =
            ("sans-serif", 13).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
        draw_text(&root, name, (x + 17, 61), style)?;
        x += 90;
    }

    let n = groups.len() as f64;
    // Room for the longest group name (about 7 px a character at 13 px).
    let longest = groups.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0);
    let label_width = (longest as u32 * 7 + 20).max(120);
    let (_, plot) = root.split_vertically(72);
    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(label_width)
        .build_cartesian_2d((lo..hi).log_scale(), 0f64..n)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(8)
        .light_line_style(WHITE)
        .x_label_formatter(&|x| fmt_x(*x))
        .x_desc(format!("time / {BASELINE} time"))
        .label_style(("sans-serif", 12))
        .draw()?;

    let slot = 1.0 / (shown.len() as f64 + 1.0);
    for (k, &e) in shown.iter().enumerate() {
        let name = &report.engines[e];
        let c = color(name);
        let bars: Vec<_> = groups
            .iter()
            .enumerate()
            .filter_map(|(g, (_, ratios))| {
                let r = ratios[k]?;
                let top = n - g as f64 - slot * (k as f64 + 0.5);
                Some(Rectangle::new([(1.0, top - slot * 0.9), (r, top)], c.filled()))
            })
            .collect();
        chart.draw_series(bars)?;
    }
    chart.draw_series(LineSeries::new(vec![(1.0, 0.0), (1.0, n)], BLACK.stroke_width(1)))?;
    // Set the geometric means (the last groups) apart from the workloads.
    let means = (groups.len() - report.rows.len()) as f64;
    chart.draw_series(LineSeries::new(
        vec![(lo, means), (hi, means)],
        BLACK.mix(0.5).stroke_width(1),
    ))?;

    // plotters labels only the powers of ten on a log axis: add 2× and 5× steps.
    let area = chart.plotting_area();
    let tick = ("sans-serif", 12).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Top));
    for exp in -3..3 {
        for m in [2.0, 5.0] {
            let v = m * 10f64.powi(exp);
            if v <= lo || v >= hi {
                continue;
            }
            let (px, py) = area.map_coordinate(&(v, 0.0));
            root.draw(&PathElement::new(
                vec![(px, py), (px, py - (area.dim_in_pixel().1 as i32))],
                BLACK.mix(0.08),
            ))?;
            draw_text(&root, &fmt_x(v), (px, py + 11), tick.clone())?;
        }
    }

    // Value labels at the bar ends, workload names left of the plot.
    let small = ("sans-serif", 11).into_font().color(&BLACK);
    for (g, (name, ratios)) in groups.iter().enumerate() {
        for (k, r) in ratios.iter().enumerate() {
            let mid = n - g as f64 - slot * (k as f64 + 0.5) - slot * 0.45;
            match r {
                Some(r) => {
                    let anchor = if *r >= 1.0 { HPos::Left } else { HPos::Right };
                    let (px, py) = area.map_coordinate(&(*r, mid));
                    let dx = if *r >= 1.0 { 4 } else { -4 };
                    draw_text(
                        &root,
                        &fmt_ratio(*r),
                        (px + dx, py),
                        small.clone().pos(Pos::new(anchor, VPos::Center)),
                    )?;
                }
                None => {
                    let (px, py) = area.map_coordinate(&(1.0, mid));
                    let red = ("sans-serif", 11)
                        .into_font()
                        .color(&RED)
                        .pos(Pos::new(HPos::Left, VPos::Center));
                    draw_text(
                        &root,
                        &format!("{} {}", report.engines[shown[k]], missing[g][k]),
                        (px + 4, py),
                        red,
                    )?;
                }
            }
        }
        let (px, py) = area.map_coordinate(&(lo, n - g as f64 - 0.5));
        let style =
            ("sans-serif", 13).into_font().color(&BLACK).pos(Pos::new(HPos::Right, VPos::Center));
        draw_text(&root, name, (px - 8, py), style)?;
    }
    root.present()?;
    Ok(())
}

fn draw_text(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    text: &str,
    at: (i32, i32),
    style: TextStyle<'_>,
) -> Result<(), Box<dyn std::error::Error>> {
    root.draw(&Text::new(text.to_string(), at, style))?;
    Ok(())
}
