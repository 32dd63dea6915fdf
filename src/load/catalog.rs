//! `data/network.toml`, `data/areas.toml`, `data/goals.toml` and
//! `data/indicators/*.toml` into a [`Catalog`].

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::{Files, Source, Sp};
use crate::diag::{did_you_mean, Diagnostics, Pos};
use crate::model::{
    Area, Catalog, City, Direction, Fulfilment, Goal, GoalStatus, Group, Indicator, Link, LinkKind,
    Measure, Origin, Period, Target, TheoryLevel, TheoryStep,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkFile {
    name: String,
    #[serde(default)]
    city: Vec<CityRaw>,
    #[serde(default)]
    group: Vec<CityGroupRaw>,
}

/// `[[group]]` in `data/network.toml`: a comparison group of cities.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CityGroupRaw {
    id: Sp<String>,
    name: String,
    cities: Vec<Sp<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CityRaw {
    id: Sp<String>,
    code: u16,
    name: String,
    color: Option<Sp<String>>,
    /// Other names the city goes by in data files ("Århus", "Aarhus Kommune").
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    #[serde(default)]
    area: Vec<AreaRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaRaw {
    id: Sp<String>,
    title: String,
    chair: Option<Sp<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalsFile {
    #[serde(default)]
    goal: Vec<GoalRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalRaw {
    id: Sp<String>,
    number: u32,
    area: Sp<String>,
    text: String,
    origin: Origin,
    #[serde(default = "operationalised")]
    status: GoalStatus,
    expected: Option<String>,
    note: Option<String>,
    #[serde(default)]
    theory: Vec<TheoryRaw>,
}

fn operationalised() -> GoalStatus {
    GoalStatus::Operationalised
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TheoryRaw {
    level: TheoryLevel,
    text: String,
    indicator: Option<Sp<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorRaw {
    title: String,
    goals: Sp<Vec<Sp<String>>>,
    measure: Measure,
    direction: Direction,
    per: Option<Sp<u32>>,
    unit: Option<String>,
    #[serde(default)]
    target_group: String,
    #[serde(default)]
    numerator: String,
    #[serde(default)]
    denominator: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    distribution: String,
    #[serde(default)]
    caveats: Vec<String>,
    #[serde(default = "yes")]
    comparable: bool,
    target: Option<Sp<TargetRaw>>,
    #[serde(default)]
    group: Vec<GroupRaw>,
    fulfilment: Option<FulfilmentRaw>,
    /// This count is the numerator of that share (the same people).
    numerator_of: Option<Sp<String>>,
    /// These indicators count the same people.
    #[serde(default)]
    same_people_as: Vec<Sp<String>>,
    /// This share and that one split the same denominator (fulfilled/unfulfilled).
    complement_of: Option<Sp<String>>,
    /// Published knowingly although disclosure control cannot check it.
    unchecked: Option<Sp<String>>,
}

/// `fulfilment = { fulfilled = "…", unfulfilled = "…" }`: the two indicators
/// (shares by goal type) drawn on this indicator's fact sheet.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FulfilmentRaw {
    fulfilled: Sp<String>,
    unfulfilled: Sp<String>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetRaw {
    level: Option<f64>,
    change: Option<f64>,
    baseline: Option<Sp<String>>,
    deadline: Sp<String>,
    /// Judge by the straight line to the goal before the deadline (default true).
    trajectory: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRaw {
    id: Sp<String>,
    title: String,
    parent: Option<Sp<String>>,
}

/// Whether `id` may be used as an id and a folder name: `^[a-z0-9][a-z0-9-]*$`.
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && b[0] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

pub(crate) const ID_RULE: &str =
    "ids use lower-case ASCII letters, digits and `-` (e.g. `ung-kriminalitet`)";

/// Report an invalid or duplicate id; returns whether the id is usable.
fn check_id(
    src: &Source,
    id: &Sp<String>,
    seen: &mut BTreeSet<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    if !valid_id(id.get_ref()) {
        diags.error(
            src.at(id),
            format!("invalid {what} id `{}`: {ID_RULE}", id.get_ref()),
        );
        false
    } else if !seen.insert(id.get_ref().clone()) {
        diags.error(
            src.at(id),
            format!("duplicate {what} id `{}`", id.get_ref()),
        );
        false
    } else {
        true
    }
}

/// Resolve a reference to one of `ids`, reporting an unknown id with a hint.
fn resolve(
    src: &Source,
    r: &Sp<String>,
    ids: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let pos = ids.iter().position(|i| *i == r.get_ref());
    if pos.is_none() {
        let hint = did_you_mean(r.get_ref(), ids.iter().copied());
        diags.error_hint(src.at(r), format!("unknown {what} `{}`", r.get_ref()), hint);
    }
    pos
}

fn period(src: &Source, p: &Sp<String>, diags: &mut Diagnostics) -> Option<Period> {
    p.get_ref()
        .parse()
        .map_err(|e: String| diags.error(src.at(p), e))
        .ok()
}

/// The catalog, and each city's aliases (parallel to `Catalog::cities`):
/// they only serve reading data files, so they stay in `load`.
pub(super) fn load(files: &Files, diags: &mut Diagnostics) -> Option<(Catalog, Vec<Vec<String>>)> {
    let (network, net_src) = files.toml::<NetworkFile>("data/network.toml", diags)?;
    let (cities, aliases) = cities(network.city, &net_src, diags);
    let city_groups = city_groups(network.group, &cities, &net_src, diags);
    let (areas_file, areas_src) = files.toml::<AreasFile>("data/areas.toml", diags)?;
    let city_ids: Vec<&str> = cities.iter().map(|c| c.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut areas = Vec::new();
    for a in areas_file.area {
        if check_id(&areas_src, &a.id, &mut seen, "area", diags) {
            let chair = a
                .chair
                .as_ref()
                .and_then(|c| resolve(&areas_src, c, &city_ids, "city", diags));
            areas.push(Area {
                id: a.id.into_inner(),
                title: a.title,
                chair,
            });
        }
    }
    let (goals_file, goals_src) = files.toml::<GoalsFile>("data/goals.toml", diags)?;
    let area_ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut goals = Vec::new();
    let mut theory_refs = Vec::new();
    let mut broken_goals = Vec::new();
    for g in goals_file.goal {
        let area = resolve(&goals_src, &g.area, &area_ids, "area", diags);
        let id_ok = check_id(&goals_src, &g.id, &mut seen, "goal", diags);
        if id_ok && area.is_none() {
            // Dropped for its area: references to it are not reported again.
            broken_goals.push(g.id.get_ref().clone());
        }
        if let (true, Some(area)) = (id_ok, area) {
            let mut theory = Vec::new();
            for t in g.theory {
                if let Some(r) = t.indicator {
                    theory_refs.push((goals.len(), theory.len(), r));
                }
                theory.push(TheoryStep {
                    level: t.level,
                    text: t.text,
                    indicator: None,
                });
            }
            goals.push(Goal {
                id: g.id.into_inner(),
                number: g.number,
                area,
                text: g.text,
                origin: g.origin,
                status: g.status,
                expected: g.expected,
                note: g.note,
                theory,
            });
        }
    }
    let (indicators, broken_indicators) = indicators(files, &goals, &broken_goals, diags);
    let indicator_ids: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
    for (goal, step, r) in theory_refs
        .into_iter()
        .filter(|(_, _, r)| !broken_indicators.contains(r.get_ref()))
    {
        goals[goal].theory[step].indicator =
            resolve(&goals_src, &r, &indicator_ids, "indicator", diags);
    }
    let catalog = Catalog {
        network_name: network.name,
        cities,
        city_groups,
        areas,
        goals,
        indicators,
        broken_indicators,
    };
    Some((catalog, aliases))
}

fn cities(
    raw: Vec<CityRaw>,
    src: &Source,
    diags: &mut Diagnostics,
) -> (Vec<City>, Vec<Vec<String>>) {
    let mut seen = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let mut cities = Vec::new();
    let mut aliases = Vec::new();
    for c in raw {
        if matches!(c.id.get_ref().as_str(), "network" | "national") {
            diags.error(
                src.at(&c.id),
                format!("`{}` is reserved and cannot be a city id", c.id.get_ref()),
            );
            continue;
        }
        if !check_id(src, &c.id, &mut seen, "city", diags) {
            continue;
        }
        if !codes.insert(c.code) {
            diags.error(
                src.at(&c.id),
                format!("kommunekode {} is used by two cities", c.code),
            );
        }
        if let Some(color) = &c.color {
            let ok = color.get_ref().len() == 7
                && color.get_ref().starts_with('#')
                && color.get_ref()[1..].bytes().all(|b| b.is_ascii_hexdigit());
            if !ok {
                diags.error(
                    src.at(color),
                    format!("invalid colour `{}`: expected `#rrggbb`", color.get_ref()),
                );
            }
        }
        cities.push(City {
            id: c.id.into_inner(),
            code: c.code,
            region: crate::model::Region::of_code(c.code),
            name: c.name,
            color: c.color.map(|c| c.into_inner().to_ascii_lowercase()),
        });
        aliases.push(c.aliases);
    }
    (cities, aliases)
}

/// Comparison groups: ids that cannot be mistaken for a city or another
/// place, at least two known cities each, every city once.
fn city_groups(
    raw: Vec<CityGroupRaw>,
    cities: &[City],
    src: &Source,
    diags: &mut Diagnostics,
) -> Vec<crate::model::CityGroup> {
    let city_ids: Vec<&str> = cities.iter().map(|c| c.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    let mut groups = Vec::new();
    for g in raw {
        let id = g.id.get_ref().as_str();
        let taken = matches!(id, "network" | "national")
            || city_ids.contains(&id)
            || crate::model::Region::parse(id).is_some();
        if taken {
            diags.error(
                src.at(&g.id),
                format!(
                    "group id `{id}` is already the id of a city or another place: choose another"
                ),
            );
            continue;
        }
        if !check_id(src, &g.id, &mut seen, "group", diags) {
            continue;
        }
        let mut members = Vec::new();
        for c in &g.cities {
            if let Some(i) = resolve(src, c, &city_ids, "city", diags) {
                if members.contains(&i) {
                    diags.error(src.at(c), format!("city `{}` is listed twice", c.get_ref()));
                } else {
                    members.push(i);
                }
            }
        }
        if members.len() < 2 {
            diags.error(
                src.at(&g.id),
                format!("group `{id}` needs at least two cities of the network"),
            );
            continue;
        }
        members.sort_unstable();
        groups.push(crate::model::CityGroup {
            id: g.id.into_inner(),
            name: g.name,
            cities: members,
        });
    }
    groups
}

/// The indicators, and the ids of indicator files that could not be read.
fn indicators(
    files: &Files,
    goals: &[Goal],
    broken_goals: &[String],
    diags: &mut Diagnostics,
) -> (Vec<Indicator>, Vec<String>) {
    let goal_ids: Vec<&str> = goals.iter().map(|g| g.id.as_str()).collect();
    let mut out = Vec::new();
    let mut broken = Vec::new();
    let mut fulfilment_refs = Vec::new();
    let mut link_refs = Vec::new();
    for rel in files.list("data/indicators", "toml") {
        let Some((raw, src)) = files.toml::<IndicatorRaw>(&rel, diags) else {
            broken.push(stem(&rel));
            continue;
        };
        let id = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !valid_id(&id) {
            diags.error(
                src.pos(0),
                format!("invalid indicator id `{id}` (the file name): {ID_RULE}"),
            );
            continue;
        }
        if let Some(f) = &raw.fulfilment {
            let at = |r: &Sp<String>| (r.get_ref().clone(), src.at(r));
            fulfilment_refs.push((id.clone(), at(&f.fulfilled), at(&f.unfulfilled)));
        }
        let links = raw
            .numerator_of
            .iter()
            .map(|r| (LinkKind::NumeratorOf, r))
            .chain(raw.same_people_as.iter().map(|r| (LinkKind::SamePeople, r)))
            .chain(
                raw.complement_of
                    .iter()
                    .map(|r| (LinkKind::ComplementOf, r)),
            );
        for (kind, r) in links {
            link_refs.push((id.clone(), kind, (r.get_ref().clone(), src.at(r))));
        }
        if let Some(ind) = indicator(id, raw, &src, &goal_ids, broken_goals, diags) {
            out.push(ind);
        }
    }
    // Report order: by the first goal served, then by id.
    out.sort_by(|a, b| (a.goals.first(), &a.id).cmp(&(b.goals.first(), &b.id)));
    resolve_fulfilment(&mut out, fulfilment_refs, &broken, diags);
    resolve_links(&mut out, link_refs, &broken, diags);
    (out, broken)
}

/// `numerator_of`, `same_people_as`, `complement_of`: known indicators of a
/// measure the link makes sense for.
fn resolve_links(
    out: &mut [Indicator],
    refs: Vec<(String, LinkKind, Ref)>,
    broken: &[String],
    diags: &mut Diagnostics,
) {
    for (owner, kind, (id, pos)) in refs {
        let Some(o) = out.iter().position(|i| i.id == owner) else {
            continue;
        };
        let Some(other) = out.iter().position(|i| i.id == id) else {
            if !broken.contains(&id) {
                let hint = did_you_mean(&id, out.iter().map(|i| i.id.as_str()));
                diags.error_hint(pos, format!("unknown indicator `{id}`"), hint);
            }
            continue;
        };
        let (mine, theirs) = (out[o].measure, out[other].measure);
        let problem = match kind {
            _ if other == o => Some("an indicator cannot be linked to itself".to_owned()),
            LinkKind::NumeratorOf if theirs != Measure::Share => Some(format!(
                "`numerator_of` names a share indicator; `{id}` is not one"
            )),
            LinkKind::NumeratorOf if mine == Measure::Share => Some(
                "`numerator_of` is for a count (or rate) whose people are a share's numerator"
                    .to_owned(),
            ),
            LinkKind::ComplementOf if mine != Measure::Share || theirs != Measure::Share => Some(
                "`complement_of` links two share indicators with the same denominator".to_owned(),
            ),
            _ => None,
        };
        match problem {
            Some(msg) => diags.error(pos, msg),
            None => out[o].links.push(Link { kind, other }),
        }
    }
}

type Ref = (String, Pos);

/// Point each fact sheet at its fulfilled/unfulfilled indicators.
fn resolve_fulfilment(
    out: &mut [Indicator],
    refs: Vec<(String, Ref, Ref)>,
    broken: &[String],
    diags: &mut Diagnostics,
) {
    let index = |out: &[Indicator], (id, pos): &Ref, diags: &mut Diagnostics| {
        let found = out.iter().position(|i| i.id == *id);
        if found.is_none() && !broken.contains(id) {
            let hint = did_you_mean(id, out.iter().map(|i| i.id.as_str()));
            diags.error_hint(
                pos.clone(),
                format!("unknown indicator `{id}` in `fulfilment`"),
                hint,
            );
        }
        found
    };
    for (owner, fulfilled, unfulfilled) in refs {
        let (f, u) = (
            index(out, &fulfilled, diags),
            index(out, &unfulfilled, diags),
        );
        if let (Some(f), Some(u), Some(o)) = (f, u, out.iter().position(|i| i.id == owner)) {
            out[o].fulfilment = Some(Fulfilment {
                fulfilled: f,
                unfulfilled: u,
            });
        }
    }
}

fn indicator(
    id: String,
    raw: IndicatorRaw,
    src: &Source,
    goal_ids: &[&str],
    broken_goals: &[String],
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let mut goals: Vec<usize> = raw
        .goals
        .get_ref()
        .iter()
        .filter(|g| !broken_goals.contains(g.get_ref()))
        .filter_map(|g| resolve(src, g, goal_ids, "goal", diags))
        .collect();
    if raw.goals.get_ref().is_empty() {
        diags.error(
            src.at(&raw.goals),
            "an indicator must serve at least one goal",
        );
    }
    goals.sort_unstable();
    goals.dedup();
    if raw.measure == Measure::Rate && raw.per.is_none() {
        diags.error(
            src.pos(0),
            "a `rate` indicator needs `per` (e.g. per = 1000 inhabitants)",
        );
    }
    if raw.measure != Measure::Rate && raw.per.is_some() {
        diags.error(src.pos(0), "`per` only applies to `rate` indicators");
    }
    if let Some(per) = raw.per.as_ref().filter(|p| *p.get_ref() == 0) {
        diags.error(
            src.at(per),
            "`per = 0`: a rate is per a number of inhabitants, e.g. per = 1000 or per = 10000",
        );
    }
    let target = raw.target.as_ref().and_then(|t| target(src, t, diags));
    let groups = groups(src, raw.group, diags);
    Some(Indicator {
        id,
        title: raw.title,
        goals,
        measure: raw.measure,
        direction: raw.direction,
        per: raw.per.map(Sp::into_inner),
        unit: raw.unit,
        target_group: raw.target_group,
        numerator: raw.numerator,
        denominator: raw.denominator,
        sources: raw.sources,
        distribution: raw.distribution,
        caveats: raw.caveats,
        comparable: raw.comparable,
        target,
        groups,
        fulfilment: None,
        links: Vec::new(),
        unchecked: raw.unchecked.and_then(|u| {
            if u.get_ref().trim().is_empty() {
                diags.error(
                    src.at(&u),
                    "`unchecked` needs the reason why these figures cannot reveal few persons",
                );
                None
            } else {
                Some(u.into_inner())
            }
        }),
        pos: src.pos(0),
    })
}

fn target(src: &Source, t: &Sp<TargetRaw>, diags: &mut Diagnostics) -> Option<Target> {
    let raw = t.get_ref();
    let deadline = period(src, &raw.deadline, diags);
    let baseline = raw.baseline.as_ref().and_then(|b| period(src, b, diags));
    if raw.level.is_none() && raw.change.is_none() {
        diags.error(src.at(t), "a target needs `level`, `change` or both");
    }
    if raw.change.is_some() && raw.baseline.is_none() {
        diags.error(
            src.at(t),
            "a relative target (`change`) needs a `baseline` period",
        );
    }
    if let (Some(b), Some(d)) = (baseline, deadline) {
        if b >= d {
            diags.error(
                src.at(raw.baseline.as_ref()?),
                "the target's baseline must lie before its deadline",
            );
        }
    }
    Some(Target {
        level: raw.level,
        change: raw.change,
        baseline,
        deadline: deadline?,
        trajectory: raw.trajectory.unwrap_or(true),
        pos: raw
            .baseline
            .as_ref()
            .map_or_else(|| src.at(t), |b| src.at(b)),
    })
}

fn groups(src: &Source, raw: Vec<GroupRaw>, diags: &mut Diagnostics) -> Vec<Group> {
    let mut seen = BTreeSet::new();
    let mut groups: Vec<Group> = Vec::new();
    for g in raw {
        if !check_id(src, &g.id, &mut seen, "group", diags) {
            continue;
        }
        let parent = g.parent.as_ref().and_then(|p| {
            let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            let found = ids.iter().position(|i| *i == p.get_ref());
            if found.is_none() {
                diags.error(src.at(p), format!("unknown parent group `{}` (a parent must be declared before its sub-groups)", p.get_ref()));
            }
            found
        });
        groups.push(Group {
            id: g.id.into_inner(),
            title: g.title,
            parent,
        });
    }
    groups
}

/// The indicator id a path like `data/indicators/x.toml` or `content/.../x.md` names.
pub(crate) fn stem(rel: &Path) -> String {
    rel.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}
