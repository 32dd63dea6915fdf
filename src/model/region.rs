//! The five regions of Denmark and which region each of the 98 municipalities
//! (kommunekoder since the 2007 reform) belongs to. The table is public
//! (Danmarks Statistik's classification, also in DAGI's `iso_3166_2`).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Region {
    Hovedstaden,
    Sjaelland,
    Syddanmark,
    Midtjylland,
    Nordjylland,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Hovedstaden,
        Region::Sjaelland,
        Region::Syddanmark,
        Region::Midtjylland,
        Region::Nordjylland,
    ];

    /// The region of a kommunekode, None for a code that is no municipality.
    pub fn of_code(code: u16) -> Option<Region> {
        MUNICIPALITIES
            .binary_search_by_key(&code, |(c, _)| *c)
            .ok()
            .map(|i| MUNICIPALITIES[i].1)
    }

    /// The id used in files and URLs: `region-hovedstaden`.
    pub fn id(self) -> &'static str {
        match self {
            Region::Hovedstaden => "region-hovedstaden",
            Region::Sjaelland => "region-sjaelland",
            Region::Syddanmark => "region-syddanmark",
            Region::Midtjylland => "region-midtjylland",
            Region::Nordjylland => "region-nordjylland",
        }
    }

    pub fn name_da(self) -> &'static str {
        match self {
            Region::Hovedstaden => "Region Hovedstaden",
            Region::Sjaelland => "Region Sjælland",
            Region::Syddanmark => "Region Syddanmark",
            Region::Midtjylland => "Region Midtjylland",
            Region::Nordjylland => "Region Nordjylland",
        }
    }

    /// ISO 3166-2 code (`DK-84`), as in DAGI's boundaries.
    pub fn iso(self) -> &'static str {
        match self {
            Region::Hovedstaden => "DK-84",
            Region::Sjaelland => "DK-85",
            Region::Syddanmark => "DK-83",
            Region::Midtjylland => "DK-82",
            Region::Nordjylland => "DK-81",
        }
    }

    pub fn parse(id: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// Every municipality's kommunekode and region, sorted by code.
pub const MUNICIPALITIES: [(u16, Region); 98] = [
    (101, Region::Hovedstaden), // København
    (147, Region::Hovedstaden), // Frederiksberg
    (151, Region::Hovedstaden), // Ballerup
    (153, Region::Hovedstaden), // Brøndby
    (155, Region::Hovedstaden), // Dragør
    (157, Region::Hovedstaden), // Gentofte
    (159, Region::Hovedstaden), // Gladsaxe
    (161, Region::Hovedstaden), // Glostrup
    (163, Region::Hovedstaden), // Herlev
    (165, Region::Hovedstaden), // Albertslund
    (167, Region::Hovedstaden), // Hvidovre
    (169, Region::Hovedstaden), // Høje-Taastrup
    (173, Region::Hovedstaden), // Lyngby-Taarbæk
    (175, Region::Hovedstaden), // Rødovre
    (183, Region::Hovedstaden), // Ishøj
    (185, Region::Hovedstaden), // Tårnby
    (187, Region::Hovedstaden), // Vallensbæk
    (190, Region::Hovedstaden), // Furesø
    (201, Region::Hovedstaden), // Allerød
    (210, Region::Hovedstaden), // Fredensborg
    (217, Region::Hovedstaden), // Helsingør
    (219, Region::Hovedstaden), // Hillerød
    (223, Region::Hovedstaden), // Hørsholm
    (230, Region::Hovedstaden), // Rudersdal
    (240, Region::Hovedstaden), // Egedal
    (250, Region::Hovedstaden), // Frederikssund
    (253, Region::Sjaelland),   // Greve
    (259, Region::Sjaelland),   // Køge
    (260, Region::Hovedstaden), // Halsnæs
    (265, Region::Sjaelland),   // Roskilde
    (269, Region::Sjaelland),   // Solrød
    (270, Region::Hovedstaden), // Gribskov
    (306, Region::Sjaelland),   // Odsherred
    (316, Region::Sjaelland),   // Holbæk
    (320, Region::Sjaelland),   // Faxe
    (326, Region::Sjaelland),   // Kalundborg
    (329, Region::Sjaelland),   // Ringsted
    (330, Region::Sjaelland),   // Slagelse
    (336, Region::Sjaelland),   // Stevns
    (340, Region::Sjaelland),   // Sorø
    (350, Region::Sjaelland),   // Lejre
    (360, Region::Sjaelland),   // Lolland
    (370, Region::Sjaelland),   // Næstved
    (376, Region::Sjaelland),   // Guldborgsund
    (390, Region::Sjaelland),   // Vordingborg
    (400, Region::Hovedstaden), // Bornholm
    (410, Region::Syddanmark),  // Middelfart
    (420, Region::Syddanmark),  // Assens
    (430, Region::Syddanmark),  // Faaborg-Midtfyn
    (440, Region::Syddanmark),  // Kerteminde
    (450, Region::Syddanmark),  // Nyborg
    (461, Region::Syddanmark),  // Odense
    (479, Region::Syddanmark),  // Svendborg
    (480, Region::Syddanmark),  // Nordfyns
    (482, Region::Syddanmark),  // Langeland
    (492, Region::Syddanmark),  // Ærø
    (510, Region::Syddanmark),  // Haderslev
    (530, Region::Syddanmark),  // Billund
    (540, Region::Syddanmark),  // Sønderborg
    (550, Region::Syddanmark),  // Tønder
    (561, Region::Syddanmark),  // Esbjerg
    (563, Region::Syddanmark),  // Fanø
    (573, Region::Syddanmark),  // Varde
    (575, Region::Syddanmark),  // Vejen
    (580, Region::Syddanmark),  // Aabenraa
    (607, Region::Syddanmark),  // Fredericia
    (615, Region::Midtjylland), // Horsens
    (621, Region::Syddanmark),  // Kolding
    (630, Region::Syddanmark),  // Vejle
    (657, Region::Midtjylland), // Herning
    (661, Region::Midtjylland), // Holstebro
    (665, Region::Midtjylland), // Lemvig
    (671, Region::Midtjylland), // Struer
    (706, Region::Midtjylland), // Syddjurs
    (707, Region::Midtjylland), // Norddjurs
    (710, Region::Midtjylland), // Favrskov
    (727, Region::Midtjylland), // Odder
    (730, Region::Midtjylland), // Randers
    (740, Region::Midtjylland), // Silkeborg
    (741, Region::Midtjylland), // Samsø
    (746, Region::Midtjylland), // Skanderborg
    (751, Region::Midtjylland), // Århus
    (756, Region::Midtjylland), // Ikast-Brande
    (760, Region::Midtjylland), // Ringkøbing-Skjern
    (766, Region::Midtjylland), // Hedensted
    (773, Region::Nordjylland), // Morsø
    (779, Region::Midtjylland), // Skive
    (787, Region::Nordjylland), // Thisted
    (791, Region::Midtjylland), // Viborg
    (810, Region::Nordjylland), // Brønderslev-Dronninglund
    (813, Region::Nordjylland), // Frederikshavn
    (820, Region::Nordjylland), // Vesthimmerland
    (825, Region::Nordjylland), // Læsø
    (840, Region::Nordjylland), // Rebild
    (846, Region::Nordjylland), // Mariagerfjord
    (849, Region::Nordjylland), // Jammerbugt
    (851, Region::Nordjylland), // Aalborg
    (860, Region::Nordjylland), // Hjørring
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_complete() {
        assert!(MUNICIPALITIES.windows(2).all(|w| w[0].0 < w[1].0));
        let count = |r| MUNICIPALITIES.iter().filter(|m| m.1 == r).count();
        // Danmarks Statistik: 29, 17, 22, 19 and 11 municipalities.
        assert_eq!(
            Region::ALL.map(count),
            [29, 17, 22, 19, 11],
            "Hovedstaden, Sjælland, Syddanmark, Midtjylland, Nordjylland"
        );
    }

    #[test]
    fn the_six_cities() {
        assert_eq!(Region::of_code(101), Some(Region::Hovedstaden));
        assert_eq!(Region::of_code(751), Some(Region::Midtjylland));
        assert_eq!(Region::of_code(730), Some(Region::Midtjylland));
        assert_eq!(Region::of_code(461), Some(Region::Syddanmark));
        assert_eq!(Region::of_code(561), Some(Region::Syddanmark));
        assert_eq!(Region::of_code(851), Some(Region::Nordjylland));
        assert_eq!(Region::of_code(411), None, "Christiansø is no municipality");
    }
}
