//! The embedded municipal boundaries (`kommuner.txt`): a header with the
//! frame and the Bornholm inset, then one line per municipality,
//! `code<TAB>name<TAB>SVG path data`, in frame units (north up).

use std::sync::OnceLock;

/// One municipality's outline.
#[derive(Debug)]
pub struct Municipality {
    pub code: u16,
    /// The name in the source (Aarhus is "Århus" there: match on the code).
    pub name: &'static str,
    pub path: &'static str,
}

/// The frame the paths are drawn in and where the Bornholm inset stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub width: f64,
    pub height: f64,
    /// Left, top, width and height of the inset.
    pub inset: (f64, f64, f64, f64),
}

const SOURCE: &str = include_str!("kommuner.txt");

struct Parsed {
    frame: Frame,
    municipalities: Vec<Municipality>,
}

fn parsed() -> &'static Parsed {
    static PARSED: OnceLock<Parsed> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut frame = None;
        let mut inset = None;
        let mut municipalities = Vec::new();
        for line in SOURCE.lines() {
            if let Some(rest) = line.strip_prefix("# frame ") {
                let nums: Vec<f64> = rest
                    .split([' ', ';'])
                    .filter_map(|w| w.parse().ok())
                    .collect();
                frame = Some((nums[0], nums[1]));
                inset = Some((nums[2], nums[3], nums[4], nums[5]));
            } else if !line.starts_with('#') {
                let mut fields = line.splitn(3, '\t');
                let (Some(code), Some(name), Some(path)) =
                    (fields.next(), fields.next(), fields.next())
                else {
                    continue;
                };
                municipalities.push(Municipality {
                    code: code.parse().expect("kommuner.txt: a numeric code"),
                    name,
                    path,
                });
            }
        }
        let ((width, height), inset) = (
            frame.expect("kommuner.txt: frame line"),
            inset.expect("kommuner.txt: inset"),
        );
        Parsed {
            frame: Frame {
                width,
                height,
                inset,
            },
            municipalities,
        }
    })
}

/// Every municipality, by code.
pub fn municipalities() -> &'static [Municipality] {
    &parsed().municipalities
}

pub(super) fn frame() -> Frame {
    parsed().frame
}
