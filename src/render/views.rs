//! View models: what templates get for an indicator on a page — definitions,
//! one row per place with its formatted figure, change, target status and
//! comparison, footnotes, and charts. Numbers are formatted here, once, the
//! Danish way; templates only lay them out.

use serde::Serialize;

use super::figures::{self, ChartView, Scope};
use super::prose::{self, cell_text, flag_note, missing_note, target_text};
pub use super::revision::{revision_note, SeminarDates};
use super::xlsx::{self, Table, TableCell};
use crate::compute::{self, Cell, Comparison, Computed, Missing, TargetStatus};
use crate::model::{Catalog, Comparator, Indicator, Measure, Period, Place};

/// A status word with a symbol that does not rely on colour.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub id: &'static str,
    pub label: &'static str,
    pub symbol: &'static str,
}

impl From<TargetStatus> for Badge {
    fn from(s: TargetStatus) -> Self {
        Badge {
            id: s.id(),
            label: s.label_da(),
            symbol: s.symbol(),
        }
    }
}

impl From<Comparison> for Badge {
    fn from(c: Comparison) -> Self {
        Badge {
            id: c.id(),
            label: c.label_da(),
            symbol: c.symbol(),
        }
    }
}

/// One place's line in an indicator table.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub name: String,
    pub id: String,
    /// "city", "network" or "national".
    pub kind: &'static str,
    pub highlight: bool,
    pub value: String,
    /// "7,1–9,4", empty when there is no interval.
    pub ci: String,
    /// The kind of missing value, for CSS and footnotes.
    pub missing: Option<&'static str>,
    /// Footnote numbers (1-based).
    pub notes: Vec<usize>,
    /// Change since the previous period and since the baseline.
    pub change_previous: String,
    pub change: String,
    pub status: Badge,
    pub comparison: Badge,
    pub comparison_national: Badge,
    /// One per column of `IndicatorView::comparators`; None where the row is
    /// no city or the city is not in that group.
    pub comparisons: Vec<Option<Badge>>,
    /// The row for the table's .xlsx: the figure and its interval as
    /// numbers (a withheld figure as its marker), the rest as on the page.
    #[serde(skip)]
    pub cells: Vec<TableCell>,
}

/// Numbered footnotes of one indicator block, each text once.
#[derive(Debug, Default, Serialize)]
pub struct Notes(Vec<String>);

impl Notes {
    /// The text of footnote `n` (1-based).
    pub fn get(&self, n: usize) -> Option<&str> {
        self.0.get(n.checked_sub(1)?).map(String::as_str)
    }

    pub fn add(&mut self, text: String) -> usize {
        match self.0.iter().position(|t| *t == text) {
            Some(i) => i + 1,
            None => {
                self.0.push(text);
                self.0.len()
            }
        }
    }
}

/// Everything a template needs to show one indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub measure: &'static str,
    pub unit: Option<String>,
    pub direction: &'static str,
    pub target_group: String,
    pub numerator: String,
    pub denominator: String,
    pub sources: Vec<String>,
    pub distribution: String,
    pub caveats: Vec<String>,
    pub comparable: bool,
    /// Whether rows carry a better/similar/worse comparison with the network.
    pub compared: bool,
    pub target: Option<String>,
    pub has_data: bool,
    /// The period the rows show, and the baseline changes are measured from.
    pub period: Option<String>,
    /// "Tal for 2017 – der er ingen tal for 2018.": on a seminar's pages,
    /// when the rows show another period than the seminar's.
    pub period_note: Option<String>,
    pub previous: Option<String>,
    pub baseline: Option<String>,
    /// Whether the whole country has a figure to compare with.
    /// The headings of the comparison columns, e.g. "Sammenlignet med resten af netværket".
    pub comparators: Vec<String>,
    pub national: bool,
    pub rows: Vec<RowView>,
    /// The table's .xlsx file name (relative to the page), when it has rows.
    pub xlsx: Option<String>,
    /// The table for that file.
    #[serde(skip)]
    pub table: Option<Table>,
    /// The charts as HTML figures.
    pub charts: Vec<String>,
    /// The charts themselves, for their files.
    #[serde(skip)]
    pub chart_views: Vec<ChartView>,
    pub notes: Notes,
    pub commentary: Option<String>,
    /// The focus city's fact sheet for this indicator, if it has one.
    pub factsheet: Option<String>,
    /// Where the figures came from: "source (offentliggjort 2. sep. 2022)", each once.
    pub provenance: Vec<String>,
}

impl IndicatorView {
    /// The block's files, with paths relative to the site root: its charts'
    /// and its table's .xlsx.
    pub fn files(&self, dir: &str) -> Vec<(String, Vec<u8>)> {
        let mut files = figures::chart_files(dir, self.chart_views.iter());
        if let (Some(name), Some(table)) = (&self.xlsx, &self.table) {
            files.push((format!("{dir}{name}"), xlsx::workbook(table)));
        }
        files
    }
}

/// Which places and periods an indicator block shows, and for whom.
pub struct Frame<'a> {
    pub cities: &'a [usize],
    pub focus: Option<usize>,
    /// Show figures up to this period (None: the latest).
    pub until: Option<Period>,
    /// Changes are shown since this period, when it has data.
    pub baseline: Option<Period>,
    /// Relative path from the page to the site root ("../../").
    pub root: &'a str,
    /// Unique name on the page for chart ids and files.
    pub name: &'a str,
    pub trend: bool,
    pub bars: bool,
    /// The map of Denmark (where the indicator has one).
    pub map: bool,
    /// For a seminar report or handout: the dates revisions are worded by.
    pub seminar: Option<SeminarDates>,
    /// Link each chart's PNG (the build makes them).
    pub png: bool,
}

pub fn measure_id(m: Measure) -> &'static str {
    match m {
        Measure::Share => "share",
        Measure::Count => "count",
        Measure::Rate => "rate",
        Measure::Mean => "mean",
    }
}

/// Whether `city` reports any group of indicator `i` (and so has a fact sheet).
pub fn factsheet_exists(data: &compute::IndicatorData, ind: &Indicator, city: usize) -> bool {
    !ind.groups.is_empty()
        && data
            .cells()
            .any(|(k, _)| k.0.is_some() && k.1 == Place::City(city))
}

/// The URL of a city's fact sheet, relative to `root`.
pub fn factsheet_url(root: &str, catalog: &Catalog, city: usize, ind: &Indicator) -> String {
    format!(
        "{root}cities/{}/faktablad/{}/index.html",
        catalog.cities[city].id, ind.id
    )
}

/// Build the view of indicator `index` within `frame`.
pub fn indicator(
    catalog: &Catalog,
    computed: &Computed,
    index: usize,
    frame: &Frame,
    commentary: Option<String>,
) -> IndicatorView {
    let ind = &catalog.indicators[index];
    let data = &computed.indicators[index];
    let period = match frame.until {
        Some(p) => data.report_period(p),
        None => data.latest(),
    };
    let baseline = frame
        .baseline
        .filter(|b| period.is_some_and(|p| *b < p) && data.periods.contains(b));
    let mut notes = Notes::default();
    // In a large network a city's own page lists the city, the network and the
    // country; the indicator page lists every city.
    let many = frame.cities.len() > figures::MAX_FULL_SERIES;
    let mut places: Vec<Place> = match frame.focus {
        Some(f) if many => vec![Place::City(f)],
        _ => frame.cities.iter().map(|c| Place::City(*c)).collect(),
    };
    places.extend([Place::Network, Place::National]);
    if many && frame.focus.is_some() {
        notes.add(format!(
            "Tabellen viser kun denne kommune; alle {} kommuners tal står på indikatorsiden.",
            frame.cities.len()
        ));
    }
    let main = data.main_periods();
    let comparators = comparators(catalog, computed, index, frame.cities, period);
    let rows: Vec<RowView> = match period {
        Some(p) => {
            let rows = Rows {
                comparators: &comparators,
                catalog,
                computed,
                index,
                focus: frame.focus,
                period: p,
                previous: main
                    .iter()
                    .copied()
                    .filter(|x| *x < p && x.granularity() == p.granularity())
                    .max(),
                baseline,
                seminar: frame.seminar,
            };
            places
                .into_iter()
                .filter(|pl| {
                    *pl != Place::National
                        || !matches!(data.cell(None, *pl, p), Cell::Missing(Missing::NotReported))
                })
                .map(|pl| rows.row(pl, &mut notes))
                .collect()
        }
        None => Vec::new(),
    };
    let previous = period.and_then(|p| {
        main.iter()
            .copied()
            .filter(|x| *x < p && x.granularity() == p.granularity())
            .max()
    });
    let scope = Scope {
        catalog,
        computed,
        indicator: index,
        cities: frame.cities,
        focus: frame.focus,
        name: frame.name,
    };
    let mut charts = Vec::new();
    if let Some(p) = period {
        let periods: Vec<Period> = data
            .main_periods()
            .into_iter()
            .filter(|x| *x <= p)
            .collect();
        if frame.trend && periods.len() > 1 {
            charts.push(figures::trend(&scope, &periods));
        }
        if frame.bars {
            charts.push(figures::bars(&scope, p));
        }
        if frame.map {
            charts.extend(super::map::map(&scope, p));
        }
    }
    if !ind.comparable {
        notes.add("Målgrupperne er ikke sammenlignelige på tværs af kommunerne; sammenlign udviklingen, ikke niveauet.".into());
    }
    let previous_shown = previous.filter(|p| Some(*p) != baseline);
    let table = period.filter(|_| !rows.is_empty()).map(|p| {
        let mut head = vec!["Kommune".to_owned(), xlsx::with_unit(&p.label_da(), ind)];
        if computed.intervals {
            head.extend(["Nedre grænse".to_owned(), "Øvre grænse".to_owned()]);
        }
        for from in [previous_shown, baseline].into_iter().flatten() {
            head.push(format!("Ændring siden {}", from.label_da()));
        }
        head.extend(comparators.iter().map(|&c| catalog.comparator_heading(c)));
        if ind.target.is_some() {
            head.push("Målstatus".to_owned());
        }
        head.push("Note".to_owned());
        let numbered = notes
            .0
            .iter()
            .enumerate()
            .map(|(k, n)| format!("{}. {n}", k + 1));
        scope.table(
            &format!("{}, {}", ind.title, p.label_da()),
            head,
            rows.iter().map(|r| r.cells.clone()).collect(),
            numbered.collect(),
        )
    });
    IndicatorView {
        id: ind.id.clone(),
        title: ind.title.clone(),
        url: format!("{}indicators/{}/index.html", frame.root, ind.id),
        measure: measure_id(ind.measure),
        unit: ind.unit.clone(),
        direction: ind.direction.label_da(),
        target_group: ind.target_group.clone(),
        numerator: ind.numerator.clone(),
        denominator: ind.denominator.clone(),
        sources: ind.sources.clone(),
        distribution: ind.distribution.clone(),
        caveats: ind.caveats.clone(),
        comparable: ind.comparable,
        compared: ind.comparable && ind.measure != Measure::Count,
        target: target_text(ind),
        has_data: data.has_data(),
        period: period.map(Period::label_da),
        period_note: period_note(frame.until, period),
        previous: previous_shown.map(Period::label_da),
        baseline: baseline.map(Period::label_da),
        comparators: comparators
            .iter()
            .map(|&c| catalog.comparator_heading(c))
            .collect(),
        national: rows
            .iter()
            .any(|r| r.kind == "national" && r.missing.is_none()),
        rows,
        xlsx: table.as_ref().map(|_| format!("{}-tabel.xlsx", frame.name)),
        table,
        charts: charts.iter().map(|c| c.html(frame.png)).collect(),
        chart_views: charts,
        notes,
        commentary,
        provenance: provenance(data),
        factsheet: frame
            .focus
            .filter(|c| factsheet_exists(data, ind, *c))
            .map(|c| factsheet_url(frame.root, catalog, c, ind)),
    }
}

/// Said at the indicator when a seminar's report shows another period than
/// its own (a count made every other year, figures not yet released); a
/// quarter within the seminar's year is the seminar's period.
fn period_note(until: Option<Period>, shown: Option<Period>) -> Option<String> {
    let (until, shown) = (until?, shown?);
    (shown != until && !shown.within(until)).then(|| {
        format!(
            "Tal for {} – der er ingen tal for {}.",
            shown.label_da(),
            until.label_da()
        )
    })
}

/// The comparators an indicator's table shows a column for: none for a
/// count or target groups that differ; the country where it has a figure;
/// a region or group where a city of the table has one.
fn comparators(
    catalog: &Catalog,
    computed: &Computed,
    index: usize,
    cities: &[usize],
    period: Option<Period>,
) -> Vec<Comparator> {
    let ind = &catalog.indicators[index];
    if !ind.comparable || ind.measure == Measure::Count {
        return Vec::new();
    }
    let data = &computed.indicators[index];
    computed
        .comparators
        .iter()
        .copied()
        .filter(|&c| match c {
            Comparator::National => {
                period.is_some_and(|p| data.cell(None, Place::National, p).value().is_some())
            }
            Comparator::Network => true,
            _ => cities
                .iter()
                .any(|&city| catalog.comparator_place(c, city).is_some()),
        })
        .collect()
}

/// What every row of one indicator block shares.
struct Rows<'a> {
    comparators: &'a [Comparator],
    catalog: &'a Catalog,
    computed: &'a Computed,
    index: usize,
    focus: Option<usize>,
    period: Period,
    /// The period before `period`, for "change since last time".
    previous: Option<Period>,
    baseline: Option<Period>,
    seminar: Option<SeminarDates>,
}

impl Rows<'_> {
    /// The previous period when the table has a column for it (not when it
    /// is the baseline, which has its own).
    fn previous_shown(&self) -> Option<Period> {
        self.previous.filter(|p| Some(*p) != self.baseline)
    }

    fn change(&self, place: Place, from: Option<Period>) -> String {
        let ind = &self.catalog.indicators[self.index];
        let data = &self.computed.indicators[self.index];
        let conf = self.computed.confidence;
        match from.and_then(|f| compute::change(ind, data, place, f, self.period, conf)) {
            // A change the test says is real gets an asterisk (see the legend).
            Some(c) if c.significant == Some(true) => format!("{}*", c.label_da()),
            Some(c) => c.label_da(),
            None => String::new(),
        }
    }

    fn row(&self, place: Place, notes: &mut Notes) -> RowView {
        let (catalog, computed) = (self.catalog, self.computed);
        let ind = &catalog.indicators[self.index];
        let data = &computed.indicators[self.index];
        let cell = data.cell(None, place, self.period);
        let mut refs = Vec::new();
        let mut ci = String::new();
        match cell {
            Cell::Value(f) => {
                if let Some(flag) = f.flag {
                    refs.push(notes.add(flag_note(flag)));
                }
                if let Some(note) = &f.note {
                    refs.push(notes.add(note.clone()));
                }
                if let (Some(previous), Some(on)) = (f.previous, f.published) {
                    refs.push(notes.add(revision_note(ind, previous, on, self.seminar)));
                }
                if prose::is_partial(f) {
                    refs.push(notes.add(format!(
                        "Tallet for {} omfatter ikke {}, der mangler tal; det kan ikke sammenlignes direkte med perioder med alle kommuner.",
                        catalog.place_name(place),
                        prose::missing_names(catalog, f)
                    )));
                }
                if computed.intervals {
                    ci = prose::interval_text(ind, f).unwrap_or_default();
                }
            }
            Cell::Missing(m) => refs.push(notes.add(missing_note(*m, computed.min_cell))),
        }
        let compare = |other: Place| match place {
            Place::City(_) => compute::compare_with(
                catalog,
                ind,
                data,
                place,
                other,
                self.period,
                computed.confidence,
            ),
            _ => Comparison::NotComparable,
        };
        let change_previous = self.change(place, self.previous);
        let change = self.change(place, self.baseline);
        let status: Badge = compute::target_status(ind, data, place, self.period).into();
        let comparisons: Vec<Option<Badge>> = self
            .comparators
            .iter()
            .map(|&c| match place {
                Place::City(city) => catalog.comparator_place(c, city).map(|o| compare(o).into()),
                _ => None,
            })
            .collect();
        let mut cells = vec![
            TableCell::text(catalog.place_name(place)),
            TableCell::figure(ind, cell),
        ];
        if computed.intervals {
            let d = if ind.measure == Measure::Share { 1 } else { 0 };
            let bound =
                |v: Option<f64>| v.map_or(TableCell::Empty, |v| TableCell::number(v, Some(d)));
            let ci = cell.figure().and_then(|f| f.ci);
            cells.extend([bound(ci.map(|i| i.lo)), bound(ci.map(|i| i.hi))]);
        }
        if self.previous_shown().is_some() {
            cells.push(TableCell::text(&change_previous));
        }
        if self.baseline.is_some() {
            cells.push(TableCell::text(&change));
        }
        cells.extend(comparisons.iter().map(|b| {
            b.as_ref()
                .map_or(TableCell::Empty, |b| TableCell::text(b.label))
        }));
        if ind.target.is_some() {
            cells.push(TableCell::text(status.label));
        }
        let refs_text = refs
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",");
        cells.push(TableCell::text(refs_text));
        RowView {
            cells,
            name: catalog.place_name(place).to_owned(),
            id: catalog.place_id(place).to_owned(),
            kind: match place {
                Place::City(_) => "city",
                Place::Network => "network",
                Place::CityGroup(_) => "group",
                Place::Region(_) => "region",
                Place::National => "national",
            },
            highlight: matches!(place, Place::City(c) if self.focus == Some(c)),
            value: cell_text(ind, cell),
            ci,
            missing: match cell {
                Cell::Missing(m) => Some(m.id()),
                Cell::Value(_) => None,
            },
            notes: refs,
            change_previous,
            change,
            status,
            comparison: compare(Place::Network).into(),
            comparison_national: compare(Place::National).into(),
            comparisons,
        }
    }
}

/// Each source and release date behind an indicator's published figures.
fn provenance(data: &compute::IndicatorData) -> Vec<String> {
    let pairs: std::collections::BTreeSet<(&str, Option<crate::model::Date>)> = data
        .cells()
        .filter_map(|(_, c)| c.figure())
        .filter_map(|f| f.source.as_deref().map(|s| (s, f.published)))
        .collect();
    pairs
        .into_iter()
        .map(|(s, p)| match p {
            Some(d) => format!("{s} (offentliggjort {})", d.label_da()),
            None => s.to_owned(),
        })
        .collect()
}
