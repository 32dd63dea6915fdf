//! PNG copies of the charts, for slides and documents: each chart's SVG
//! rasterised at 2× with resvg and the bundled DejaVu Sans (assets/fonts/),
//! never a system font, so the same SVG gives the same bytes on any machine.
//! Behind the cargo feature `png`; the pages ask for PNGs per build
//! (`build --png`, `[charts] png = true`).

use std::fmt;

/// Pixels per SVG user unit: a chart 640 units wide becomes 1280 px.
pub const SCALE: f32 = 2.0;

/// Why a chart could not be made a PNG.
#[derive(Debug)]
pub enum PngError {
    /// This program was compiled without the cargo feature `png`.
    Unsupported,
    /// The SVG did not parse.
    Svg(String),
    /// The image would be empty or too large to allocate.
    Size(f32, f32),
    /// Encoding the pixels failed.
    Encode(String),
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::Unsupported => write!(
                f,
                "PNG charts need maalrapport compiled with the cargo feature `png` (on by default)"
            ),
            PngError::Svg(e) => write!(f, "chart SVG does not parse: {e}"),
            PngError::Size(w, h) => write!(f, "chart of {w} × {h} units cannot be a PNG"),
            PngError::Encode(e) => write!(f, "cannot encode PNG: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// Whether this program can make PNGs (the cargo feature `png`).
pub const SUPPORTED: bool = cfg!(feature = "png");

/// The chart `svg` as a PNG at [`SCALE`]× its viewBox, on white. The same
/// SVG always gives the same bytes (no clock, no system fonts; tiny-skia's
/// encoder writes no timestamp).
#[cfg(feature = "png")]
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, PngError> {
    use resvg::{tiny_skia, usvg};
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_owned(),
        fontdb: fonts::database(),
        // Charts reference no files: an <image href> must not read the disk.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        languages: vec!["da".to_owned()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new((w * SCALE).ceil() as u32, (h * SCALE).ceil() as u32)
        .ok_or(PngError::Size(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

/// Without the feature `png` there is no renderer: asking for PNGs fails.
#[cfg(not(feature = "png"))]
pub fn svg_to_png(_svg: &str) -> Result<Vec<u8>, PngError> {
    Err(PngError::Unsupported)
}

/// The PNG file beside a chart's SVG file: `x/y.svg` -> `x/y.png`.
pub fn png_path(svg_path: &str) -> Option<String> {
    svg_path
        .strip_suffix(".svg")
        .map(|stem| format!("{stem}.png"))
}

/// A PNG beside every SVG among a page's `files`, rendered here (on the
/// page's own thread: pages are built in parallel).
pub(super) fn add_pngs(files: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let mut pngs = Vec::new();
    for (path, bytes) in files.iter() {
        let Some(png) = png_path(path) else { continue };
        let svg = std::str::from_utf8(bytes).map_err(|e| format!("{path}: {e}"))?;
        pngs.push((png, svg_to_png(svg).map_err(|e| format!("{path}: {e}"))?));
    }
    files.extend(pngs);
    Ok(())
}

#[cfg(feature = "png")]
mod fonts {
    use std::sync::{Arc, OnceLock};

    use resvg::usvg::fontdb;

    /// The family name inside the bundled font files.
    pub const FAMILY: &str = "DejaVu Sans";

    /// DejaVu Sans, regular and bold (Bitstream Vera licence, beside the
    /// files). Italic text falls back to the upright face.
    static FACES: [&[u8]; 2] = [
        include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    ];

    /// The font database, built once per process: the bundled faces only,
    /// every generic family (`sans-serif` the charts ask for, and the
    /// others) mapped to them.
    pub fn database() -> Arc<fontdb::Database> {
        static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
        DB.get_or_init(|| {
            let mut db = fontdb::Database::new();
            for face in FACES {
                db.load_font_source(fontdb::Source::Binary(Arc::new(face)));
            }
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
    }
}

#[cfg(all(test, feature = "png"))]
mod tests {
    use super::*;
    use resvg::tiny_skia::Pixmap;

    fn text_svg(text: &str, attrs: &str) -> String {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" font-family="sans-serif"><rect width="200" height="40" fill="#ffffff"/><text x="10" y="28" font-size="20" {attrs}>{text}</text></svg>"##
        )
    }

    fn pixels(svg: &str) -> Pixmap {
        Pixmap::decode_png(&svg_to_png(svg).unwrap()).unwrap()
    }

    fn inked(p: &Pixmap) -> usize {
        p.pixels()
            .iter()
            .filter(|c| c.red() < 128 && c.green() < 128 && c.blue() < 128)
            .count()
    }

    #[test]
    fn the_bundled_font_is_the_only_one() {
        let db = fonts::database();
        let families: std::collections::BTreeSet<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        assert_eq!(families.into_iter().collect::<Vec<_>>(), ["DejaVu Sans"]);
        assert_eq!(db.len(), 2);
    }

    #[test]
    fn danish_letters_are_drawn_with_their_own_glyphs() {
        let danish = pixels(&text_svg("æøå ÆØÅ", ""));
        assert_eq!((danish.width(), danish.height()), (400, 80));
        assert!(inked(&danish) > 200, "text drawn, not blank");
        // Letters DejaVu Sans has not (Hangul) come out as the .notdef box or
        // nothing: the Danish letters must look different from that, and
        // different from the plain letters they are built on.
        let missing = pixels(&text_svg("가각간 갇갈감", ""));
        let plain = pixels(&text_svg("aoa AOA", ""));
        assert_ne!(danish.data(), missing.data());
        assert_ne!(danish.data(), plain.data());
        // One letter at a time: ø is not o, å is not a.
        assert_ne!(
            pixels(&text_svg("ø", "")).data(),
            pixels(&text_svg("o", "")).data()
        );
        assert_ne!(
            pixels(&text_svg("å", "")).data(),
            pixels(&text_svg("a", "")).data()
        );
    }

    #[test]
    fn bold_uses_the_bold_face_and_halos_are_painted_under_the_text() {
        let regular = pixels(&text_svg("Aarhus", ""));
        let bold = pixels(&text_svg("Aarhus", r#"font-weight="bold""#));
        assert!(inked(&bold) > inked(&regular) * 11 / 10);
        // paint-order="stroke": the white halo goes under the fill, so the
        // text stays as dark as without a halo; without paint-order the
        // halo would cover the glyphs.
        let halo = r##"stroke="#ffffff" stroke-width="4" stroke-linejoin="round""##;
        let under = pixels(&text_svg(
            "Aarhus",
            &format!(r#"{halo} paint-order="stroke""#),
        ));
        let over = pixels(&text_svg("Aarhus", halo));
        assert!(inked(&under) * 10 > inked(&regular) * 9);
        assert!(inked(&over) * 2 < inked(&regular));
    }

    #[test]
    fn same_svg_same_bytes_at_twice_the_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 333"><rect width="640" height="333" fill="#ffffff"/><circle cx="100" cy="100" r="50" fill="#1f5fa0"/><text x="10" y="300" font-family="sans-serif">Økonomi</text></svg>"##;
        let a = svg_to_png(svg).unwrap();
        assert_eq!(a, svg_to_png(svg).unwrap());
        let p = Pixmap::decode_png(&a).unwrap();
        assert_eq!((p.width(), p.height()), (1280, 666));
    }

    #[test]
    fn files_on_disk_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        // (Raster images are not even decoded without resvg's feature
        // `raster-images`; a nested SVG would be, if it were read.)
        let red = dir.path().join("red.svg");
        let red_svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5"><rect width="5" height="5" fill="#ff0000"/></svg>"##;
        std::fs::write(&red, red_svg).unwrap();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image width="10" height="10" xlink:href="{}"/></svg>"#,
            red.display()
        );
        let p = pixels(&svg);
        assert!(p
            .pixels()
            .iter()
            .all(|c| c.green() == 255 && c.alpha() == 255));
    }

    #[test]
    fn bad_svg_is_an_error_and_paths_pair_up() {
        assert!(matches!(svg_to_png("<svg"), Err(PngError::Svg(_))));
        assert_eq!(png_path("a/b-trend.svg").as_deref(), Some("a/b-trend.png"));
        assert_eq!(png_path("a/b.csv"), None);
    }
}
