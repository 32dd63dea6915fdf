//! Markdown content: the front page, seminars with their commentary, and
//! standing commentary for cities and indicators.

use std::collections::BTreeMap;

use super::period::{Date, Period};
use crate::diag::Pos;

/// A Markdown file after its front matter was read.
#[derive(Debug, Clone)]
pub struct Page {
    pub title: Option<String>,
    pub draft: bool,
    /// The Markdown body (front matter removed).
    pub body: String,
    /// The position of the first body line, for shortcode messages.
    pub body_pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeminarKind {
    /// Fælles udvalgsseminar.
    Seminar,
    /// Årsrapport / målregnskab: same structure, other labels.
    Annual,
}

impl SeminarKind {
    pub fn label_da(self) -> &'static str {
        match self {
            SeminarKind::Seminar => "Seminarrapport",
            SeminarKind::Annual => "Årsrapport",
        }
    }
}

/// Which city handout a seminar's pages and PDFs show by default (front
/// matter `handout`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HandoutKind {
    /// The overview and one compact panel per goal; the full handout is
    /// beside it (`<city>/fuld/`).
    #[default]
    Short,
    /// Every indicator in full (definitions, all cities' tables, bars).
    Full,
}

/// A dated meeting (or annual report) and everything written for it.
#[derive(Debug, Clone)]
pub struct Seminar {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub place: Option<String>,
    pub kind: SeminarKind,
    /// The city handouts' default form.
    pub handout: HandoutKind,
    /// The latest period the report shows.
    pub period: Period,
    /// Where `period` is written (the front matter of index.md).
    pub period_pos: Pos,
    /// Changes are shown since this period.
    pub baseline: Option<Period>,
    pub description: Option<String>,
    /// Indices into the catalog's cities, in network order.
    pub cities: Vec<usize>,
    /// Indices into the catalog's areas, in report order.
    pub areas: Vec<usize>,
    pub publish: Option<Date>,
    pub draft: bool,
    pub intro: Page,
    /// Commentary per indicator index.
    pub indicator_notes: BTreeMap<usize, Page>,
    /// Commentary per city index, for the city's handout.
    pub city_notes: BTreeMap<usize, Page>,
}

/// All content of a project.
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub front: Option<Page>,
    /// Newest first.
    pub seminars: Vec<Seminar>,
    pub city_notes: BTreeMap<usize, Page>,
    pub indicator_notes: BTreeMap<usize, Page>,
}

impl Content {
    /// Remove everything that must not be published: drafts and seminars whose
    /// `publish` date lies after `as_of`. With `keep_drafts` they stay, marked
    /// as drafts so every page shows the "UDKAST" banner.
    pub fn embargo(&mut self, as_of: Option<Date>, keep_drafts: bool) {
        let embargoed =
            |s: &Seminar| s.draft || matches!((s.publish, as_of), (Some(p), Some(a)) if p > a);
        if keep_drafts {
            for s in &mut self.seminars {
                s.draft = embargoed(s);
            }
            return;
        }
        self.seminars.retain(|s| !embargoed(s));
        let drop_drafts = |m: &mut BTreeMap<usize, Page>| m.retain(|_, p| !p.draft);
        for s in &mut self.seminars {
            drop_drafts(&mut s.indicator_notes);
            drop_drafts(&mut s.city_notes);
        }
        drop_drafts(&mut self.city_notes);
        drop_drafts(&mut self.indicator_notes);
        if self.front.as_ref().is_some_and(|p| p.draft) {
            self.front = None;
        }
    }
}
