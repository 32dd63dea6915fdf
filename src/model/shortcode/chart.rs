//! `chart(…)`'s arguments: the kind, the places and the periods, checked
//! against each other and the catalog.

use super::*;

/// `chart(…)`: its kind, places and periods, and the combinations that make
/// no sense (periods on a bar chart or a map, places on a map, `from` after
/// `to`, a `city` to stand out that is not among `cities`).
pub(super) fn chart<'a>(
    args: &[Arg<'a>],
    indicator: Option<usize>,
    pos: &Pos,
    at: &Locate,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Option<Shortcode> {
    let find = |k: &str| args.iter().find(|a| a.key == k);
    let errors = diags.count(Severity::Error);
    let fail = |p: Pos, message: String, diags: &mut Diagnostics| diags.error(p, message);
    let single = |a: &Arg<'a>, diags: &mut Diagnostics| single(a, at, diags);
    let kind_arg = find("kind");
    let kind = match kind_arg.map_or(Some("trend"), |a| single(a, diags)) {
        None => None,
        Some("trend") => Some(ChartKind::Trend),
        Some("bars") => Some(ChartKind::Bars),
        Some("small-multiples") => Some(ChartKind::SmallMultiples),
        Some("map") => match indicator {
            Some(i) if catalog.indicators[i].measure == crate::model::Measure::Count => {
                diags.error(
                    kind_arg.map_or(pos.clone(), |a| at.arg(a.at)),
                    format!(
                        "chart kind `map`: `{}` is a count, which grows with a municipality's size; a count has no map (use `bars`)",
                        catalog.indicators[i].id
                    ),
                );
                None
            }
            _ => Some(ChartKind::Map),
        },
        Some(other) => {
            let kinds = ["trend", "bars", "map", "small-multiples"];
            diags.error_hint(
                kind_arg.map_or(pos.clone(), |a| at.arg(a.at)),
                format!(
                    "unknown chart kind `{other}`: expected `trend`, `bars`, `map` or `small-multiples`"
                ),
                did_you_mean(other, kinds),
            );
            None
        }
    };
    let city = find("city").map(|a| {
        single(a, diags)
            .and_then(|id| known_place(catalog, id, at.arg(a.at), diags).map(|p| (p, a)))
    });
    let city = city.map(|c| c.ok_or(())).transpose().ok()?;
    // `cities`: a list of places, each once.
    let mut places = Vec::new();
    let cities_arg = find("cities");
    if let Some(a) = cities_arg {
        match &a.value {
            Value::Str(_) => fail(
                at.arg(a.at),
                "argument `cities`: expected a list of quoted ids such as `cities=[\"aarhus\", \"network\", \"national\"]`".into(),
                diags,
            ),
            Value::List(items) if items.is_empty() => fail(
                at.arg(a.at),
                "argument `cities`: the list is empty; expected ids such as `cities=[\"aarhus\", \"network\"]`".into(),
                diags,
            ),
            Value::List(items) => {
                for &(id, off) in items {
                    match known_place(catalog, id, at.arg(off), diags) {
                        Some(p) if places.contains(&p) => fail(
                            at.arg(off),
                            format!("`{id}` is named twice in `cities`"),
                            diags,
                        ),
                        Some(p) => places.push(p),
                        None => {}
                    }
                }
            }
        }
    }
    let period = |a: &Arg<'a>, diags: &mut Diagnostics| {
        let v = single(a, diags)?;
        v.parse::<Period>()
            .map_err(|e| diags.error(at.arg(a.at), e))
            .ok()
            .map(|p| (p, at.arg(a.at)))
    };
    let from_arg = find("from");
    let to_arg = find("to");
    let from = from_arg.map(|a| period(a, diags));
    let to = to_arg.map(|a| period(a, diags));
    let from = from.map(|p| p.ok_or(())).transpose().ok()?;
    let to = to.map(|p| p.ok_or(())).transpose().ok()?;
    let kind = kind?;
    if let (Some((f, fp)), Some((t, _))) = (&from, &to) {
        if f > t && !t.within(*f) && !f.within(*t) {
            fail(
                fp.clone(),
                format!("`from=\"{f}\"` comes after `to=\"{t}\"`: expected `from` to be the earlier period"),
                diags,
            );
        }
    }
    // Periods belong to a chart over time; a bar chart and a map show one.
    if matches!(kind, ChartKind::Bars | ChartKind::Map) {
        for a in [from_arg, to_arg].into_iter().flatten() {
            fail(
                at.arg(a.at),
                format!(
                    "argument `{}`: a `{}` chart shows one period (the page's); `from` and `to` are for `trend` and `small-multiples`",
                    a.key,
                    kind.id()
                ),
                diags,
            );
        }
    }
    if let Some(a) = cities_arg.filter(|_| !places.is_empty()) {
        match kind {
            ChartKind::Map => fail(
                at.arg(a.at),
                "argument `cities`: a map shows every city of the page; `cities` is for `trend`, `bars` and `small-multiples`".into(),
                diags,
            ),
            // A bar is a city's; the network is the reference line.
            ChartKind::Bars => {
                if !places.iter().any(|p| matches!(p, Place::City(_))) {
                    fail(
                        at.arg(a.at),
                        "argument `cities`: a bar chart needs at least one city's id in `cities`".into(),
                        diags,
                    );
                }
                if let Value::List(items) = &a.value {
                    for (&(id, off), p) in items.iter().zip(&places) {
                        if !matches!(p, Place::City(_) | Place::Network) {
                            fail(
                                at.arg(off),
                                format!("`{id}` in `cities`: a bar chart draws cities and the network's line; expected a city's id or `network` (a trend can show `{id}`)"),
                                diags,
                            );
                        }
                    }
                }
            }
            ChartKind::Trend | ChartKind::SmallMultiples => {}
        }
    }
    if let (Some((p, a)), false) = (city, places.is_empty()) {
        if !places.contains(&p) {
            fail(
                at.arg(a.at),
                "argument `city`: the city that stands out must be one of `cities`".into(),
                diags,
            );
        }
    }
    let code = Shortcode::Chart {
        indicator: indicator?,
        kind,
        place: city.map(|(p, _)| p),
        places,
        from,
        to,
    };
    (diags.count(Severity::Error) == errors).then_some(code)
}
