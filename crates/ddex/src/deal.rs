//! A simple commercial deal: where, from when, under which business models, for which uses.
//!
//! ERN deals can say much more (prices, pre-orders, distribution channels); this is the part
//! every DSP asks for. Spotify's ERN 4 notes: "ValidityPeriod must contain a StartDate. The
//! CommercialModelType and UseType must be included."

use core::fmt;
use core::str::FromStr;

use super::Error;
use release_model::PartialDate;

/// Whether `code` is an ISO 3166-1 alpha-2 code the ERN 4.3 `CurrentTerritoryCode` set allows:
/// every officially assigned code, plus `AN` and `CS` (withdrawn) and `XK` (Kosovo), which the
/// allowed-value set keeps.
fn is_territory_code(code: [u8; 2]) -> bool {
    const CODES: &str = "AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
        BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CS CU CV CW \
        CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI \
        GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO \
        JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH \
        MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA \
        PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL \
        SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US \
        UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";
    CODES.as_bytes().chunks(3).any(|chunk| chunk[..2] == code)
}

/// Where a deal applies: the whole world or one country (ISO 3166-1 alpha-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Territory(Option<[u8; 2]>);

impl Territory {
    /// Every territory (`Worldwide`).
    pub const WORLDWIDE: Territory = Territory(None);

    /// The code as written in ERN: `Worldwide` or two capital letters.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            None => "Worldwide",
            // Only ASCII capitals are ever stored.
            Some(code) => core::str::from_utf8(code).unwrap_or("Worldwide"),
        }
    }

    /// Whether this is [`Territory::WORLDWIDE`].
    #[must_use]
    pub const fn is_worldwide(self) -> bool {
        self.0.is_none()
    }
}

impl FromStr for Territory {
    type Err = Error;

    /// Parses `Worldwide` or an ISO 3166-1 alpha-2 country code (in capitals, as ERN writes it).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDeal`] for anything else, e.g. `UK` (the code is `GB`) or `us`.
    fn from_str(input: &str) -> Result<Territory, Error> {
        if input == "Worldwide" {
            return Ok(Territory::WORLDWIDE);
        }
        match *input.as_bytes() {
            [a, b] if is_territory_code([a, b]) => Ok(Territory(Some([a, b]))),
            _ => Err(Error::InvalidDeal {
                value: input.to_owned(),
                expected: "Worldwide or an ISO 3166-1 alpha-2 country code such as GB",
            }),
        }
    }
}

impl fmt::Display for Territory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Defines an enum over allowed values of a DDEX allowed-value set, spelled as in ERN.
macro_rules! allowed_values {
    ($(#[$meta:meta])* $name:ident, $expected:literal { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in ERN's alphabetical order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as ERN spells it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;

            /// Parses the ERN spelling (case-sensitive, as in the allowed-value set).
            ///
            /// # Errors
            ///
            /// [`Error::InvalidDeal`] for a value outside the set.
            fn from_str(input: &str) -> Result<$name, Error> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|value| value.as_str() == input)
                    .ok_or_else(|| Error::InvalidDeal {
                        value: input.to_owned(),
                        expected: $expected,
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

allowed_values! {
    /// How the service makes money from the release (ERN `CommercialModelType`).
    CommercialModelType, "a commercial model type such as SubscriptionModel" {
        /// Free to the user, paid for by advertising.
        AdvertisementSupportedModel,
        /// Paid for by a fee on a device.
        DeviceFeeModel,
        /// Free of charge.
        FreeOfChargeModel,
        /// Paid per use or per purchase.
        PayAsYouGoModel,
        /// Paid through performance royalties.
        PerformanceRoyaltiesModel,
        /// Claimed rights on user uploads.
        RightsClaimModel,
        /// Paid by subscription.
        SubscriptionModel,
    }
}

allowed_values! {
    /// What the user may do with the release (ERN `UseType`): the values audio delivery uses.
    UseType, "a use type such as OnDemandStream or PermanentDownload" {
        /// Broadcast.
        Broadcast,
        /// A download usable only under conditions (e.g. while subscribed).
        ConditionalDownload,
        /// A stream whose availability depends on the content around it.
        ContentInfluencedStream,
        /// Any download.
        Download,
        /// A non-interactive stream (radio-like).
        NonInteractiveStream,
        /// An interactive, on-demand stream.
        OnDemandStream,
        /// A download the user keeps.
        PermanentDownload,
        /// A podcast.
        Podcast,
        /// Simulcast.
        Simulcast,
        /// Any stream.
        Stream,
        /// A download tied to a device or application.
        TetheredDownload,
        /// A stream whose availability depends on time.
        TimeInfluencedStream,
        /// Use as an alert tone.
        UseAsAlertTone,
        /// Use as a ringback tone.
        UseAsRingbackTone,
        /// Use as a ringtone.
        UseAsRingtone,
        /// Use for content identification (fingerprinting).
        UseForIdentification,
        /// Users may make the label's content available (user-generated video services).
        UserMakeAvailableLabelProvided,
        /// Users may make their own content using the release available.
        UserMakeAvailableUserProvided,
        /// Webcast.
        Webcast,
    }
}

/// A deal for the release and its tracks: where, from when (and until when), under which
/// commercial models, for which uses. Written as one `ReleaseDeal` covering the main release
/// and every track release.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Deal {
    /// Where the deal applies (at least one).
    pub territories: Vec<Territory>,
    /// The first day of availability (`ValidityPeriod/StartDate`).
    pub start_date: PartialDate,
    /// The last day, when the deal ends (`ValidityPeriod/EndDate`).
    pub end_date: Option<PartialDate>,
    /// How the service makes money (at least one).
    pub commercial_model_types: Vec<CommercialModelType>,
    /// What users may do (at least one).
    pub use_types: Vec<UseType>,
}

impl Deal {
    /// Whether the deal's validity period ends on `day` or before: a deal ended by the day a
    /// message is created offers nothing after it. A partial end date (`2026`, `2026-03`)
    /// runs to the last day it names; a deal without an end date never ends.
    #[must_use]
    pub fn has_ended(&self, day: PartialDate) -> bool {
        self.end_date.is_some_and(|end| {
            let last = (
                end.year(),
                end.month().unwrap_or(12),
                end.day().unwrap_or(31),
            );
            let day = (day.year(), day.month().unwrap_or(1), day.day().unwrap_or(1));
            last <= day
        })
    }

    /// A deal from `start_date` on, everywhere in `territories`, for one commercial model
    /// and its use types.
    #[must_use]
    pub fn new(
        territories: Vec<Territory>,
        start_date: PartialDate,
        commercial_model_type: CommercialModelType,
        use_types: Vec<UseType>,
    ) -> Deal {
        Deal {
            territories,
            start_date,
            end_date: None,
            commercial_model_types: vec![commercial_model_type],
            use_types,
        }
    }

    /// Checks what DSPs require of a deal: a territory, a commercial model and a use type,
    /// and an end date no earlier than the start date.
    ///
    /// # Errors
    ///
    /// [`Error::IncompleteDeal`] naming what is missing or wrong.
    pub fn check(&self) -> Result<(), Error> {
        let problem = if self.territories.is_empty() {
            Some("no territory")
        } else if self.commercial_model_types.is_empty() {
            Some("no commercial model type")
        } else if self.use_types.is_empty() {
            Some("no use type")
        } else if self.end_date.is_some_and(|end| end < self.start_date) {
            Some("an end date before its start date")
        } else {
            None
        };
        match problem {
            Some(problem) => Err(Error::IncompleteDeal { problem }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deal_has_ended_after_its_last_day_partial_dates_running_to_their_end() {
        let mut deal = Deal::new(
            vec![Territory::WORLDWIDE],
            "2026-01-01".parse().unwrap(),
            CommercialModelType::SubscriptionModel,
            vec![UseType::OnDemandStream],
        );
        let day = |text: &str| text.parse::<PartialDate>().unwrap();
        assert!(!deal.has_ended(day("2099-12-31")));
        for (end, on, ended) in [
            ("2026-03-01", "2026-03-01", true),
            ("2026-03-01", "2026-02-28", false),
            ("2026-03", "2026-03-30", false),
            ("2026-03", "2026-03-31", true),
            ("2026", "2026-06-01", false),
            ("2026", "2027-01-01", true),
        ] {
            deal.end_date = Some(day(end));
            assert_eq!(deal.has_ended(day(on)), ended, "{end} on {on}");
        }
    }
}
