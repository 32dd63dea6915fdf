//! `maalrapport.toml`: site-wide settings.

use serde::Deserialize;

use crate::model::period::Date;

/// The project's configuration, as written in `maalrapport.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title.
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub organisation: String,
    /// Link to the organisation's accessibility statement (tilgængelighedserklæring).
    pub accessibility_statement: Option<String>,
    /// Disclosure threshold: counts, numerators and N below it are never published.
    #[serde(default = "default_min_cell")]
    pub min_cell: u64,
    /// Figures disclosure control cannot check are errors, not warnings
    /// (unless their indicator says `unchecked = "…"`).
    #[serde(default)]
    pub strict_disclosure: bool,
    /// Reference date for embargo; `--as-of` overrides it.
    #[serde(default, deserialize_with = "crate::load::de_opt_date")]
    pub as_of: Option<Date>,
    /// Every page says "Eksempeldata" when the numbers are illustrative.
    #[serde(default)]
    pub example_data: bool,
    /// "Data pr." date; default: the newest `published` date in the data.
    #[serde(default, deserialize_with = "crate::load::de_opt_date")]
    pub data_as_of: Option<Date>,
    #[serde(default)]
    pub charts: ChartConfig,
    #[serde(default)]
    pub compare: CompareConfig,
    #[serde(default)]
    pub check: CheckConfig,
}

fn default_min_cell() -> u64 {
    5
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::En => "en",
        }
    }
}

/// `[charts]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartConfig {
    /// Draw confidence intervals as error bars.
    #[serde(default = "yes")]
    pub intervals: bool,
    /// A PNG (2×, for slides) beside every chart's SVG, as `--png` does.
    #[serde(default)]
    pub png: bool,
}

impl Default for ChartConfig {
    fn default() -> Self {
        ChartConfig {
            intervals: true,
            png: false,
        }
    }
}

fn yes() -> bool {
    true
}

/// `[compare]`: what a city is compared with, and how sure a difference must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// `network`, `region`, `groups` (every group the city is in),
    /// `group:<id>` and `national`, in the order pages show them.
    #[serde(default = "default_compare_with")]
    pub with: Vec<toml::Spanned<String>>,
    /// Confidence level of intervals and tests (0.95; Fingertips also uses 0.998).
    #[serde(default = "default_level")]
    pub level: toml::Spanned<f64>,
}

impl CompareConfig {
    /// The confidence level, e.g. 0.95.
    pub fn level(&self) -> f64 {
        *self.level.get_ref()
    }
}

impl Default for CompareConfig {
    fn default() -> Self {
        CompareConfig {
            with: default_compare_with(),
            level: default_level(),
        }
    }
}

fn default_compare_with() -> Vec<toml::Spanned<String>> {
    ["network", "region", "groups", "national"]
        .map(|s| toml::Spanned::new(0..0, s.to_owned()))
        .into()
}

fn default_level() -> toml::Spanned<f64> {
    toml::Spanned::new(0..0, 0.95)
}

/// `[check]`: how `check` judges a figure against its own series.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// A figure more than this many times higher or lower than its
    /// neighbours in the series is warned about; 0 turns the rule off.
    #[serde(default = "default_jump_factor")]
    pub jump_factor: toml::Spanned<f64>,
}

impl CheckConfig {
    /// The factor, or None when the rule is off (`jump_factor = 0`).
    pub fn jump_factor(&self) -> Option<f64> {
        Some(*self.jump_factor.get_ref()).filter(|f| *f > 1.0)
    }
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            jump_factor: default_jump_factor(),
        }
    }
}

/// Three times the neighbours: far beyond what a year changes a social
/// indicator by, close to what a unit or typing error does (×10, ×100).
fn default_jump_factor() -> toml::Spanned<f64> {
    toml::Spanned::new(0..0, 3.0)
}
