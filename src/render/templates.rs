//! The default theme, embedded in the binary, and a project's overrides:
//! `templates/<name>` in the project folder replaces the default of that name.

use std::path::{Path, PathBuf};

use tera::Tera;

use super::template_check::{self, TemplateText};
use crate::diag::{Diagnostics, Pos};

/// The default templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("seminar.html", include_str!("../../templates/seminar.html")),
    ("handout.html", include_str!("../../templates/handout.html")),
    (
        "handout-full.html",
        include_str!("../../templates/handout-full.html"),
    ),
    ("city.html", include_str!("../../templates/city.html")),
    (
        "indicator.html",
        include_str!("../../templates/indicator.html"),
    ),
    (
        "factsheet.html",
        include_str!("../../templates/factsheet.html"),
    ),
];

/// Static files copied to `site/assets/`, overridable as `templates/assets/<name>`.
const ASSETS: &[(&str, &str)] = &[(
    "style.css",
    include_str!("../../templates/assets/style.css"),
)];

/// The project's templates and the defaults it does not replace.
/// A file refused (see `load::admit`) is an error naming it.
fn sources(root: &Path) -> Result<Vec<TemplateText>, (PathBuf, String)> {
    let mut sources = Vec::new();
    for (name, default) in TEMPLATES {
        let rel = Path::new("templates").join(name);
        let own = own_file(root, &rel)?;
        let source = if let Some(own) = own {
            TemplateText {
                name,
                text: std::fs::read_to_string(&own)
                    .map_err(|e| (rel.clone(), format!("cannot read the template: {e}")))?,
                own: true,
            }
        } else {
            TemplateText {
                name,
                text: (*default).to_owned(),
                own: false,
            }
        };
        sources.push(source);
    }
    Ok(sources)
}

/// Compile the templates once: a project's own file wins over the default.
/// A set with a parse error or a cycle is refused before Tera sees it.
pub fn load(root: &Path) -> Result<Tera, String> {
    let sources = sources(root).map_err(|(rel, e)| format!("{}: {e}", rel.display()))?;
    if let Some(p) = template_check::problems(&sources).first() {
        return Err(format!("{}: {}", p.pos, p.message));
    }
    compile(&sources)
}

fn compile(sources: &[TemplateText]) -> Result<Tera, String> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which makes every URL unreadable.
    tera.set_escape_fn(super::markdown::escape);
    tera.register_filter("genitive", genitive);
    tera.register_filter("css_string", css_string);
    tera.add_raw_templates(sources.iter().map(|s| (s.name, s.text.as_str())))
        .map_err(|e| error_chain(&e))?;
    Ok(tera)
}

/// For `check`: every problem of the templates, at `templates/<file>:line:col`.
pub fn check(root: &Path, diags: &mut Diagnostics) {
    for (name, _) in ASSETS {
        if let Err((rel, e)) = own_file(root, &Path::new("templates/assets").join(name)) {
            diags.error(Pos::new(rel, 1, 1), e);
        }
    }
    let sources = match sources(root) {
        Ok(s) => s,
        Err((rel, e)) => return diags.error(Pos::new(rel, 1, 1), e),
    };
    let problems = template_check::problems(&sources);
    if problems.is_empty() {
        if let Err(e) = compile(&sources) {
            // A missing parent, include or macro file: at the template that names it.
            let at = sources
                .iter()
                .filter(|s| s.own)
                .find(|s| e.contains(&format!("'{}'", s.name)))
                .map_or_else(
                    || PathBuf::from("templates"),
                    |s| PathBuf::from("templates").join(s.name),
                );
            diags.error(Pos::new(at, 1, 1), e.replace('\n', " "));
        }
    }
    for p in problems {
        diags.error(p.pos, p.message);
    }
}

/// The project's own file `rel`, if it has one that may be read: a symlink
/// leading outside the project (or nowhere) is refused, never followed.
fn own_file(root: &Path, rel: &Path) -> Result<Option<PathBuf>, (PathBuf, String)> {
    crate::load::admit(root, rel).map_err(|r| (rel.to_path_buf(), r.message().to_owned()))?;
    let path = root.join(rel);
    Ok(path.is_file().then_some(path))
}

/// Danish genitive: "Odenses", "Aarhus'", "Esbjergs".
fn genitive(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let name = tera::try_get_value!("genitive", "value", String, value);
    Ok(tera::Value::String(crate::format::genitive(&name)))
}

/// The site's static assets (name, bytes).
pub fn assets(root: &Path) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    ASSETS
        .iter()
        .map(|(name, default)| {
            let rel = Path::new("templates/assets").join(name);
            let own = own_file(root, &rel).map_err(|(rel, e)| format!("{}: {e}", rel.display()))?;
            let bytes = if let Some(own) = own {
                std::fs::read(&own).map_err(|e| format!("cannot read {}: {e}", own.display()))?
            } else {
                default.as_bytes().to_vec()
            };
            Ok((*name, bytes))
        })
        .collect()
}

/// `{{ x | css_string }}`: `x` as a quoted CSS string, e.g. for a custom
/// property the print stylesheet shows in the page margins. Inside an HTML
/// attribute the usual HTML escaping then applies on top.
fn css_string(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // Control characters and `<` (no `</style>` surprises) as hex escapes.
            c if c.is_control() || c == '<' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(tera::Value::String(out))
}

/// A Tera error with its causes ("Failed to parse 'x.html'" … "--> 3:7 …").
pub fn error_chain(e: &tera::Error) -> String {
    let mut msg = format!("template error: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_are_quoted_and_escaped() {
        let css =
            |s: &str| css_string(&tera::Value::String(s.into()), &Default::default()).unwrap();
        assert_eq!(css("Aarhus – 2015"), "\"Aarhus – 2015\"");
        assert_eq!(css(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(css("a\nb</style>"), "\"a\\a b\\3c /style>\"");
    }
}
