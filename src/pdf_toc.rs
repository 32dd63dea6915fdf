//! Page numbers for a printed table of contents. Chromium does not draw
//! CSS `target-counter()`, so `maalrapport pdf` prints a page with a table
//! of contents twice: the first PDF says on which page each linked heading
//! landed (Chromium writes a named destination for every in-page link
//! target), and the second is printed with those numbers filled into the
//! contents' `<span class="toc-page" data-target="ID"></span>`. The numbers
//! take no extra line, so the second print breaks its pages where the
//! first did.

use std::collections::BTreeMap;

/// Whether a page has a table of contents to number.
pub fn has_toc(html: &str) -> bool {
    html.contains("<span class=\"toc-page\" data-target=\"")
}

/// `html` with each contents entry's page number from `pages` (id → page).
pub fn fill(html: &str, pages: &BTreeMap<String, usize>) -> String {
    const OPEN: &str = "<span class=\"toc-page\" data-target=\"";
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len()..];
        let Some(q) = after.find('"') else { break };
        let id = &after[..q];
        let tail = &after[q..];
        out.push_str(&rest[..i + OPEN.len() + q]);
        match (pages.get(id), tail.strip_prefix("\"></span>")) {
            (Some(n), Some(end)) => {
                out.push_str(&format!("\">{n}</span>"));
                rest = end;
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// The objects of an uncompressed PDF (as Chromium/Skia writes them): number → text.
fn objects(pdf: &str) -> BTreeMap<u32, &str> {
    let mut objs = BTreeMap::new();
    let mut rest = pdf;
    let mut offset = 0;
    while let Some(i) = rest.find(" 0 obj") {
        let head = &pdf[..offset + i];
        let num_start = head
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |k| k + 1);
        let body_start = offset + i + " 0 obj".len();
        let body_end = pdf[body_start..]
            .find("endobj")
            .map_or(pdf.len(), |k| body_start + k);
        if let Ok(n) = pdf[num_start..offset + i].parse() {
            // A stream's data is no dictionary text: keep the dictionary only.
            let body = &pdf[body_start..body_end];
            let body = body.find("stream").map_or(body, |k| &body[..k]);
            objs.insert(n, body);
        }
        offset = body_end;
        rest = &pdf[offset..];
    }
    objs
}

/// The object numbers an `/Key [a 0 R b 0 R]` array or `/Key n 0 R` refers to.
fn refs(dict: &str, key: &str) -> Vec<u32> {
    let Some(i) = dict.find(key) else {
        return Vec::new();
    };
    let after = dict[i + key.len()..].trim_start();
    let list = if let Some(inner) = after.strip_prefix('[') {
        &inner[..inner.find(']').unwrap_or(inner.len())]
    } else {
        let end = after.find('R').map_or(after.len(), |k| k + 1);
        &after[..end]
    };
    let words: Vec<&str> = list.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w[1] == "0" && w[2] == "R")
        .filter_map(|w| w[0].parse().ok())
        .collect()
}

/// The page (1-based) each named destination of `pdf` points at.
pub fn destinations(pdf: &[u8]) -> BTreeMap<String, usize> {
    let text = String::from_utf8_lossy(pdf);
    let objs = objects(&text);
    let Some(catalog) = objs.values().find(|o| o.contains("/Type /Catalog")) else {
        return BTreeMap::new();
    };
    // Pages in order: the page tree, depth first.
    let mut pages = Vec::new();
    let mut stack: Vec<u32> = refs(catalog, "/Pages").into_iter().rev().collect();
    let mut guard = 0;
    while let Some(n) = stack.pop() {
        guard += 1;
        if guard > 1_000_000 {
            break;
        }
        let Some(obj) = objs.get(&n) else { continue };
        if obj.contains("/Type /Pages") {
            stack.extend(refs(obj, "/Kids").into_iter().rev());
        } else {
            pages.push(n);
        }
    }
    let page_no: BTreeMap<u32, usize> =
        pages.iter().enumerate().map(|(i, n)| (*n, i + 1)).collect();
    let mut out = BTreeMap::new();
    for dests in refs(catalog, "/Dests").iter().filter_map(|n| objs.get(n)) {
        // `/name [12 0 R /XYZ 0 783.4 0]` pairs.
        let mut rest = *dests;
        while let Some(i) = rest.find('/') {
            let after = &rest[i + 1..];
            let name_end = after
                .find(|c: char| c.is_whitespace() || c == '[')
                .unwrap_or(after.len());
            let name = &after[..name_end];
            let tail = after[name_end..].trim_start();
            if let Some(inner) = tail.strip_prefix('[') {
                let words: Vec<&str> = inner.split_whitespace().take(3).collect();
                if let [n, "0", "R"] = words[..] {
                    if let Some(p) = n.parse().ok().and_then(|n: u32| page_no.get(&n)) {
                        out.insert(name.to_owned(), *p);
                    }
                }
                let close = inner.find(']').map_or(inner.len(), |k| k + 1);
                rest = &inner[close..];
            } else {
                rest = &after[name_end..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &str = "%PDF-1.4\n1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 6 0 R>>\nendobj\n2 0 obj\n<</Type /Pages\n/Count 3\n/Kids [7 0 R 5 0 R]>>\nendobj\n7 0 obj\n<</Type /Pages\n/Kids [3 0 R 4 0 R]>>\nendobj\n3 0 obj\n<</Type /Page>>\nendobj\n4 0 obj\n<</Type /Page>>\nendobj\n5 0 obj\n<</Type /Page>>\nendobj\n6 0 obj\n<</status [4 0 R /XYZ 0 783.4 0]\n/omraade-misbrug [5 0 R /XYZ 0 722 0]>>\nendobj\n";

    #[test]
    fn named_destinations_give_their_pages() {
        let d = destinations(PDF.as_bytes());
        assert_eq!(d.get("status"), Some(&2));
        assert_eq!(d.get("omraade-misbrug"), Some(&3));
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn contents_get_their_numbers() {
        let html = r##"<li><a href="#status">S</a><span class="toc-page" data-target="status"></span></li><li><span class="toc-page" data-target="x"></span></li>"##;
        assert!(has_toc(html));
        let pages = BTreeMap::from([("status".to_owned(), 2)]);
        assert_eq!(
            fill(html, &pages),
            r##"<li><a href="#status">S</a><span class="toc-page" data-target="status">2</span></li><li><span class="toc-page" data-target="x"></span></li>"##
        );
    }
}
