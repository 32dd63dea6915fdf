//! Which place a data cell names: a city by its id, its kommunekode (`751`,
//! `0751`), its name with or without "Kommune"/"Regionskommune" and in either
//! spelling of æ, ø and å ("Århus", "Aarhus"), or an alias from
//! `data/network.toml`; "Hele landet", `national` and code 000 are the country.

use std::collections::BTreeMap;

use crate::model::{Catalog, Place};

/// How a file gives its cities (`cities = "…"` in a source description).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CitiesBy {
    /// Id, kommunekode, name or alias, whichever matches.
    #[default]
    Any,
    Id,
    Code,
    Name,
}

/// The places a cell may name, with the keys that lead to each.
pub struct Places {
    ids: BTreeMap<String, Place>,
    codes: BTreeMap<u16, Place>,
    names: BTreeMap<String, Vec<(Place, String)>>,
    /// Every city id and `national`, for "did you mean" hints.
    pub hint_ids: Vec<String>,
}

/// Why a cell names no single place.
#[derive(Debug, PartialEq)]
pub enum Unresolved {
    Unknown,
    /// Several places match: their ids.
    Ambiguous(Vec<String>),
}

impl Places {
    /// The places of `catalog`; `aliases[i]` are extra names of city `i`.
    pub fn new(catalog: &Catalog, aliases: &[Vec<String>]) -> Places {
        let mut ids = BTreeMap::new();
        let mut codes = BTreeMap::new();
        let mut names: BTreeMap<String, Vec<(Place, String)>> = BTreeMap::new();
        let mut add_name = |name: &str, place: Place, id: &str| {
            let entry = names.entry(normalise(name)).or_default();
            if !entry.iter().any(|(p, _)| *p == place) {
                entry.push((place, id.to_owned()));
            }
        };
        for (i, city) in catalog.cities.iter().enumerate() {
            ids.insert(city.id.clone(), Place::City(i));
            codes.insert(city.code, Place::City(i));
            add_name(&city.name, Place::City(i), &city.id);
            for alias in aliases.get(i).into_iter().flatten() {
                add_name(alias, Place::City(i), &city.id);
            }
        }
        ids.insert("national".to_owned(), Place::National);
        codes.insert(0, Place::National);
        for name in ["Hele landet", "Danmark", "Landet i alt"] {
            add_name(name, Place::National, "national");
        }
        let hint_ids = catalog
            .cities
            .iter()
            .map(|c| c.id.clone())
            .chain(["national".to_owned()])
            .collect();
        Places {
            ids,
            codes,
            names,
            hint_ids,
        }
    }

    /// The place `text` names, read the way `by` says.
    pub fn resolve(&self, text: &str, by: CitiesBy) -> Result<Place, Unresolved> {
        let text = text.trim();
        let any = by == CitiesBy::Any;
        if any || by == CitiesBy::Id {
            if let Some(p) = self.ids.get(text) {
                return Ok(*p);
            }
        }
        let numeric =
            !text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
        if (any || by == CitiesBy::Code) && numeric {
            let code: u16 = text.parse().map_err(|_| Unresolved::Unknown)?;
            return self.codes.get(&code).copied().ok_or(Unresolved::Unknown);
        }
        if any || by == CitiesBy::Name {
            let key = normalise(text);
            // "Københavns Kommune", "Vesthimmerlands Kommune": the genitive s.
            let genitive = (key != normalise_keep_suffix(text))
                .then(|| key.strip_suffix('s').map(str::to_owned))
                .flatten();
            let found = self
                .names
                .get(&key)
                .or_else(|| genitive.and_then(|g| self.names.get(&g)));
            match found.map(Vec::as_slice) {
                Some([(p, _)]) => return Ok(*p),
                Some(many @ [_, _, ..]) => {
                    return Err(Unresolved::Ambiguous(
                        many.iter().map(|(_, id)| id.clone()).collect(),
                    ))
                }
                _ => {}
            }
        }
        Err(Unresolved::Unknown)
    }
}

/// A name reduced to what tells municipalities apart: lower case, æ/ø/å
/// spelt ae/oe/aa, without "Kommune"/"Regionskommune", spaces collapsed.
pub fn normalise(name: &str) -> String {
    let words = normalise_keep_suffix(name);
    let words: Vec<&str> = words.split(' ').collect();
    let words = match words.as_slice() {
        [rest @ .., "kommune" | "regionskommune"] if !rest.is_empty() => rest,
        w => w,
    };
    words.join(" ")
}

/// [`normalise`] without dropping "Kommune".
fn normalise_keep_suffix(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for ch in lower.chars() {
        match ch {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'é' | 'è' => out.push('e'),
            '-' | '_' | '.' => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_alike() {
        assert_eq!(normalise("Århus"), normalise("Aarhus"));
        assert_eq!(normalise("Aarhus Kommune"), "aarhus");
        assert_eq!(normalise("Bornholms Regionskommune"), "bornholms");
        assert_eq!(normalise("København"), normalise("Koebenhavn"));
        assert_eq!(normalise("  Hele   landet "), "hele landet");
        assert_eq!(normalise("Kommune"), "kommune");
    }
}
