//! Shortcodes in Markdown that pull numbers and charts from the data:
//! `{{ value(indicator="…", city="…", period="…") }}`,
//! `{{ change(indicator="…", city="…", from="…", to="…") }}`,
//! `{{ chart(indicator="…", kind="trend"|"bars"|"map"|"small-multiples",
//! city="…", cities=["…", …], from="…", to="…") }}`.
//! Parsed and resolved against the catalog once; errors name file:line:col
//! of the offending argument.

use super::{Catalog, Period, Place, Region};
use crate::diag::{did_you_mean, Diagnostics, Pos, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Trend,
    Bars,
    /// The map of Denmark (not for counts).
    Map,
    /// One small trend panel per place, all on the same value scale.
    SmallMultiples,
}

impl ChartKind {
    /// The kind as written in a shortcode.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Trend => "trend",
            ChartKind::Bars => "bars",
            ChartKind::Map => "map",
            ChartKind::SmallMultiples => "small-multiples",
        }
    }
}

/// A resolved shortcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortcode {
    Value {
        indicator: usize,
        place: Place,
        period: Option<Period>,
    },
    Change {
        indicator: usize,
        place: Place,
        from: Period,
        to: Period,
    },
    Chart {
        indicator: usize,
        kind: ChartKind,
        /// `city`: the city that stands out (else the page's).
        place: Option<Place>,
        /// `cities`: the places drawn, in the order written; empty: the
        /// page's cities (and for a trend the network and the country).
        places: Vec<Place>,
        /// `from`, `to`: the first and last period of a trend or small
        /// multiples, with where they were written (for `check`).
        from: Option<(Period, Pos)>,
        to: Option<(Period, Pos)>,
    },
}

/// A piece of a Markdown body: plain text or a shortcode.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment<'a> {
    Text(&'a str),
    Code(Shortcode, Pos),
}

/// Split `body` into text and resolved shortcodes. Problems are reported with
/// positions computed from `body_pos` (the first body line); a bad shortcode is
/// left out of the result.
pub fn parse<'a>(
    body: &'a str,
    body_pos: &Pos,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut rest = body;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push(Segment::Text(&rest[..start]));
        let inner = &rest[start + 2..start + len];
        let trimmed = inner.trim();
        let lead = inner.len() - inner.trim_start().len();
        let at = Locate {
            path: body_pos,
            body,
            base: consumed + start + 2 + lead,
        };
        let pos = at.pos(consumed + start);
        if let Some(code) = resolve(trimmed, &pos, &at, catalog, diags) {
            out.push(Segment::Code(code, pos));
        }
        consumed += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    out.push(Segment::Text(rest));
    out
}

/// Turns byte offsets in a shortcode into positions in its file.
struct Locate<'a> {
    /// The body's first line.
    path: &'a Pos,
    body: &'a str,
    /// Offset in `body` of the shortcode's text (after `{{` and blanks).
    base: usize,
}

impl Locate<'_> {
    /// The position of byte `offset` of the body.
    fn pos(&self, offset: usize) -> Pos {
        let mut pos = Pos::at_offset(&self.path.path, self.body, offset);
        pos.line += self.path.line - 1;
        pos
    }

    /// The position of byte `offset` of the shortcode's text.
    fn arg(&self, offset: usize) -> Pos {
        self.pos(self.base + offset)
    }
}

/// An argument's value: a quoted string, or a list of them
/// (`["aarhus", "network"]`), each with its byte offset in the shortcode.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    Str(&'a str),
    List(Vec<(&'a str, usize)>),
}

/// One `key=value` argument with the byte offsets of its key and value.
#[derive(Debug, Clone, PartialEq)]
struct Arg<'a> {
    key: &'a str,
    key_at: usize,
    value: Value<'a>,
    at: usize,
}

/// A shortcode's name and its arguments.
type Call<'a> = (&'a str, Vec<Arg<'a>>);

/// A problem in a shortcode's syntax and the byte offset it was found at.
type SyntaxError = (String, usize);

/// `name(key="value", key=["a", "b"], …)` into its name and arguments.
/// Offsets are into `s`.
fn split_call(s: &str) -> Result<Call<'_>, SyntaxError> {
    let expected = || {
        (
            "expected a shortcode such as `value(indicator=\"…\", city=\"…\", period=\"…\")`"
                .to_owned(),
            0,
        )
    };
    let open = s.find('(').ok_or_else(expected)?;
    let name = s[..open].trim();
    let args = s[open + 1..].strip_suffix(')').ok_or_else(expected)?;
    // Offsets of a sub-slice of `s`.
    let offset = |t: &str| t.as_ptr() as usize - s.as_ptr() as usize;
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| {
            (
                format!("expected `key=\"value\"`, found `{}`", rest.trim()),
                offset(rest),
            )
        })?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let at = offset(after);
        let (value, tail) = if let Some(list) = after.strip_prefix('[') {
            let (items, tail) = split_list(key, list, &offset)?;
            (Value::List(items), tail)
        } else {
            let (v, tail) = quoted(key, after, &offset)?;
            (Value::Str(v), tail)
        };
        out.push(Arg {
            key,
            key_at: offset(key),
            value,
            at,
        });
        rest = tail.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok((name, out))
}

/// A quoted string at the start of `s`: its content and what follows.
fn quoted<'a>(
    key: &str,
    s: &'a str,
    offset: &dyn Fn(&str) -> usize,
) -> Result<(&'a str, &'a str), SyntaxError> {
    let inner = s.strip_prefix('"').ok_or_else(|| {
        (
            format!("argument `{key}`: expected a quoted value such as `{key}=\"…\"`"),
            offset(s),
        )
    })?;
    let end = inner.find('"').ok_or_else(|| {
        (
            format!("argument `{key}`: missing closing quote"),
            offset(s),
        )
    })?;
    Ok((&inner[..end], &inner[end + 1..]))
}

/// The quoted strings of a list after its `[`, each with its offset, and
/// what follows the closing `]`.
type ListItems<'a> = (Vec<(&'a str, usize)>, &'a str);

fn split_list<'a>(
    key: &str,
    s: &'a str,
    offset: &dyn Fn(&str) -> usize,
) -> Result<ListItems<'a>, SyntaxError> {
    let mut items = Vec::new();
    let mut rest = s.trim_start();
    loop {
        if let Some(tail) = rest.strip_prefix(']') {
            return Ok((items, tail));
        }
        if rest.is_empty() {
            return Err((
                format!("argument `{key}`: missing `]` at the end of the list"),
                offset(s) - 1,
            ));
        }
        if !rest.starts_with('"') {
            return Err((
                format!(
                    "argument `{key}`: expected a quoted value or `]` in the list, such as `{key}=[\"aarhus\", \"network\"]`"
                ),
                offset(rest),
            ));
        }
        let at = offset(rest);
        let (v, tail) = quoted(key, rest, offset)?;
        items.push((v, at));
        rest = tail.trim_start();
        rest = match rest.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if rest.starts_with(']') => rest,
            None => {
                return Err((
                    format!("argument `{key}`: expected `,` or `]` after a list item"),
                    offset(rest),
                ))
            }
        };
    }
}

fn resolve(
    inner: &str,
    pos: &Pos,
    at: &Locate,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Option<Shortcode> {
    let (name, args) = split_call(inner)
        .map_err(|(e, off)| diags.error(if off == 0 { pos.clone() } else { at.arg(off) }, e))
        .ok()?;
    let allowed: &[&str] = match name {
        "value" => &["indicator", "city", "period"],
        "change" => &["indicator", "city", "from", "to"],
        "chart" => &["indicator", "kind", "city", "cities", "from", "to"],
        _ => {
            let hint = did_you_mean(name, ["value", "change", "chart"]);
            diags.error_hint(
                pos.clone(),
                format!("unknown shortcode `{name}`: expected `value`, `change` or `chart`"),
                hint,
            );
            return None;
        }
    };
    let mut ok = true;
    for a in &args {
        if !allowed.contains(&a.key) {
            let hint = did_you_mean(a.key, allowed.iter().copied());
            diags.error_hint(
                at.arg(a.key_at),
                format!(
                    "unknown argument `{}` for `{name}`: expected {}",
                    a.key,
                    allowed.join(", ")
                ),
                hint,
            );
            ok = false;
        }
    }
    let find = |k: &str| args.iter().find(|a| a.key == k);
    // A single quoted value; a list where one is expected is an error.
    let arg = |k: &str, diags: &mut Diagnostics| {
        let a = find(k)?;
        single(a, at, diags).map(|v| (v, at.arg(a.at)))
    };
    let need = |k: &str, diags: &mut Diagnostics| {
        if find(k).is_none() {
            diags.error(pos.clone(), format!("`{name}` needs `{k}=\"…\"`"));
        }
        arg(k, diags)
    };
    let indicator = need("indicator", diags).and_then(|(id, p)| {
        let i = catalog.indicator_index(id);
        if i.is_none() && !catalog.is_broken_indicator(id) {
            let hint = did_you_mean(id, catalog.indicators.iter().map(|i| i.id.as_str()));
            diags.error_hint(p, format!("unknown indicator `{id}` in shortcode"), hint);
        }
        i
    });
    let place = |(id, p): (&str, Pos), diags: &mut Diagnostics| known_place(catalog, id, p, diags);
    let period = |(v, p): (&str, Pos), diags: &mut Diagnostics| {
        v.parse::<Period>()
            .map_err(|e| diags.error(p.clone(), e))
            .ok()
            .map(|period| (period, p))
    };
    let code = match name {
        "value" => {
            let city = need("city", diags).and_then(|c| place(c, diags));
            let p = find("period").map(|_| arg("period", diags).and_then(|v| period(v, diags)));
            Shortcode::Value {
                indicator: indicator?,
                place: city?,
                period: p.map(|p| p.ok_or(())).transpose().ok()?.map(|(p, _)| p),
            }
        }
        "change" => {
            let city = need("city", diags).and_then(|c| place(c, diags));
            let from = need("from", diags).and_then(|v| period(v, diags));
            let to = need("to", diags).and_then(|v| period(v, diags));
            Shortcode::Change {
                indicator: indicator?,
                place: city?,
                from: from?.0,
                to: to?.0,
            }
        }
        _ => return chart(&args, indicator, pos, at, catalog, diags).filter(|_| ok),
    };
    ok.then_some(code)
}

/// An argument's single quoted value; a list is an error.
fn single<'a>(a: &Arg<'a>, at: &Locate, diags: &mut Diagnostics) -> Option<&'a str> {
    match &a.value {
        Value::Str(v) => Some(v),
        Value::List(_) => {
            diags.error(
                at.arg(a.at),
                format!(
                    "argument `{k}`: expected one quoted value such as `{k}=\"…\"`, not a list",
                    k = a.key
                ),
            );
            None
        }
    }
}

/// Every id a shortcode's `city` or `cities` may name, for "did you mean".
fn place_ids(catalog: &Catalog) -> Vec<&str> {
    let mut ids: Vec<&str> = catalog.cities.iter().map(|c| c.id.as_str()).collect();
    ids.push("network");
    ids.push("national");
    ids.extend(catalog.city_groups.iter().map(|g| g.id.as_str()));
    for r in Region::ALL {
        ids.push(r.id());
    }
    ids
}

/// A place as a shortcode names it: as in the data (a city's id, `network`,
/// `national`, a comparison group's id, `region-…`), or a comparison group
/// as `[compare] with` names it (`group:<id>`).
fn shortcode_place(catalog: &Catalog, id: &str) -> Option<Place> {
    match id.strip_prefix("group:") {
        Some(g) => catalog.city_group_index(g).map(Place::CityGroup),
        None => catalog.place(id),
    }
}

/// [`shortcode_place`], with an error at `p` (and a "did you mean") when
/// `id` names no place.
fn known_place(catalog: &Catalog, id: &str, p: Pos, diags: &mut Diagnostics) -> Option<Place> {
    let found = shortcode_place(catalog, id);
    if found.is_none() {
        diags.error_hint(
            p,
            format!(
                "unknown city `{id}` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`)"
            ),
            did_you_mean(id, place_ids(catalog)),
        );
    }
    found
}

/// `chart(…)`: its kind, places and periods, and the combinations that make
/// no sense (periods on a bar chart or a map, places on a map, `from` after
/// `to`, a `city` to stand out that is not among `cities`).
fn chart<'a>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, CityGroup, Direction, Indicator, Measure};

    fn catalog() -> Catalog {
        let city = |id: &str, name: &str, code| City {
            id: id.into(),
            code,
            name: name.into(),
            color: None,
            region: None,
        };
        let mut share = Indicator::bare(Measure::Share, Direction::Lower);
        share.id = "andel".into();
        let mut count = Indicator::bare(Measure::Count, Direction::Lower);
        count.id = "antal".into();
        Catalog {
            network_name: "3-byerne".into(),
            cities: vec![
                city("aarhus", "Aarhus", 751),
                city("odense", "Odense", 461),
                city("aalborg", "Aalborg", 851),
            ],
            city_groups: vec![CityGroup {
                id: "store".into(),
                name: "De store".into(),
                cities: vec![0, 1],
            }],
            areas: vec![],
            goals: vec![],
            indicators: vec![share, count],
            broken_indicators: vec![],
        }
    }

    /// Parses `body` as the body of `k.md` starting on line 3; the shortcodes
    /// and every problem as `line:col: message (hint)`.
    fn run(body: &str) -> (Vec<Shortcode>, Vec<String>) {
        let cat = catalog();
        let mut diags = Diagnostics::default();
        let codes = parse(body, &Pos::new("k.md", 3, 1), &cat, &mut diags)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Code(c, _) => Some(c),
                Segment::Text(_) => None,
            })
            .collect();
        let problems = diags
            .sorted()
            .into_iter()
            .map(|d| {
                let hint = d.hint.map(|h| format!(" ({h})")).unwrap_or_default();
                format!("{}:{}: {}{hint}", d.pos.line, d.pos.col, d.message)
            })
            .collect();
        (codes, problems)
    }

    fn chart(body: &str) -> Shortcode {
        let (codes, problems) = run(body);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(codes.len(), 1);
        codes.into_iter().next().unwrap()
    }

    fn problems(body: &str) -> Vec<String> {
        let (codes, problems) = run(body);
        assert!(codes.is_empty(), "a bad shortcode is left out: {codes:?}");
        problems
    }

    #[test]
    fn cities_is_a_list_of_places_in_the_order_written() {
        let code = chart(
            r#"{{ chart(indicator="andel", cities=["odense", "network", "national", "store", "region-midtjylland"]) }}"#,
        );
        let Shortcode::Chart { places, kind, .. } = code else {
            panic!("a chart");
        };
        assert_eq!(kind, ChartKind::Trend);
        assert_eq!(
            places,
            vec![
                Place::City(1),
                Place::Network,
                Place::National,
                Place::CityGroup(0),
                Place::Region(Region::Midtjylland)
            ]
        );
        // `[compare] with` spells a group `group:<id>`; so may a shortcode.
        let code = chart(r#"{{ chart(indicator="andel", cities=[ "group:store","aarhus" ] ) }}"#);
        let Shortcode::Chart { places, .. } = code else {
            panic!("a chart");
        };
        assert_eq!(places, vec![Place::CityGroup(0), Place::City(0)]);
    }

    #[test]
    fn from_to_and_small_multiples_parse() {
        let code = chart(
            "{{ chart(indicator=\"andel\", kind=\"small-multiples\", from=\"2019-Q1\", to=\"2023\") }}",
        );
        let Shortcode::Chart {
            kind,
            from,
            to,
            places,
            ..
        } = code
        else {
            panic!("a chart");
        };
        assert_eq!(kind, ChartKind::SmallMultiples);
        assert!(places.is_empty());
        assert_eq!(from.map(|f| f.0), Some(Period::Quarter(2019, 1)));
        assert_eq!(to.as_ref().map(|t| t.0), Some(Period::Year(2023)));
        // Where `to` is written, for `check`: line 3, after `to=`.
        let to = to.unwrap().1;
        assert_eq!((to.line, to.col), (3, 72));
        // A quarter of the year `to` names is not "after" it.
        chart("{{ chart(indicator=\"andel\", from=\"2019-Q3\", to=\"2019\") }}");
    }

    #[test]
    fn an_unknown_city_in_the_list_is_reported_at_its_place_with_a_hint() {
        let body = "Tekst.\n\n{{ chart(indicator=\"andel\",\n  cities=[\"aarhus\", \"odnse\"]) }}";
        assert_eq!(
            problems(body),
            ["6:21: unknown city `odnse` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `odense`?)"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[\"netwrok\"]) }}")[0],
            "3:37: unknown city `netwrok` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `network`?)"
        );
        // The single `city` too, for every shortcode.
        assert_eq!(
            problems("{{ value(indicator=\"andel\", city=\"arhus\") }}"),
            ["3:34: unknown city `arhus` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `aarhus`?)"]
        );
    }

    #[test]
    fn malformed_lists_say_what_was_expected() {
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\" \"odense\"]) }}"),
            ["3:46: argument `cities`: expected `,` or `]` after a list item"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[aarhus]) }}"),
            ["3:37: argument `cities`: expected a quoted value or `]` in the list, such as `cities=[\"aarhus\", \"network\"]`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\",) }}"),
            ["3:36: argument `cities`: missing `]` at the end of the list"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=\"aarhus\") }}"),
            ["3:36: argument `cities`: expected a list of quoted ids such as `cities=[\"aarhus\", \"network\", \"national\"]`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[]) }}"),
            ["3:36: argument `cities`: the list is empty; expected ids such as `cities=[\"aarhus\", \"network\"]`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=[\"andel\"]) }}"),
            ["3:20: argument `indicator`: expected one quoted value such as `indicator=\"…\"`, not a list"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cites=[\"aarhus\"]) }}"),
            ["3:29: unknown argument `cites` for `chart`: expected indicator, kind, city, cities, from, to (did you mean `cities`?)"]
        );
    }

    #[test]
    fn combinations_that_make_no_sense_are_errors_at_the_argument() {
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", from=\"2020\", to=\"2018\") }}"),
            ["3:34: `from=\"2020\"` comes after `to=\"2018\"`: expected `from` to be the earlier period"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"bars\", to=\"2018\") }}"),
            ["3:45: argument `to`: a `bars` chart shows one period (the page's); `from` and `to` are for `trend` and `small-multiples`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"map\", from=\"2018\") }}"),
            ["3:46: argument `from`: a `map` chart shows one period (the page's); `from` and `to` are for `trend` and `small-multiples`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"map\", cities=[\"aarhus\"]) }}"),
            ["3:48: argument `cities`: a map shows every city of the page; `cities` is for `trend`, `bars` and `small-multiples`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"aarhus\", \"national\"]) }}"),
            ["3:60: `national` in `cities`: a bar chart draws cities and the network's line; expected a city's id or `network` (a trend can show `national`)"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"network\"]) }}"),
            ["3:49: argument `cities`: a bar chart needs at least one city's id in `cities`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", city=\"aalborg\", cities=[\"aarhus\"]) }}"),
            ["3:34: argument `city`: the city that stands out must be one of `cities`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\", \"aarhus\"]) }}"),
            ["3:47: `aarhus` is named twice in `cities`"]
        );
        assert_eq!(
            problems("{{ chart(indicator=\"andel\", kind=\"small-multiple\") }}"),
            ["3:34: unknown chart kind `small-multiple`: expected `trend`, `bars`, `map` or `small-multiples` (did you mean `small-multiples`?)"]
        );
        // Bars for chosen cities, with the network's line, are fine.
        chart("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"odense\", \"network\"]) }}");
    }
}
