//! Charts from computed figures: the chart specs for an indicator's trend and
//! benchmark bars, the CSV with exactly the numbers drawn, and the same
//! numbers as a table for the page.

use super::charts::{
    self, Bar, BarChart, Credit, Emphasis, Series, Style, TargetLine, Trajectory, TrendChart, Unit,
};
use super::markdown::escape;
use super::prose::{bound_word, cell_text, is_partial, missing_names, partial_ids, value_text};
use super::xlsx::{self, shown_rows, Table, TableCell};
use crate::compute::{Cell, Computed};
use crate::model::{Catalog, Measure, Period, Place};

static NO_CELL: Cell = Cell::Missing(crate::compute::Missing::NotReported);

/// More cities than this and the others become faint context.
pub const MAX_FULL_SERIES: usize = 12;

/// A rendered chart with its data, ready for a page.
#[derive(Debug)]
pub struct ChartView {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    /// The inline SVG.
    pub svg: String,
    /// File names (relative to the page) of the SVG and the CSV.
    pub svg_file: String,
    pub csv_file: String,
    /// The table as an Excel file (its name relative to the page) and typed:
    /// `rows` are its cells' text.
    pub xlsx_file: String,
    pub table: Table,
    /// The same numbers as a table: header row and body rows.
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub csv: String,
    /// Source, "Data pr." date (from the data, never the clock) and the
    /// example mark: said beside the inline chart, drawn into its files.
    pub credit: Credit,
}

impl ChartView {
    /// The chart as a `<figure>`: caption, inline SVG, links to the SVG,
    /// the PNG (when the build makes them) and the CSV file, and the same
    /// numbers as a table (collapsed on screen).
    pub fn html(&self, png: bool) -> String {
        let mut h = format!(
            "<figure class=\"chart chart-{kind}\" id=\"{id}-figure\">\n<figcaption>{title}</figcaption>\n{svg}\n{links}\n<details class=\"chart-data\"><summary>Tallene i figuren som tabel</summary>\n<div class=\"table-wrap\"><table>\n<caption>{title}</caption>\n<thead><tr>",
            kind = self.kind,
            id = self.id,
            title = escape(&self.title),
            svg = self.svg,
            links = chart_links(
                self.credit.stamp.as_deref(),
                &self.svg_file,
                png,
                Some(&self.csv_file),
                Some(&self.xlsx_file)
            ),
        );
        for (i, head) in self.head.iter().enumerate() {
            let label = if i == 0 && head.is_empty() {
                "Sted"
            } else {
                head
            };
            h.push_str(&format!("<th scope=\"col\">{}</th>", escape(label)));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            h.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                if i == 0 {
                    h.push_str(&format!("<th scope=\"row\">{}</th>", escape(cell)));
                } else {
                    h.push_str(&format!("<td>{}</td>", escape(cell)));
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></div></details>\n</figure>\n");
        h
    }

    /// The chart as a file to take along: the inline SVG with its
    /// provenance (source, data date, example mark) drawn under it.
    pub fn standalone_svg(&self) -> String {
        charts::with_credit(&self.svg, &self.credit)
    }

    /// The chart's files, with paths relative to the site root.
    pub fn files(&self, dir: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            (
                format!("{dir}{}", self.svg_file),
                self.standalone_svg().into_bytes(),
            ),
            (
                format!("{dir}{}", self.csv_file),
                self.csv.clone().into_bytes(),
            ),
            (
                format!("{dir}{}", self.xlsx_file),
                xlsx::workbook(&self.table),
            ),
        ]
    }
}

/// What a chart is about: which indicator, which places, which city stands out.
pub struct Scope<'a> {
    pub catalog: &'a Catalog,
    pub computed: &'a Computed,
    pub indicator: usize,
    /// Cities drawn (indices), in network order.
    pub cities: &'a [usize],
    pub focus: Option<usize>,
    /// Prefix for ids and file names, unique per page, e.g. "ung-kriminalitet".
    pub name: &'a str,
}

impl Scope<'_> {
    pub(super) fn unit(&self) -> Unit {
        match self.catalog.indicators[self.indicator].measure {
            Measure::Share => Unit::Pct,
            Measure::Count => Unit::Number { decimals: 0 },
            _ => Unit::Number { decimals: 1 },
        }
    }

    /// The Excel table of a chart about this indicator: its title, the
    /// standard notes with the indicator's sources and definition, and `extra`.
    pub(super) fn table(
        &self,
        title: &str,
        head: Vec<String>,
        rows: Vec<Vec<TableCell>>,
        extra: Vec<String>,
    ) -> Table {
        let ind = &self.catalog.indicators[self.indicator];
        let mut notes = xlsx::table_notes(self.computed, &ind.sources);
        for (what, text) in [
            ("Målgruppe", &ind.target_group),
            ("Tæller", &ind.numerator),
            ("Nævner", &ind.denominator),
        ] {
            if !text.is_empty() {
                notes.push(format!("{what}: {text}"));
            }
        }
        notes.extend(ind.caveats.iter().cloned());
        notes.extend(extra);
        Table {
            title: Some(title.to_owned()),
            head,
            rows,
            notes,
            date: self.computed.data_as_of,
        }
    }

    /// The unit over the value axis, as in a table's header ("pct.",
    /// "personer", "dødsfald pr. 100.000"); none for a mean without a unit.
    pub(super) fn axis_caption(&self) -> Option<String> {
        let ind = &self.catalog.indicators[self.indicator];
        (ind.measure != Measure::Mean || ind.unit.is_some()).then(|| xlsx::unit_label(ind))
    }

    /// The chart's provenance: the indicator's sources and the data date.
    pub fn credit(&self) -> Credit {
        credit(
            self.computed,
            &self.catalog.indicators[self.indicator].sources,
        )
    }

    fn style(&self, city: usize) -> Style {
        let mut s = charts::palette_style(city);
        if let Some(c) = &self.catalog.cities[city].color {
            s.color = c.clone();
        }
        s
    }

    fn emphasis(&self, city: usize) -> Emphasis {
        // On a page about one city the others are faint context: eight
        // lines of equal weight run together, above all in greyscale.
        if self.focus == Some(city) {
            Emphasis::Strong
        } else if self.cities.len() > MAX_FULL_SERIES || self.focus.is_some() {
            Emphasis::Faint
        } else {
            Emphasis::Normal
        }
    }

    /// The cities drawn as lines: all of them, or in a large network on a
    /// city's own page only that city (the indicator page has them all).
    fn shown_cities(&self) -> Vec<usize> {
        match self.focus {
            Some(f) if self.cities.len() > MAX_FULL_SERIES => vec![f],
            _ => self.cities.to_vec(),
        }
    }

    /// Places on a trend chart: the cities, the network, and the whole country
    /// unless it is a count (a national count dwarfs the cities').
    fn places(&self) -> Vec<Place> {
        let measure = self.catalog.indicators[self.indicator].measure;
        let mut v: Vec<Place> = self
            .shown_cities()
            .iter()
            .map(|c| Place::City(*c))
            .collect();
        v.push(Place::Network);
        if measure != Measure::Count {
            v.push(Place::National);
        }
        v
    }
}

fn series_style(scope: &Scope, place: Place) -> (Style, Emphasis) {
    match place {
        Place::City(c) => (scope.style(c), scope.emphasis(c)),
        Place::Network => (
            Style {
                color: "#000000".into(),
                dash: charts::Dash::Solid,
                marker: charts::Marker::Square,
            },
            Emphasis::Strong,
        ),
        Place::National => (
            Style {
                color: "#555555".into(),
                dash: charts::Dash::Dashed,
                marker: charts::Marker::None,
            },
            Emphasis::Normal,
        ),
        Place::CityGroup(_) | Place::Region(_) => (
            Style {
                color: "#333333".into(),
                dash: charts::Dash::Dotted,
                marker: charts::Marker::Diamond,
            },
            Emphasis::Normal,
        ),
    }
}

/// The target line and trajectory for a chart, where they apply. The
/// trajectory is the line the page's place (its city, else the network) is
/// judged by at `judged` (the chart's last period), drawn when its start and the
/// deadline lie on the axis `periods`.
pub(super) fn target_marks(
    scope: &Scope,
    periods: &[Period],
    judged: Option<Period>,
) -> (Option<TargetLine>, Option<Trajectory>) {
    let ind = &scope.catalog.indicators[scope.indicator];
    let Some(t) = &ind.target else {
        return (None, None);
    };
    let data = &scope.computed.indicators[scope.indicator];
    let level = t
        .level
        .filter(|_| ind.measure != Measure::Count)
        .map(|v| TargetLine {
            value: v,
            label: format!(
                "Mål {}: {} {}",
                t.deadline.label_da(),
                bound_word(ind),
                value_text(ind, v)
            ),
        });
    let who = scope.focus.map_or(Place::Network, Place::City);
    let trajectory = judged
        .and_then(|p| crate::compute::trajectory(ind, data, who, p))
        .and_then(|line| {
            let from = periods.iter().position(|p| *p == line.start)?;
            let to = periods.iter().position(|p| *p == line.deadline)?;
            let name = scope.catalog.place_name(who);
            let start = line.start.label_da();
            let label = match t.change.filter(|_| line.from_baseline) {
                Some(change) => format!(
                    "Målsti for {name} ({} fra {start})",
                    crate::format::signed_pct(change, 0)
                ),
                None if line.from_baseline => format!("Målsti for {name} (fra {start})"),
                None => format!("Målsti for {name} (fra første tal, {start})"),
            };
            Some(Trajectory {
                from: (from, line.from),
                to: (to, line.goal),
                label,
            })
        });
    (level, trajectory)
}

/// The bars to draw, with their rank (1 = best, or largest for a count): every
/// city in a small network; in a large one the five first, the five last and the page's own
/// city with its two neighbours on each side, so the chart stays readable.
fn shown_bars<'c>(scope: &Scope, order: Vec<(usize, &'c Cell)>) -> Vec<(usize, usize, &'c Cell)> {
    let ranked = order
        .into_iter()
        .enumerate()
        .map(|(i, (c, cell))| (i + 1, c, cell));
    if scope.cities.len() <= MAX_FULL_SERIES {
        return ranked.collect();
    }
    let n = scope.cities.len();
    let ranked: Vec<_> = ranked.collect();
    let own_rank = scope
        .focus
        .and_then(|f| ranked.iter().find(|(_, c, _)| *c == f).map(|(r, _, _)| *r));
    ranked
        .into_iter()
        .filter(|(rank, _, _)| {
            *rank <= 5 || *rank + 5 > n || own_rank.is_some_and(|o| rank.abs_diff(o) <= 2)
        })
        .collect()
}

/// The x axis: the data periods, extended to the target deadline when it lies
/// a few periods ahead (so the trajectory can be drawn).
fn axis(scope: &Scope, periods: &[Period]) -> Vec<Period> {
    let mut axis = periods.to_vec();
    let ind = &scope.catalog.indicators[scope.indicator];
    if let (Some(t), Some(&last)) = (&ind.target, periods.last()) {
        if t.deadline.granularity() == last.granularity()
            && t.deadline > last
            && last.steps_to(t.deadline) <= 8
        {
            let mut p = last;
            while p < t.deadline {
                p = p.next();
                axis.push(p);
            }
        }
    }
    axis
}

/// A trend chart over `periods` (oldest first).
pub fn trend(scope: &Scope, periods: &[Period]) -> ChartView {
    trend_chart(scope, &scope.places(), periods, false, true)
}

/// A trend chart for a shortcode: of the given places (cities and
/// aggregates, in this order; None: as [`trend`]) over `periods`, the axis
/// running on to the target's deadline only with `to_deadline` (a chart
/// whose `to` is given ends there).
pub fn trend_of(
    scope: &Scope,
    places: Option<&[Place]>,
    periods: &[Period],
    to_deadline: bool,
) -> ChartView {
    let places = places.map_or_else(|| scope.places(), <[Place]>::to_vec);
    trend_chart(scope, &places, periods, false, to_deadline)
}

/// A small trend chart for a short handout's panel: the scope's city, the
/// network and the country, named at their line ends, without error bars
/// (the full handout has them). Files `<name>-trend-lille.svg/.csv`.
pub fn small_trend(scope: &Scope, periods: &[Period]) -> ChartView {
    trend_chart(scope, &scope.places(), periods, true, true)
}

/// The periods in which a drawn place has a figure.
pub(super) fn drawn_periods(scope: &Scope, places: &[Place], periods: &[Period]) -> Vec<Period> {
    let data = &scope.computed.indicators[scope.indicator];
    periods
        .iter()
        .copied()
        .filter(|p| {
            places
                .iter()
                .any(|pl| data.cell(None, *pl, *p).value().is_some())
        })
        .collect()
}

/// The line of `place` over the x `axis`, with figures only in `periods`
/// (the axis may run on to the deadline: gaps). Error bars when asked and
/// the computation has intervals.
pub(super) fn place_series(
    scope: &Scope,
    place: Place,
    axis: &[Period],
    periods: &[Period],
    (style, emphasis): (Style, Emphasis),
    intervals: bool,
) -> Series {
    let data = &scope.computed.indicators[scope.indicator];
    let cells: Vec<&Cell> = axis
        .iter()
        .map(|p| {
            if periods.contains(p) {
                data.cell(None, place, *p)
            } else {
                &NO_CELL
            }
        })
        .collect();
    let intervals = scope.computed.intervals && intervals;
    Series {
        label: scope.catalog.place_name(place).to_owned(),
        style,
        emphasis,
        points: cells.iter().map(|c| c.value()).collect(),
        partial: (0..cells.len())
            .filter(|&i| cells[i].figure().is_some_and(is_partial))
            .collect(),
        intervals: if intervals {
            cells
                .iter()
                .map(|c| c.figure().and_then(|f| f.ci).map(|i| (i.lo, i.hi)))
                .collect()
        } else {
            Vec::new()
        },
        breaks: cells
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.figure()
                    .is_some_and(|f| f.flag == Some(crate::model::Flag::Break))
            })
            .map(|(i, _)| i)
            .collect(),
    }
}

fn trend_chart(
    scope: &Scope,
    places: &[Place],
    periods: &[Period],
    small: bool,
    to_deadline: bool,
) -> ChartView {
    let ind = &scope.catalog.indicators[scope.indicator];
    let periods = drawn_periods(scope, places, periods);
    let periods = periods.as_slice();
    let axis = if to_deadline {
        axis(scope, periods)
    } else {
        periods.to_vec()
    };
    let series: Vec<Series> = places
        .iter()
        .map(|&place| {
            let (style, emphasis) = series_style(scope, place);
            // Error bars only on the emphasised lines: on every line they hide the lines.
            let intervals = !small && matches!(emphasis, Emphasis::Strong);
            place_series(scope, place, &axis, periods, (style, emphasis), intervals)
        })
        .filter(|s| s.points.iter().any(Option::is_some))
        .collect();
    let (target, trajectory) = target_marks(scope, &axis, periods.last().copied());
    let title = format!("{}: udvikling {}", ind.title, span_label(periods));
    let id = format!("chart-{}-trend", scope.name);
    let desc = describe(scope, periods.last().copied(), places);
    let spec = TrendChart {
        id: id.clone(),
        title: title.clone(),
        desc,
        x_labels: axis.iter().map(|p| p.label_da()).collect(),
        x_positions: axis.iter().map(|p| p.midpoint()).collect(),
        unit: scope.unit(),
        axis_caption: scope.axis_caption(),
        series,
        target,
        trajectory,
        context_label: "Øvrige kommuner".into(),
        partial_label: "Åben markør: ikke alle kommuner med (se tabellen)".into(),
    };
    let svg = if small {
        charts::trend_small(&spec)
    } else {
        charts::trend(&spec)
    };
    let file = if small { "trend-lille" } else { "trend" };
    let (head, table, csv) = trend_table(scope, &title, places, periods);
    ChartView {
        xlsx_file: format!("{}-{file}.xlsx", scope.name),
        rows: shown_rows(&table.rows),
        table,
        credit: scope.credit(),
        svg_file: format!("{}-{file}.svg", scope.name),
        csv_file: format!("{}-{file}.csv", scope.name),
        id,
        kind: if small { "trend-small" } else { "trend" },
        title,
        svg,
        head,
        csv,
    }
}

/// A trend chart's table: the page's header row, the typed cells (for the
/// page and the .xlsx) and the CSV, exactly the figures of the chart's
/// lines, partial aggregates footnoted.
pub(super) type TrendTable = (Vec<String>, Table, String);

pub(super) fn trend_table(
    scope: &Scope,
    title: &str,
    places: &[Place],
    periods: &[Period],
) -> TrendTable {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    let head: Vec<String> = std::iter::once(String::new())
        .chain(periods.iter().map(|p| p.label_da()))
        .collect();
    let mut cells = Vec::new();
    let mut partial_notes = Vec::new();
    let mut csv = String::from("series,period,value,lower,upper,partial\n");
    for &place in places {
        let name = scope.catalog.place_name(place);
        let mut row = vec![TableCell::text(name)];
        for &p in periods {
            let cell = data.cell(None, place, p);
            let mut text = TableCell::figure(ind, cell);
            if let Some(f) = cell.figure() {
                let (lo, hi) = ci_fields(scope, f);
                let partial = partial_ids(scope.catalog, f);
                csv.push_str(&format!(
                    "{},{},{},{lo},{hi},{partial}\n",
                    csv_field(name),
                    p,
                    plain(f.value)
                ));
                if is_partial(f) {
                    let without = missing_names(scope.catalog, f);
                    text = text.with_suffix(&format!(" (uden {without})"));
                    partial_notes.push(format!("{name}, {}: uden {without}.", p.label_da()));
                }
            }
            row.push(text);
        }
        cells.push(row);
    }
    let xlsx_head = std::iter::once("Sted".to_owned())
        .chain(periods.iter().map(|p| xlsx::with_unit(&p.label_da(), ind)))
        .collect();
    (
        head,
        scope.table(title, xlsx_head, cells, partial_notes),
        csv,
    )
}

/// Whether bars are sorted by size instead of best to worst: a count grows
/// with a city's size, so the smallest city is not "best".
fn by_size(ind: &crate::model::Indicator) -> bool {
    ind.measure == Measure::Count
}

/// Benchmark bars for `period`: cities best to worst (a count: largest first),
/// the network as reference.
pub fn bars(scope: &Scope, period: Period) -> ChartView {
    bars_chart(scope, period, true)
}

/// [`bars`] of the scope's cities, with the network's reference line and
/// table row only when `network` (a shortcode's `cities` without `network`).
pub fn bars_of(scope: &Scope, period: Period, network: bool) -> ChartView {
    bars_chart(scope, period, network)
}

fn bars_chart(scope: &Scope, period: Period, with_network: bool) -> ChartView {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    let mut order: Vec<(usize, &Cell)> = scope
        .cities
        .iter()
        .map(|&c| (c, data.cell(None, Place::City(c), period)))
        .collect();
    let ascending = !by_size(ind) && ind.direction == crate::model::Direction::Lower;
    order.sort_by(|a, b| match (a.1.value(), b.1.value()) {
        (Some(x), Some(y)) => {
            let (x, y) = if ascending { (x, y) } else { (y, x) };
            x.total_cmp(&y).then(a.0.cmp(&b.0))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    let order = shown_bars(scope, order);
    let many = order.len() < scope.cities.len();
    let label = |rank: usize, c: usize| {
        let name = &scope.catalog.cities[c].name;
        if many {
            format!("{rank}. {name}")
        } else {
            name.clone()
        }
    };
    let bars = order
        .iter()
        .map(|&(rank, c, cell)| Bar {
            label: label(rank, c),
            value: cell.value(),
            missing: match cell {
                Cell::Missing(m) => m.marker().to_owned(),
                Cell::Value(_) => String::new(),
            },
            style: scope.style(c),
            highlight: scope.focus == Some(c),
            interval: cell
                .figure()
                .and_then(|f| f.ci)
                .filter(|_| scope.computed.intervals)
                .map(|i| (i.lo, i.hi)),
        })
        .collect();
    // A network total is no yardstick for one city's count.
    let network = data
        .cell(None, Place::Network, period)
        .figure()
        .filter(|_| with_network && ind.measure != Measure::Count);
    // A network short of some cities says so on its line and in the table.
    let without = |f: &crate::compute::Figure| {
        if is_partial(f) {
            format!(" (uden {})", missing_names(scope.catalog, f))
        } else {
            String::new()
        }
    };
    let reference = network.map(|f| TargetLine {
        value: f.value,
        label: format!(
            "{}{}: {}",
            scope.catalog.network_name,
            without(f),
            value_text(ind, f.value)
        ),
    });
    let (target, _) = target_marks(scope, &[], None);
    let sorted = if by_size(ind) {
        "sorteret efter antal, flest først"
    } else {
        "sorteret fra bedst til dårligst"
    };
    let title = format!("{}: {} {sorted}", ind.title, period.label_da());
    let id = format!("chart-{}-bars", scope.name);
    let desc = format!(
        "{} {}",
        describe(
            scope,
            Some(period),
            if with_network { &[Place::Network] } else { &[] }
        ),
        order_sentence(scope, &order)
    );
    let svg = charts::bars(&BarChart {
        id: id.clone(),
        title: title.clone(),
        desc,
        unit: scope.unit(),
        axis_caption: scope.axis_caption(),
        bars,
        reference,
        target,
    });
    let head = vec!["Kommune".to_owned(), period.label_da()];
    let mut cells: Vec<Vec<TableCell>> = order
        .iter()
        .map(|&(rank, c, cell)| {
            vec![
                TableCell::text(label(rank, c)),
                TableCell::figure(ind, cell),
            ]
        })
        .collect();
    let network_cell = data.cell(None, Place::Network, period);
    let mut partial_note = None;
    if with_network {
        let network_without = network_cell.figure().map(without).unwrap_or_default();
        cells.push(vec![
            TableCell::text(&scope.catalog.network_name),
            TableCell::figure(ind, network_cell).with_suffix(&network_without),
        ]);
        partial_note = network_cell.figure().filter(|f| is_partial(f)).map(|f| {
            format!(
                "{}: uden {}.",
                scope.catalog.network_name,
                missing_names(scope.catalog, f)
            )
        });
    }
    let table = scope.table(
        &title,
        vec![
            "Kommune".to_owned(),
            xlsx::with_unit(&period.label_da(), ind),
        ],
        cells,
        partial_note.into_iter().collect(),
    );
    let mut csv = String::from("city,period,value,lower,upper,partial\n");
    for &(_, c, cell) in &order {
        if let Some(f) = cell.figure() {
            let (lo, hi) = ci_fields(scope, f);
            csv.push_str(&format!(
                "{},{period},{},{lo},{hi},\n",
                scope.catalog.cities[c].id,
                plain(f.value)
            ));
        }
    }
    if let Some(f) = network {
        csv.push_str(&format!(
            "network,{period},{},,,{}\n",
            plain(f.value),
            partial_ids(scope.catalog, f)
        ));
    }
    ChartView {
        credit: scope.credit(),
        svg_file: format!("{}-bars.svg", scope.name),
        csv_file: format!("{}-bars.csv", scope.name),
        xlsx_file: format!("{}-bars.xlsx", scope.name),
        rows: shown_rows(&table.rows),
        table,
        id,
        kind: "bars",
        title,
        svg,
        head,
        csv,
    }
}

pub(super) fn span_label(periods: &[Period]) -> String {
    match (periods.first(), periods.last()) {
        (Some(a), Some(b)) => crate::model::period::range_da(*a, *b),
        _ => String::new(),
    }
}

/// The chart's description in words: the latest values of the focus city,
/// the network and the country, and which way is better.
pub(super) fn describe(scope: &Scope, period: Option<Period>, places: &[Place]) -> String {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    let Some(period) = period else {
        return format!("{}: ingen data.", ind.title);
    };
    let shown: Vec<Place> = places
        .iter()
        .copied()
        .filter(|p| match p {
            Place::City(c) => scope.cities.len() <= MAX_FULL_SERIES || scope.focus == Some(*c),
            _ => true,
        })
        .collect();
    let values: Vec<String> = shown
        .iter()
        .map(|&p| {
            format!(
                "{} {}",
                scope.catalog.place_name(p),
                cell_text(ind, data.cell(None, p, period))
            )
        })
        .collect();
    // "… 9,6 pct." ends the list's sentence already: no "pct..".
    let list = values.join("; ");
    let stop = if list.ends_with('.') { "" } else { "." };
    let list = if list.is_empty() {
        String::new()
    } else {
        format!(": {list}")
    };
    format!(
        "{} i {}{list}{stop} {}.",
        ind.title,
        period.label_da(),
        capitalise(ind.direction.label_da())
    )
}

/// The order of the bars in words: best and worst, or for a count which
/// cities have the most and the fewest (never called best or worst).
fn order_sentence(scope: &Scope, order: &[(usize, usize, &Cell)]) -> String {
    let names: Vec<&str> = order
        .iter()
        .filter(|(_, _, c)| c.value().is_some())
        .map(|(_, c, _)| scope.catalog.cities[*c].name.as_str())
        .collect();
    let count = by_size(&scope.catalog.indicators[scope.indicator]);
    match (names.first(), names.last()) {
        (Some(most), Some(fewest)) if count && names.len() > 1 => format!(
            "Sorteret efter antal, flest først: flest i {most}, færrest i {fewest}. Et antal afhænger af kommunens størrelse."
        ),
        (Some(best), Some(worst)) if names.len() > 1 => {
            format!("Bedst: {best}. Dårligst: {worst}.")
        }
        _ => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A figure's interval as two CSV fields (empty when none is shown).
pub(super) fn ci_fields(scope: &Scope, f: &crate::compute::Figure) -> (String, String) {
    f.ci.filter(|_| scope.computed.intervals)
        .map_or((String::new(), String::new()), |i| {
            (plain(i.lo), plain(i.hi))
        })
}

fn plain(v: f64) -> String {
    crate::format::plain(v, 4)
}

/// A CSV field, quoted when needed.
/// A text cell of a CSV file the site publishes. A cell starting with `=`,
/// `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP's advice against
/// CSV injection), so Excel shows it as text instead of running it as a
/// formula; a cell holding `,`, `"`, CR or LF is quoted, so a bare CR
/// cannot split a row. Numbers are written by their own code, untouched.
pub fn csv_field(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The provenance of a chart drawn from figures with these sources.
pub fn credit(computed: &Computed, sources: &[String]) -> Credit {
    let mut unique: Vec<String> = Vec::new();
    for s in sources {
        if !unique.contains(s) {
            unique.push(s.clone());
        }
    }
    Credit {
        sources: unique,
        stamp: computed.data_as_of.map(|d| d.label_da()),
        example: computed.example_data,
    }
}

/// The links under a figure: the data date, the SVG, the PNG (when the
/// build makes PNGs: `render::png` writes one beside every SVG), the CSV
/// and the table as Excel.
pub(super) fn chart_links(
    stamp: Option<&str>,
    svg_file: &str,
    png: bool,
    csv_file: Option<&str>,
    xlsx_file: Option<&str>,
) -> String {
    let mut h = String::from("<p class=\"chart-links\">");
    if let Some(d) = stamp {
        h.push_str(&format!("<span class=\"stamp\">Data pr. {d}</span> · "));
    }
    h.push_str(&format!("<a href=\"{svg_file}\">Figuren som SVG</a>"));
    if let Some(png_file) = png.then(|| super::png::png_path(svg_file)).flatten() {
        h.push_str(&format!(" · <a href=\"{png_file}\">Figuren som PNG</a>"));
    }
    if let Some(csv) = csv_file {
        h.push_str(&format!(
            " · <a href=\"{csv}\">Tallene bag figuren (CSV)</a>"
        ));
    }
    if let Some(xlsx) = xlsx_file {
        h.push_str(&format!(" · <a href=\"{xlsx}\">Tabellen som Excel</a>"));
    }
    h.push_str("</p>");
    h
}

/// A page's files: its charts (from indicator views and shortcodes).
pub(super) fn chart_files<'a>(
    dir: &str,
    charts: impl Iterator<Item = &'a ChartView>,
) -> Vec<(String, Vec<u8>)> {
    charts.flat_map(|c| c.files(dir)).collect()
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_text_cells_cannot_run_as_formulas_or_split_rows() {
        assert_eq!(csv_field("Aarhus"), "Aarhus");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+45"), "'+45");
        assert_eq!(csv_field("-3"), "'-3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("=A1,\"x\""), "\"'=A1,\"\"x\"\"\"");
    }
}
