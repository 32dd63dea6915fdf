//! Rendering: Markdown commentary, SVG charts and HTML pages from the
//! computed figures, plus the open-data files. Everything lands in an
//! in-memory [`Output`]; `write` puts it on disk.

pub mod charts;
mod commentary;
mod data;
mod factsheet;
mod figures;
mod handout;
mod map;
pub mod markdown;
mod matrix;
mod multiples;
mod overview;
mod pages;
pub mod png;
pub mod print;
mod prose;
mod revision;
mod template_check;
mod templates;
mod theory;
mod views;
pub mod xlsx;

use serde::Serialize;
use tera::{Context, Tera};

use crate::compute::Computed;
use crate::model::Project;
use crate::write::Output;
pub use print::{PdfLinks, PrintJob};
pub use templates::check as check_templates;

/// The rendered site.
pub struct Rendered {
    pub output: Output,
    pub pages: usize,
    pub charts: usize,
    /// The pages whose PDFs the pages link to, for `maalrapport pdf` to print.
    pub prints: Vec<PrintJob>,
}

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    organisation: &'a str,
    lang: &'static str,
    network_name: &'a str,
    example_data: bool,
    accessibility_statement: Option<&'a str>,
    /// "Data pr. 1. juni 2024", empty when unknown.
    data_as_of: String,
    min_cell: u64,
    /// The confidence level of intervals and tests, e.g. "95 pct.".
    level: String,
}

/// Shared state of one rendering.
pub(crate) struct Renderer<'a> {
    pub project: &'a Project,
    pub computed: &'a Computed,
    tera: Tera,
    site: SiteView<'a>,
    /// Which seminars' pages link to their PDFs.
    pub pdf: &'a PdfLinks,
    /// Whether the full handouts are printed too (`pdf --full`).
    pub full_pdf: bool,
    /// Whether every chart gets a PNG beside its SVG (and a link to it).
    pub png: bool,
}

/// One page ready to be written: its HTML and its chart files.
pub(crate) struct PageOut {
    pub path: String,
    pub html: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Render every page, chart and data file into `output`, with a PNG beside
/// each chart's SVG when `png`. `tick(total)` is called once per page built
/// (from any thread), for progress display.
pub fn render(
    project: &Project,
    computed: &Computed,
    pdf: &PdfLinks,
    full_pdf: bool,
    png: bool,
    tick: &(dyn Fn(usize) + Sync),
    output: Output,
) -> Result<Rendered, String> {
    let root = project.root.as_path();
    let config = &project.config;
    let renderer = Renderer {
        project,
        computed,
        tera: templates::load(root)?,
        site: SiteView {
            title: &config.title,
            description: &config.description,
            organisation: &config.organisation,
            lang: config.language.code(),
            network_name: &project.catalog.network_name,
            example_data: config.example_data,
            accessibility_statement: config.accessibility_statement.as_deref(),
            data_as_of: computed
                .data_as_of
                .map(|d| format!("Data pr. {}", d.label_da()))
                .unwrap_or_default(),
            min_cell: computed.min_cell,
            level: level_da(computed.confidence.level()),
        },
        pdf,
        full_pdf,
        png,
    };
    let sink = std::sync::Mutex::new((output, 0));
    let emit = |page: PageOut| {
        let mut guard = sink.lock().expect("output lock");
        let (output, charts) = &mut *guard;
        for (path, bytes) in page.files {
            *charts += usize::from(path.ends_with(".svg"));
            output.add(path, bytes);
        }
        output.add(page.path, page.html);
    };
    let page_count = pages::all(&renderer, tick, &emit)?;
    let (mut output, charts) = sink.into_inner().expect("output lock");
    for (name, bytes) in templates::assets(root)? {
        output.add(format!("assets/{name}"), bytes);
    }
    data::write(project, computed, &mut output);
    let prints = print::jobs(&project.catalog, &project.content.seminars, pdf, full_pdf);
    Ok(Rendered {
        output,
        pages: page_count,
        charts,
        prints,
    })
}

/// A confidence level in Danish, e.g. "95 pct." or "99,8 pct.".
fn level_da(level: f64) -> String {
    let pct = level * 100.0;
    let decimals = crate::format::plain(pct, 4)
        .split('.')
        .nth(1)
        .map_or(0, str::len);
    crate::format::pct(pct, decimals)
}

impl Renderer<'_> {
    /// Render `template` with the site values, `page` and the page's own context.
    fn page(&self, template: &str, mut ctx: Context) -> Result<String, String> {
        ctx.insert("site", &self.site);
        self.tera
            .render(template, &ctx)
            .map_err(|e| templates::error_chain(&e))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn level_in_danish() {
        assert_eq!(super::level_da(0.95), "95 pct.");
        assert_eq!(super::level_da(0.998), "99,8 pct.");
        assert_eq!(super::level_da(0.9999), "99,99 pct.");
    }
}
