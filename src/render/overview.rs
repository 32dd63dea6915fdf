//! The overview of one city over all the indicators of a page (Fingertips'
//! spine chart, made ours): the chart spec from the computed data, the same
//! numbers as a table beside it and as a CSV behind it, with the same marks
//! ("dis.", "–", ".") as every table. The band is the range of the cities'
//! *published* values only: a withheld figure never shapes it.

use std::fmt::Write;

use super::charts::{self, OverviewChart, OverviewLegend, OverviewRow, Verdict};
use super::figures::{csv_field, ChartView};
use super::markdown::escape;
use super::prose::{cell_text, target_text, value_text};
use super::views::Badge;
use super::xlsx::{self, shown_rows, Table, TableCell};
use crate::compute::{self, Cell, Comparison, Computed, TargetStatus};
use crate::model::{Catalog, Direction, Measure, Period, Place};

/// What an overview covers.
pub(super) struct OverviewScope<'a> {
    pub catalog: &'a Catalog,
    pub computed: &'a Computed,
    /// The indicators, in report order.
    pub indicators: &'a [usize],
    /// Figures up to this period (None: each indicator's latest).
    pub until: Option<Period>,
    /// The cities whose range is the band.
    pub cities: &'a [usize],
    pub city: usize,
    /// Prefix of ids and file names, unique on the page ("overblik-aarhus").
    pub name: &'a str,
    /// Where each indicator's detail is, relative to the page.
    pub href: &'a dyn Fn(usize) -> String,
    /// Link the chart's PNG (the build makes one).
    pub png: bool,
}

/// One indicator's figures for the city.
struct Line {
    indicator: usize,
    period: Period,
    value: TableCell,
    network: TableCell,
    national: TableCell,
    range: Option<(f64, f64)>,
    /// How many cities have a published figure (the band's base).
    published: usize,
    target: Option<f64>,
    comparison: Comparison,
    status: TargetStatus,
    row: OverviewRow,
}

fn verdict(c: Comparison) -> Verdict {
    match c {
        Comparison::Better => Verdict::Better,
        Comparison::Similar => Verdict::Similar,
        Comparison::Worse => Verdict::Worse,
        Comparison::NotComparable => Verdict::NotCompared,
    }
}

fn line(s: &OverviewScope, i: usize) -> Option<Line> {
    let (cat, computed) = (s.catalog, s.computed);
    let ind = &cat.indicators[i];
    let data = &computed.indicators[i];
    let period = match s.until {
        Some(p) => data.report_period(p),
        None => data.latest(),
    }?;
    let city = Place::City(s.city);
    let cell = data.cell(None, city, period);
    let network = data.cell(None, Place::Network, period);
    let national = data.cell(None, Place::National, period);
    // Published values only: a withheld cell is `Missing`, never a number.
    let values: Vec<f64> = s
        .cities
        .iter()
        .filter_map(|&c| data.cell(None, Place::City(c), period).value())
        .filter(|v| v.is_finite())
        .collect();
    let range = values.iter().fold(None, |acc: Option<(f64, f64)>, &v| {
        Some(acc.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
    });
    let comparison = compute::compare_with(
        cat,
        ind,
        data,
        city,
        Place::Network,
        period,
        computed.confidence,
    );
    let status = compute::target_status(ind, data, city, period);
    let target = compute::goal_value(ind, data, city);
    // A network total or the country's count is no yardstick for one city's count.
    let count = ind.measure == Measure::Count;
    let row = OverviewRow {
        label: ind.title.clone(),
        href: Some((s.href)(i)),
        value: cell_text(ind, cell),
        network_value: cell_text(ind, network),
        place: cell.value(),
        network: network.value().filter(|_| !count),
        national: national.value().filter(|_| !count),
        range,
        target,
        higher_is_better: ind.direction == Direction::Higher,
        verdict: verdict(comparison),
        comparison_symbol: comparison.symbol().to_owned(),
        status_symbol: status.symbol().to_owned(),
    };
    Some(Line {
        indicator: i,
        period,
        value: TableCell::figure(ind, cell),
        network: TableCell::figure(ind, network),
        national: match national {
            Cell::Missing(compute::Missing::NotReported) => TableCell::Empty,
            c => TableCell::figure(ind, c),
        },
        range,
        published: values.len(),
        target,
        comparison,
        status,
        row,
    })
}

/// The overview of `s.city`: the chart (with its CSV and table) and the
/// figure as HTML. None when no indicator has a figure.
pub(super) fn overview(s: &OverviewScope) -> Option<(ChartView, String)> {
    let cat = s.catalog;
    let lines: Vec<Line> = s
        .indicators
        .iter()
        .filter(|&&i| s.computed.indicators[i].has_data())
        .filter_map(|&i| line(s, i))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let city = &cat.cities[s.city].name;
    let network = &cat.network_name;
    let title = format!("Overblik for {city}: {} indikatorer", lines.len());
    let id = format!("chart-{}", s.name);
    let chart = OverviewChart {
        id: id.clone(),
        title: title.clone(),
        desc: describe(city, &lines),
        place_head: city.clone(),
        network_head: network.clone(),
        rows: lines.iter().map(|l| l.row.clone()).collect(),
        legend: OverviewLegend {
            better: "Bedre end resten af netværket".into(),
            similar: "På niveau med resten af netværket".into(),
            worse: "Dårligere end resten af netværket".into(),
            not_compared: "Ikke sammenlignet".into(),
            network: network.clone(),
            national: "Hele landet".into(),
            range: "Spændet fra laveste til højeste kommune".into(),
            target: format!("{} mål", crate::format::genitive(city)),
        },
    };
    let svg = charts::overview(&chart);
    let head: Vec<String> = [
        "Indikator",
        "Periode",
        city.as_str(),
        network.as_str(),
        "Hele landet",
        "Laveste–højeste kommune",
        "Mål",
        "Sammenlignet med resten af netværket",
        "Målstatus",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let cells: Vec<Vec<TableCell>> = lines.iter().map(|l| table_row(s, l)).collect();
    let view = ChartView {
        credit: super::figures::credit(
            s.computed,
            &lines
                .iter()
                .flat_map(|l| s.catalog.indicators[l.indicator].sources.clone())
                .collect::<Vec<_>>(),
        ),
        svg_file: format!("{}.svg", s.name),
        csv_file: format!("{}.csv", s.name),
        xlsx_file: format!("{}.xlsx", s.name),
        rows: shown_rows(&cells),
        table: table(s, &title, &lines),
        id,
        kind: "overview",
        title,
        svg,
        head,
        csv: csv(s, &lines),
    };
    let html = html(s, &view, &lines);
    Some((view, html))
}

fn range_text(s: &OverviewScope, l: &Line) -> String {
    let ind = &s.catalog.indicators[l.indicator];
    match l.range {
        Some((a, b)) if l.published > 1 => format!(
            "{}–{} ({} kommuner)",
            value_text(ind, a),
            value_text(ind, b),
            l.published
        ),
        _ => String::new(),
    }
}

fn table_row(s: &OverviewScope, l: &Line) -> Vec<TableCell> {
    let ind = &s.catalog.indicators[l.indicator];
    vec![
        TableCell::text(&ind.title),
        TableCell::text(l.period.label_da()),
        l.value.clone(),
        l.network.clone(),
        l.national.clone(),
        TableCell::text(range_text(s, l)),
        TableCell::text(target_text(ind).unwrap_or_default()),
        TableCell::text(l.comparison.label_da()),
        TableCell::text(l.status.label_da()),
    ]
}

/// The table as Excel: the page's columns with the unit of each row and the
/// range as two numbers and a count (shown, as on the page, from two cities).
fn table(s: &OverviewScope, title: &str, lines: &[Line]) -> Table {
    let cat = s.catalog;
    let city = &cat.cities[s.city].name;
    let head = [
        "Indikator",
        "Periode",
        "Enhed",
        city.as_str(),
        cat.network_name.as_str(),
        "Hele landet",
        "Laveste kommune",
        "Højeste kommune",
        "Kommuner med tal",
        "Mål",
        "Sammenlignet med resten af netværket",
        "Målstatus",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    let rows = lines
        .iter()
        .map(|l| {
            let ind = &cat.indicators[l.indicator];
            let range = l.range.filter(|_| l.published > 1);
            let end = |v: Option<f64>| v.map_or(TableCell::Empty, |v| TableCell::value(ind, v));
            vec![
                TableCell::text(&ind.title),
                TableCell::text(l.period.label_da()),
                TableCell::text(xlsx::unit_label(ind)),
                l.value.clone(),
                l.network.clone(),
                l.national.clone(),
                end(range.map(|r| r.0)),
                end(range.map(|r| r.1)),
                TableCell::number(l.published as f64, Some(0)),
                TableCell::text(target_text(ind).unwrap_or_default()),
                TableCell::text(l.comparison.label_da()),
                TableCell::text(l.status.label_da()),
            ]
        })
        .collect();
    let sources = lines
        .iter()
        .flat_map(|l| cat.indicators[l.indicator].sources.iter());
    let mut notes = xlsx::table_notes(s.computed, sources);
    notes.push(format!(
        "Sammenlignet med resten af netværket: {city} mod de øvrige kommuner i {} tilsammen, med et konfidensinterval for forskellen; antal, gennemsnit og rater sammenlignes ikke. Laveste og højeste kommune: spændet af de offentliggjorte tal (diskretionerede tal indgår ikke).",
        cat.network_name
    ));
    Table {
        title: Some(title.to_owned()),
        head,
        rows,
        notes,
        date: s.computed.data_as_of,
    }
}

/// The chart's numbers: plain values with the table's mark beside each
/// missing one, the range, the target, the comparison and the status.
fn csv(s: &OverviewScope, lines: &[Line]) -> String {
    let mut out = String::from("indicator,period,value,value_mark,network,network_mark,national,national_mark,lowest,highest,cities,target,comparison,status\n");
    let plain = |v: Option<f64>| v.map_or(String::new(), |v| crate::format::plain(v, 4));
    for l in lines {
        let data = &s.computed.indicators[l.indicator];
        let mark = |c: &Cell| match c {
            Cell::Missing(m) => m.marker().to_owned(),
            Cell::Value(_) => String::new(),
        };
        let cell = |p: Place| data.cell(None, p, l.period);
        let city = cell(Place::City(s.city));
        let network = cell(Place::Network);
        let national = cell(Place::National);
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            s.catalog.indicators[l.indicator].id,
            l.period,
            plain(city.value()),
            csv_field(&mark(city)),
            plain(network.value()),
            csv_field(&mark(network)),
            plain(national.value()),
            csv_field(&if l.national == TableCell::Empty {
                String::new()
            } else {
                mark(national)
            }),
            plain(l.range.map(|r| r.0)),
            plain(l.range.map(|r| r.1)),
            l.published,
            plain(l.target),
            csv_field(l.comparison.label_da()),
            csv_field(l.status.label_da()),
        );
    }
    out
}

/// The chart in words, for its `<desc>`: how many indicators fall in each verdict.
fn describe(city: &str, lines: &[Line]) -> String {
    let count = |c: Comparison| lines.iter().filter(|l| l.comparison == c).count();
    let met = lines
        .iter()
        .filter(|l| l.status == TargetStatus::Met)
        .count();
    let on_track = lines
        .iter()
        .filter(|l| l.status == TargetStatus::OnTrack)
        .count();
    format!(
        "{city} på {} indikatorer sammenlignet med resten af netværket: bedre på {}, på niveau med på {}, dårligere på {}, ikke sammenlignet på {}. Målet er nået for {met} og på vej for {on_track}. Tabellen under figuren har alle tal.",
        lines.len(),
        count(Comparison::Better),
        count(Comparison::Similar),
        count(Comparison::Worse),
        count(Comparison::NotComparable),
    )
}

fn badge_html(b: &Badge) -> String {
    format!(
        "<span class=\"badge badge-{}\"><span class=\"badge-symbol\" aria-hidden=\"true\">{}</span> {}</span>",
        b.id, b.symbol, b.label
    )
}

/// The figure: caption, chart, what its marks mean, links to its files and
/// the table (open: it is the overview in numbers).
fn html(s: &OverviewScope, v: &ChartView, lines: &[Line]) -> String {
    let cat = s.catalog;
    let city = escape(&cat.cities[s.city].name);
    let network = escape(&cat.network_name);
    let mut h = String::with_capacity(8 * 1024);
    let _ = write!(
        h,
        "<figure class=\"chart chart-overview\" id=\"{id}-figure\">\n<figcaption>{title}</figcaption>\n<div class=\"chart-scroll\">{svg}</div>\n",
        id = v.id,
        title = escape(&v.title),
        svg = v.svg,
    );
    let _ = writeln!(
        h,
        "<p class=\"chart-key\">Markøren er {city}: <span class=\"key-better\">▲</span> bedre end, <span class=\"key-similar\">●</span> på niveau med og <span class=\"key-worse\">▼</span> dårligere end <strong>resten af netværket</strong> (de øvrige kommuner i {network} tilsammen, uden {city}), ◇ ikke sammenlignet (antal, gennemsnit og rater sammenlignes ikke, heller ikke ikke-sammenlignelige målgrupper eller tal, der mangler). Det grå bånd er spændet fra den laveste til den højeste offentliggjorte værdi blandt kommunerne, den sorte bjælke {network}, krydset hele landet og den lodrette streg {genitive} mål. Bedre er altid til højre, og hver række har sin egen skala. Sml.: sammenligningen som tegn; Mål: målstatus som tegn (se „Sådan læses tallene“).</p>",
        genitive = escape(&crate::format::genitive(&cat.cities[s.city].name)),
    );
    let _ = writeln!(
        h,
        "{}",
        super::figures::chart_links(
            v.credit.stamp.as_deref(),
            &v.svg_file,
            s.png,
            Some(&v.csv_file),
            Some(&v.xlsx_file)
        )
    );
    let _ = write!(
        h,
        "<div class=\"table-wrap overview-table\" role=\"region\" aria-labelledby=\"{id}-tabel\" tabindex=\"0\"><table class=\"figures\">\n<caption id=\"{id}-tabel\">{city} og netværket på alle indikatorer, seneste tal</caption>\n<thead><tr>",
        id = v.id,
    );
    let heads = [
        "Indikator".to_owned(),
        "Periode".to_owned(),
        city.clone(),
        network.clone(),
        "Hele landet".to_owned(),
        "Laveste–højeste kommune".to_owned(),
        "Sammenlignet med resten af netværket".to_owned(),
        "Målstatus".to_owned(),
    ];
    for head in &heads {
        let _ = write!(h, "<th scope=\"col\">{head}</th>");
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for l in lines {
        let ind = &cat.indicators[l.indicator];
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\"><a href=\"{href}\">{title}</a></th><td>{period}</td><td class=\"num\">{value}</td><td class=\"num\">{network}</td><td class=\"num\">{national}</td><td class=\"num\">{range}</td><td>{cmp}</td><td>{status}</td></tr>",
            href = escape(&(s.href)(l.indicator)),
            title = escape(&ind.title),
            period = l.period.label_da(),
            value = escape(&l.value.shown()),
            network = escape(&l.network.shown()),
            national = escape(&l.national.shown()),
            range = escape(&range_text(s, l)),
            cmp = badge_html(&l.comparison.into()),
            status = badge_html(&l.status.into()),
        );
    }
    h.push_str("</tbody></table></div>\n</figure>\n");
    h
}
