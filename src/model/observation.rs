//! Observations: one figure for an indicator × place × period (× group),
//! indexed so every lookup is a map access, never a scan.

use std::collections::BTreeMap;
use std::ops::Bound;

use serde::Serialize;

use super::period::{Date, Period};
use crate::diag::Pos;

/// Where a figure belongs: a city of the network, a computed aggregate (the
/// network, a comparison group, a region), or the whole country (from the
/// data, never summed into the network).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    City(usize),
    Network,
    /// A comparison group: index into `Catalog::city_groups`.
    CityGroup(usize),
    /// A region, computed only when the network has all its municipalities.
    Region(super::Region),
    National,
}

impl Place {
    /// Whether the figure is computed as a sum over cities.
    pub fn is_aggregate(self) -> bool {
        matches!(
            self,
            Place::Network | Place::CityGroup(_) | Place::Region(_)
        )
    }
}

/// Quality flags that travel with an observation into every table and chart.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// Foreløbig.
    Provisional,
    /// Databrud: not comparable with earlier periods.
    Break,
    /// Ufuldstændig dækning, e.g. only some quarters reported.
    Partial,
}

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Provisional, Flag::Break, Flag::Partial];

    pub fn id(self) -> &'static str {
        match self {
            Flag::Provisional => "provisional",
            Flag::Break => "break",
            Flag::Partial => "partial",
        }
    }

    pub fn label_da(self) -> &'static str {
        match self {
            Flag::Provisional => "foreløbigt tal",
            Flag::Break => "databrud: kan ikke sammenlignes med tidligere perioder",
            Flag::Partial => "ufuldstændig dækning",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.id() == s)
    }
}

/// One figure as given in the data (before disclosure control).
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    /// For shares in pct.; for other measures the figure itself.
    pub value: Option<f64>,
    /// Persons behind a mean (or a count).
    pub n: Option<u64>,
    pub flag: Option<Flag>,
    pub note: Option<String>,
    pub source: Option<String>,
    /// Release date of this figure; for a revised figure, the date of the revision.
    pub published: Option<Date>,
    /// The figure as first published, when this one revises it (same unit
    /// as `value`: pct. for shares).
    pub previous: Option<f64>,
    /// Where the row was read, for messages.
    pub pos: Pos,
}

/// Lookup key: indicator index, group index (None = the total), place, period.
pub type ObsKey = (usize, Option<usize>, Place, Period);

/// All observations, ordered by indicator, group, place and period.
#[derive(Debug, Default)]
pub struct Observations {
    map: BTreeMap<ObsKey, Observation>,
    /// Observations held back until a seminar is published (`embargo =
    /// "<slug>"` in the values), with where the slug was written.
    embargo: BTreeMap<ObsKey, (String, Pos)>,
}

impl Observations {
    /// Insert; returns the earlier observation with the same key, if any.
    pub fn insert(&mut self, key: ObsKey, obs: Observation) -> Option<Observation> {
        self.map.insert(key, obs)
    }

    pub fn get(&self, key: &ObsKey) -> Option<&Observation> {
        self.map.get(key)
    }

    /// Hold the observation at `key` back until seminar `slug` is published.
    pub fn embargo_for(&mut self, key: ObsKey, slug: String, pos: Pos) {
        self.embargo.insert(key, (slug, pos));
    }

    /// Every held-back observation: its key, seminar and where that was written.
    pub fn embargoes(&self) -> impl Iterator<Item = (&ObsKey, &String, &Pos)> {
        self.embargo.iter().map(|(k, (s, p))| (k, s, p))
    }

    /// Keep only the observations for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&ObsKey, &Observation) -> bool) {
        self.map.retain(|k, o| keep(k, o));
        let map = &self.map;
        self.embargo.retain(|k, _| map.contains_key(k));
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&ObsKey, &Observation)> {
        self.map.iter()
    }

    /// All observations of one indicator (every group, place and period).
    pub fn of_indicator(&self, indicator: usize) -> impl Iterator<Item = (&ObsKey, &Observation)> {
        let lo = (indicator, None, Place::City(0), Period::Year(i32::MIN));
        self.map
            .range((Bound::Included(lo), Bound::Unbounded))
            .take_while(move |(k, _)| k.0 == indicator)
    }

    /// The observations of one indicator, group and place, in period order.
    pub fn series(
        &self,
        indicator: usize,
        group: Option<usize>,
        place: Place,
    ) -> impl Iterator<Item = (Period, &Observation)> {
        let lo = (indicator, group, place, Period::Year(i32::MIN));
        self.map
            .range((Bound::Included(lo), Bound::Unbounded))
            .take_while(move |(k, _)| k.0 == indicator && k.1 == group && k.2 == place)
            .map(|(k, o)| (k.3, o))
    }
}
