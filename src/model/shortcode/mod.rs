//! Shortcodes in Markdown that pull numbers and charts from the data:
//! `{{ value(indicator="…", city="…", period="…") }}`,
//! `{{ change(indicator="…", city="…", from="…", to="…") }}`,
//! `{{ chart(indicator="…", kind="trend"|"bars"|"map"|"small-multiples",
//! city="…", cities=["…", …], from="…", to="…") }}`.
//! Parsed and resolved against the catalog once; errors name file:line:col
//! of the offending argument.

use super::{Catalog, Period, Place, Region};
use crate::diag::{did_you_mean, Diagnostics, Pos, Severity};

mod chart;
use chart::chart;

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

#[cfg(test)]
mod tests;
