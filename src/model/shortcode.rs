//! Shortcodes in Markdown that pull numbers and charts from the data:
//! `{{ value(indicator="…", city="…", period="…") }}`,
//! `{{ change(indicator="…", city="…", from="…", to="…") }}`,
//! `{{ chart(indicator="…", kind="trend"|"bars", city="…") }}`.
//! Parsed and resolved against the catalog once; errors name file:line:col.

use super::{Catalog, Period, Place};
use crate::diag::{did_you_mean, Diagnostics, Pos};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Trend,
    Bars,
    /// The map of Denmark (not for counts).
    Map,
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
        place: Option<Place>,
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
        let mut pos = Pos::at_offset(&body_pos.path, body, consumed + start);
        pos.line += body_pos.line - 1;
        if let Some(code) = resolve(inner.trim(), &pos, catalog, diags) {
            out.push(Segment::Code(code, pos));
        }
        consumed += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    out.push(Segment::Text(rest));
    out
}

/// A shortcode's name and its `key="value"` arguments.
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// `name(key="value", …)` into its name and arguments.
fn split_call(s: &str) -> Result<Call<'_>, String> {
    let expected =
        "expected a shortcode such as `value(indicator=\"…\", city=\"…\", period=\"…\")`";
    let open = s.find('(').ok_or(expected)?;
    let name = s[..open].trim();
    let args = s[open + 1..].strip_suffix(')').ok_or(expected)?;
    let mut out = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or(expected)?;
        let key = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let after = after
            .strip_prefix('"')
            .ok_or_else(|| format!("argument `{key}`: expected a quoted value"))?;
        let end = after
            .find('"')
            .ok_or_else(|| format!("argument `{key}`: missing closing quote"))?;
        out.push((key, &after[..end]));
        rest = after[end + 1..].trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok((name, out))
}

fn resolve(
    inner: &str,
    pos: &Pos,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Option<Shortcode> {
    let (name, args) = split_call(inner)
        .map_err(|e| diags.error(pos.clone(), e))
        .ok()?;
    let allowed: &[&str] = match name {
        "value" => &["indicator", "city", "period"],
        "change" => &["indicator", "city", "from", "to"],
        "chart" => &["indicator", "kind", "city"],
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
    for (k, _) in &args {
        if !allowed.contains(k) {
            diags.error(
                pos.clone(),
                format!(
                    "unknown argument `{k}` for `{name}`: expected {}",
                    allowed.join(", ")
                ),
            );
            ok = false;
        }
    }
    let arg = |k: &str| args.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    let need = |k: &str, diags: &mut Diagnostics| {
        let v = arg(k);
        if v.is_none() {
            diags.error(pos.clone(), format!("`{name}` needs `{k}=\"…\"`"));
        }
        v
    };
    let indicator = need("indicator", diags).and_then(|id| {
        let i = catalog.indicator_index(id);
        if i.is_none() && !catalog.is_broken_indicator(id) {
            let hint = did_you_mean(id, catalog.indicators.iter().map(|i| i.id.as_str()));
            diags.error_hint(
                pos.clone(),
                format!("unknown indicator `{id}` in shortcode"),
                hint,
            );
        }
        i
    });
    let place = |id: &str, diags: &mut Diagnostics| {
        let p = catalog.place(id);
        if p.is_none() {
            let ids = catalog
                .cities
                .iter()
                .map(|c| c.id.as_str())
                .chain(["network", "national"]);
            diags.error_hint(
                pos.clone(),
                format!("unknown city `{id}` in shortcode"),
                did_you_mean(id, ids),
            );
        }
        p
    };
    let period = |v: &str, diags: &mut Diagnostics| {
        v.parse::<Period>()
            .map_err(|e| diags.error(pos.clone(), e))
            .ok()
    };
    let code = match name {
        "value" => {
            let city = need("city", diags).and_then(|c| place(c, diags));
            let p = arg("period").map(|v| period(v, diags));
            Shortcode::Value {
                indicator: indicator?,
                place: city?,
                period: p.map(|p| p.ok_or(())).transpose().ok()?,
            }
        }
        "change" => {
            let city = need("city", diags).and_then(|c| place(c, diags));
            let from = need("from", diags).and_then(|v| period(v, diags));
            let to = need("to", diags).and_then(|v| period(v, diags));
            Shortcode::Change {
                indicator: indicator?,
                place: city?,
                from: from?,
                to: to?,
            }
        }
        _ => {
            let kind = match arg("kind").unwrap_or("trend") {
                "trend" => Some(ChartKind::Trend),
                "bars" => Some(ChartKind::Bars),
                "map" => match indicator {
                    Some(i) if catalog.indicators[i].measure == crate::model::Measure::Count => {
                        diags.error(
                            pos.clone(),
                            format!(
                                "chart kind `map`: `{}` is a count, which grows with a municipality's size; a count has no map (use `bars`)",
                                catalog.indicators[i].id
                            ),
                        );
                        None
                    }
                    _ => Some(ChartKind::Map),
                },
                other => {
                    diags.error(
                        pos.clone(),
                        format!("unknown chart kind `{other}`: expected `trend`, `bars` or `map`"),
                    );
                    None
                }
            };
            let city = arg("city").map(|c| place(c, diags));
            Shortcode::Chart {
                indicator: indicator?,
                kind: kind?,
                place: city.map(|c| c.ok_or(())).transpose().ok()?,
            }
        }
    };
    ok.then_some(code)
}
