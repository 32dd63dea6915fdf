//! Open data for re-use: `data/values.csv` (the input columns plus computed
//! network rows; withheld cells empty, flagged `suppressed`; an aggregate
//! short of some cities lists them in `partial`) and
//! `data/indicators.json` (the catalogue with every definition).

use super::figures::csv_field;
use super::prose::partial_ids;
use crate::compute::{Cell, Computed, Missing};
use crate::format::plain;
use crate::model::{Catalog, LinkKind, Project};
use crate::write::Output;

pub(super) fn write(project: &Project, computed: &Computed, out: &mut Output) {
    out.add("data/values.csv", values_csv(&project.catalog, computed));
    out.add("data/indicators.json", indicators_json(&project.catalog));
}

fn values_csv(cat: &Catalog, computed: &Computed) -> String {
    let mut s = String::from(
        "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group,previous,partial\n",
    );
    for (i, data) in computed.indicators.iter().enumerate() {
        let ind = &cat.indicators[i];
        for (&(group, place, period), cell) in data.cells() {
            let group = group.map_or("", |g| ind.groups[g].id.as_str());
            let prefix = format!("{},{},{period}", ind.id, cat.place_id(place));
            let line = match cell {
                Cell::Value(f) => {
                    let num = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
                    format!(
                        "{prefix},{},{},{},{},{},{},{},{},{group},{},{}\n",
                        num(f.numerator),
                        num(f.denominator),
                        plain(f.value, 4),
                        num(f.n),
                        f.flag.map_or("", |fl| fl.id()),
                        csv_field(f.note.as_deref().unwrap_or("")),
                        csv_field(f.source.as_deref().unwrap_or("")),
                        f.published.map(|d| d.to_string()).unwrap_or_default(),
                        f.previous.map(|v| plain(v, 4)).unwrap_or_default(),
                        partial_ids(cat, f),
                    )
                }
                Cell::Missing(m) => {
                    let flag = match m {
                        Missing::NotApplicable => "not-applicable",
                        _ if m.suppressed() => "suppressed",
                        _ => "not-reported",
                    };
                    format!("{prefix},,,,,{flag},,,,{group},,\n")
                }
            };
            s.push_str(&line);
        }
    }
    s
}

fn indicators_json(cat: &Catalog) -> String {
    let indicators: Vec<serde_json::Value> = cat
        .indicators
        .iter()
        .map(|ind| {
            let mut v = serde_json::to_value(ind).expect("indicator serialises");
            v["goals"] = ind.goals.iter().map(|g| cat.goals[*g].id.clone()).collect();
            // A breakdown's hierarchy and the indicators counting the same
            // people, by id: what a reader needs to add the tables up.
            for (k, g) in ind.groups.iter().enumerate() {
                if let Some(p) = g.parent {
                    v["groups"][k]["parent"] = ind.groups[p].id.clone().into();
                }
            }
            for link in &ind.links {
                let key = match link.kind {
                    LinkKind::NumeratorOf => "numerator_of",
                    LinkKind::SamePeople => "same_people_as",
                    LinkKind::ComplementOf => "complement_of",
                };
                let other = serde_json::Value::from(cat.indicators[link.other].id.clone());
                if link.kind == LinkKind::SamePeople {
                    // A list, as in the indicator file.
                    if !v[key].is_array() {
                        v[key] = serde_json::Value::Array(Vec::new());
                    }
                    v[key].as_array_mut().expect("an array").push(other);
                } else {
                    v[key] = other;
                }
            }
            v
        })
        .collect();
    let goals: Vec<serde_json::Value> = cat
        .goals
        .iter()
        .map(|g| {
            let mut v = serde_json::to_value(g).expect("goal serialises");
            v["area"] = cat.areas[g.area].id.clone().into();
            v
        })
        .collect();
    let doc = serde_json::json!({
        "network": cat.network_name,
        "cities": cat.cities,
        "areas": cat.areas,
        "goals": goals,
        "indicators": indicators,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("catalogue serialises");
    s.push('\n');
    s
}
