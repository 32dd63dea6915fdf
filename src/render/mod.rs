//! Rendering: Markdown commentary, SVG charts and HTML pages from the
//! computed figures.

use crate::compute::Computed;
use crate::diag::Diagnostics;
use crate::model::Project;
use crate::write::Output;

/// The rendered site.
pub struct Rendered {
    pub output: Output,
    pub pages: usize,
    pub charts: usize,
}

/// Render every page, chart and data file.
pub fn render(_project: &Project, _computed: &Computed, _diags: &mut Diagnostics) -> Result<Rendered, String> {
    Err("rendering is not implemented yet".into())
}
