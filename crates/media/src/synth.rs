//! Deterministic synthesised audio and artwork: the committed media fixtures (written by
//! `cargo xtask fixtures`), and material for tests and benchmarks.
//!
//! The album's 13 tracks are 8 s of mono 16-bit 44.1 kHz music each — notes with overtones and
//! envelopes over a held chord, a little noise on the beats — different for every track (seeded
//! by its number), so fingerprints tell them apart; 8 s is about the least a fingerprint match
//! needs. The broken files are made of 2–3 s stand-ins. Mono and short keeps the committed
//! bytes small.

use std::f64::consts::TAU;
use std::io::Cursor;
use std::path::Path;

use isrc::Isrc;

use crate::TagUpdate;

/// The sample rate of the synthesised audio.
pub const SAMPLE_RATE: u32 = 44_100;

/// The album's track count.
pub const ALBUM_TRACKS: u32 = 13;

/// One generated file: a path relative to the repository root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureFile {
    /// Where it goes, relative to the repository root.
    pub path: String,
    /// Its bytes.
    pub contents: Vec<u8>,
}

/// The folder of the media fixtures, relative to the repository root.
pub const FOLDER: &str = "fixtures/media";

/// The playing time of album track `number` (1-based), in whole seconds: 8, enough for an
/// acoustic fingerprint (Chromaprint yields its first value after about 3 s, and a match needs
/// about 4 s of values).
#[must_use]
pub const fn track_seconds(number: u32) -> u32 {
    let _ = number;
    8
}

/// The playing time of the short stand-in of track `number` the broken fixtures are made of,
/// in whole seconds: 2 or 3 (a broken file needs no fingerprint, and short keeps it small).
#[must_use]
pub const fn short_seconds(number: u32) -> u32 {
    2 + number % 2
}

/// The mono samples of the short stand-in of album track `number` ([`short_seconds`]).
#[must_use]
pub fn short_samples(number: u32) -> Vec<i16> {
    music(u64::from(number), short_seconds(number), SAMPLE_RATE)
}

/// The album track `number`'s file name inside the album folder (`01.flac` … `12.flac`,
/// `13.wav`: a delivery may mix lossless formats).
#[must_use]
pub fn track_file_name(number: u32) -> String {
    let ext = if number == ALBUM_TRACKS {
        "wav"
    } else {
        "flac"
    };
    format!("{number:02}.{ext}")
}

/// The mono samples of album track `number`.
#[must_use]
pub fn track_samples(number: u32) -> Vec<i16> {
    music(u64::from(number), track_seconds(number), SAMPLE_RATE)
}

/// `seconds` of synthesised music at `rate`, seeded by `seed`.
#[must_use]
pub fn music(seed: u64, seconds: u32, rate: u32) -> Vec<i16> {
    let mut rng = SplitMix(seed.wrapping_mul(0x9E37_79B9).wrapping_add(0x51A7));
    let frames = usize::try_from(u64::from(seconds) * u64::from(rate)).unwrap_or(0);
    let rate_f = f64::from(rate);
    // A pentatonic scale from a root between A2 and A3, a note every 1/4 to 1/2 second.
    let root = 110.0 * 2f64.powf(f64::from(rng.below(12)) / 12.0);
    let steps = [0, 2, 4, 7, 9, 12, 14, 16];
    let note_len = rate_f * (0.25 + f64::from(rng.below(3)) * 0.125);
    let chord = [root, root * 1.25, root * 1.5];
    let mut out = Vec::with_capacity(frames);
    let mut note_freq = root;
    let mut noise_left = 0.0;
    for i in 0..frames {
        #[allow(clippy::cast_precision_loss)] // frame counts here stay far below 2⁵²
        let t = i as f64;
        let in_note = t % note_len;
        if in_note < 1.0 {
            let step = steps[usize::try_from(rng.below(8)).unwrap_or(0)];
            note_freq = root * 2.0 * 2f64.powf(f64::from(step) / 12.0);
            noise_left = rate_f * 0.03;
        }
        let envelope = (in_note / (rate_f * 0.01)).min(1.0) * (-in_note / (rate_f * 0.2)).exp();
        let phase = TAU * note_freq * t / rate_f;
        let lead = envelope * (phase.sin() + 0.4 * (2.0 * phase).sin() + 0.2 * (3.0 * phase).sin());
        let pad: f64 = chord
            .iter()
            .map(|f| (TAU * f * t / rate_f).sin())
            .sum::<f64>()
            / 3.0;
        let mut sample = 0.45 * lead + 0.2 * pad;
        if noise_left > 0.0 {
            noise_left -= 1.0;
            sample += 0.15 * rng.unit() * (noise_left / (rate_f * 0.03));
        }
        // |sample| < 1 by construction; the cast saturates anyway.
        #[allow(clippy::cast_possible_truncation)]
        out.push((sample * 20_000.0).round() as i16);
    }
    out
}

/// A small deterministic generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u32) -> u32 {
        u32::try_from(self.next() % u64::from(n)).unwrap_or(0)
    }

    /// Uniform in −1..1.
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 bits are kept on purpose
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        2.0 * x - 1.0
    }
}

/// A WAV file (PCM, integer samples) of `samples` (interleaved, full-scale 16-bit) at
/// `bits_per_sample` (8, 16 or 24).
///
/// # Panics
///
/// Never for the bit depths above; writing to memory cannot fail.
#[must_use]
pub fn wav(samples: &[i16], channels: u16, rate: u32, bits_per_sample: u16) -> Vec<u8> {
    let spec = hound::WavSpec {
        channels,
        sample_rate: rate,
        bits_per_sample,
        sample_format: hound::SampleFormat::Int,
    };
    let mut out = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut out, spec).expect("a WAV header in memory");
    for &s in samples {
        let written = match bits_per_sample {
            8 => writer.write_sample(i8::try_from(s >> 8).unwrap_or(0)),
            16 => writer.write_sample(s),
            _ => writer.write_sample(i32::from(s) << (bits_per_sample - 16)),
        };
        written.expect("a sample in memory");
    }
    writer.finalize().expect("a WAV in memory");
    out.into_inner()
}

/// A FLAC file of `samples` (interleaved, 16-bit) with its STREAMINFO MD5.
///
/// # Panics
///
/// Never for 1–8 channels and rates FLAC allows; encoding to memory cannot fail otherwise.
#[must_use]
pub fn flac(samples: &[i16], channels: u16, rate: u32) -> Vec<u8> {
    use flacenc::component::BitRepr;
    use flacenc::error::Verify;

    let wide: Vec<i32> = samples.iter().map(|&s| i32::from(s)).collect();
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .expect("the default encoder configuration is valid");
    let source = flacenc::source::MemSource::from_samples(
        &wide,
        usize::from(channels),
        16,
        usize::try_from(rate).unwrap_or(44_100),
    );
    let stream = flacenc::encode_with_fixed_block_size(&config, source, config.block_size)
        .expect("FLAC encoding in memory");
    let mut sink = flacenc::bitsink::ByteSink::new();
    stream.write(&mut sink).expect("FLAC into memory");
    let mut bytes = sink.into_inner();
    // The encoder writes the last (short) block's length as STREAMINFO's minimum block size;
    // the FLAC format excludes the last block from that minimum, so a fixed-block-size stream
    // has minimum = maximum, as the reference encoder writes. Readers that follow the format
    // (symphonia among them) refuse fixed-size frames in a stream whose minimum and maximum
    // differ. Bytes 8–9 are the minimum, 10–11 the maximum (after `fLaC` and the block header).
    if bytes.len() > 12 && bytes.starts_with(b"fLaC") {
        bytes.copy_within(10..12, 8);
    }
    bytes
}

/// A PNG image `width` × `height`: two overlapping circles (a vesica piscis) on a plain
/// ground. `grey` makes it 8-bit greyscale instead of RGB.
///
/// # Panics
///
/// Never: encoding to memory cannot fail.
#[must_use]
pub fn cover(width: u32, height: u32, grey: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(if grey {
        png::ColorType::Grayscale
    } else {
        png::ColorType::Rgb
    });
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("a PNG header in memory");
    let (w, h) = (f64::from(width), f64::from(height));
    let r = w.min(h) * 0.3;
    let centres = [(w * 0.5 - r * 0.5, h * 0.5), (w * 0.5 + r * 0.5, h * 0.5)];
    let channels: usize = if grey { 1 } else { 3 };
    let mut data = Vec::with_capacity(usize::try_from(width * height).unwrap_or(0) * channels);
    for y in 0..height {
        for x in 0..width {
            let inside = centres
                .iter()
                .filter(|(cx, cy)| {
                    let (dx, dy) = (f64::from(x) - cx, f64::from(y) - cy);
                    dx * dx + dy * dy <= r * r
                })
                .count();
            let rgb: [u8; 3] = match inside {
                0 => [0x1d, 0x2b, 0x3a],
                1 => [0xe0, 0xc0, 0x68],
                _ => [0xf4, 0xf1, 0xe8],
            };
            if grey {
                data.push(rgb[1]);
            } else {
                data.extend_from_slice(&rgb);
            }
        }
    }
    writer.write_image_data(&data).expect("PNG data in memory");
    writer.finish().expect("a PNG in memory");
    out
}

/// A few MPEG-1 Layer III frames of digital silence (128 kbit/s, 44.1 kHz, stereo): a valid MP3
/// stream made without an encoder (every frame's side information is zero, so it decodes to
/// silence). For tests of MP3 tagging and of lossy input.
#[must_use]
pub fn silent_mp3(frames: usize) -> Vec<u8> {
    // Header FF FB 90 44: sync, MPEG-1, Layer III, no CRC, 128 kbit/s, 44.1 kHz, no padding,
    // joint stereo. Frame length = 144 × 128000 / 44100 = 417 bytes.
    let mut frame = vec![0u8; 417];
    frame[..4].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x44]);
    frame.repeat(frames)
}

/// `bytes` (a file named `name`, for errors) with `isrc` written into its tags.
///
/// # Panics
///
/// When the bytes are not a format the tag writer knows: the fixtures always are.
#[must_use]
pub fn with_isrc(bytes: Vec<u8>, name: &str, isrc: Isrc) -> Vec<u8> {
    let mut file = Cursor::new(bytes);
    crate::write_tags_to(&mut file, Path::new(name), &TagUpdate::isrc(isrc))
        .expect("tags written into a synthesised file");
    file.into_inner()
}

/// The ISRC the album gives track `number`: `QZAQQ26000NN`.
///
/// # Panics
///
/// Never for the album's track numbers.
#[must_use]
pub fn album_isrc(number: u32) -> Isrc {
    format!("QZAQQ26{number:05}")
        .parse()
        .expect("the album's ISRCs are valid")
}

/// The album as released (its codes from `fixtures/releases/vesica-piscis.json`), with the
/// playing times of the synthesised recordings and the files beside it: `NN.flac`/`13.wav`
/// and `cover.png`, relative to the album folder.
///
/// # Panics
///
/// Never: the release fixtures always hold the album.
#[must_use]
pub fn album_release() -> release_model::Release {
    let files = release_model::synth::fixture_files().expect("the release fixtures");
    let album = files
        .iter()
        .find(|f| f.path == "fixtures/releases/vesica-piscis.json")
        .expect("the album among the release fixtures");
    let mut release = release_model::json::from_str(&album.contents)
        .into_result()
        .expect("the album fixture reads")
        .remove(0);
    release.cover = Some("cover.png".to_owned());
    for track in &mut release.tracks {
        track.duration = Some(std::time::Duration::from_secs(
            track_seconds(track.number).into(),
        ));
        track.file = Some(track_file_name(track.number));
    }
    release
}

/// The album with broken files in its place, for the QC: the files are in `broken/` beside
/// this release and in `../album/`.
#[must_use]
pub fn broken_release() -> release_model::Release {
    let mut release = album_release();
    release.cover = Some("small-cover.png".to_owned());
    let broken = [
        "truncated.flac",
        "wrong-isrc.flac",
        "8-bit.wav",
        "22-khz.wav",
        "silence.mp3",
        "missing.flac",
    ];
    for track in &mut release.tracks {
        let name = usize::try_from(track.number - 1)
            .ok()
            .and_then(|i| broken.get(i));
        track.file = Some(match name {
            Some(name) => {
                // The broken files are made of the short stand-ins, and say so in the metadata.
                track.duration = Some(std::time::Duration::from_secs(
                    short_seconds(track.number).into(),
                ));
                (*name).to_owned()
            }
            None => format!("../album/{}", track_file_name(track.number)),
        });
    }
    release
}

/// Every media fixture file, in a fixed order.
#[must_use]
pub fn fixture_files() -> Vec<FixtureFile> {
    let at = |name: &str| format!("{FOLDER}/{name}");
    let mut files = vec![
        FixtureFile {
            path: at("album/vesica-piscis.json"),
            contents: release_model::json::release_to_string(&album_release()).into_bytes(),
        },
        FixtureFile {
            path: at("broken/vesica-piscis.json"),
            contents: release_model::json::release_to_string(&broken_release()).into_bytes(),
        },
    ];
    for number in 1..=ALBUM_TRACKS {
        let samples = track_samples(number);
        let name = track_file_name(number);
        let contents = if name.ends_with(".wav") {
            wav(&samples, 1, SAMPLE_RATE, 16)
        } else {
            flac(&samples, 1, SAMPLE_RATE)
        };
        files.push(FixtureFile {
            path: at(&format!("album/{name}")),
            contents,
        });
    }
    files.push(FixtureFile {
        path: at("album/cover.png"),
        contents: cover(3000, 3000, false),
    });

    let one = flac(&short_samples(1), 1, SAMPLE_RATE);
    // Cut in the middle of a frame, well past the metadata.
    let truncated = one[..one.len() * 3 / 5].to_vec();
    files.push(FixtureFile {
        path: at("broken/truncated.flac"),
        contents: truncated,
    });
    files.push(FixtureFile {
        path: at("broken/wrong-isrc.flac"),
        contents: with_isrc(
            flac(&short_samples(2), 1, SAMPLE_RATE),
            "wrong-isrc.flac",
            album_isrc(99),
        ),
    });
    files.push(FixtureFile {
        path: at("broken/8-bit.wav"),
        contents: wav(&short_samples(3), 1, SAMPLE_RATE, 8),
    });
    files.push(FixtureFile {
        path: at("broken/22-khz.wav"),
        contents: wav(&music(4, 2, 22_050), 1, 22_050, 16),
    });
    files.push(FixtureFile {
        path: at("broken/silence.mp3"),
        contents: silent_mp3(20),
    });
    files.push(FixtureFile {
        path: at("broken/small-cover.png"),
        contents: cover(1000, 1000, false),
    });
    files.push(FixtureFile {
        path: at("broken/wide-cover.png"),
        contents: cover(1600, 1400, false),
    });
    files.push(FixtureFile {
        path: at("broken/grey-cover.png"),
        contents: cover(1400, 1400, true),
    });
    files
}
