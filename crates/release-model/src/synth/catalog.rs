//! Synthetic catalogs: plausible releases that pass validation, generated one at a time.

use std::collections::HashMap;
use std::time::Duration;

use isrc::{Isrc, Prefix};
use upc::Upc;

use super::Rng;
use crate::{Catalog, PartialDate, Release, ReleaseType, Track};

const ADJECTIVES: &[&str] = &[
    "Blue", "Quiet", "Golden", "Hollow", "Electric", "Paper", "Silver", "Late", "Northern",
    "Broken", "Velvet", "Distant", "Crimson", "Little", "Open", "Glass", "Wild", "Slow", "Hidden",
    "Bright",
];
const NOUNS: &[&str] = &[
    "Morning",
    "River",
    "Signal",
    "Garden",
    "Static",
    "Harbor",
    "Lantern",
    "Machine",
    "Orchard",
    "Tide",
    "Mirror",
    "Satellite",
    "Meadow",
    "Engine",
    "Horizon",
    "Window",
    "Forest",
    "Circuit",
    "Echo",
    "Summer",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "to", "vel", "an", "zu", "ori", "ne", "pa", "qui", "dra", "mon",
    "ly", "fe", "tas",
];
const LABELS: &[(&str, &str)] = &[
    ("Northside Audio", "NSA"),
    ("Paper Boat Records", "PBR"),
    ("Static Bloom", "STB"),
    ("Low Orbit", "LOR"),
    ("Harbor Sound", "HBS"),
];
const GENRES: &[&str] = &[
    "Electronic",
    "Ambient",
    "Pop",
    "Rock",
    "Jazz",
    "Hip-Hop",
    "Folk",
    "Classical",
];
/// Agency codes from the IFPI table (allocated, so the codes draw no lint).
const AGENCIES: &[&str] = &["QZ", "GB", "FR", "DE", "SE", "NL", "JP", "CA"];
/// How many recordings a compilation may draw from.
const POOL: usize = 4096;

/// A recording that a later compilation may reuse, with the artist it was credited to.
#[derive(Debug, Clone)]
struct Recording {
    track: Track,
    artist: String,
    /// The year of the release it first came out on (its ISRC is no later).
    year: u16,
}

/// An endless, deterministic stream of synthetic releases (an `Iterator`), so a catalog of
/// any size can be written without holding it in memory.
///
/// - UPCs are EAN-13s under the GS1 prefix 952, which GS1 reserves "for demonstrations and
///   examples": they can never name a real product (each draws the `upc.demo_prefix` lint
///   warning, and nothing else);
/// - ISRCs use allocated agency codes with synthetic registrant codes, years of reference no
///   later than the release year, designations counted per registrant and year;
/// - release types agree with the DSP rules (albums 10–18 tracks, EPs 4–6, singles 1–3 with
///   the single's title on its track), about 3 % are compilations that reuse recordings of
///   earlier releases with their ISRC, title, artist and duration (legitimate reuse).
///
/// A catalog from it validates without errors.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: Rng,
    index: u64,
    designations: HashMap<(u64, u8), u32>,
    pool: Vec<Recording>,
}

impl Generator {
    /// A generator from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            index: 0,
            designations: HashMap::new(),
            pool: Vec::new(),
        }
    }

    fn title(&mut self) -> String {
        let adjective = *self.rng.pick(ADJECTIVES);
        let noun = *self.rng.pick(NOUNS);
        if self.rng.chance(20) {
            let second = *self.rng.pick(NOUNS);
            format!("{adjective} {noun} and {second}")
        } else {
            format!("{adjective} {noun}")
        }
    }

    fn artist(&mut self) -> String {
        let word = |rng: &mut Rng| {
            let n = rng.range(2, 3);
            let mut w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            w[..1].make_ascii_uppercase();
            w
        };
        if self.rng.chance(40) {
            let (a, b) = (word(&mut self.rng), word(&mut self.rng));
            format!("{a} {b}")
        } else {
            word(&mut self.rng)
        }
    }

    fn upc(&self) -> Upc {
        // 952 + 9 digits of item number + check digit.
        let body = 952_000_000_000 + self.index % 1_000_000_000;
        // A 12-digit body always takes a check digit.
        Upc::from_body(&body.to_string()).unwrap_or_else(|_| unreachable_upc())
    }

    fn isrc(&mut self, registrant: u64, year: u16) -> Isrc {
        let two_digits = (year % 100) as u8;
        let counter = self
            .designations
            .entry((registrant, two_digits))
            .or_insert(0);
        *counter += 1;
        let designation = *counter;
        let agency = AGENCIES[(registrant % AGENCIES.len() as u64) as usize].as_bytes();
        let registrant = base36(registrant / AGENCIES.len() as u64);
        let canonical = [
            agency[0],
            agency[1],
            registrant[0],
            registrant[1],
            registrant[2],
        ];
        let prefix = Prefix::from_canonical(&canonical).unwrap_or_else(unreachable_prefix);
        Isrc::new(prefix, two_digits, designation % 100_000).unwrap_or_else(|_| unreachable_isrc())
    }

    fn date(&mut self) -> (PartialDate, Option<PartialDate>) {
        let year = self.rng.range(1990, 2025) as u16;
        let month = self.rng.range(1, 12) as u8;
        let day = self.rng.range(1, 28) as u8;
        let date =
            PartialDate::new(year, Some(month), Some(day)).unwrap_or_else(|_| unreachable_date());
        let original = if year > 1995 && self.rng.chance(10) {
            let back = self.rng.range(1, 5) as u16;
            PartialDate::year_only(year - back).ok()
        } else {
            None
        };
        (date, original)
    }

    fn next_release(&mut self) -> Release {
        let kind = self.rng.below(100);
        let release_type = match kind {
            0..=79 => ReleaseType::Album,
            80..=91 => ReleaseType::Ep,
            92..=96 => ReleaseType::Single,
            _ if self.pool.len() >= 64 => ReleaseType::Compilation,
            _ => ReleaseType::Album,
        };
        let (mut date, mut original) = self.date();
        let (label, label_code) = *self.rng.pick(LABELS);
        let artist = if release_type == ReleaseType::Compilation {
            "Various Artists".to_owned()
        } else {
            self.artist()
        };
        let mut release = Release::new(self.title(), artist);
        if release_type == ReleaseType::Compilation {
            // A compilation comes out after every recording on it.
            let latest = self.compilation(&mut release);
            if latest > date.year() {
                date = PartialDate::new(latest, date.month(), date.day()).unwrap_or(date);
            }
            original = None;
        } else {
            self.originals(&mut release, release_type, date.year());
        }
        release.upc = Some(self.upc());
        release.label = Some(label.to_owned());
        release.catalog_number = Some(format!("{label_code}{:06}", self.index % 1_000_000));
        release.release_type = Some(release_type);
        release.release_date = Some(date);
        release.original_release_date = original;
        release.genre = Some((*self.rng.pick(GENRES)).to_owned());
        release.p_line = Some(format!("{} {label}", date.year()));
        release.c_line = Some(format!("{} {}", date.year(), release.artist));
        release.explicit = release.tracks.iter().any(|t| t.explicit);
        release
    }

    fn originals(&mut self, release: &mut Release, release_type: ReleaseType, year: u16) {
        let count = match release_type {
            ReleaseType::Album => self.rng.range(10, 18),
            ReleaseType::Ep => self.rng.range(4, 6),
            _ => self.rng.range(1, 3),
        };
        let registrant = self.index / 2000 + 36 * 36;
        let isrc_year = year - self.rng.below(2) as u16;
        for number in 1..=count as u32 {
            let title = if count == 1 {
                release.title.clone()
            } else {
                self.title()
            };
            let mut track = Track::new(1, number, title);
            track.duration = Some(Duration::from_secs(self.rng.range(150, 290)));
            track.isrc = Some(self.isrc(registrant, isrc_year));
            track.explicit = self.rng.chance(5);
            if self.rng.chance(8) {
                track.artist = Some(format!("{} feat. {}", release.artist, self.artist()));
            }
            if self.rng.chance(5) {
                track.version = Some("Radio Edit".to_owned());
            }
            let recording = Recording {
                artist: track.artist_or(&release.artist).to_owned(),
                track: track.clone(),
                year,
            };
            if self.pool.len() < POOL {
                self.pool.push(recording);
            } else {
                let slot = self.rng.below(POOL as u64) as usize;
                self.pool[slot] = recording;
            }
            release.tracks.push(track);
        }
    }

    /// Fills a compilation from the pool; returns the latest year of its recordings.
    fn compilation(&mut self, release: &mut Release) -> u16 {
        let mut latest = 0;
        let discs = self.rng.range(1, 2) as u32;
        let mut used: Vec<Isrc> = Vec::new();
        for disc in 1..=discs {
            let count = self.rng.range(6, 10) as u32;
            let mut number = 0;
            while number < count {
                let recording = self.rng.pick(&self.pool);
                let Some(code) = recording.track.isrc else {
                    continue;
                };
                if used.contains(&code) {
                    continue;
                }
                // Cloned only once it is taken, not for every draw.
                let recording = recording.clone();
                used.push(code);
                latest = latest.max(recording.year);
                number += 1;
                let mut track = recording.track;
                track.disc = disc;
                track.number = number;
                track.artist = Some(recording.artist);
                release.tracks.push(track);
            }
        }
        latest
    }
}

impl Iterator for Generator {
    type Item = Release;

    fn next(&mut self) -> Option<Release> {
        let release = self.next_release();
        self.index += 1;
        Some(release)
    }
}

/// `count` synthetic releases from `seed` (see [`Generator`]).
///
/// ```
/// let catalog = release_model::synth::catalog(1, 50);
/// assert_eq!(catalog.releases.len(), 50);
/// assert!(!catalog.validate().has_errors());
/// ```
#[must_use]
pub fn catalog(seed: u64, count: usize) -> Catalog {
    Generator::new(seed).take(count).collect()
}

/// The last three base-36 digits of `n` (upper case), as a registrant code.
fn base36(mut n: u64) -> [u8; 3] {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = [b'0'; 3];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    out
}

// The generator builds codes from parts that are valid by construction; these name the
// impossible case instead of panicking with a bare unwrap.
#[cold]
fn unreachable_upc() -> Upc {
    unreachable!("a 12-digit body always takes a check digit")
}
#[cold]
fn unreachable_prefix() -> Prefix {
    unreachable!("two letters and three base-36 digits are a prefix")
}
#[cold]
fn unreachable_isrc() -> Isrc {
    unreachable!("year below 100 and designation below 100000 make an isrc")
}
#[cold]
fn unreachable_date() -> PartialDate {
    unreachable!("days 1-28 exist in every month")
}
