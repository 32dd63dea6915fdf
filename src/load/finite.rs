//! Numbers that are not numbers. TOML allows `nan` and `inf` (and a float
//! too large for f64 reads as infinity); no setting, target or front-matter
//! value of maalrapport means anything with them, and every comparison with
//! NaN is false, so they would pass range checks silently. They are refused
//! in every TOML file and front matter, at their place.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::Source;
use crate::diag::Diagnostics;

/// Report every non-finite float of `src`; returns whether there was none.
/// Syntax errors are left to the deserializer, which reports them.
pub(super) fn check(src: &Source, diags: &mut Diagnostics) -> bool {
    let Ok(table) = DeTable::parse(&src.text) else {
        return true;
    };
    let mut ok = true;
    for (key, value) in table.get_ref() {
        walk(src, key.get_ref(), value, &mut ok, diags);
    }
    ok
}

fn walk(src: &Source, key: &str, value: &Spanned<DeValue>, ok: &mut bool, diags: &mut Diagnostics) {
    match value.get_ref() {
        DeValue::Float(f) => {
            let text = f.as_str();
            let v: Option<f64> = text.replace('_', "").parse().ok();
            if !v.is_some_and(f64::is_finite) {
                diags.error(
                    src.pos(value.span().start),
                    format!("`{key} = {text}` is not a finite number: expected a number such as 0.95 or 9.0"),
                );
                *ok = false;
            }
        }
        DeValue::Array(items) => {
            for item in items {
                walk(src, key, item, ok, diags);
            }
        }
        DeValue::Table(table) => {
            for (k, v) in table {
                walk(src, k.get_ref(), v, ok, diags);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let src = Source {
            rel: "x.toml".into(),
            text: text.into(),
            line_offset: 0,
        };
        let mut diags = Diagnostics::default();
        check(&src, &mut diags);
        diags.sorted().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn nan_and_inf_are_refused_where_they_stand() {
        assert!(errors("a = 1.5\nb = [1.0, 2]\n[t]\nc = 1e300\n").is_empty());
        assert_eq!(
            errors("[compare]\nlevel = nan\n"),
            ["x.toml:2:9: error: `level = nan` is not a finite number: expected a number such as 0.95 or 9.0"]
        );
        assert_eq!(errors("x = [1.0, -inf]\ny = { z = 1e999 }\n").len(), 2);
        assert!(errors("not toml ===").is_empty());
    }
}
