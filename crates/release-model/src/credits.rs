//! Credits: who made a release or a recording ([`Contributor`] with its [`Role`]s) and the
//! musical work a recording performs ([`Work`]).

use std::fmt;
use std::str::FromStr;

use ipi::NameNumber;
use isni::Isni;
use iswc::Iswc;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// What a contributor did, in DDEX's allowed values (ERN 4.3 AVS).
///
/// The named variants are the roles stores ask for. `MainArtist` and `FeaturedArtist` are
/// values of DDEX's `DisplayArtistRole`, the others of its `ContributorRole`, spelt as there
/// ([`Role::as_str`]), except [`Role::Producer`], whose ERN 4.3 value is `StudioProducer`
/// ([`Role::ddex_value`]; the plain word is what a spreadsheet says, and both read).
///
/// **A role outside this list is kept**, as [`Role::Other`] with its text (any other value of
/// the AVS, or a `UserDefined` one), so that a credit read from a file is never lost or
/// refused for its role. Its text is a single token: not empty, no whitespace at either end,
/// and none of the characters `, ; ( ) [ ] \` that the CSV credit syntax uses
/// ([`Role::from_str`] refuses those, naming the position).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The artist the release or track is by (DDEX `DisplayArtistRole` `MainArtist`).
    MainArtist,
    /// A guest artist ("feat."; `DisplayArtistRole` `FeaturedArtist`).
    FeaturedArtist,
    /// Wrote the music.
    Composer,
    /// Wrote the words.
    Lyricist,
    /// Wrote music and words.
    ComposerLyricist,
    /// Arranged the work.
    Arranger,
    /// Produced the recording (ERN 4.3: `StudioProducer`).
    Producer,
    /// Remixed the recording.
    Remixer,
    /// Conducted.
    Conductor,
    /// An orchestra.
    Orchestra,
    /// A soloist.
    Soloist,
    /// Mixed the recording.
    MixingEngineer,
    /// Mastered the recording.
    MasteringEngineer,
    /// Any other role, kept as given (see the type's documentation).
    Other(String),
}

impl Role {
    /// Every named role, in declaration order.
    pub const NAMED: [Role; 13] = [
        Role::MainArtist,
        Role::FeaturedArtist,
        Role::Composer,
        Role::Lyricist,
        Role::ComposerLyricist,
        Role::Arranger,
        Role::Producer,
        Role::Remixer,
        Role::Conductor,
        Role::Orchestra,
        Role::Soloist,
        Role::MixingEngineer,
        Role::MasteringEngineer,
    ];

    /// The spelling in JSON and CSV: DDEX's (`MainArtist`, `ComposerLyricist`), `Producer`
    /// for the producer, an other role's own text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Role::MainArtist => "MainArtist",
            Role::FeaturedArtist => "FeaturedArtist",
            Role::Composer => "Composer",
            Role::Lyricist => "Lyricist",
            Role::ComposerLyricist => "ComposerLyricist",
            Role::Arranger => "Arranger",
            Role::Producer => "Producer",
            Role::Remixer => "Remixer",
            Role::Conductor => "Conductor",
            Role::Orchestra => "Orchestra",
            Role::Soloist => "Soloist",
            Role::MixingEngineer => "MixingEngineer",
            Role::MasteringEngineer => "MasteringEngineer",
            Role::Other(text) => text,
        }
    }

    /// The ERN 4.3 allowed value: [`Role::as_str`], except `StudioProducer` for
    /// [`Role::Producer`].
    #[must_use]
    pub fn ddex_value(&self) -> &str {
        match self {
            Role::Producer => "StudioProducer",
            other => other.as_str(),
        }
    }

    /// Whether the role credits a writer of the work (composer, lyricist or both).
    #[must_use]
    pub const fn is_writer(&self) -> bool {
        matches!(
            self,
            Role::Composer | Role::Lyricist | Role::ComposerLyricist
        )
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The characters the CSV credit syntax gives a meaning.
pub(crate) const SYNTAX: [char; 7] = [',', ';', '(', ')', '[', ']', '\\'];

impl FromStr for Role {
    type Err = Error;

    /// A named role in any case (`composer`, `MainArtist`; `StudioProducer` is
    /// [`Role::Producer`]), surrounding whitespace ignored; any other single token is
    /// [`Role::Other`].
    ///
    /// # Errors
    /// [`Error::Value`] for an empty role or one holding whitespace inside or one of
    /// `, ; ( ) [ ] \`.
    fn from_str(input: &str) -> Result<Role, Error> {
        let text = input.trim();
        if let Some(role) = Role::NAMED
            .iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text))
        {
            return Ok(role.clone());
        }
        if text.eq_ignore_ascii_case("StudioProducer") {
            return Ok(Role::Producer);
        }
        if text.is_empty()
            || text
                .chars()
                .any(|c| c.is_whitespace() || SYNTAX.contains(&c))
        {
            return Err(Error::Value {
                field: "role",
                input: input.to_owned(),
                expected: "a DDEX role such as MainArtist, Composer or Lyricist: one word, \
                           without , ; ( ) [ ] \\",
            });
        }
        Ok(Role::Other(text.to_owned()))
    }
}

impl TryFrom<&str> for Role {
    type Error = Error;

    fn try_from(input: &str) -> Result<Role, Error> {
        input.parse()
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Role, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Role;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a role string like \"Composer\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Role, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

fn is_empty<T>(list: &[T]) -> bool {
    list.is_empty()
}

/// A person or group credited on a release, a recording or a work.
///
/// `#[non_exhaustive]`: build one with [`Contributor::new`] and the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Contributor {
    /// The name as credited.
    pub name: String,
    /// What they did, in the order given (JSON leaves an empty list out).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub roles: Vec<Role>,
    /// Their ISNI, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_isni"
    )]
    pub isni: Option<Isni>,
    /// Their IPI name number (a writer's or publisher's, at the collecting societies).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_ipi"
    )]
    pub ipi: Option<NameNumber>,
}

impl Contributor {
    /// `name` in `roles`, without identifiers.
    #[must_use]
    pub fn new(name: impl Into<String>, roles: impl IntoIterator<Item = Role>) -> Contributor {
        Contributor {
            name: name.into(),
            roles: roles.into_iter().collect(),
            isni: None,
            ipi: None,
        }
    }

    /// The same contributor with `isni`.
    #[must_use]
    pub fn with_isni(mut self, isni: Isni) -> Contributor {
        self.isni = Some(isni);
        self
    }

    /// The same contributor with the IPI name number `ipi`.
    #[must_use]
    pub fn with_ipi(mut self, ipi: NameNumber) -> Contributor {
        self.ipi = Some(ipi);
        self
    }

    /// Whether one of the roles is `role`.
    #[must_use]
    pub fn has_role(&self, role: &Role) -> bool {
        self.roles.contains(role)
    }
}

/// The musical work (composition) a recording performs. `#[non_exhaustive]`: build one with
/// [`Work::new`] and the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Work {
    /// The work's ISWC, when known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::codes::serde_iswc"
    )]
    pub iswc: Option<Iswc>,
    /// The work's title, when it differs from the track title or to record it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The work's writers as registered (composers, lyricists, arrangers), with their IPI.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub writers: Vec<Contributor>,
}

impl Work {
    /// A work with nothing known yet.
    #[must_use]
    pub fn new() -> Work {
        Work::default()
    }

    /// The same work with `iswc`.
    #[must_use]
    pub fn with_iswc(mut self, iswc: Iswc) -> Work {
        self.iswc = Some(iswc);
        self
    }

    /// The same work titled `title`.
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> Work {
        self.title = Some(title.into());
        self
    }

    /// The same work with `writer` added to its writers.
    #[must_use]
    pub fn with_writer(mut self, writer: Contributor) -> Work {
        self.writers.push(writer);
        self
    }

    /// Whether nothing is known about the work.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.iswc.is_none() && self.title.is_none() && self.writers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_in_any_case_and_keep_others() {
        assert_eq!("composer".parse::<Role>().unwrap(), Role::Composer);
        assert_eq!(" MainArtist ".parse::<Role>().unwrap(), Role::MainArtist);
        assert_eq!("StudioProducer".parse::<Role>().unwrap(), Role::Producer);
        assert_eq!(Role::Producer.ddex_value(), "StudioProducer");
        assert_eq!(
            "Librettist".parse::<Role>().unwrap(),
            Role::Other("Librettist".to_owned())
        );
        for bad in ["", "  ", "Lead Vocalist", "A;B", "x(y)", "a\\b"] {
            assert!(bad.parse::<Role>().is_err(), "{bad:?}");
        }
        for role in Role::NAMED {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
    }

    #[test]
    fn json_leaves_empty_fields_out() {
        let c = Contributor::new("One Yen", [Role::MainArtist]);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"name":"One Yen","roles":["MainArtist"]}"#
        );
        let c: Contributor = serde_json::from_str(
            r#"{"name":"Jane Roe","roles":["Composer"],"isni":"ISNI 0000 0001 2103 2683","ipi":"00017798450"}"#,
        )
        .unwrap();
        assert_eq!(c.isni.unwrap().to_string(), "0000000121032683");
        assert_eq!(serde_json::to_string(&Work::new()).unwrap(), "{}");
    }
}
