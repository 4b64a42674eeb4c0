//! Credits in ERN: the parties a release's and its tracks' contributors become (named once,
//! with their ISNI and IPI name number), which roles are display-artist roles, and how the
//! credits read from a message are put back together into [`Contributor`]s.

use std::borrow::Cow;
use std::collections::HashMap;

use ipi::NameNumber;
use isni::Isni;
use release_model::{Contributor, Release, Role};

use crate::read::message::Party;

/// A credited party: a name with the identifiers it carries.
pub(crate) type PartyKey<'r> = (&'r str, Option<Isni>, Option<NameNumber>);

/// The distinct credited parties of a release (its credits and its tracks'), in order of
/// first appearance: one `Party` each, after the artists and the label.
#[derive(Debug, Default)]
pub(crate) struct CreditParties<'r> {
    pub(crate) parties: Vec<PartyKey<'r>>,
    index: HashMap<PartyKey<'r>, usize>,
}

impl<'r> CreditParties<'r> {
    /// The parties of `release`'s credits, but for a credit that is no more than an artist's
    /// name (`is_artist`): that one is the artist's party.
    pub(crate) fn of(release: &'r Release, is_artist: impl Fn(&str) -> bool) -> CreditParties<'r> {
        let mut parties = CreditParties::default();
        let credits = release
            .contributors
            .iter()
            .chain(release.tracks.iter().flat_map(|track| &track.contributors));
        for contributor in credits {
            let key = key(contributor);
            if key.1.is_none() && key.2.is_none() && is_artist(key.0) {
                continue;
            }
            parties.index.entry(key).or_insert_with(|| {
                parties.parties.push(key);
                parties.parties.len() - 1
            });
        }
        parties
    }

    /// The position of a contributor's party among the credited parties, `None` for a
    /// credit that is an artist's party.
    pub(crate) fn of_contributor(&self, contributor: &Contributor) -> Option<usize> {
        self.index.get(&key(contributor)).copied()
    }
}

fn key(contributor: &Contributor) -> PartyKey<'_> {
    (contributor.name.as_str(), contributor.isni, contributor.ipi)
}

/// Whether `role` is one of DDEX's display-artist roles (`DisplayArtistRole`), written as a
/// `DisplayArtist`; the others are `ContributorRole`s.
pub(crate) fn is_display(role: &Role) -> bool {
    matches!(role, Role::MainArtist | Role::FeaturedArtist)
}

/// A role as ERN writes it: the allowed value, or `UserDefined` with the role's own text
/// as its `UserDefinedValue` (a role outside the model's list may be outside DDEX's too).
pub(crate) fn ddex_role(role: &Role) -> (&str, Option<&str>) {
    match role {
        Role::Other(text) => ("UserDefined", Some(text.as_str())),
        named => (named.ddex_value(), None),
    }
}

/// A list of credits as ERN 3.8.2 writes it and gives it back: one credit per party (name,
/// ISNI and IPI name number; its roles joined, each once, display roles first), and with
/// `display_first` the credits with a display role before the others. Release Profile 1.4
/// numbers `DisplayArtist`s and `ResourceContributor`s apart, each from 1 (rule 1745-1),
/// and names a party once (rules 1721-1, 1723-1), so no other order reads back.
pub(crate) fn ern3_credits(list: &[Contributor], display_first: bool) -> Vec<Contributor> {
    let has_display = |c: &&Contributor| c.roles.iter().any(is_display);
    let ordered: Vec<&Contributor> = if display_first {
        let first = list.iter().filter(has_display);
        first
            .chain(list.iter().filter(|c| !has_display(c)))
            .collect()
    } else {
        list.iter().collect()
    };
    let mut merged: Vec<Contributor> = Vec::with_capacity(list.len());
    for credit in ordered {
        let at = match merged
            .iter()
            .position(|m| m.name == credit.name && m.isni == credit.isni && m.ipi == credit.ipi)
        {
            Some(at) => at,
            None => {
                let mut first = credit.clone();
                first.roles.clear();
                merged.push(first);
                merged.len() - 1
            }
        };
        for role in &credit.roles {
            if !merged[at].roles.contains(role) {
                merged[at].roles.push(role.clone());
            }
        }
    }
    if display_first {
        for credit in &mut merged {
            credit.roles.sort_by_key(|role| !is_display(role));
        }
    }
    merged
}

/// One credit as a message states it: an ERN 4 `DisplayArtist` or `Contributor` naming a
/// party of the party list, or an ERN 3 `DisplayArtist`, `ResourceContributor` or
/// `IndirectResourceContributor` naming its party inline.
#[derive(Debug, Clone)]
pub(crate) struct Credit<'a> {
    /// The `SequenceNumber`, when given.
    pub(crate) sequence: Option<u64>,
    /// The party's reference into the party list; for a party named inline, its name and
    /// identifiers (what tells one inline party from another).
    pub(crate) party: Cow<'a, str>,
    /// The party named inline (ERN 3).
    pub(crate) inline: Option<Party<'a>>,
    /// Whether it is a contributor (ERN 4 `Contributor`, ERN 3 `ResourceContributor`) rather
    /// than a display artist: ERN 3 numbers the two apart.
    pub(crate) contributor: bool,
    /// The roles, as written (`UserDefined` already replaced by its value).
    pub(crate) roles: Vec<Cow<'a, str>>,
    /// Byte offset of the element, for notes.
    pub(crate) offset: usize,
}
