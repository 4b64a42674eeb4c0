//! Code assignment: fill the missing UPC and ISRCs of a release from a [`CodeSource`].

use isrc::Isrc;
use upc::Upc;

use crate::report::{Finding, Location};
use crate::rules::Severity;
use crate::{Error, Field, Release, ValidationOptions};

/// Where new codes come from: the in-memory allocators of the `isrc` and `upc` crates, or a
/// durable ledger that commits every code before handing it out.
///
/// [`Release::assign`] asks once per release for exactly the ISRCs it needs (in one call, so
/// a ledger can commit them in one transaction) and, when the release lacks a UPC, once for
/// a UPC.
pub trait CodeSource {
    /// `n` new ISRCs (n ≥ 1), in issue order.
    ///
    /// # Errors
    /// Whatever stops the source: an exhausted range ([`Error::IsrcIssue`]), a failing ledger
    /// ([`Error::CodeSource`]).
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<Isrc>, Error>;

    /// A new UPC, or `Ok(None)` when this source issues no UPCs (the release then keeps
    /// lacking one).
    ///
    /// # Errors
    /// Whatever stops the source ([`Error::UpcIssue`], [`Error::CodeSource`]).
    fn next_upc(&mut self) -> Result<Option<Upc>, Error>;
}

fn isrcs_from(allocator: &mut isrc::Allocator, n: u32) -> Result<Vec<Isrc>, Error> {
    let range = allocator.issue_many(n).map_err(Error::IsrcIssue)?;
    Ok(range.into_iter().collect())
}

fn upc_from(allocator: &mut upc::Allocator) -> Result<Upc, Error> {
    allocator.issue().map_err(Error::UpcIssue)
}

/// An ISRC allocator alone issues no UPCs.
impl CodeSource for isrc::Allocator {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<Isrc>, Error> {
        isrcs_from(self, n)
    }

    fn next_upc(&mut self) -> Result<Option<Upc>, Error> {
        Ok(None)
    }
}

/// The in-memory allocators of both code types: ISRCs always, UPCs when a UPC allocator is
/// given.
#[derive(Debug, Clone)]
pub struct Allocators {
    /// Issues the ISRCs.
    pub isrc: isrc::Allocator,
    /// Issues the UPCs, when given.
    pub upc: Option<upc::Allocator>,
}

impl Allocators {
    /// ISRCs from `isrc`, no UPCs.
    #[must_use]
    pub fn new(isrc: isrc::Allocator) -> Allocators {
        Allocators { isrc, upc: None }
    }

    /// UPCs from `upc` too.
    #[must_use]
    pub fn with_upc(mut self, upc: upc::Allocator) -> Allocators {
        self.upc = Some(upc);
        self
    }
}

impl CodeSource for Allocators {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<Isrc>, Error> {
        isrcs_from(&mut self.isrc, n)
    }

    fn next_upc(&mut self) -> Result<Option<Upc>, Error> {
        self.upc.as_mut().map(upc_from).transpose()
    }
}

impl<T: CodeSource + ?Sized> CodeSource for &mut T {
    fn next_isrcs(&mut self, n: u32) -> Result<Vec<Isrc>, Error> {
        (**self).next_isrcs(n)
    }

    fn next_upc(&mut self) -> Result<Option<Upc>, Error> {
        (**self).next_upc()
    }
}

/// One ISRC that [`Release::assign`] gave a track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignedIsrc {
    /// The track's disc.
    pub disc: u32,
    /// The track's number.
    pub number: u32,
    /// The code it got.
    pub isrc: Isrc,
}

/// What [`Release::assign`] filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assigned {
    /// The UPC the release got, if it lacked one and the source issues UPCs.
    pub upc: Option<Upc>,
    /// The ISRCs, in disc/number order.
    pub isrcs: Vec<AssignedIsrc>,
}

impl Assigned {
    /// Whether nothing was assigned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.upc.is_none() && self.isrcs.is_empty()
    }
}

impl Release {
    /// Fills the missing codes: an ISRC for every track without one, in disc/number order,
    /// and the UPC when the release has none and `source` issues UPCs. Existing codes are
    /// never changed.
    ///
    /// ```
    /// use std::time::Duration;
    /// use release_model::Release;
    ///
    /// let mut draft = Release::builder("Vesica Piscis", "One Yen")
    ///     .track("Track 1", Duration::from_secs(201))
    ///     .track("Track 2", Duration::from_secs(185))
    ///     .build();
    /// let mut isrcs = isrc::Allocator::new("QZAQQ".parse()?, 26)?;
    /// let assigned = draft.assign(&mut isrcs)?;
    /// assert_eq!(assigned.isrcs[1].isrc.to_string(), "QZAQQ2600002");
    /// assert_eq!(draft.tracks[0].isrc.map(|c| c.to_string()).as_deref(), Some("QZAQQ2600001"));
    /// Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// - [`Error::AssignRefused`] when validation (in draft mode) finds errors that make the
    ///   result meaningless: no tracks, no title or artist, track titles missing, or a
    ///   numbering that does not settle the track order (invalid positions, repeats, gaps,
    ///   missing discs). Nothing is asked of `source`.
    /// - The source's error when it cannot issue. Codes are requested before any is applied,
    ///   so on error the release is unchanged (codes a source issued before failing stay
    ///   issued: a gap in the sequence, never a duplicate).
    /// - [`Error::ShortIssue`] when the source returns fewer ISRCs than asked for.
    /// - [`Error::UnreadableCode`] when a reader found a code it could not read (see
    ///   [`Provenance`](crate::Provenance)): the code is wrong, not missing, and a new one
    ///   would name the recording or product twice.
    pub fn assign(&mut self, mut source: impl CodeSource) -> Result<Assigned, Error> {
        self.refuse_unreadable_codes()?;
        let blocking: Vec<Finding> = self
            .validate_with(&ValidationOptions::draft())
            .into_iter()
            .filter(|f| f.severity == Severity::Error && f.rule.blocks_assignment)
            .collect();
        if !blocking.is_empty() {
            return Err(Error::AssignRefused { findings: blocking });
        }
        let mut order: Vec<usize> = (0..self.tracks.len())
            .filter(|&i| self.tracks[i].isrc.is_none())
            .collect();
        order.sort_by_key(|&i| (self.tracks[i].disc, self.tracks[i].number));
        let isrcs = if order.is_empty() {
            Vec::new()
        } else {
            let n = u32::try_from(order.len()).map_err(|_| Error::ShortIssue {
                expected: order.len(),
                found: 0,
            })?;
            let codes = source.next_isrcs(n)?;
            if codes.len() < order.len() {
                return Err(Error::ShortIssue {
                    expected: order.len(),
                    found: codes.len(),
                });
            }
            codes
        };
        let upc = if self.upc.is_none() {
            source.next_upc()?
        } else {
            None
        };
        let mut assigned = Assigned {
            upc,
            isrcs: Vec::with_capacity(order.len()),
        };
        if upc.is_some() {
            self.upc = upc;
        }
        for (i, code) in order.into_iter().zip(isrcs) {
            let track = &mut self.tracks[i];
            track.isrc = Some(code);
            assigned.isrcs.push(AssignedIsrc {
                disc: track.disc,
                number: track.number,
                isrc: code,
            });
        }
        Ok(assigned)
    }

    fn refuse_unreadable_codes(&self) -> Result<(), Error> {
        let here = Location::release(0, self.upc).at_line(self.provenance.line());
        if self.upc.is_none() && self.provenance.is_unreadable(Field::Upc) {
            return Err(Error::UnreadableCode {
                code: "upc",
                location: here,
            });
        }
        match self
            .tracks
            .iter()
            .find(|t| t.isrc.is_none() && t.provenance.is_unreadable(Field::Isrc))
        {
            Some(track) => Err(Error::UnreadableCode {
                code: "isrc",
                location: here
                    .track(track.disc, track.number)
                    .at_line(track.provenance.line()),
            }),
            None => Ok(()),
        }
    }
}
