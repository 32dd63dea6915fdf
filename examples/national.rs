//! Generate a synthetic national-scale maalrapport project, for benchmarks.
//!
//! The project has all 98 Danish municipalities (kommunekoder since 2007), each
//! with a deterministic pseudo-population near its real size; the example project's areas, goals
//! and indicators (copied from this repository); ten years of annual data
//! (2010–2019), or 40 quarters for quarterly indicators, with values scaled by
//! population, cells below the disclosure threshold and national rows; and two
//! seminars with commentary whose shortcodes only name cells that exist and are
//! comfortably publishable. Every run writes the same bytes (a seeded
//! splitmix64 stream per indicator × municipality, no `rand`).
//!
//! ```text
//! cargo run --release --example national -- OUT_DIR
//! ```
//! OUT_DIR must be missing, empty, or an earlier output of this generator
//! (recognised by its marker file); its generated parts are then replaced.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

/// Marks a folder this generator wrote, so a later run may overwrite it.
const MARKER: &str = ".maalrapport-national";
/// What a later run replaces (everything else in the folder is left alone).
const GENERATED: [&str; 3] = ["maalrapport.toml", "data", "content"];
const SEED: u64 = 0x6d61_616c_7261_7070;
const FIRST_YEAR: i32 = 2010;
const LAST_YEAR: i32 = 2019;
/// The seminars' baseline year.
const BASELINE: i32 = 2013;
/// A commentary shortcode names a cell only when its count is at least this,
/// well above `min_cell` (5), so neither primary nor secondary suppression hits it.
const SAFE_COUNT: u64 = 20;
/// Share of city cells flagged `partial` (ufuldstændig indberetning).
const PARTIAL_RATE: f64 = 0.01;
/// Every tenth municipality (in code order) gets commentary: ten cities.
const COMMENTARY_STRIDE: usize = 10;
const SOURCE: &str = "Syntetiske data (maalrapport examples/national.rs)";

/// All 98 municipalities since the 2007 reform: kommunekode, name and rough
/// size (thousands of inhabitants, about 2019) that anchors the pseudo-population.
const MUNICIPALITIES: [(u16, &str, u16); 98] = [
    (101, "København", 620),
    (147, "Frederiksberg", 104),
    (151, "Ballerup", 48),
    (153, "Brøndby", 35),
    (155, "Dragør", 14),
    (157, "Gentofte", 75),
    (159, "Gladsaxe", 69),
    (161, "Glostrup", 23),
    (163, "Herlev", 29),
    (165, "Albertslund", 28),
    (167, "Hvidovre", 53),
    (169, "Høje-Taastrup", 50),
    (173, "Lyngby-Taarbæk", 56),
    (175, "Rødovre", 40),
    (183, "Ishøj", 23),
    (185, "Tårnby", 43),
    (187, "Vallensbæk", 16),
    (190, "Furesø", 41),
    (201, "Allerød", 25),
    (210, "Fredensborg", 41),
    (217, "Helsingør", 63),
    (219, "Hillerød", 51),
    (223, "Hørsholm", 25),
    (230, "Rudersdal", 56),
    (240, "Egedal", 43),
    (250, "Frederikssund", 45),
    (253, "Greve", 50),
    (259, "Køge", 60),
    (260, "Halsnæs", 31),
    (265, "Roskilde", 88),
    (269, "Solrød", 23),
    (270, "Gribskov", 41),
    (306, "Odsherred", 33),
    (316, "Holbæk", 71),
    (320, "Faxe", 36),
    (326, "Kalundborg", 49),
    (329, "Ringsted", 35),
    (330, "Slagelse", 79),
    (336, "Stevns", 23),
    (340, "Sorø", 30),
    (350, "Lejre", 28),
    (360, "Lolland", 42),
    (370, "Næstved", 82),
    (376, "Guldborgsund", 61),
    (390, "Vordingborg", 45),
    (400, "Bornholm", 40),
    (410, "Middelfart", 38),
    (420, "Assens", 41),
    (430, "Faaborg-Midtfyn", 51),
    (440, "Kerteminde", 24),
    (450, "Nyborg", 32),
    (461, "Odense", 204),
    (479, "Svendborg", 59),
    (480, "Nordfyns", 29),
    (482, "Langeland", 12),
    (492, "Ærø", 6),
    (510, "Haderslev", 56),
    (530, "Billund", 27),
    (540, "Sønderborg", 74),
    (550, "Tønder", 37),
    (561, "Esbjerg", 116),
    (563, "Fanø", 3),
    (573, "Varde", 50),
    (575, "Vejen", 43),
    (580, "Aabenraa", 59),
    (607, "Fredericia", 51),
    (615, "Horsens", 90),
    (621, "Kolding", 93),
    (630, "Vejle", 116),
    (657, "Herning", 88),
    (661, "Holstebro", 59),
    (665, "Lemvig", 20),
    (671, "Struer", 21),
    (706, "Syddjurs", 42),
    (707, "Norddjurs", 37),
    (710, "Favrskov", 48),
    (727, "Odder", 23),
    (730, "Randers", 98),
    (740, "Silkeborg", 93),
    (741, "Samsø", 4),
    (746, "Skanderborg", 62),
    (751, "Aarhus", 345),
    (756, "Ikast-Brande", 41),
    (760, "Ringkøbing-Skjern", 57),
    (766, "Hedensted", 46),
    (773, "Morsø", 20),
    (779, "Skive", 46),
    (787, "Thisted", 43),
    (791, "Viborg", 96),
    (810, "Brønderslev", 36),
    (813, "Frederikshavn", 60),
    (820, "Vesthimmerlands", 37),
    (825, "Læsø", 2),
    (840, "Rebild", 30),
    (846, "Mariagerfjord", 42),
    (849, "Jammerbugt", 38),
    (851, "Aalborg", 215),
    (860, "Hjørring", 65),
];

/// The two seminars: slug, title, date, place, reporting year.
const SEMINARS: [(&str, &str, &str, &str, i32); 2] = [
    (
        "udvalgsseminar-2019",
        "Landsdækkende udvalgsseminar, 9. maj 2019, Odense",
        "2019-05-09",
        "Odense",
        2018,
    ),
    (
        "udvalgsseminar-2020",
        "Landsdækkende udvalgsseminar, 7. maj 2020, Aarhus",
        "2020-05-07",
        "Aarhus",
        2019,
    ),
];

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --release --example national -- OUT_DIR");
        return ExitCode::from(2);
    };
    match run(&out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path) -> Result<String, Box<dyn Error>> {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cities = municipalities();
    let indicators = read_indicators(example)?;
    let data = Data::generate(cities, indicators);
    prepare(out)?;
    let mut w = Writer {
        root: out,
        files: 0,
        bytes: 0,
    };
    copy_catalog(example, &data.cities, &mut w)?;
    w.write("maalrapport.toml", CONFIG)?;
    w.write("data/network.toml", &network_toml(&data.cities))?;
    for (i, ind) in data.indicators.iter().enumerate() {
        w.write(format!("data/values/{}.csv", ind.id), &data.csv(i))?;
    }
    write_content(&data, &mut w)?;
    Ok(format!(
        "national: {} cities, {} indicators, {} observations; {} files, {:.1} MB in {}",
        data.cities.len(),
        data.indicators.len(),
        data.rows.len(),
        w.files,
        w.bytes as f64 / 1e6,
        out.display()
    ))
}

const CONFIG: &str = r#"title = "Sociale mål i alle 98 kommuner"
description = "Syntetisk landsdækkende projekt til ydelsesmålinger af maalrapport"
language = "da"
organisation = "maalrapport (syntetiske data)"
min_cell = 5
example_data = true
"#;

// ---------------------------------------------------------------------------
// Output folder

/// Refuse a non-empty folder this generator did not write; clear what an
/// earlier run wrote.
fn prepare(out: &Path) -> Result<(), Box<dyn Error>> {
    if out.exists() {
        let empty = std::fs::read_dir(out)?.next().is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(format!(
                "refusing to write into {}: it is not empty and has no {MARKER} file",
                out.display()
            )
            .into());
        }
        for name in GENERATED {
            let path = out.join(name);
            if path.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else if path.exists() {
                std::fs::remove_file(&path)?;
            }
        }
    }
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join(MARKER),
        "generated by `cargo run --example national`\n",
    )?;
    Ok(())
}

/// Writes files below the output folder and counts them.
struct Writer<'a> {
    root: &'a Path,
    files: usize,
    bytes: usize,
}

impl Writer<'_> {
    fn write(&mut self, rel: impl AsRef<Path>, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Municipalities and the catalogue

struct City {
    id: String,
    code: u16,
    name: &'static str,
    /// Deterministic pseudo-population: the rough size, jittered by about 5 pct.
    population: f64,
}

fn municipalities() -> Vec<City> {
    MUNICIPALITIES
        .iter()
        .map(|&(code, name, thousands)| {
            let mut rng = SplitMix64::stream(&[hash("population"), u64::from(code)]);
            let population = (f64::from(thousands) * 1000.0 * (0.05 * rng.normal()).exp()).round();
            City {
                id: slug(name),
                code,
                name,
                population,
            }
        })
        .collect()
}

/// An ASCII id from a Danish name: æ→ae, ø→oe, å→aa, lower case, spaces to `-`.
fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'æ' => "ae".to_owned(),
            'ø' => "oe".to_owned(),
            'å' => "aa".to_owned(),
            ' ' => "-".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

fn network_toml(cities: &[City]) -> String {
    let mut s = String::from("# Alle 98 kommuner siden kommunalreformen 2007 (syntetiske data).\nname = \"De 98 kommuner\"\n");
    for c in cities {
        let _ = write!(
            s,
            "\n[[city]]\nid = \"{}\"\ncode = {}\nname = {}\n",
            c.id,
            c.code,
            toml_str(c.name)
        );
    }
    s
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

#[derive(Deserialize)]
struct ExampleNetwork {
    city: Vec<ExampleCity>,
}

#[derive(Deserialize)]
struct ExampleCity {
    id: String,
    code: u16,
}

/// Copy the example's areas, goals and indicators; an area's `chair` names a
/// city of the example's network, so it is mapped to our id by kommunekode.
fn copy_catalog(example: &Path, cities: &[City], w: &mut Writer) -> Result<(), Box<dyn Error>> {
    let read = |rel: &str| std::fs::read_to_string(example.join(rel));
    let network: ExampleNetwork = toml::from_str(&read("data/network.toml")?)?;
    let ids: HashMap<&str, &str> = network
        .city
        .iter()
        .filter_map(|old| {
            cities
                .iter()
                .find(|c| c.code == old.code)
                .map(|c| (old.id.as_str(), c.id.as_str()))
        })
        .collect();
    let areas: String = read("data/areas.toml")?
        .lines()
        .map(|line| {
            match line
                .strip_prefix("chair = \"")
                .and_then(|r| r.strip_suffix('"'))
            {
                Some(old) => format!("chair = \"{}\"\n", ids.get(old).copied().unwrap_or(old)),
                None => format!("{line}\n"),
            }
        })
        .collect();
    w.write("data/areas.toml", &areas)?;
    w.write("data/goals.toml", &read("data/goals.toml")?)?;
    for path in indicator_files(example)? {
        let name = path.file_name().expect("a file");
        w.write(
            Path::new("data/indicators").join(name),
            &std::fs::read_to_string(&path)?,
        )?;
    }
    Ok(())
}

fn indicator_files(example: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(example.join("data/indicators"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    Ok(files)
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Measure {
    Share,
    Count,
    Rate,
    Mean,
}

/// The parts of an indicator file the generator needs (other keys are ignored).
#[derive(Deserialize)]
struct IndicatorFile {
    title: String,
    measure: Measure,
    #[serde(default)]
    group: Vec<GroupFile>,
}

#[derive(Deserialize)]
struct GroupFile {
    id: String,
}

struct Indicator {
    id: String,
    title: String,
    measure: Measure,
    groups: Vec<String>,
    profile: Profile,
}

fn read_indicators(example: &Path) -> Result<Vec<Indicator>, Box<dyn Error>> {
    indicator_files(example)?
        .into_iter()
        .map(|path| {
            let file: IndicatorFile = toml::from_str(&std::fs::read_to_string(&path)?)?;
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a UTF-8 file name")
                .to_owned();
            Ok(Indicator {
                profile: profile(&id),
                id,
                title: file.title,
                measure: file.measure,
                groups: file.group.into_iter().map(|g| g.id).collect(),
            })
        })
        .collect()
}

/// How an indicator's numbers look.
#[derive(Clone, Copy)]
struct Profile {
    /// Persons in the target group (denominator, count or N) per 1,000 inhabitants.
    per_1000: f64,
    /// Share (pct.), mean or rate in 2010; unused for counts.
    level: f64,
    /// Change a year: in the level's unit, or in pct. of the count for counts.
    trend: f64,
    quarterly: bool,
}

/// Plausible magnitudes for the example's indicators; a neutral default else.
fn profile(id: &str) -> Profile {
    let p = |per_1000, level, trend| Profile {
        per_1000,
        level,
        trend,
        quarterly: false,
    };
    match id {
        "ung-kriminalitet" => p(1.6, 12.0, -0.4),
        "anbringelser-sammenbrud" => p(2.2, 5.8, -0.15),
        "udsatte-unge-uddannelse" => p(2.0, 35.0, 1.0),
        "udsatte-unge-uddannelse-18-21" => p(2.5, 40.0, 0.8),
        "stofmisbrug-effekt" => p(1.5, 40.0, 1.0),
        "alkoholbehandling-effekt" => p(2.0, 50.0, 0.5),
        "sindslidelse-beskaeftigelse-ordinaer" => p(8.0, 25.0, 0.3),
        "sindslidelse-beskaeftigelse-ikke-ordinaer" => p(8.0, 10.0, 0.2),
        "hjerneskade-beskaeftigelse-ordinaer" => p(1.0, 30.0, 0.3),
        "hjerneskade-beskaeftigelse-ikke-ordinaer" => p(1.0, 8.0, 0.2),
        "udviklingshaemning-beskaeftigelse-ordinaer" => p(2.0, 5.0, 0.1),
        "udviklingshaemning-beskaeftigelse-ikke-ordinaer" => p(2.0, 30.0, 0.2),
        "handicap-beskaeftigelse" => p(50.0, 45.0, 0.2),
        "psykiske-vanskeligheder-beskaeftigelse" => p(30.0, 30.0, 0.3),
        "hjemloese" => p(1.0, 0.0, 3.0),
        "unge-hjemloese-18-24" => p(0.15, 0.0, 5.0),
        "narkorelaterede-doedsfald" => p(0.045, 0.0, 1.0),
        "gns-maalopfyldelse" => Profile {
            quarterly: true,
            ..p(2.0, 50.0, 0.6)
        },
        _ => p(2.0, 30.0, 0.2),
    }
}

// ---------------------------------------------------------------------------
// Numbers

/// splitmix64 (Steele, Lea & Flood 2014): tiny, fast, good enough for test data.
struct SplitMix64(u64);

impl SplitMix64 {
    /// An independent stream for a tuple of keys, so adding an indicator or a
    /// city never changes the numbers of the others.
    fn stream(keys: &[u64]) -> Self {
        Self(keys.iter().fold(SEED, |s, &k| mix(s ^ mix(k))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos()
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, to key streams by id.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Period {
    Year(i32),
    Quarter(i32, u8),
}

impl Period {
    fn all(quarterly: bool) -> Vec<Period> {
        let years = FIRST_YEAR..=LAST_YEAR;
        if quarterly {
            years
                .flat_map(|y| (1..=4).map(move |q| Period::Quarter(y, q)))
                .collect()
        } else {
            years.map(Period::Year).collect()
        }
    }

    /// The period that stands for `year` in a report: the year or its 4th quarter.
    fn of_year(year: i32, quarterly: bool) -> Period {
        if quarterly {
            Period::Quarter(year, 4)
        } else {
            Period::Year(year)
        }
    }

    fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) => y,
        }
    }

    /// Years since the first year, as a fraction for quarters.
    fn elapsed(self) -> f64 {
        let quarter = match self {
            Period::Year(_) => 0.0,
            Period::Quarter(_, q) => f64::from(q - 1) / 4.0,
        };
        f64::from(self.year() - FIRST_YEAR) + quarter
    }

    /// Release date of a national figure (YYYY-MM-DD).
    fn published(self) -> String {
        match self {
            Period::Year(y) => format!("{}-06-30", y + 1),
            Period::Quarter(y, 4) => format!("{}-03-01", y + 1),
            Period::Quarter(y, q) => format!("{y}-{:02}-01", 3 * q + 3),
        }
    }

    /// Danish label for running text.
    fn label(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Quarter(y, q) => format!("{q}. kv. {y}"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
        }
    }
}

/// One figure, in the shape its indicator's measure needs.
#[derive(Clone, Copy)]
enum Figure {
    Share { numerator: u64, denominator: u64 },
    Count(u64),
    Rate(f64),
    Mean { value: f64, n: u64 },
}

impl Figure {
    /// The count disclosure control looks at (None: never suppressed).
    fn sensitive(self) -> Option<u64> {
        match self {
            Figure::Share { numerator, .. } => Some(numerator),
            Figure::Count(v) => Some(v),
            Figure::Rate(_) => None,
            Figure::Mean { n, .. } => Some(n),
        }
    }

    /// The CSV columns numerator,denominator,value,n.
    fn columns(self) -> String {
        match self {
            Figure::Share {
                numerator,
                denominator,
            } => format!("{numerator},{denominator},,"),
            Figure::Count(v) => format!(",,{v},"),
            Figure::Rate(v) => format!(",,{v:.1},"),
            Figure::Mean { value, n } => format!(",,{value:.1},{n}"),
        }
    }
}

/// Draw one figure for `persons` in the target group at `period`; `factor`
/// is how far this place's level lies from the indicator's.
fn draw(
    ind: &Indicator,
    persons: f64,
    factor: f64,
    period: Period,
    rng: &mut SplitMix64,
) -> Figure {
    let p = ind.profile;
    let t = period.elapsed();
    let level = (p.level + p.trend * t) * factor;
    match ind.measure {
        Measure::Share => {
            let denominator = (persons * (1.0 + 0.03 * rng.normal())).round().max(1.0);
            let share = ((level + 0.5 * rng.normal()) / 100.0).clamp(0.005, 0.995);
            let spread = (denominator * share * (1.0 - share)).sqrt();
            let numerator = (denominator * share + spread * rng.normal())
                .round()
                .clamp(0.0, denominator);
            Figure::Share {
                numerator: numerator as u64,
                denominator: denominator as u64,
            }
        }
        Measure::Count => {
            let mean = persons * factor * (1.0 + p.trend / 100.0).powf(t);
            Figure::Count((mean + mean.sqrt() * rng.normal()).round().max(0.0) as u64)
        }
        Measure::Rate => Figure::Rate((level + 0.3 * rng.normal()).max(0.0)),
        Measure::Mean => Figure::Mean {
            value: (level + 2.0 * rng.normal()).clamp(0.0, 100.0),
            n: (persons * (1.0 + 0.05 * rng.normal())).round().max(0.0) as u64,
        },
    }
}

/// The national figure from the municipalities' figures.
fn aggregate(measure: Measure, figures: &[Figure]) -> Figure {
    let mut sum = [0.0f64; 2];
    for f in figures {
        let (a, b) = match *f {
            Figure::Share {
                numerator,
                denominator,
            } => (numerator as f64, denominator as f64),
            Figure::Count(v) => (v as f64, 0.0),
            Figure::Rate(v) => (v, 1.0),
            Figure::Mean { value, n } => (value * n as f64, n as f64),
        };
        sum = [sum[0] + a, sum[1] + b];
    }
    match measure {
        Measure::Share => Figure::Share {
            numerator: sum[0] as u64,
            denominator: sum[1] as u64,
        },
        Measure::Count => Figure::Count(sum[0] as u64),
        Measure::Rate => Figure::Rate(sum[0] / sum[1].max(1.0)),
        Measure::Mean => Figure::Mean {
            value: sum[0] / sum[1].max(1.0),
            n: sum[1] as u64,
        },
    }
}

#[derive(Clone, Copy)]
enum Flag {
    Provisional,
    Partial,
}

/// One observation. `place` None is the whole country.
struct Row {
    indicator: usize,
    place: Option<usize>,
    period: Period,
    group: Option<usize>,
    figure: Figure,
    flag: Option<Flag>,
}

/// The generated project in memory.
struct Data {
    cities: Vec<City>,
    indicators: Vec<Indicator>,
    rows: Vec<Row>,
    /// Disclosure count of every total (group None) by indicator, place, period.
    totals: HashMap<(usize, Option<usize>, Period), Option<u64>>,
}

impl Data {
    fn generate(cities: Vec<City>, indicators: Vec<Indicator>) -> Data {
        let mut rows = Vec::new();
        for (i, ind) in indicators.iter().enumerate() {
            let first = rows.len();
            for (c, city) in cities.iter().enumerate() {
                city_rows(i, ind, c, city, &mut rows);
            }
            let national = national_rows(ind.measure, &rows[first..]);
            rows.extend(national);
        }
        let totals = rows
            .iter()
            .filter(|r| r.group.is_none())
            .map(|r| ((r.indicator, r.place, r.period), r.figure.sensitive()))
            .collect();
        Data {
            cities,
            indicators,
            rows,
            totals,
        }
    }

    /// Whether a total exists and is comfortably publishable.
    fn safe(&self, indicator: usize, place: Option<usize>, period: Period) -> bool {
        match self.totals.get(&(indicator, place, period)) {
            Some(Some(count)) => *count >= SAFE_COUNT,
            Some(None) => true,
            None => false,
        }
    }

    /// The values CSV of one indicator.
    fn csv(&self, indicator: usize) -> String {
        let ind = &self.indicators[indicator];
        let mut s = String::from("indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group\n");
        for r in self.rows.iter().filter(|r| r.indicator == indicator) {
            let city = r.place.map_or("national", |c| self.cities[c].id.as_str());
            let flag = match r.flag {
                Some(Flag::Provisional) => "provisional,",
                Some(Flag::Partial) => "partial,Ufuldstændig indberetning",
                None => ",",
            };
            let (source, published) = match r.place {
                None => (SOURCE, r.period.published()),
                Some(_) => ("", String::new()),
            };
            let group = r.group.map_or("", |g| ind.groups[g].as_str());
            let _ = writeln!(
                s,
                "{},{city},{},{},{flag},{source},{published},{group}",
                ind.id,
                r.period,
                r.figure.columns()
            );
        }
        s
    }
}

/// One municipality's rows for one indicator: the total and every group.
fn city_rows(i: usize, ind: &Indicator, c: usize, city: &City, rows: &mut Vec<Row>) {
    let mut rng = SplitMix64::stream(&[hash(&ind.id), u64::from(city.code)]);
    let factor = (0.15 * rng.normal()).exp();
    let persons = city.population * ind.profile.per_1000 / 1000.0;
    for group in std::iter::once(None).chain((0..ind.groups.len()).map(Some)) {
        let (share, level) = group.map_or((1.0, 1.0), |g| group_profile(ind, g));
        for period in Period::all(ind.profile.quarterly) {
            let figure = draw(ind, persons * share, factor * level, period, &mut rng);
            let flag = (rng.unit() < PARTIAL_RATE).then_some(Flag::Partial);
            rows.push(Row {
                indicator: i,
                place: Some(c),
                period,
                group,
                figure,
                flag,
            });
        }
    }
}

/// A group's size (share of the target group) and level relative to the total.
fn group_profile(ind: &Indicator, g: usize) -> (f64, f64) {
    let mut rng = SplitMix64::stream(&[hash(&ind.id), hash(&ind.groups[g])]);
    (0.15 + 0.4 * rng.unit(), 0.9 + 0.2 * rng.unit())
}

/// The whole country per group and period; the last year is provisional.
fn national_rows(measure: Measure, city_rows: &[Row]) -> Vec<Row> {
    let mut by_key: BTreeMap<(Option<usize>, Period), Vec<Figure>> = BTreeMap::new();
    for r in city_rows {
        by_key
            .entry((r.group, r.period))
            .or_default()
            .push(r.figure);
    }
    let indicator = city_rows.first().map_or(0, |r| r.indicator);
    by_key
        .into_iter()
        .map(|((group, period), figures)| Row {
            indicator,
            place: None,
            period,
            group,
            figure: aggregate(measure, &figures),
            flag: (period.year() == LAST_YEAR).then_some(Flag::Provisional),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Content

fn value(indicator: &str, place: &str, period: Period) -> String {
    format!("{{{{ value(indicator=\"{indicator}\", city=\"{place}\", period=\"{period}\") }}}}")
}

fn change(indicator: &str, place: &str, from: Period, to: Period) -> String {
    format!("{{{{ change(indicator=\"{indicator}\", city=\"{place}\", from=\"{from}\", to=\"{to}\") }}}}")
}

fn chart(indicator: &str, kind: &str, place: Option<&str>) -> String {
    let city = place.map(|p| format!(", city=\"{p}\"")).unwrap_or_default();
    format!("{{{{ chart(indicator=\"{indicator}\", kind=\"{kind}\"{city}) }}}}")
}

/// A Markdown page with a title in its front matter.
fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = {}\n+++\n{body}", toml_str(title))
}

/// The cities that get commentary.
fn commentary_cities(data: &Data) -> impl Iterator<Item = usize> + '_ {
    (0..data.cities.len()).step_by(COMMENTARY_STRIDE)
}

fn write_content(data: &Data, w: &mut Writer) -> std::io::Result<()> {
    w.write("content/_index.md", &front_page(data))?;
    for (s, seminar) in SEMINARS.iter().enumerate() {
        let (slug, _, _, _, year) = *seminar;
        w.write(
            format!("content/seminars/{slug}/index.md"),
            &seminar_index(data, s),
        )?;
        for i in (0..data.indicators.len()).filter(|i| i % SEMINARS.len() == s) {
            w.write(
                format!("content/seminars/{slug}/{}.md", data.indicators[i].id),
                &indicator_note(data, i, year),
            )?;
        }
        for c in commentary_cities(data) {
            w.write(
                format!("content/seminars/{slug}/cities/{}.md", data.cities[c].id),
                &city_note(data, c, year),
            )?;
        }
    }
    for c in commentary_cities(data) {
        w.write(
            format!("content/cities/{}.md", data.cities[c].id),
            &city_note(data, c, LAST_YEAR),
        )?;
    }
    for (i, ind) in data.indicators.iter().enumerate().step_by(3) {
        w.write(
            format!("content/indicators/{}.md", ind.id),
            &indicator_note(data, i, LAST_YEAR),
        )?;
    }
    Ok(())
}

fn front_page(data: &Data) -> String {
    let body = format!(
        "Dette site er et syntetisk, landsdækkende eksempel: alle {} kommuner, {} indikatorer og \
         {} observationer fra {FIRST_YEAR} til {LAST_YEAR}. Tallene er tilfældige, men \
         skaleret efter en opdigtet befolkning i hver kommune; de bruges til at måle, hvor hurtigt \
         maalrapport bygger et site i national skala.\n",
        data.cities.len(),
        data.indicators.len(),
        data.rows.len()
    );
    page("Sociale mål i alle 98 kommuner", &body)
}

fn seminar_index(data: &Data, s: usize) -> String {
    let (_, title, date, place, year) = SEMINARS[s];
    let ind = &data.indicators[s];
    format!(
        "+++\ntitle = {}\ndate = {date}\nplace = {}\nkind = \"seminar\"\nperiod = \"{year}\"\n\
         baseline = \"{BASELINE}\"\ndescription = {}\n+++\n\
         Rapporten viser udviklingen fra {BASELINE} til {year} for alle {} kommuner. \
         Tallene er syntetiske.\n\n{}\n",
        toml_str(title),
        toml_str(place),
        toml_str(&format!(
            "Status på de sociale mål i alle kommuner, {BASELINE}-{year}"
        )),
        data.cities.len(),
        chart(&ind.id, "bars", None),
    )
}

/// Commentary on one indicator for the report on `year`.
fn indicator_note(data: &Data, i: usize, year: i32) -> String {
    let ind = &data.indicators[i];
    let q = ind.profile.quarterly;
    let (to, from) = (Period::of_year(year, q), Period::of_year(BASELINE, q));
    let mut body = format!(
        "For hele landet var tallet {} i {} ({} siden {}). De {} kommuner under ét lå på {}.\n\n{}\n",
        value(&ind.id, "national", to),
        to.label(),
        change(&ind.id, "national", from, to),
        from.label(),
        data.cities.len(),
        value(&ind.id, "network", to),
        chart(&ind.id, "trend", None),
    );
    let named: Vec<String> = commentary_cities(data)
        .filter(|&c| data.safe(i, Some(c), to))
        .take(3)
        .map(|c| {
            format!(
                "{} {}",
                data.cities[c].name,
                value(&ind.id, &data.cities[c].id, to)
            )
        })
        .collect();
    if !named.is_empty() {
        let _ = writeln!(body, "\nBlandt kommunerne: {}.", named.join(", "));
    }
    let _ = writeln!(body, "\n{}", chart(&ind.id, "bars", None));
    page(&ind.title, &body)
}

/// Commentary on one city for the report on `year`: up to three indicators
/// with safe figures in the baseline and the year.
fn city_note(data: &Data, c: usize, year: i32) -> String {
    let city = &data.cities[c];
    let mut body = format!(
        "{} har i dette syntetiske datasæt {} indbyggere.\n\n",
        city.name,
        thousands(city.population as u64)
    );
    let n = data.indicators.len();
    let picked: Vec<(usize, Period, Period)> = (0..n)
        .map(|k| (c + k) % n)
        .map(|i| (i, data.indicators[i].profile.quarterly))
        .map(|(i, q)| (i, Period::of_year(BASELINE, q), Period::of_year(year, q)))
        .filter(|&(i, from, to)| data.safe(i, Some(c), from) && data.safe(i, Some(c), to))
        .take(3)
        .collect();
    for &(i, from, to) in &picked {
        let ind = &data.indicators[i];
        let _ = writeln!(
            body,
            "- {}: {} i {} ({} siden {}).",
            ind.title,
            value(&ind.id, &city.id, to),
            to.label(),
            change(&ind.id, &city.id, from, to),
            from.label()
        );
    }
    if let Some(&(i, _, _)) = picked.first() {
        let _ = writeln!(
            body,
            "\n{}",
            chart(&data.indicators[i].id, "trend", Some(&city.id))
        );
    }
    page(city.name, &body)
}

/// 45000 → "45.000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipalities_are_the_98() {
        let cities = municipalities();
        assert_eq!(cities.len(), 98);
        assert!(cities.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!((cities[0].code, cities[97].code), (101, 860));
        let ids: std::collections::BTreeSet<&str> = cities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), 98);
        assert!(ids
            .iter()
            .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        assert!(ids.contains("hoeje-taastrup") && ids.contains("aeroe") && ids.contains("taarnby"));
        let total: f64 = cities.iter().map(|c| c.population).sum();
        assert!((5.5e6..6.1e6).contains(&total), "{total}");
    }

    #[test]
    fn helpers() {
        assert_eq!(thousands(1_800), "1.800");
        assert_eq!(thousands(650_000), "650.000");
        assert_eq!(thousands(999), "999");
        assert_eq!(Period::Quarter(2018, 4).to_string(), "2018-Q4");
        assert_eq!(Period::Quarter(2018, 2).published(), "2018-09-01");
        let a: Vec<u64> = (0..3)
            .map(|_| SplitMix64::stream(&[1, 2]).next_u64())
            .collect();
        assert!(a.iter().all(|x| *x == a[0]));
    }
}
