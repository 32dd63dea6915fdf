//! The pages of the site and their Tera contexts: the front page, seminar
//! reports, city handouts, city profiles and indicator pages.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::commentary::{commentary, untitled, PageScope};
use super::figures::{chart_files, ChartView};
use super::overview::OverviewScope;
use super::views::{self, Frame, IndicatorView, SeminarDates};
use super::{PageOut, Renderer};
use crate::model::{GoalStatus, HandoutKind, Period, Seminar};

/// Values every page gets as `page`.
#[derive(Serialize)]
struct PageView {
    title: String,
    description: String,
    /// Relative path to the site root, e.g. "../../".
    root: String,
    kind: &'static str,
    /// The page shows draft or embargoed content (only with `--drafts`).
    draft: bool,
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct AreaView {
    id: String,
    title: String,
    chair: Option<String>,
    goals: Vec<GoalView>,
}

#[derive(Serialize)]
struct GoalView {
    id: String,
    number: u32,
    /// "Mål 1" or "Mobilitetsmål 6".
    label: String,
    text: String,
    origin: &'static str,
    pending: bool,
    expected: Option<String>,
    note: Option<String>,
    indicators: Vec<IndicatorView>,
    /// Indicators shown earlier on the same page (linked, not repeated).
    shown_above: Vec<Link>,
    /// The theory of change as HTML (diagram and text version).
    theory: Option<String>,
    /// The diagram's file: name and SVG.
    #[serde(skip)]
    theory_file: Option<(String, String)>,
}

/// One page to build.
enum Job<'a> {
    Index,
    /// A seminar report (None) or a city's full handout.
    Seminar(&'a Seminar, Option<usize>),
    /// A city's short handout.
    Handout(&'a Seminar, usize),
    City(usize),
    Indicator(usize),
    FactSheet(usize, usize),
}

/// Build every page, in parallel, handing each to `emit` as soon as it is
/// done (so a large site need not be held in memory). Returns the page count.
pub(super) fn all(
    r: &Renderer,
    tick: &(dyn Fn(usize) + Sync),
    emit: &(dyn Fn(PageOut) + Sync),
) -> Result<usize, String> {
    let cat = &r.project.catalog;
    let mut jobs = vec![Job::Index];
    for s in &r.project.content.seminars {
        jobs.push(Job::Seminar(s, None));
        jobs.extend(s.cities.iter().map(|&c| Job::Seminar(s, Some(c))));
        if s.handout == HandoutKind::Short {
            jobs.extend(s.cities.iter().map(|&c| Job::Handout(s, c)));
        }
    }
    jobs.extend((0..cat.cities.len()).map(Job::City));
    jobs.extend((0..cat.indicators.len()).map(Job::Indicator));
    for (i, ind) in cat.indicators.iter().enumerate() {
        let sheets = (0..cat.cities.len())
            .filter(|&c| views::factsheet_exists(&r.computed.indicators[i], ind, c));
        jobs.extend(sheets.map(|c| Job::FactSheet(i, c)));
    }
    let total = jobs.len();
    jobs.par_iter().try_for_each(|job| {
        let mut page = match *job {
            Job::Index => index(r),
            Job::Seminar(s, focus) => seminar(r, s, focus),
            Job::Handout(s, c) => {
                let id = &cat.cities[c].id;
                let dir = format!("seminars/{}/{id}/", s.slug);
                super::handout::page(r, s, c, &dir, "../../../", Some("fuld/index.html"))
            }
            Job::City(c) => city(r, c),
            Job::Indicator(i) => indicator(r, i),
            Job::FactSheet(i, c) => super::factsheet::page(r, i, c),
        }?;
        if r.png {
            super::png::add_pngs(&mut page.files)?;
        }
        emit(page);
        tick(total);
        Ok::<(), String>(())
    })?;
    Ok(total)
}

fn page_ctx(page: PageView) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    ctx
}

/// The files of a page made of areas: indicator charts, theory diagrams and
/// the charts its shortcodes added.
fn area_files(dir: &str, areas: &[AreaView], extra: &[ChartView]) -> Vec<(String, Vec<u8>)> {
    let goals = areas.iter().flat_map(|a| a.goals.iter());
    let mut files: Vec<_> = goals
        .clone()
        .flat_map(|g| g.indicators.iter())
        .flat_map(|i| i.files(dir))
        .collect();
    files.extend(chart_files(dir, extra.iter()));
    files.extend(
        goals
            .filter_map(|g| g.theory_file.as_ref())
            .map(|(f, svg)| (format!("{dir}{f}"), svg.clone().into_bytes())),
    );
    files
}

fn all_cities(r: &Renderer) -> Vec<usize> {
    (0..r.project.catalog.cities.len()).collect()
}

fn index(r: &Renderer) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    let mut ctx = page_ctx(PageView {
        title: r.project.config.title.clone(),
        description: r.project.config.description.clone(),
        root: String::new(),
        kind: "index",
        draft: r.project.content.seminars.iter().any(|s| s.draft),
    });
    let mut scope = PageScope {
        cities: &all_cities(r),
        focus: None,
        until: None,
        charts: Vec::new(),
    };
    let front = r
        .project
        .content
        .front
        .as_ref()
        // The front page's heading is the site's title, not the text's.
        .map(|p| untitled(r, p, "forside-", 1, &mut scope));
    ctx.insert("front", &front);
    #[derive(Serialize)]
    struct SeminarLink {
        title: String,
        url: String,
        date: String,
        kind: &'static str,
        draft: bool,
    }
    let seminars: Vec<SeminarLink> = r
        .project
        .content
        .seminars
        .iter()
        .map(|s| SeminarLink {
            title: s.title.clone(),
            url: format!("seminars/{}/index.html", s.slug),
            date: s.date.label_da(),
            kind: s.kind.label_da(),
            draft: s.draft,
        })
        .collect();
    ctx.insert("seminars", &seminars);
    let cities: Vec<Link> = cat
        .cities
        .iter()
        .map(|c| Link {
            title: c.name.clone(),
            url: format!("cities/{}/index.html", c.id),
        })
        .collect();
    ctx.insert("cities", &cities);
    let areas: Vec<_> = (0..cat.areas.len())
        .map(|a| catalog_area(r, a, ""))
        .collect();
    ctx.insert("areas", &areas);
    // The status of every city on every indicator, for the latest published seminar.
    if let Some(s) = r.project.content.seminars.iter().find(|s| !s.draft) {
        let indicators = super::handout::seminar_indicators(r, s);
        let slug = &s.slug;
        let anchor = |i: usize| format!("seminars/{slug}/index.html#ind-{}", cat.indicators[i].id);
        let handout = |c: usize| format!("seminars/{slug}/{}/index.html", cat.cities[c].id);
        let mut m = super::matrix::matrix(
            cat,
            r.computed,
            &indicators,
            &s.cities,
            s.period,
            &anchor,
            &handout,
        );
        // The seminar's page writes the same table.
        m.xlsx_file = Some(format!("seminars/{slug}/status.xlsx"));
        ctx.insert("matrix", &m);
        ctx.insert(
            "matrix_seminar",
            &serde_json::json!({ "title": s.title, "url": format!("seminars/{slug}/index.html"), "period": s.period.label_da() }),
        );
    }
    let html = r.page("index.html", ctx)?;
    Ok(PageOut {
        path: "index.html".into(),
        html,
        files: chart_files("", scope.charts.iter()),
    })
}

/// An area with its goals and links to their indicators (front page).
fn catalog_area(r: &Renderer, area: usize, root: &str) -> serde_json::Value {
    let cat = &r.project.catalog;
    let goals: Vec<serde_json::Value> = cat
        .goals_in_area(area)
        .map(|(gi, g)| {
            let indicators: Vec<Link> = cat
                .indicators_of_goal(gi)
                .map(|(_, i)| Link {
                    title: i.title.clone(),
                    url: format!("{root}indicators/{}/index.html", i.id),
                })
                .collect();
            serde_json::json!({
                "number": g.number, "label": g.label_da(), "text": g.text, "origin": g.origin.label_da(),
                "pending": g.status == GoalStatus::Pending, "expected": g.expected, "note": g.note,
                "indicators": indicators,
            })
        })
        .collect();
    serde_json::json!({ "id": cat.areas[area].id, "title": cat.areas[area].title, "goals": goals })
}

/// Areas → goals → indicator views, each indicator shown once per page.
fn areas<'f>(
    r: &Renderer,
    area_ids: &[usize],
    (focus, until): (Option<usize>, Option<Period>),
    frame_for: &mut dyn FnMut(usize) -> (Frame<'f>, Option<String>),
) -> Vec<AreaView> {
    let cat = &r.project.catalog;
    let mut seen = BTreeSet::new();
    area_ids
        .iter()
        .map(|&a| {
            let area = &cat.areas[a];
            let goals = cat
                .goals_in_area(a)
                .map(|(gi, g)| {
                    let mut indicators = Vec::new();
                    let mut shown_above = Vec::new();
                    for (ii, ind) in cat.indicators_of_goal(gi) {
                        if seen.insert(ii) {
                            let (frame, note) = frame_for(ii);
                            indicators.push(views::indicator(cat, r.computed, ii, &frame, note));
                        } else {
                            shown_above.push(Link {
                                title: ind.title.clone(),
                                url: format!("#ind-{}", ind.id),
                            });
                        }
                    }
                    let theory = super::theory::render(cat, r.computed, gi, focus, until, r.png);
                    GoalView {
                        id: g.id.clone(),
                        number: g.number,
                        label: g.label_da(),
                        text: g.text.clone(),
                        origin: g.origin.label_da(),
                        pending: g.status == GoalStatus::Pending,
                        expected: g.expected.clone(),
                        note: g.note.clone(),
                        indicators,
                        shown_above,
                        theory: theory.as_ref().map(|t| t.html.clone()),
                        theory_file: theory.map(|t| (t.file, t.svg)),
                    }
                })
                .collect();
            AreaView {
                id: area.id.clone(),
                title: area.title.clone(),
                chair: area.chair.map(|c| cat.cities[c].name.clone()),
                goals,
            }
        })
        .collect()
}

/// A seminar report (`focus` None) or one city's handout.
fn seminar(r: &Renderer, s: &Seminar, focus: Option<usize>) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    // A short handout is the city's page; its full version lives beside it.
    let short = s.handout == HandoutKind::Short;
    let (root, dir) = match focus {
        None => ("../../".to_owned(), format!("seminars/{}/", s.slug)),
        Some(c) if short => (
            "../../../../".to_owned(),
            format!("seminars/{}/{}/fuld/", s.slug, cat.cities[c].id),
        ),
        Some(c) => (
            "../../../".to_owned(),
            format!("seminars/{}/{}/", s.slug, cat.cities[c].id),
        ),
    };
    let mut scope = PageScope {
        cities: &s.cities,
        focus,
        until: Some(s.period),
        charts: Vec::new(),
    };
    let intro = commentary(r, &s.intro, "intro-", 1, &mut scope);
    let city_page = focus.and_then(|c| s.city_notes.get(&c));
    let city_note = city_page.map(|p| commentary(r, p, "by-", 1, &mut scope));
    let mut draft = s.draft || city_page.is_some_and(|p| p.draft);
    let mut notes: Vec<Option<String>> = vec![None; cat.indicators.len()];
    for (i, p) in &s.indicator_notes {
        draft |= p.draft;
        notes[*i] = Some(commentary(
            r,
            p,
            &format!("{}-", cat.indicators[*i].id),
            4,
            &mut scope,
        ));
    }
    let dates = seminar_dates(r, s);
    let mut frame_for = |i: usize| {
        let frame = Frame {
            cities: &s.cities,
            focus,
            until: Some(s.period),
            baseline: s.baseline,
            root: &root,
            name: &cat.indicators[i].id,
            trend: true,
            bars: true,
            // The map in the seminar report; a city's handout has its own city.
            map: focus.is_none(),
            seminar: Some(dates),
            png: r.png,
        };
        (frame, notes[i].take())
    };
    let areas = areas(r, &s.areas, (focus, Some(s.period)), &mut frame_for);
    let title = match focus {
        None => s.title.clone(),
        Some(c) if short => format!("{} – {}, fuld udgave", s.title, cat.cities[c].name),
        Some(c) => format!("{} – {}", s.title, cat.cities[c].name),
    };
    let mut ctx = page_ctx(PageView {
        title,
        description: s.description.clone().unwrap_or_else(|| {
            format!(
                "{} {} om de fælles sociale mål",
                s.kind.label_da(),
                s.date.label_da()
            )
        }),
        root: root.clone(),
        kind: if focus.is_some() {
            "handout"
        } else {
            "seminar"
        },
        draft,
    });
    ctx.insert("seminar", &seminar_view(r, s, &root));
    ctx.insert("intro", &intro);
    ctx.insert("areas", &areas);
    let indicators = super::handout::seminar_indicators(r, s);
    let mut overview_files = Vec::new();
    if let Some(c) = focus {
        let id = &cat.cities[c].id;
        let pdf = if short {
            (r.pdf.covers(&s.slug) && r.full_pdf)
                .then(|| format!("{root}{}", super::print::full_pdf_path(&s.slug, id)))
        } else {
            r.pdf
                .covers(&s.slug)
                .then(|| format!("{root}{}", super::print::pdf_path(&s.slug, Some(id))))
        };
        let short_url = short.then(|| "../index.html".to_owned());
        ctx.insert("city", &serde_json::json!({ "id": id, "name": cat.cities[c].name, "url": format!("{root}cities/{id}/index.html"), "pdf": pdf, "short_url": short_url }));
        ctx.insert("city_commentary", &city_note);
        let anchor = |i: usize| format!("#ind-{}", cat.indicators[i].id);
        let name = format!("overblik-{id}");
        let over = super::overview::overview(&OverviewScope {
            catalog: cat,
            computed: r.computed,
            indicators: &indicators,
            until: Some(s.period),
            cities: &s.cities,
            city: c,
            name: &name,
            href: &anchor,
            png: r.png,
        });
        if let Some((view, html)) = over {
            overview_files.extend(view.files(&dir));
            ctx.insert("overview", &html);
        }
    } else {
        let anchor = |i: usize| format!("#ind-{}", cat.indicators[i].id);
        let handout = |c: usize| format!("{}/index.html", cat.cities[c].id);
        let mut m = super::matrix::matrix(
            cat,
            r.computed,
            &indicators,
            &s.cities,
            s.period,
            &anchor,
            &handout,
        );
        m.xlsx_file = Some("status.xlsx".into());
        overview_files.push((format!("{dir}status.xlsx"), super::xlsx::workbook(&m.table)));
        ctx.insert("matrix", &m);
        let mut overviews = Vec::new();
        // A large network: each city's overview opens its handout, linked from here.
        let many = s.cities.len() > super::figures::MAX_FULL_SERIES;
        let links: Vec<Link> = s
            .cities
            .iter()
            .filter(|_| many)
            .map(|&c| Link {
                title: cat.cities[c].name.clone(),
                url: format!("{}/index.html#overblik", cat.cities[c].id),
            })
            .collect();
        ctx.insert("overview_links", &links);
        for &c in s.cities.iter().filter(|_| !many) {
            let name = format!("overblik-{}", cat.cities[c].id);
            let over = super::overview::overview(&OverviewScope {
                catalog: cat,
                computed: r.computed,
                indicators: &indicators,
                until: Some(s.period),
                cities: &s.cities,
                city: c,
                name: &name,
                href: &anchor,
                png: r.png,
            });
            if let Some((view, html)) = over {
                overview_files.extend(view.files(&dir));
                overviews.push(serde_json::json!({ "id": cat.cities[c].id, "name": cat.cities[c].name, "html": html }));
            }
        }
        ctx.insert("overviews", &overviews);
    }
    let template = if focus.is_some() {
        "handout-full.html"
    } else {
        "seminar.html"
    };
    let html = r.page(template, ctx)?;
    let mut files = area_files(&dir, &areas, &scope.charts);
    files.extend(overview_files);
    Ok(PageOut {
        path: format!("{dir}index.html"),
        html,
        files,
    })
}

/// The seminar's date and the last one before it (revisions are worded by them).
pub(super) fn seminar_dates(r: &Renderer, s: &Seminar) -> SeminarDates {
    let seminars = r.project.content.seminars.iter();
    SeminarDates {
        date: s.date,
        previous: seminars.map(|x| x.date).filter(|d| *d < s.date).max(),
    }
}

pub(super) fn seminar_view(r: &Renderer, s: &Seminar, root: &str) -> serde_json::Value {
    let cat = &r.project.catalog;
    // A PDF link only when the build prints the PDF (`maalrapport pdf`).
    let pdf = |city: Option<&str>| {
        r.pdf
            .covers(&s.slug)
            .then(|| format!("{root}{}", super::print::pdf_path(&s.slug, city)))
    };
    let handouts: Vec<serde_json::Value> = s
        .cities
        .iter()
        .map(|&c| {
            let id = &cat.cities[c].id;
            serde_json::json!({
                "title": cat.cities[c].name,
                "url": format!("{root}seminars/{}/{id}/index.html", s.slug),
                "pdf": pdf(Some(id)),
            })
        })
        .collect();
    serde_json::json!({
        "slug": s.slug, "title": s.title, "date": s.date.label_da(), "place": s.place,
        "kind": s.kind.label_da(), "period": s.period.label_da(),
        "baseline": s.baseline.map(Period::label_da),
        "url": format!("{root}seminars/{}/index.html", s.slug),
        "handouts": handouts,
        "pdf": pdf(None),
    })
}

/// A city's profile: every indicator over all periods, against the network.
fn city(r: &Renderer, c: usize) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    let city = &cat.cities[c];
    let root = "../../";
    let dir = format!("cities/{}/", city.id);
    let only = [c];
    let mut scope = PageScope {
        cities: &only,
        focus: Some(c),
        until: None,
        charts: Vec::new(),
    };
    let note = r
        .project
        .content
        .city_notes
        .get(&c)
        .map(|p| commentary(r, p, "by-", 1, &mut scope));
    let mut frame_for = |i: usize| {
        let frame = Frame {
            cities: &only,
            focus: Some(c),
            until: None,
            baseline: cat.indicators[i].target.as_ref().and_then(|t| t.baseline),
            root,
            name: &cat.indicators[i].id,
            trend: true,
            bars: false,
            map: false,
            seminar: None,
            png: r.png,
        };
        (frame, None)
    };
    let all_areas: Vec<usize> = (0..cat.areas.len()).collect();
    let areas = areas(r, &all_areas, (Some(c), None), &mut frame_for);
    let mut ctx = page_ctx(PageView {
        title: format!("{} (kommunekode {})", city.name, city.code),
        description: format!(
            "{} tal for de fælles sociale mål sammenlignet med {}",
            crate::format::genitive(&city.name),
            cat.network_name
        ),
        root: root.into(),
        kind: "city",
        draft: r
            .project
            .content
            .city_notes
            .get(&c)
            .is_some_and(|p| p.draft),
    });
    ctx.insert(
        "city",
        &serde_json::json!({ "id": city.id, "name": city.name, "code": city.code }),
    );
    ctx.insert("commentary", &note);
    ctx.insert("areas", &areas);
    let indicators: Vec<usize> = all_areas
        .iter()
        .flat_map(|&a| cat.goals_in_area(a))
        .flat_map(|(gi, _)| cat.indicators_of_goal(gi))
        .map(|(ii, _)| ii)
        .fold(Vec::new(), |mut v, i| {
            if !v.contains(&i) {
                v.push(i);
            }
            v
        });
    let anchor = |i: usize| format!("#ind-{}", cat.indicators[i].id);
    let over = super::overview::overview(&OverviewScope {
        catalog: cat,
        computed: r.computed,
        indicators: &indicators,
        until: None,
        cities: &all_cities(r),
        city: c,
        name: "overblik",
        href: &anchor,
        png: r.png,
    });
    ctx.insert("overview", &over.as_ref().map(|(_, h)| h));
    let seminars: Vec<Link> = r
        .project
        .content
        .seminars
        .iter()
        .filter(|s| s.cities.contains(&c))
        .map(|s| Link {
            title: s.title.clone(),
            url: format!("{root}seminars/{}/{}/index.html", s.slug, city.id),
        })
        .collect();
    ctx.insert("handouts", &seminars);
    let html = r.page("city.html", ctx)?;
    let mut files = area_files(&dir, &areas, &scope.charts);
    if let Some((view, _)) = &over {
        files.extend(view.files(&dir));
    }
    Ok(PageOut {
        path: format!("{dir}index.html"),
        html,
        files,
    })
}

/// An indicator's page: definition, every city's series, latest benchmark.
fn indicator(r: &Renderer, i: usize) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    let ind = &cat.indicators[i];
    let root = "../../";
    let dir = format!("indicators/{}/", ind.id);
    let cities = all_cities(r);
    let mut scope = PageScope {
        cities: &cities,
        focus: None,
        until: None,
        charts: Vec::new(),
    };
    let note = r
        .project
        .content
        .indicator_notes
        .get(&i)
        .map(|p| commentary(r, p, "note-", 1, &mut scope));
    let frame = Frame {
        cities: &cities,
        focus: None,
        until: None,
        baseline: ind.target.as_ref().and_then(|t| t.baseline),
        root,
        name: &ind.id,
        trend: true,
        bars: true,
        map: true,
        seminar: None,
        png: r.png,
    };
    let view = views::indicator(cat, r.computed, i, &frame, note);
    let mut theories = Vec::new();
    let goals: Vec<serde_json::Value> = ind
        .goals
        .iter()
        .map(|&g| {
            let goal = &cat.goals[g];
            let theory = super::theory::render(cat, r.computed, g, None, None, r.png);
            let html = theory.as_ref().map(|t| t.html.clone());
            theories.extend(theory.map(|t| (format!("{dir}{}", t.file), t.svg.into_bytes())));
            serde_json::json!({ "number": goal.number, "label": goal.label_da(), "text": goal.text, "origin": goal.origin.label_da(), "area": cat.areas[goal.area].title, "theory": html })
        })
        .collect();
    let mut ctx = page_ctx(PageView {
        title: ind.title.clone(),
        description: format!(
            "Definition, tal og udvikling for {} i {}",
            ind.title.to_lowercase(),
            cat.network_name
        ),
        root: root.into(),
        kind: "indicator",
        draft: r
            .project
            .content
            .indicator_notes
            .get(&i)
            .is_some_and(|p| p.draft),
    });
    ctx.insert("indicator", &view);
    ctx.insert("goals", &goals);
    let html = r.page("indicator.html", ctx)?;
    let mut files = view.files(&dir);
    files.extend(chart_files(&dir, scope.charts.iter()));
    files.extend(theories);
    Ok(PageOut {
        path: format!("{dir}index.html"),
        html,
        files,
    })
}
