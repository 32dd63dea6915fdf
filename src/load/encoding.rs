//! The text of a data file: UTF-8, UTF-16 or Windows-1252, detected — or
//! named by a source description — with a clear message when it is none.

use encoding_rs::WINDOWS_1252;

use super::describe::Encoding;

/// The text of a data file for showing a line of it (messages): as
/// [`decode_detect`] reads it, else lossily.
pub fn decode(bytes: &[u8]) -> String {
    match decode_detect(bytes, None) {
        Ok((text, _)) => text,
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Bytes Windows-1252 leaves undefined: a file with them is not Windows-1252.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// The text of a data file and, when the encoding was a guess, a warning.
/// UTF-8 (a BOM is dropped), UTF-16 with a BOM (as Excel's "Unicode text"
/// writes it), UTF-16 without one when the zero bytes say so (warned), else
/// Windows-1252, which Danish Excel's "CSV (semikolonsepareret)" writes.
/// `forced` is a source description's `encoding`. Err: a message.
pub fn decode_detect(
    bytes: &[u8],
    forced: Option<Encoding>,
) -> Result<(String, Option<String>), String> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    let utf16 = |enc: &'static encoding_rs::Encoding, body: &[u8]| {
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            Err(format!(
                "the file is not valid {}: save it again as CSV UTF-8",
                enc.name()
            ))
        } else {
            Ok(text.into_owned())
        }
    };
    if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(UTF_16LE, b).map(|t| (t, None));
    }
    if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(UTF_16BE, b).map(|t| (t, None));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match forced {
        Some(Encoding::Utf8) => {
            return std::str::from_utf8(bytes)
                .map(|t| (t.to_owned(), None))
                .map_err(|e| {
                    format!(
                        "the file is not valid UTF-8 (byte {} of the file), although its source description says `encoding = \"utf-8\"`",
                        e.valid_up_to() + 1
                    )
                })
        }
        Some(Encoding::Utf16) => return utf16(UTF_16LE, bytes).map(|t| (t, None)),
        Some(Encoding::Windows1252) => {
            return Ok((
                WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
                None,
            ))
        }
        None => {}
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        let zeros = |parity: usize| {
            head.iter()
                .skip(parity)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let half = head.len() / 2;
        let (even, odd) = (zeros(0), zeros(1));
        let guess = if odd * 10 > half * 4 && even * 10 < half {
            Some((UTF_16LE, "UTF-16LE"))
        } else if even * 10 > half * 4 && odd * 10 < half {
            Some((UTF_16BE, "UTF-16BE"))
        } else {
            None
        };
        return match guess {
            Some((enc, name)) => utf16(enc, bytes).map(|t| {
                (t, Some(format!("no byte-order mark: read as {name} by its zero bytes; save the file as CSV UTF-8 (or set `encoding` in a source description) to be sure")))
            }),
            None => Err("the file has zero bytes, so it is not text in UTF-8, UTF-16 or Windows-1252: is it a spreadsheet saved with the wrong extension? Save it as CSV UTF-8".to_owned()),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), None)),
        Err(_) => match bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
            Some(at) => Err(format!(
                "the file is neither UTF-8 nor Windows-1252 (byte 0x{:02X} at byte {} has no meaning in Windows-1252): save it as CSV UTF-8, or set `encoding` in a source description",
                bytes[at],
                at + 1
            )),
            None => Ok((
                WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
                None,
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_bom() {
        assert_eq!(decode(b"K\xf8benhavn;\xe6\xe5"), "København;æå");
        assert_eq!(decode("\u{feff}Århus".as_bytes()), "Århus");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "\u{feff}Århus;1"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode_detect(&le, None).unwrap(),
            ("Århus;1".to_owned(), None)
        );
        let be: Vec<u8> = "\u{feff}Århus"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode_detect(&be, None).unwrap().0, "Århus");
        let bare: Vec<u8> = "indicator;city"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (text, warning) = decode_detect(&bare, None).unwrap();
        assert_eq!(text, "indicator;city");
        assert!(warning.unwrap().contains("UTF-16LE"));
        assert!(decode_detect(b"PK\x03\x04\x00\x00\x14\x00\x00\x00", None).is_err());
        let err = decode_detect(b"K\x81benhavn", None).unwrap_err();
        assert!(err.contains("neither UTF-8 nor Windows-1252"), "{err}");
    }
}
