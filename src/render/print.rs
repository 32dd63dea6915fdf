//! Which pages are printed to PDF and what their PDFs are called: each
//! seminar report and each of its city handouts (short by default; the
//! full ones too with `pdf --full`), the PDF beside the page.
//! Pages link to their PDF only when the build prints it (`maalrapport pdf`),
//! so a plain `build` never links to a file it does not write.

use crate::model::{Catalog, HandoutKind, Seminar};

/// Which seminars' pages link to (and get) PDFs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PdfLinks {
    /// A plain build: no PDFs, no links to them.
    #[default]
    None,
    /// Every seminar (`maalrapport pdf`).
    All,
    /// One seminar, by slug (`maalrapport pdf --seminar`, `bundle`).
    Seminar(String),
}

impl PdfLinks {
    /// Whether the pages of seminar `slug` link to their PDFs.
    pub fn covers(&self, slug: &str) -> bool {
        match self {
            PdfLinks::None => false,
            PdfLinks::All => true,
            PdfLinks::Seminar(s) => s == slug,
        }
    }
}

/// One page to print: paths relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// The seminar's slug.
    pub seminar: String,
    /// The city's id for a handout, `None` for the whole report.
    pub city: Option<String>,
    /// The page, e.g. `seminars/<slug>/<city>/index.html`.
    pub page: String,
    /// Its PDF, e.g. `seminars/<slug>/<city>/<slug>-<city>.pdf`.
    pub pdf: String,
}

/// The PDF of a seminar report (`city` None) or of one city's handout,
/// relative to the site root. The file name repeats the seminar and city so
/// that a PDF saved or mailed on its own still says what it is.
pub fn pdf_path(slug: &str, city: Option<&str>) -> String {
    match city {
        None => format!("seminars/{slug}/{slug}.pdf"),
        Some(c) => format!("seminars/{slug}/{c}/{slug}-{c}.pdf"),
    }
}

/// The full handout's PDF (beside its page `<city>/fuld/`), for seminars
/// whose handouts are short.
pub fn full_pdf_path(slug: &str, city: &str) -> String {
    format!("seminars/{slug}/{city}/fuld/{slug}-{city}-fuld.pdf")
}

/// The full handout's page of a seminar whose handouts are short.
pub fn full_page_path(slug: &str, city: &str) -> String {
    format!("seminars/{slug}/{city}/fuld/index.html")
}

/// The pages of `seminars` that `links` covers, report first, then the
/// handouts in network order; with `full`, each short handout's full
/// version after it.
pub fn jobs(
    catalog: &Catalog,
    seminars: &[Seminar],
    links: &PdfLinks,
    full: bool,
) -> Vec<PrintJob> {
    let mut jobs = Vec::new();
    for s in seminars.iter().filter(|s| links.covers(&s.slug)) {
        jobs.push(PrintJob {
            seminar: s.slug.clone(),
            city: None,
            page: format!("seminars/{}/index.html", s.slug),
            pdf: pdf_path(&s.slug, None),
        });
        for &c in &s.cities {
            let id = &catalog.cities[c].id;
            jobs.push(PrintJob {
                seminar: s.slug.clone(),
                city: Some(id.clone()),
                page: format!("seminars/{}/{id}/index.html", s.slug),
                pdf: pdf_path(&s.slug, Some(id)),
            });
            if full && s.handout == HandoutKind::Short {
                jobs.push(PrintJob {
                    seminar: s.slug.clone(),
                    city: Some(id.clone()),
                    page: full_page_path(&s.slug, id),
                    pdf: full_pdf_path(&s.slug, id),
                });
            }
        }
    }
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_names_say_what_they_are() {
        assert_eq!(
            pdf_path("seminar-2015", None),
            "seminars/seminar-2015/seminar-2015.pdf"
        );
        assert_eq!(
            pdf_path("seminar-2015", Some("aarhus")),
            "seminars/seminar-2015/aarhus/seminar-2015-aarhus.pdf"
        );
    }

    #[test]
    fn links_cover_what_is_printed() {
        assert!(!PdfLinks::None.covers("a"));
        assert!(PdfLinks::All.covers("a"));
        assert!(PdfLinks::Seminar("a".into()).covers("a"));
        assert!(!PdfLinks::Seminar("a".into()).covers("b"));
    }
}
