//! The validated domain: network, target-group areas, goals, indicators,
//! observations and content. Built once by `load`; later stages cannot meet an
//! invalid id, period or number.

pub mod content;
pub mod observation;
pub mod period;
pub mod region;
pub mod shortcode;

use serde::Serialize;

use crate::config::Config;
use crate::diag::Pos;
pub use content::{Content, HandoutKind, Page, Seminar, SeminarKind};
pub use observation::{Flag, ObsKey, Observation, Observations, Place};
pub use period::{Date, Period};
pub use region::Region;

/// A whole project after loading and validation.
#[derive(Debug)]
pub struct Project {
    /// The project folder (templates are looked up here).
    pub root: std::path::PathBuf,
    pub config: Config,
    pub catalog: Catalog,
    pub observations: Observations,
    pub content: Content,
}

/// Everything about the indicators except their numbers.
#[derive(Debug, Serialize)]
pub struct Catalog {
    pub network_name: String,
    pub cities: Vec<City>,
    /// Comparison groups of cities (`[[group]]` in `data/network.toml`).
    pub city_groups: Vec<CityGroup>,
    pub areas: Vec<Area>,
    pub goals: Vec<Goal>,
    pub indicators: Vec<Indicator>,
    /// Ids of indicator files that exist but could not be read. References to
    /// them are skipped without a message: the file's own error says it all.
    #[serde(skip)]
    pub broken_indicators: Vec<String>,
}

/// One municipality in the network.
#[derive(Debug, Clone, Serialize)]
pub struct City {
    pub id: String,
    /// Kommunekode, e.g. 101 for København.
    pub code: u16,
    pub name: String,
    pub color: Option<String>,
    /// From the kommunekode; None for a code that is no municipality.
    pub region: Option<Region>,
}

/// A comparison group (sammenligningsgruppe): cities that are alike, declared
/// in `data/network.toml`. Its aggregate is computed like the network's.
#[derive(Debug, Clone, Serialize)]
pub struct CityGroup {
    pub id: String,
    pub name: String,
    /// Indices into `Catalog::cities`, in network order.
    #[serde(skip)]
    pub cities: Vec<usize>,
}

/// What a city is compared with (`[compare] with`, in that order): the rest
/// of the network, the rest of its region, the rest of a comparison group it
/// is in, the whole country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    Network,
    Region,
    Group(usize),
    National,
}

/// A target-group area (målgruppe) that groups goals in reports.
#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    /// Index into `Catalog::cities` of the city chairing the working group.
    #[serde(skip)]
    pub chair: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Origin {
    #[serde(rename = "2020")]
    National2020,
    #[serde(rename = "6-by")]
    SixCities,
    #[serde(rename = "social-mobility")]
    SocialMobility,
}

impl Origin {
    pub fn label_da(self) -> &'static str {
        match self {
            Origin::National2020 => "Regeringens 2020-mål",
            Origin::SixCities => "6-by-mål",
            Origin::SocialMobility => "Regeringens mål for social mobilitet",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalStatus {
    Operationalised,
    Pending,
}

/// A political goal with its indicators.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub id: String,
    pub number: u32,
    #[serde(skip)]
    pub area: usize,
    pub text: String,
    pub origin: Origin,
    pub status: GoalStatus,
    pub expected: Option<String>,
    pub note: Option<String>,
    pub theory: Vec<TheoryStep>,
}

impl Goal {
    /// "Mål 1" for the common 6-by goals, "Mobilitetsmål 6" for the
    /// government's social-mobility goals (their numbers overlap).
    pub fn label_da(&self) -> String {
        match self.origin {
            Origin::SocialMobility => format!("Mobilitetsmål {}", self.number),
            _ => format!("Mål {}", self.number),
        }
    }
}

/// One step of a theory of change (forandringsteori).
#[derive(Debug, Clone, Serialize)]
pub struct TheoryStep {
    pub level: TheoryLevel,
    pub text: String,
    #[serde(skip)]
    pub indicator: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TheoryLevel {
    Activity,
    Short,
    Medium,
    Long,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// numerator / denominator, shown in pct.
    Share,
    Count,
    /// per `per` inhabitants.
    Rate,
    /// e.g. average goal fulfilment, with N.
    Mean,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Lower,
    Higher,
}

impl Direction {
    /// Whether `a` is better than `b`.
    pub fn better(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Lower => a < b,
            Direction::Higher => a > b,
        }
    }

    pub fn label_da(self) -> &'static str {
        match self {
            Direction::Lower => "lavere er bedre",
            Direction::Higher => "højere er bedre",
        }
    }
}

/// What an indicator aims at: a level and/or a relative change by a deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub level: Option<f64>,
    /// Relative change in pct. from `baseline` (negative = a fall).
    pub change: Option<f64>,
    pub baseline: Option<Period>,
    pub deadline: Period,
    /// Whether a place is judged against the straight line to the goal before
    /// the deadline (`trajectory = false` in `[target]`: it is not, and is
    /// "kan ikke vurderes endnu" until it has met the target or the deadline).
    pub trajectory: bool,
    /// Where `baseline` (else the `[target]` table) stands, for messages.
    #[serde(skip)]
    pub pos: Pos,
}

/// A breakdown of an indicator's values (life theme, goal type, unit).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    #[serde(skip)]
    pub parent: Option<usize>,
}

/// A measured indicator with its definitions.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    #[serde(skip)]
    pub goals: Vec<usize>,
    pub measure: Measure,
    pub direction: Direction,
    pub per: Option<u32>,
    pub unit: Option<String>,
    pub target_group: String,
    pub numerator: String,
    pub denominator: String,
    pub sources: Vec<String>,
    pub distribution: String,
    pub caveats: Vec<String>,
    pub comparable: bool,
    pub target: Option<Target>,
    pub groups: Vec<Group>,
    /// The indicators drawn as "Andel opfyldte / uopfyldte mål" on the fact sheet.
    #[serde(skip)]
    pub fulfilment: Option<Fulfilment>,
    /// Other indicators that count the same people (disclosure control sees
    /// them as one table).
    #[serde(skip)]
    pub links: Vec<Link>,
    /// Why figures that disclosure control cannot check (shares in pct. only,
    /// means without N, rates without their count) are published knowingly.
    #[serde(skip)]
    pub unchecked: Option<String>,
    #[serde(skip)]
    pub pos: Pos,
}

/// How an indicator's people relate to another indicator's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// This count is the numerator of that share (`numerator_of`).
    NumeratorOf,
    /// Both count the same people (`same_people_as`).
    SamePeople,
    /// Two shares of one denominator that exclude each other, e.g. fulfilled
    /// and unfulfilled goals (`complement_of`; fact-sheet pairs are linked so).
    ComplementOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// Index into `Catalog::indicators`.
    pub other: usize,
}

#[cfg(test)]
impl Indicator {
    /// A bare indicator for unit tests: id "x", no definitions, no target.
    pub fn bare(measure: Measure, direction: Direction) -> Indicator {
        Indicator {
            id: "x".into(),
            title: "x".into(),
            goals: vec![],
            measure,
            direction,
            per: (measure == Measure::Rate).then_some(1000),
            unit: None,
            target_group: String::new(),
            numerator: String::new(),
            denominator: String::new(),
            sources: vec![],
            distribution: String::new(),
            caveats: vec![],
            comparable: true,
            target: None,
            groups: vec![],
            fulfilment: None,
            links: vec![],
            unchecked: None,
            pos: Default::default(),
        }
    }
}

/// Indices of the two share indicators (by goal type) of a fact sheet's chart.
#[derive(Debug, Clone, Copy)]
pub struct Fulfilment {
    pub fulfilled: usize,
    pub unfulfilled: usize,
}

impl Catalog {
    pub fn city_index(&self, id: &str) -> Option<usize> {
        self.cities.iter().position(|c| c.id == id)
    }

    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    /// Whether `id` names an indicator whose file exists but could not be read.
    pub fn is_broken_indicator(&self, id: &str) -> bool {
        self.broken_indicators.iter().any(|b| b == id)
    }

    /// Resolve a place name used in data and shortcodes: a city id, `network`,
    /// `national`, a comparison group's id or a region (`region-midtjylland`).
    pub fn place(&self, id: &str) -> Option<Place> {
        match id {
            "network" => Some(Place::Network),
            "national" => Some(Place::National),
            _ => self
                .city_index(id)
                .map(Place::City)
                .or_else(|| self.city_group_index(id).map(Place::CityGroup))
                .or_else(|| Region::parse(id).map(Place::Region)),
        }
    }

    pub fn city_group_index(&self, id: &str) -> Option<usize> {
        self.city_groups.iter().position(|g| g.id == id)
    }

    /// The cities whose sum a place's aggregate is (empty for a city and the
    /// country, which come from the data).
    pub fn members(&self, place: Place) -> Vec<usize> {
        match place {
            Place::Network => (0..self.cities.len()).collect(),
            Place::CityGroup(g) => self.city_groups[g].cities.clone(),
            Place::Region(r) => (0..self.cities.len())
                .filter(|&c| self.cities[c].region == Some(r))
                .collect(),
            Place::City(_) | Place::National => Vec::new(),
        }
    }

    /// The aggregates computed besides the cities, from `[compare] with`:
    /// always the network; each comparison group named (`groups`: all);
    /// with `region`, each region whose municipalities are all in the network.
    pub fn aggregates(&self, with: &[toml::Spanned<String>]) -> Vec<Place> {
        let has = |w: &str| with.iter().any(|s| s.get_ref() == w);
        let mut out = vec![Place::Network];
        for (g, group) in self.city_groups.iter().enumerate() {
            let named = with
                .iter()
                .any(|s| s.get_ref().strip_prefix("group:") == Some(group.id.as_str()));
            if has("groups") || named {
                out.push(Place::CityGroup(g));
            }
        }
        if has("region") {
            out.extend(
                Region::ALL
                    .into_iter()
                    .filter(|r| self.covers_region(*r))
                    .map(Place::Region),
            );
        }
        out
    }

    /// The comparators of `[compare] with`, in its order (`groups`: every
    /// comparison group, in network.toml's order).
    pub fn comparators(&self, with: &[toml::Spanned<String>]) -> Vec<Comparator> {
        let mut out = Vec::new();
        for w in with {
            let add: Vec<Comparator> = match w.get_ref().as_str() {
                "network" => vec![Comparator::Network],
                "region" => vec![Comparator::Region],
                "national" => vec![Comparator::National],
                "groups" => (0..self.city_groups.len()).map(Comparator::Group).collect(),
                other => other
                    .strip_prefix("group:")
                    .and_then(|id| self.city_group_index(id))
                    .map(Comparator::Group)
                    .into_iter()
                    .collect(),
            };
            for c in add {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The place `city` is compared with under `c`: None when the city is
    /// not in that group, or its region has no figure of its own (not all the
    /// region's municipalities are in the network).
    pub fn comparator_place(&self, c: Comparator, city: usize) -> Option<Place> {
        match c {
            Comparator::Network => Some(Place::Network),
            Comparator::National => Some(Place::National),
            Comparator::Region => self.cities[city]
                .region
                .filter(|r| self.covers_region(*r))
                .map(Place::Region),
            Comparator::Group(g) => self.city_groups[g]
                .cities
                .contains(&city)
                .then_some(Place::CityGroup(g)),
        }
    }

    /// A table column's heading for comparator `c`.
    pub fn comparator_heading(&self, c: Comparator) -> String {
        match c {
            Comparator::Network => "Sammenlignet med resten af netværket".into(),
            Comparator::Region => "Sammenlignet med resten af regionen".into(),
            Comparator::Group(g) => {
                format!("Sammenlignet med resten af {}", self.city_groups[g].name)
            }
            Comparator::National => "Sammenlignet med hele landet".into(),
        }
    }

    /// Whether the network has every municipality of region `r`, so that the
    /// sum of its cities there is the region's figure.
    pub fn covers_region(&self, r: Region) -> bool {
        region::MUNICIPALITIES
            .iter()
            .filter(|m| m.1 == r)
            .all(|m| self.cities.iter().any(|c| c.code == m.0))
    }

    /// The display name of a place.
    pub fn place_name(&self, place: Place) -> &str {
        match place {
            Place::City(i) => &self.cities[i].name,
            Place::Network => &self.network_name,
            Place::CityGroup(g) => &self.city_groups[g].name,
            Place::Region(r) => r.name_da(),
            Place::National => "Hele landet",
        }
    }

    /// The id of a place as used in files and URLs.
    pub fn place_id(&self, place: Place) -> &str {
        match place {
            Place::City(i) => &self.cities[i].id,
            Place::Network => "network",
            Place::CityGroup(g) => &self.city_groups[g].id,
            Place::Region(r) => r.id(),
            Place::National => "national",
        }
    }

    /// Indicators serving any goal of `area`, in goal order, each once.
    pub fn goals_in_area(&self, area: usize) -> impl Iterator<Item = (usize, &Goal)> {
        self.goals
            .iter()
            .enumerate()
            .filter(move |(_, g)| g.area == area)
    }

    pub fn indicators_of_goal(&self, goal: usize) -> impl Iterator<Item = (usize, &Indicator)> {
        self.indicators
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.goals.contains(&goal))
    }
}
