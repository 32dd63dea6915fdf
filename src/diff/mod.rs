//! What changed in the data between two editions of a project: observations
//! added, removed and revised, and indicators or cities found in one edition
//! only. Observations are matched by ids (indicator, city, period, group),
//! never by index, since the catalogs of the two editions may differ.
//!
//! The comparison works on the raw observations as loaded, before disclosure
//! control: it is for the analyst's terminal (`maalrapport diff`), never for
//! the site. [`edition`] finds the earlier edition (a folder or a git ref);
//! [`report`] prints the result as text or CSV.

pub mod edition;
mod report;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Catalog, Flag, Observation, Observations, Period, Project};

/// Where an observation belongs, by ids. Orders by indicator, city, period, group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub indicator: String,
    /// A city id or `national`.
    pub city: String,
    pub period: Period,
    /// None: the total.
    pub group: Option<String>,
}

/// The fields of an observation that make up its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Numerator,
    Denominator,
    Value,
    N,
    Flag,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Numerator,
        Field::Denominator,
        Field::Value,
        Field::N,
        Field::Flag,
    ];
}

/// The content of one field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Datum {
    Count(u64),
    Number(f64),
    Flag(Flag),
}

/// One field that differs: `old` None for an added observation (or a field
/// filled in), `new` None for a removed one (or a field emptied).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<Datum>,
    pub new: Option<Datum>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Added,
    Removed,
    Revised,
}

/// An observation that was added, removed or revised, with the fields that differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub kind: Kind,
    pub key: Key,
    pub fields: Vec<FieldChange>,
}

/// What a catalog entry found in one edition only is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    Indicator,
    City,
}

/// An indicator or city in one edition only (`kind` Added or Removed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CatalogChange {
    pub entry: Entry,
    pub kind: Kind,
    pub id: String,
}

/// The differences between an earlier and the current edition, sorted.
#[derive(Debug, Default)]
pub struct Diff {
    pub catalog: Vec<CatalogChange>,
    pub changes: Vec<Change>,
}

impl Diff {
    /// How many observations changed this way.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// Compare the data of an earlier edition with the current one.
pub fn compare(earlier: &Project, current: &Project) -> Diff {
    let old = by_key(&earlier.catalog, &earlier.observations);
    let new = by_key(&current.catalog, &current.observations);
    let mut changes = Vec::new();
    for (key, o) in &old {
        let (kind, fields) = match new.get(key) {
            None => (Kind::Removed, between(Some(o), None)),
            Some(n) => (Kind::Revised, between(Some(o), Some(n))),
        };
        if !fields.is_empty() {
            changes.push(Change {
                kind,
                key: key.clone(),
                fields,
            });
        }
    }
    for (key, n) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
        changes.push(Change {
            kind: Kind::Added,
            key: key.clone(),
            fields: between(None, Some(n)),
        });
    }
    changes.sort_by(|a, b| a.key.cmp(&b.key));
    Diff {
        catalog: catalog_changes(&earlier.catalog, &current.catalog),
        changes,
    }
}

/// Every observation under its ids.
fn by_key<'a>(cat: &Catalog, obs: &'a Observations) -> BTreeMap<Key, &'a Observation> {
    obs.iter()
        .map(|(&(i, group, place, period), o)| {
            let ind = &cat.indicators[i];
            let key = Key {
                indicator: ind.id.clone(),
                city: cat.place_id(place).to_owned(),
                period,
                group: group.map(|g| ind.groups[g].id.clone()),
            };
            (key, o)
        })
        .collect()
}

fn datum(o: &Observation, field: Field) -> Option<Datum> {
    match field {
        Field::Numerator => o.numerator.map(Datum::Count),
        Field::Denominator => o.denominator.map(Datum::Count),
        Field::Value => o.value.map(Datum::Number),
        Field::N => o.n.map(Datum::Count),
        Field::Flag => o.flag.map(Datum::Flag),
    }
}

/// The fields that differ between two versions of an observation (either may be absent).
fn between(old: Option<&Observation>, new: Option<&Observation>) -> Vec<FieldChange> {
    Field::ALL
        .into_iter()
        .map(|field| FieldChange {
            field,
            old: old.and_then(|o| datum(o, field)),
            new: new.and_then(|o| datum(o, field)),
        })
        .filter(|c| c.old != c.new)
        .collect()
}

/// Indicators, then cities, found in one edition only; by id within each.
fn catalog_changes(old: &Catalog, new: &Catalog) -> Vec<CatalogChange> {
    let indicators =
        |c: &Catalog| -> BTreeSet<String> { c.indicators.iter().map(|i| i.id.clone()).collect() };
    let cities =
        |c: &Catalog| -> BTreeSet<String> { c.cities.iter().map(|c| c.id.clone()).collect() };
    let mut out = Vec::new();
    for (entry, before, after) in [
        (Entry::Indicator, indicators(old), indicators(new)),
        (Entry::City, cities(old), cities(new)),
    ] {
        for (kind, ids) in [
            (Kind::Added, after.difference(&before)),
            (Kind::Removed, before.difference(&after)),
        ] {
            out.extend(ids.map(|id| CatalogChange {
                entry,
                kind,
                id: id.clone(),
            }));
        }
    }
    out.sort();
    out
}
