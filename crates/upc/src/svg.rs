//! SVG barcodes for UPC-A, EAN-13, EAN-8 and UPC-E, with guard bars, the GS1 quiet zones and
//! the human-readable digits.
//!
//! Geometry (GS1 General Specifications, as summarised by the GS1 size guides):
//!
//! | symbol | modules | quiet zone left / right | bar height (X = 0.33 mm) |
//! |---|---|---|---|
//! | EAN-13 | 95 | 11 / 7 | 69 X (22.85 mm) |
//! | UPC-A | 95 | 9 / 9 | 69 X |
//! | EAN-8 | 67 | 7 / 7 | 55 X (18.23 mm) |
//! | UPC-E | 51 | 9 / 7 | 69 X |
//!
//! Guard bars (and for UPC-A the bars of the first and last digit) reach 5 X further down, and
//! the digits are printed below the bars, the outer ones inside the quiet zones. The drawing
//! is in module units (the `viewBox`: one unit is one module, so every bar edge falls on a
//! whole unit) and sized in millimetres from the module width.
//!
//! ```
//! let upc: upc::Upc = "036000291452".parse()?;
//! let svg = upc::svg::render(&upc)?;
//! assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
//! assert!(svg.contains("width=\"37.290mm\"")); // (9 + 95 + 9) modules × 0.33 mm
//!
//! let e: upc::UpcE = "04252614".parse()?;
//! assert!(upc::svg::render_upc_e(&e).contains("<text"));
//! Ok::<(), upc::Error>(())
//! ```

use alloc::string::String;
use core::fmt::Write;

use crate::digits::DigitBuf;
use crate::{Error, Kind, Upc, UpcE};

/// How to draw a barcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The module width (X dimension) in micrometres; GS1 allows 80–200 % of the nominal 330.
    pub module_um: u32,
    /// The height of the ordinary bars in modules; `None` for the GS1 nominal height.
    pub bar_height: Option<u32>,
    /// Whether to print the digits under the bars.
    pub human_readable: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            module_um: 330,
            bar_height: None,
            human_readable: true,
        }
    }
}

/// Digit set A (odd parity, "L"), 7 modules each, most significant bit first; set C ("R")
/// is its complement and set B ("G") set C reversed.
const SET_A: [u8; 10] = [
    0b000_1101, 0b001_1001, 0b001_0011, 0b011_1101, 0b010_0011, 0b011_0001, 0b010_1111, 0b011_1011,
    0b011_0111, 0b000_1011,
];

/// Which of the six left digits of an EAN-13 use set B, by the leading digit (bit 5 = the
/// second digit of the code).
const EAN13_PARITY: [u8; 10] = [
    0b00_0000, 0b00_1011, 0b00_1101, 0b00_1110, 0b01_0011, 0b01_1001, 0b01_1100, 0b01_0101,
    0b01_0110, 0b01_1010,
];

/// Which of the six UPC-E digits use set B for number system 0, by the check digit; number
/// system 1 uses the complement.
const UPC_E_PARITY: [u8; 10] = [
    0b11_1000, 0b11_0100, 0b11_0010, 0b11_0001, 0b10_1100, 0b10_0110, 0b10_0011, 0b10_1010,
    0b10_1001, 0b10_0101,
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Set {
    A,
    B,
    C,
}

const fn pattern(set: Set, digit: u8) -> u8 {
    let a = SET_A[digit as usize];
    let c = !a & 0x7f;
    match set {
        Set::A => a,
        Set::C => c,
        Set::B => c.reverse_bits() >> 1,
    }
}

/// The modules of a symbol (true = bar), and which of them reach down as guards.
struct Symbol {
    bars: [bool; 95],
    long: [bool; 95],
    len: usize,
}

impl Symbol {
    fn new() -> Symbol {
        Symbol {
            bars: [false; 95],
            long: [false; 95],
            len: 0,
        }
    }

    fn push_bits(&mut self, bits: u8, width: usize, long: bool) {
        for i in (0..width).rev() {
            self.bars[self.len] = bits >> i & 1 == 1;
            self.long[self.len] = long;
            self.len += 1;
        }
    }

    fn guard(&mut self, bits: &str) {
        for b in bits.bytes() {
            self.bars[self.len] = b == b'1';
            self.long[self.len] = true;
            self.len += 1;
        }
    }

    fn digit(&mut self, set: Set, digit: u8, long: bool) {
        self.push_bits(pattern(set, digit), 7, long);
    }
}

/// A digit to print: its centre in tenths of a module, and whether it is a small outer one.
struct Label {
    centre_tenths: u32,
    digit: u8,
    small: bool,
}

struct Drawing {
    kind: &'static str,
    text: DigitBuf,
    symbol: Symbol,
    quiet_left: u32,
    quiet_right: u32,
    nominal_height: u32,
    labels: [Option<Label>; 14],
}

/// Centre (in tenths) of the 7-module digit starting at module `start` of the symbol.
const fn slot(quiet_left: u32, start: u32) -> u32 {
    (quiet_left + start) * 10 + 35
}

fn drawing(kind: Kind, text: DigitBuf) -> Drawing {
    let values: [u8; 14] = core::array::from_fn(|i| text.digit(i));
    let digits = &values[..text.len()];
    let mut symbol = Symbol::new();
    let mut labels: [Option<Label>; 14] = Default::default();
    let label = |centre_tenths, digit, small| {
        Some(Label {
            centre_tenths,
            digit,
            small,
        })
    };
    let (name, quiet_left, quiet_right, nominal_height) = match kind {
        Kind::Ean8 => ("EAN-8", 7, 7, 55),
        Kind::UpcA => ("UPC-A", 9, 9, 69),
        _ => ("EAN-13", 11, 7, 69),
    };
    match kind {
        Kind::Ean8 => {
            symbol.guard("101");
            for (i, &d) in digits[..4].iter().enumerate() {
                symbol.digit(Set::A, d, false);
                labels[i] = label(slot(quiet_left, 3 + 7 * i as u32), d, false);
            }
            symbol.guard("01010");
            for (i, &d) in digits[4..].iter().enumerate() {
                symbol.digit(Set::C, d, false);
                labels[4 + i] = label(slot(quiet_left, 36 + 7 * i as u32), d, false);
            }
            symbol.guard("101");
        }
        _ => {
            // A UPC-A is drawn as the EAN-13 with a leading 0 (set A throughout on the left).
            let upc_a = kind == Kind::UpcA;
            let (lead, rest) = if upc_a {
                (0, digits)
            } else {
                (digits[0], &digits[1..])
            };
            symbol.guard("101");
            for (i, &d) in rest[..6].iter().enumerate() {
                let set = if EAN13_PARITY[lead as usize] >> (5 - i) & 1 == 1 {
                    Set::B
                } else {
                    Set::A
                };
                let outer = upc_a && i == 0;
                symbol.digit(set, d, outer);
                if !outer {
                    labels[i] = label(slot(quiet_left, 3 + 7 * i as u32), d, false);
                }
            }
            symbol.guard("01010");
            for (i, &d) in rest[6..].iter().enumerate() {
                let outer = upc_a && i == 5;
                symbol.digit(Set::C, d, outer);
                if !outer {
                    labels[6 + i] = label(slot(quiet_left, 50 + 7 * i as u32), d, false);
                }
            }
            symbol.guard("101");
            if upc_a {
                labels[12] = label(quiet_left * 10 - 45, digits[0], true);
                labels[13] = label((quiet_left + 95) * 10 + 45, digits[11], true);
            } else {
                labels[12] = label(quiet_left * 10 - 45, digits[0], false);
            }
        }
    }
    Drawing {
        kind: name,
        text,
        symbol,
        quiet_left,
        quiet_right,
        nominal_height,
        labels,
    }
}

fn upc_e_drawing(code: &UpcE) -> Drawing {
    let digits = code.digits();
    let ns = digits.digit(0);
    let check = digits.digit(7);
    let parity = if ns == 0 {
        UPC_E_PARITY[check as usize]
    } else {
        !UPC_E_PARITY[check as usize] & 0x3f
    };
    let quiet_left = 9;
    let mut symbol = Symbol::new();
    let mut labels: [Option<Label>; 14] = Default::default();
    symbol.guard("101");
    for (i, label) in labels.iter_mut().take(6).enumerate() {
        let d = digits.digit(1 + i);
        let set = if parity >> (5 - i) & 1 == 1 {
            Set::B
        } else {
            Set::A
        };
        symbol.digit(set, d, false);
        *label = Some(Label {
            centre_tenths: slot(quiet_left, 3 + 7 * i as u32),
            digit: d,
            small: false,
        });
    }
    symbol.guard("010101");
    labels[6] = Some(Label {
        centre_tenths: quiet_left * 10 - 45,
        digit: ns,
        small: true,
    });
    labels[7] = Some(Label {
        centre_tenths: (quiet_left + 51) * 10 + 40,
        digit: check,
        small: true,
    });
    Drawing {
        kind: "UPC-E",
        text: digits,
        symbol,
        quiet_left,
        quiet_right: 7,
        nominal_height: 69,
        labels,
    }
}

/// The EAN/UPC barcode of `code` with the default [`Options`], as an SVG document.
///
/// # Errors
/// [`Error::Symbology`] for a GTIN-14, which EAN/UPC symbols do not carry (convert it with
/// [`Upc::to_ean13`] or [`Upc::to_upc_a`] first).
pub fn render(code: &Upc) -> Result<String, Error> {
    render_with(code, &Options::default())
}

/// The EAN/UPC barcode of `code`, drawn as `options` say.
///
/// # Errors
/// [`Error::Symbology`] for a GTIN-14.
pub fn render_with(code: &Upc, options: &Options) -> Result<String, Error> {
    if code.kind() == Kind::Gtin14 {
        return Err(Error::Symbology { code: *code });
    }
    Ok(write_svg(&drawing(code.kind(), code.digits()), options))
}

/// The UPC-E barcode of `code` with the default [`Options`], as an SVG document.
#[must_use]
pub fn render_upc_e(code: &UpcE) -> String {
    render_upc_e_with(code, &Options::default())
}

/// The UPC-E barcode of `code`, drawn as `options` say.
#[must_use]
pub fn render_upc_e_with(code: &UpcE, options: &Options) -> String {
    write_svg(&upc_e_drawing(code), options)
}

/// `tenths` / 10 with one decimal, or none when whole.
struct Tenths(u32);

impl core::fmt::Display for Tenths {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.0.is_multiple_of(10) {
            write!(f, "{}", self.0 / 10)
        } else {
            write!(f, "{}.{}", self.0 / 10, self.0 % 10)
        }
    }
}

/// `modules` × `um` micrometres, in millimetres with three decimals.
struct Millimetres(u32, u32);

impl core::fmt::Display for Millimetres {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let um = u64::from(self.0) * u64::from(self.1);
        write!(f, "{}.{:03}mm", um / 1000, um % 1000)
    }
}

fn write_svg(d: &Drawing, options: &Options) -> String {
    let bar_height = options.bar_height.unwrap_or(d.nominal_height).max(1);
    let long_height = bar_height + 5;
    let width = d.quiet_left + d.symbol.len as u32 + d.quiet_right;
    let height = if options.human_readable {
        bar_height + 10
    } else {
        long_height
    };
    let mut svg = String::with_capacity(4096);
    // Writing into a String cannot fail.
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {width} {height}\" shape-rendering=\"crispEdges\">\n\
         <title>{} {}</title>\n\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n<g fill=\"#000000\">\n",
        Millimetres(width, options.module_um),
        Millimetres(height, options.module_um),
        d.kind,
        d.text.as_str(),
    );
    let bars = &d.symbol.bars[..d.symbol.len];
    let mut i = 0;
    while i < bars.len() {
        if !bars[i] {
            i += 1;
            continue;
        }
        let start = i;
        let long = d.symbol.long[i];
        while i < bars.len() && bars[i] && d.symbol.long[i] == long {
            i += 1;
        }
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\"/>",
            d.quiet_left as usize + start,
            i - start,
            if long { long_height } else { bar_height },
        );
    }
    svg.push_str("</g>\n");
    if options.human_readable {
        let _ = writeln!(
            svg,
            "<g font-family=\"OCR-B, 'OCR B', monospace\" text-anchor=\"middle\" fill=\"#000000\">"
        );
        for label in d.labels.iter().flatten() {
            let _ = writeln!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
                Tenths(label.centre_tenths),
                bar_height + if label.small { 7 } else { 9 },
                if label.small { 7 } else { 10 },
                label.digit,
            );
        }
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_sets_follow_the_standard() {
        // Set A 0 = 0001101, set C 0 = 1110010, set B 0 = 0100111.
        assert_eq!(pattern(Set::A, 0), 0b000_1101);
        assert_eq!(pattern(Set::C, 0), 0b111_0010);
        assert_eq!(pattern(Set::B, 0), 0b010_0111);
        assert_eq!(pattern(Set::B, 9), 0b001_0111);
        for d in 0..10 {
            // Set A starts with a space and has odd parity; set B even; set C starts with a bar.
            assert_eq!(pattern(Set::A, d).count_ones() % 2, 1);
            assert_eq!(pattern(Set::B, d).count_ones() % 2, 0);
            assert_eq!(pattern(Set::C, d) >> 6, 1);
        }
    }
}
