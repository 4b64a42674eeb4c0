//! Issuing codes from a GS1 company prefix.

use crate::digits::check_digit_of_value;
use crate::lint::prefix_warning;
use crate::{Circulation, CompanyPrefix, Error, Kind, Upc, Warning};

/// Issues release codes under a GS1 company prefix, item reference by item reference, in
/// order, with check digits: the EAN-13 `prefix · item reference · check digit`, or the UPC-A
/// (the same digits without the leading `0`) when the prefix starts with `0`.
///
/// The allocator holds its position in memory; durable issuing (never the same code twice,
/// across processes) is the ledger's job, which turns its high-water mark into a code with
/// [`Allocator::code_at`].
///
/// ```
/// use upc::{Allocator, CompanyPrefix};
///
/// let mut alloc = Allocator::new("0614141".parse()?)?;
/// assert_eq!(alloc.capacity(), 100_000);
/// assert_eq!(alloc.issue()?.to_string(), "614141000005");
/// assert_eq!(alloc.issue()?.to_string(), "614141000012");
/// assert_eq!(alloc.code_at(3)?.to_string(), "614141000036");
///
/// let last = "614141000036".parse()?;
/// let mut resumed = Allocator::new("0614141".parse()?)?.resume_after(last)?;
/// assert_eq!(resumed.issue()?.to_string(), "614141000043");
/// Ok::<(), upc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocator {
    prefix: CompanyPrefix,
    next: u64,
}

impl Allocator {
    /// An allocator that starts at item reference 0.
    ///
    /// # Errors
    /// [`Error::RefusedPrefix`] for a prefix reserved for restricted circulation (`0000000`,
    /// `020`–`029`, `040`–`049`, `200`–`299`), for GTIN-8 compatibility (`00000`), for
    /// coupons or refund receipts (`050`–`059`, `980`–`983`, `99`), or for Bookland,
    /// ISMN and ISSN (`977`–`979`): numbers under them do not identify a release in the open
    /// market.
    pub fn new(prefix: CompanyPrefix) -> Result<Allocator, Error> {
        let base = prefix.base();
        // GS1 keeps 0000001–0000099 unused so that GTIN-13s never collide with GTIN-8s, and
        // 0000000 is for restricted circulation within a company: no prefix starts with 00000.
        let reason = if base < 10_000_000 {
            Some(Warning::RestrictedCirculation {
                within: Circulation::Company,
            })
        } else {
            // The body with a placeholder check digit is the GTIN-13 view of the prefix.
            prefix_warning(base * 10)
        };
        match reason {
            Some(reason) if reason.refuses_allocation() => {
                Err(Error::RefusedPrefix { prefix, reason })
            }
            _ => Ok(Allocator { prefix, next: 0 }),
        }
    }

    /// The company prefix.
    #[must_use]
    pub const fn prefix(&self) -> CompanyPrefix {
        self.prefix
    }

    /// The kind of the codes issued: UPC-A when the prefix starts with `0`, else EAN-13.
    #[must_use]
    pub const fn kind(&self) -> Kind {
        if self.prefix.is_upc() {
            Kind::UpcA
        } else {
            Kind::Ean13
        }
    }

    /// How many item references the prefix holds: 10^(12 − prefix length).
    #[must_use]
    pub const fn capacity(&self) -> u64 {
        self.prefix.capacity()
    }

    /// How many codes are left to issue.
    #[must_use]
    pub const fn remaining(&self) -> u64 {
        self.capacity() - self.next
    }

    /// The item reference [`issue`](Self::issue) gives next, or `None` when exhausted.
    #[must_use]
    pub const fn next_item_reference(&self) -> Option<u64> {
        if self.next < self.capacity() {
            Some(self.next)
        } else {
            None
        }
    }

    /// The code for `item_reference`, whether issued yet or not (the allocator does not move).
    ///
    /// # Errors
    /// [`Error::ItemReference`] when `item_reference` is not below [`capacity`](Self::capacity).
    pub fn code_at(&self, item_reference: u64) -> Result<Upc, Error> {
        let capacity = self.capacity();
        if item_reference >= capacity {
            return Err(Error::ItemReference {
                prefix: self.prefix,
                item_reference,
                capacity,
            });
        }
        let body = self.prefix.base() + item_reference;
        Ok(Upc::pack(
            self.kind(),
            body * 10 + u64::from(check_digit_of_value(body)),
        ))
    }

    /// The item reference of `code` under this prefix (the inverse of [`code_at`](Self::code_at)).
    /// Any form of the product is accepted: UPC-A, EAN-13, or a GTIN-14 with indicator 0.
    ///
    /// # Errors
    /// [`Error::ForeignCode`] when `code` was not issued under this prefix.
    pub fn item_reference_of(&self, code: Upc) -> Result<u64, Error> {
        let body = code.to_u64() / 10;
        let base = self.prefix.base();
        let foreign = Error::ForeignCode {
            code,
            prefix: self.prefix,
        };
        if code.kind() == Kind::Ean8 || body < base || body - base >= self.capacity() {
            return Err(foreign);
        }
        Ok(body - base)
    }

    /// The allocator positioned after `last`, a code issued under this prefix (for example the
    /// last code of an earlier run). It never moves backwards: resuming after a code below
    /// the current position keeps the current position.
    ///
    /// # Errors
    /// [`Error::ForeignCode`] when `last` was not issued under this prefix.
    pub fn resume_after(mut self, last: Upc) -> Result<Allocator, Error> {
        let item = self.item_reference_of(last)?;
        self.next = self.next.max(item + 1);
        Ok(self)
    }

    /// The next code, in order of item reference.
    ///
    /// # Errors
    /// [`Error::Exhausted`] when every item reference has been issued; the allocator stays
    /// exhausted.
    pub fn issue(&mut self) -> Result<Upc, Error> {
        let code = self.code_at(self.next).map_err(|_| Error::Exhausted {
            prefix: self.prefix,
            capacity: self.capacity(),
        })?;
        self.next += 1;
        Ok(code)
    }
}
