//! A whole build: load → check → embargo → compute → render, into an
//! in-memory [`Output`] that `write` puts on disk (or `serve` serves).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::model::Date;
use crate::render::{PdfLinks, PrintJob};
use crate::write::Output;

/// Called once per page built with the number of pages in all (from any thread).
pub type Progress = std::sync::Arc<dyn Fn(usize) + Send + Sync>;

/// What a build needs besides the project folder.
#[derive(Clone, Default)]
pub struct BuildOptions {
    /// Include drafts and embargoed seminars, each page marked "UDKAST".
    pub drafts: bool,
    /// Reference date for embargo (else the config's `as_of`).
    pub as_of: Option<Date>,
    /// Preview this seminar alone (`bundle --drafts`): it is kept even when
    /// a draft or embargoed, every other draft and embargo holds.
    pub seminar_drafts: Option<String>,
    /// Which seminars' pages link to PDFs (only `maalrapport pdf` prints them).
    pub pdf: PdfLinks,
    /// Print the full city handouts too (`pdf --full`).
    pub full_pdf: bool,
    /// A PNG beside every chart's SVG (`--png`; `[charts] png = true` asks too).
    pub png: bool,
    /// Progress display, if any.
    pub progress: Option<Progress>,
    /// Compute every withheld count's range in the disclosure audit (for
    /// `check --disclosure`), not only prove them wide enough.
    pub exact_audit: bool,
}

impl std::fmt::Debug for BuildOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuildOptions")
            .field("drafts", &self.drafts)
            .field("as_of", &self.as_of)
            .field("seminar_drafts", &self.seminar_drafts)
            .field("pdf", &self.pdf)
            .field("png", &self.png)
            .finish_non_exhaustive()
    }
}

/// Why a build produced nothing.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the user's files (exit 1).
    Problems(Vec<Diagnostic>),
    /// A template, I/O or other failure (exit 2).
    Failed(String),
}

/// A successful build: the files and the warnings met on the way.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    pub charts: usize,
    /// The pages to print to PDF (none unless `BuildOptions::pdf` asks).
    pub prints: Vec<PrintJob>,
}

/// Build the site of the project in `root` into memory.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<Built, BuildError> {
    build_into(root, opts, Output::default())
}

/// A project loaded, checked and computed: everything a renderer needs, and
/// the disclosure decision (for the analyst, never for the renderers).
pub struct Prepared {
    pub project: crate::model::Project,
    pub computed: crate::compute::Computed,
    pub disclosure: crate::compute::Disclosure,
    pub warnings: Vec<Diagnostic>,
}

/// Load, check, apply the embargo and compute (disclosure control included).
pub fn prepare(root: &Path, opts: &BuildOptions) -> Result<Prepared, BuildError> {
    let (project, diags) = crate::load::load(root);
    let failed = diags.has_errors();
    let all = diags.sorted();
    let Some(project) = project.filter(|_| !failed) else {
        return Err(BuildError::Problems(all));
    };
    prepare_loaded(project, all, opts)
}

/// [`prepare`] for a project loaded without errors, with the problems its
/// loading found (warnings only); the checks of what the pages will show
/// (shortcodes without a figure, seminar periods without data, …) add theirs.
pub fn prepare_loaded(
    mut project: crate::model::Project,
    found: Vec<Diagnostic>,
    opts: &BuildOptions,
) -> Result<Prepared, BuildError> {
    let mut warnings: Vec<Diagnostic> = found
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let before = project.observations.iter().map(|(k, _)| *k).collect();
    crate::embargo::apply(&mut project, opts).map_err(BuildError::Problems)?;
    let observed = crate::check::Observed::new(before, &project);
    let observations = std::mem::take(&mut project.observations);
    let (computed, disclosure) = crate::compute::compute_with(
        &project.catalog,
        observations,
        &project.config,
        opts.exact_audit,
    );
    let mut shown = crate::diag::Diagnostics::default();
    crate::check::figures(&project, &computed, &observed, &mut shown);
    warnings.extend(shown.sorted());
    warnings.sort();
    warnings.dedup();
    Ok(Prepared {
        project,
        computed,
        disclosure,
        warnings,
    })
}

/// Build the site of the project in `root` into `output` (in memory, or
/// streamed to a staging folder: [`Output::streaming`]). Refuses (problems)
/// when the disclosure audit finds a withheld count that could be worked out.
pub fn build_into(root: &Path, opts: &BuildOptions, output: Output) -> Result<Built, BuildError> {
    let Prepared {
        project,
        computed,
        disclosure,
        warnings,
    } = prepare(root, opts)?;
    if !disclosure.failures.is_empty() {
        return Err(BuildError::Problems(
            disclosure.diagnostics(&project.catalog),
        ));
    }
    let tick = |total: usize| {
        if let Some(p) = &opts.progress {
            p(total);
        }
    };
    let png = opts.png || project.config.charts.png;
    let rendered = crate::render::render(
        &project,
        &computed,
        &opts.pdf,
        opts.full_pdf,
        png,
        &tick,
        output,
    )
    .map_err(BuildError::Failed)?;
    if let Some(e) = rendered.output.error() {
        return Err(BuildError::Failed(e.to_owned()));
    }
    Ok(Built {
        output: rendered.output,
        warnings,
        pages: rendered.pages,
        charts: rendered.charts,
        prints: rendered.prints,
    })
}

/// The default output folder of a project.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("site")
}
