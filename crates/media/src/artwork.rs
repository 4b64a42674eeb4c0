//! Cover art: what the file is ([`inspect_artwork`]) and what stores ask of it
//! ([`ArtworkPolicy`]).
//!
//! Store figures (`../shared/reference/media-and-delivery.md` §2): Spotify asks for at least
//! 640 px, square preferred, RGB at 24 bits per pixel, JPEG/PNG/TIFF; distributors quote Apple
//! at a 1400×1400 minimum and 3000×3000 recommended, and some require 3000×3000. A square
//! 3000×3000 RGB JPEG or PNG satisfies every published figure; the floor is configurable
//! because stores set it differently.

use std::fmt;
use std::io::Cursor;
use std::path::Path;

use serde::Serialize;

use crate::{Digests, Error};

/// The image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG (baseline or progressive).
    Jpeg,
}

impl ImageFormat {
    /// `PNG` or `JPEG` (DDEX's `ImageCodecType` spelling).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How pixels are coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Colour {
    /// Red, green, blue.
    Rgb,
    /// RGB with an alpha channel.
    RgbAlpha,
    /// Greyscale.
    Grey,
    /// Greyscale with an alpha channel.
    GreyAlpha,
    /// Indexed colour (a PNG palette).
    Palette,
    /// CMYK (print colours; JPEG only).
    Cmyk,
}

impl Colour {
    /// A short name: `RGB`, `RGBA`, `greyscale`, `greyscale+alpha`, `palette`, `CMYK`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Colour::Rgb => "RGB",
            Colour::RgbAlpha => "RGBA",
            Colour::Grey => "greyscale",
            Colour::GreyAlpha => "greyscale+alpha",
            Colour::Palette => "palette",
            Colour::Cmyk => "CMYK",
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What [`inspect_artwork`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArtworkInfo {
    /// PNG or JPEG.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The colour model.
    pub colour: Colour,
    /// Bits per channel.
    pub bit_depth: u8,
    /// The file's size in bytes.
    pub file_size: u64,
    /// MD5 and SHA-256 of the file.
    #[serde(skip)]
    pub digests: Digests,
    /// Why the image data does not decode, when it does not (the header did).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
}

/// What a store asks of cover art.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArtworkPolicy {
    /// The smallest side accepted, in pixels (1400 by default: the minimum distributors quote
    /// for Apple Music; Spotify accepts 640).
    pub min_side: u32,
    /// The side recommended, in pixels (3000).
    pub recommended_side: u32,
}

impl Default for ArtworkPolicy {
    fn default() -> ArtworkPolicy {
        ArtworkPolicy {
            min_side: 1400,
            recommended_side: 3000,
        }
    }
}

/// One way cover art falls short of an [`ArtworkPolicy`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArtworkProblem {
    /// The image data does not decode.
    DoesNotDecode(String),
    /// Width and height differ.
    NotSquare {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A side is below the policy's floor.
    TooSmall {
        /// The shorter side.
        side: u32,
        /// The floor.
        min: u32,
    },
    /// Both sides reach the floor but not the recommended size.
    BelowRecommended {
        /// The shorter side.
        side: u32,
        /// The recommendation.
        recommended: u32,
    },
    /// Not 8-bit RGB without alpha (24 bits per pixel).
    NotRgb {
        /// What it is.
        colour: Colour,
        /// Bits per channel.
        bit_depth: u8,
    },
}

impl fmt::Display for ArtworkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArtworkProblem::DoesNotDecode(why) => write!(f, "the image does not decode: {why}"),
            ArtworkProblem::NotSquare { width, height } => {
                write!(f, "the image is {width}×{height} px, not square")
            }
            ArtworkProblem::TooSmall { side, min } => {
                write!(
                    f,
                    "the image is {side} px on its shorter side, below the floor of {min}×{min} px"
                )
            }
            ArtworkProblem::BelowRecommended { side, recommended } => write!(
                f,
                "the image is {side} px on its shorter side; {recommended}×{recommended} px is recommended"
            ),
            ArtworkProblem::NotRgb { colour, bit_depth } => write!(
                f,
                "the image is {colour} at {bit_depth} bits per channel, not 8-bit RGB (24 bits per pixel)"
            ),
        }
    }
}

impl ArtworkInfo {
    /// Every way the image falls short of `policy`, in a fixed order.
    #[must_use]
    pub fn problems(&self, policy: &ArtworkPolicy) -> Vec<ArtworkProblem> {
        let mut problems = Vec::new();
        if let Some(why) = &self.damage {
            problems.push(ArtworkProblem::DoesNotDecode(why.clone()));
        }
        if self.width != self.height {
            problems.push(ArtworkProblem::NotSquare {
                width: self.width,
                height: self.height,
            });
        }
        let side = self.width.min(self.height);
        if side < policy.min_side {
            problems.push(ArtworkProblem::TooSmall {
                side,
                min: policy.min_side,
            });
        } else if side < policy.recommended_side {
            problems.push(ArtworkProblem::BelowRecommended {
                side,
                recommended: policy.recommended_side,
            });
        }
        if self.colour != Colour::Rgb || self.bit_depth != 8 {
            problems.push(ArtworkProblem::NotRgb {
                colour: self.colour,
                bit_depth: self.bit_depth,
            });
        }
        problems
    }
}

/// Reads the PNG or JPEG at `path`: its format, size and colour model, and whether its image
/// data decodes to the end.
///
/// # Errors
///
/// [`Error::Io`]; [`Error::UnknownImage`] when the file is neither PNG nor JPEG;
/// [`Error::ImageHeader`] when its header does not parse. Image data that does not decode is
/// reported in [`ArtworkInfo::damage`], not as an error.
pub fn inspect_artwork(path: impl AsRef<Path>) -> Result<ArtworkInfo, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let header = |reason: String| Error::ImageHeader {
        path: path.to_owned(),
        reason,
    };
    let (format, width, height, colour, bit_depth, damage) =
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png_details(&bytes).map_err(header)?
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            jpeg_details(&bytes).map_err(header)?
        } else {
            let start = &bytes[..bytes.len().min(8)];
            return Err(Error::UnknownImage {
                path: path.to_owned(),
                found: crate::Hex(start).to_string(),
            });
        };
    Ok(ArtworkInfo {
        format,
        width,
        height,
        colour,
        bit_depth,
        file_size: bytes.len() as u64,
        digests: Digests::of(&bytes),
        damage,
    })
}

type Details = (ImageFormat, u32, u32, Colour, u8, Option<String>);

fn png_details(bytes: &[u8]) -> Result<Details, String> {
    let mut reader = png::Decoder::new(Cursor::new(bytes))
        .read_info()
        .map_err(|e| e.to_string())?;
    let info = reader.info();
    let colour = match info.color_type {
        png::ColorType::Rgb => Colour::Rgb,
        png::ColorType::Rgba => Colour::RgbAlpha,
        png::ColorType::Grayscale => Colour::Grey,
        png::ColorType::GrayscaleAlpha => Colour::GreyAlpha,
        png::ColorType::Indexed => Colour::Palette,
    };
    let (width, height, depth) = (info.width, info.height, info.bit_depth as u8);
    let mut damage = None;
    loop {
        match reader.next_row() {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                damage = Some(e.to_string());
                break;
            }
        }
    }
    if damage.is_none()
        && let Err(e) = reader.finish()
    {
        damage = Some(e.to_string());
    }
    Ok((ImageFormat::Png, width, height, colour, depth, damage))
}

fn jpeg_details(bytes: &[u8]) -> Result<Details, String> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or_else(|| "no frame header".to_owned())?;
    let (colour, depth) = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => (Colour::Grey, 8),
        jpeg_decoder::PixelFormat::L16 => (Colour::Grey, 16),
        jpeg_decoder::PixelFormat::RGB24 => (Colour::Rgb, 8),
        jpeg_decoder::PixelFormat::CMYK32 => (Colour::Cmyk, 8),
    };
    let damage = decoder.decode().err().map(|e| e.to_string());
    Ok((
        ImageFormat::Jpeg,
        u32::from(info.width),
        u32::from(info.height),
        colour,
        depth,
        damage,
    ))
}
