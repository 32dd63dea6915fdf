//! The text of the files `new` creates.

use crate::model::{Date, Indicator, Measure, Period, Place, Project};

/// A seminar's index.md: front matter with the optional keys commented.
pub fn seminar(title: &str, date: Date, period: Period) -> String {
    format!(
        "+++\n\
         title = {}\n\
         date = {date}\n\
         # place = \"Aarhus\"\n\
         kind = \"seminar\"    # eller \"annual\" for en årsrapport\n\
         period = \"{period}\"    # den seneste periode, rapporten viser\n\
         # baseline = \"{}\"    # udviklingen vises siden denne periode\n\
         draft = true        # sæt til false, når rapporten må offentliggøres\n\
         +++\n\
         Skriv seminarets indledning her.\n",
        toml_string(title),
        period.year() - 2,
    )
}

/// Front matter, the definition as an HTML comment (for the author, not the
/// reader), and where the data allow it, a number and a chart from the data.
pub fn commentary(
    project: &Project,
    indicator: Option<usize>,
    city: Option<usize>,
    period: Option<Period>,
) -> String {
    let cat = &project.catalog;
    let mut about = Vec::new();
    if let Some(c) = city {
        let c = &cat.cities[c];
        about.push(format!(
            "By: {} ({}). Kommentaren vises i byens udgave af rapporten.",
            c.name, c.id
        ));
    }
    if let Some(i) = indicator {
        about.extend(definition(&cat.indicators[i]));
    }
    let mut body = String::new();
    if let Some(i) = indicator {
        let id = &cat.indicators[i].id;
        let place = city.map_or(Place::Network, Place::City);
        let place_id = cat.place_id(place);
        let has = |p: Period| match place {
            Place::City(c) => project
                .observations
                .get(&(i, None, Place::City(c), p))
                .is_some(),
            _ => (0..cat.cities.len()).any(|c| {
                project
                    .observations
                    .get(&(i, None, Place::City(c), p))
                    .is_some()
            }),
        };
        if let Some(p) = period.filter(|p| has(*p)) {
            body.push_str(&format!(
                "{}, {}: {{{{ value(indicator=\"{id}\", city=\"{place_id}\", period=\"{p}\") }}}}.\n\n",
                cat.place_name(place),
                p.label_da()
            ));
        }
        if project.observations.of_indicator(i).next().is_some() {
            let city_arg = city
                .map(|_| format!(", city=\"{place_id}\""))
                .unwrap_or_default();
            body.push_str(&format!(
                "{{{{ chart(indicator=\"{id}\", kind=\"trend\"{city_arg}) }}}}\n\n"
            ));
        }
    }
    body.push_str("Skriv kommentaren her.\n");
    let comment: String = about.iter().map(|l| wrap(&comment_safe(l), 90)).collect();
    format!("+++\n# title = \"…\"   # valgfri overskrift\ndraft = false\n+++\n<!--\n{comment}-->\n\n{body}")
}

/// The indicator's definition, one line per part (empty parts left out).
fn definition(ind: &Indicator) -> Vec<String> {
    let measure = match ind.measure {
        Measure::Share => "andel i pct. (tæller/nævner)".to_owned(),
        Measure::Count => format!(
            "antal{}",
            ind.unit
                .as_ref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default()
        ),
        Measure::Rate => format!("pr. {} indbyggere", ind.per.unwrap_or(1000)),
        Measure::Mean => "gennemsnit".to_owned(),
    };
    let mut lines = vec![
        format!("Indikator: {} ({})", ind.title, ind.id),
        format!("Opgøres som: {measure}; {}", ind.direction.label_da()),
    ];
    let parts = [
        ("Målgruppe", ind.target_group.clone()),
        ("Tæller", ind.numerator.clone()),
        ("Nævner", ind.denominator.clone()),
        ("Kilder", ind.sources.join("; ")),
        ("Fordeling", ind.distribution.clone()),
    ];
    lines.extend(
        parts
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(label, t)| format!("{label}: {}", t.trim())),
    );
    lines
}

/// Text that cannot end the HTML comment or start a shortcode.
fn comment_safe(s: &str) -> String {
    s.replace("--", "–").replace("{{", "{ {")
}

/// Word-wrap at `width` characters; continuation lines indented by two spaces.
fn wrap(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in line.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push_str("\n  ");
            len = 2;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out.push('\n');
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Today's date (UTC).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    Date {
        year: (yoe + era * 400 + i64::from(month <= 2)) as i32,
        month: month as u8,
        day: day as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(16_570).to_string(), "2015-05-15");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn toml_strings_and_wrapping() {
        assert_eq!(toml_string(r#"Seminar "A" \ B"#), r#""Seminar \"A\" \\ B""#);
        assert_eq!(wrap("aa bb cc", 5), "aa bb\n  cc\n");
        assert_eq!(comment_safe("a --> b {{ c"), "a –> b { { c");
    }
}
