//! A goal's theory of change (forandringsteori): an SVG diagram from
//! activities to the long-term goal, with a text version beside it; steps tied
//! to an indicator show its latest value and whether it moves the desired way.

use super::charts::{self, Level, Step, StepStatus, TheoryChart};
use super::markdown::escape;
use super::prose::value_prose;
use crate::compute::Computed;
use crate::model::{Catalog, Period, Place, TheoryLevel};

const LEVELS: [(TheoryLevel, &str); 4] = [
    (TheoryLevel::Activity, "Indsatser"),
    (TheoryLevel::Short, "Kort sigt"),
    (TheoryLevel::Medium, "Mellemlang sigt"),
    (TheoryLevel::Long, "Langt sigt"),
];

/// The rendered theory: HTML for the page and the SVG for its own file.
pub struct TheoryOut {
    pub html: String,
    pub file: String,
    /// The file's SVG: the inline one with its provenance drawn under it.
    pub svg: String,
}

/// The latest value of `indicator` for `place` up to `until`, and whether it
/// moved in the desired direction since the period before.
fn status(
    catalog: &Catalog,
    computed: &Computed,
    indicator: usize,
    place: Place,
    until: Option<Period>,
) -> Option<StepStatus> {
    let ind = &catalog.indicators[indicator];
    let data = &computed.indicators[indicator];
    let periods: Vec<Period> = data
        .main_periods()
        .into_iter()
        .filter(|p| until.is_none_or(|u| *p <= u))
        .collect();
    let (&last, rest) = periods.split_last()?;
    let value = data.cell(None, place, last).value()?;
    let good = rest
        .last()
        .and_then(|prev| data.cell(None, place, *prev).value())
        .filter(|prev| *prev != value)
        .map(|prev| ind.direction.better(value, prev));
    Some(StepStatus {
        value: format!("{} ({})", value_prose(ind, value), last.label_da()),
        good,
    })
}

/// Render goal `goal`'s theory of change, if it has one.
pub fn render(
    catalog: &Catalog,
    computed: &Computed,
    goal: usize,
    focus: Option<usize>,
    until: Option<Period>,
    png: bool,
) -> Option<TheoryOut> {
    let g = &catalog.goals[goal];
    if g.theory.is_empty() {
        return None;
    }
    let place = focus.map_or(Place::Network, Place::City);
    let steps: Vec<Step> = g
        .theory
        .iter()
        .map(|s| Step {
            level: match s.level {
                TheoryLevel::Activity => Level::Activity,
                TheoryLevel::Short => Level::Short,
                TheoryLevel::Medium => Level::Medium,
                TheoryLevel::Long => Level::Long,
            },
            text: s.text.clone(),
            status: s
                .indicator
                .and_then(|i| status(catalog, computed, i, place, until)),
        })
        .collect();
    let id = format!("forandringsteori-{}", g.id);
    let title = format!(
        "Forandringsteori for {}: {}",
        g.label_da().to_lowercase(),
        g.text
    );
    let svg = charts::theory(&TheoryChart {
        id: id.clone(),
        title: title.clone(),
        desc: "Fra indsatser over forandringer på kort og mellemlang sigt til det langsigtede mål. Se listen under figuren.".into(),
        level_labels: LEVELS.map(|(_, l)| l.to_owned()),
        steps,
    });
    let file = format!("{id}.svg");
    let mut html = format!(
        "<figure class=\"chart chart-theory\" id=\"{id}-figure\">\n<figcaption>{}</figcaption>\n{svg}\n{}\n",
        escape(&title),
        super::figures::chart_links(None, &file, png, None, None)
    );
    html.push_str(&text_version(catalog, computed, goal, place, until));
    html.push_str("</figure>\n");
    let sources: Vec<String> = g
        .theory
        .iter()
        .filter_map(|s| s.indicator)
        .flat_map(|i| catalog.indicators[i].sources.clone())
        .collect();
    let svg = charts::with_credit(&svg, &super::figures::credit(computed, &sources));
    Some(TheoryOut { html, file, svg })
}

/// The theory as a nested list, level by level (the text alternative).
fn text_version(
    catalog: &Catalog,
    computed: &Computed,
    goal: usize,
    place: Place,
    until: Option<Period>,
) -> String {
    let g = &catalog.goals[goal];
    let mut html = String::from("<details class=\"chart-data\" open><summary>Forandringsteorien som tekst</summary>\n<ol class=\"theory-list\">\n");
    for (level, label) in LEVELS {
        let steps: Vec<_> = g.theory.iter().filter(|s| s.level == level).collect();
        html.push_str(&format!("<li><strong>{label}</strong><ul>"));
        if steps.is_empty() {
            html.push_str("<li>–</li>");
        }
        for s in steps {
            html.push_str(&format!("<li>{}", escape(&s.text)));
            if let Some(i) = s.indicator {
                let ind = &catalog.indicators[i];
                let st = status(catalog, computed, i, place, until);
                let word = match st.as_ref().and_then(|s| s.good) {
                    Some(true) => "i ønsket retning",
                    Some(false) => "ikke i ønsket retning",
                    None => "retning ukendt",
                };
                let value = st
                    .map(|s| format!(": {} – {word}", s.value))
                    .unwrap_or_default();
                html.push_str(&format!(
                    " <span class=\"meta\">(måles med {}{})</span>",
                    escape(&ind.title),
                    escape(&value)
                ));
            }
            html.push_str("</li>");
        }
        html.push_str("</ul></li>\n");
    }
    html.push_str("</ol></details>\n");
    html
}
