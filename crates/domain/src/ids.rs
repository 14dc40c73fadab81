//! Typed identifiers, so a person's ID can never be passed where a location's
//! is expected.
//!
//! IDs are short strings, stored inline (no heap allocation up to 24 bytes) because
//! the national bundle holds tens of millions of them.

use compact_str::CompactString;
use std::fmt;

use crate::ParseError;

/// Whether text may be an ID: not empty, no spaces at either end, no `;` and
/// no control characters. IDs are read by the million (a council's load checks
/// over a million), so the usual ID, printable ASCII only, is checked in one
/// pass over its bytes without branches, which the compiler turns into a few
/// wide compares; any other text takes the rule as written.
fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    // Printable ASCII is ' ' (0x20) to '~' (0x7e): below it are the control
    // characters, above it DEL and every byte of a non-ASCII character.
    let unusual = b.iter().fold(false, |odd, &c| {
        odd | (c.wrapping_sub(b' ') > b'~' - b' ') | (c == b';')
    });
    if !unusual {
        // In printable ASCII, the only space is ' '.
        return b.first().is_some_and(|&c| c != b' ') && b.last().is_some_and(|&c| c != b' ');
    }
    follows_id_rule(s)
}

/// The rule for IDs as written, one check after another: for any text.
fn follows_id_rule(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && !s.contains(';') && !s.chars().any(char::is_control)
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(CompactString);

        impl $name {
            /// Parses an ID: not empty, no surrounding spaces, no `;` (the list
            /// separator) and no control characters.
            pub fn parse(s: &str) -> Result<Self, ParseError> {
                if !is_id(s) {
                    return Err(ParseError::expected(concat!(
                        "an ID (",
                        stringify!($name),
                        "): not empty, no spaces at either end, no ';'"
                    )));
                }
                Ok(Self(CompactString::from(s)))
            }

            /// The ID as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type! {
    /// A council, by its name exactly as CQC writes it ("Medway", "County Durham").
    LaName
}
id_type! {
    /// A CQC location ID, such as `1-10041249501` or an NHS site code `RT242`.
    LocationId
}
id_type! {
    /// A CQC provider ID.
    ProviderId
}
id_type! {
    /// A locality (a district or team area) within one council.
    LocalityId
}
id_type! {
    /// A pseudonymous person ID. Never a name or an NHS number.
    PersonId
}
id_type! {
    /// A care request.
    RequestId
}
id_type! {
    /// A placement (one service episode).
    PlacementId
}
id_type! {
    /// A review of a person's care.
    ReviewId
}
id_type! {
    /// A contract.
    ContractId
}
id_type! {
    /// A quality assessment (several rows share one, one row per standard).
    AssessmentId
}
id_type! {
    /// A monitoring visit.
    VisitId
}
id_type! {
    /// A concern about a location.
    ConcernId
}
id_type! {
    /// A sanction on a location.
    SanctionId
}
id_type! {
    /// A contract hand-back.
    HandbackId
}
id_type! {
    /// A gap in services or an unmet need.
    GapId
}
id_type! {
    /// A user of the app.
    UserId
}

/// An ONS area code such as `E06000035` (Medway) or `E92000001` (England).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct OnsCode(CompactString);

impl OnsCode {
    /// England's code, used for national comparators.
    pub const ENGLAND: &'static str = "E92000001";

    /// Parses a code: a country letter and eight digits.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let b = s.as_bytes();
        if b.len() == 9
            && matches!(b[0], b'E' | b'W' | b'S' | b'N' | b'K')
            && b[1..].iter().all(u8::is_ascii_digit)
        {
            Ok(Self(CompactString::from(s)))
        } else {
            Err(ParseError::expected(
                "an ONS area code: a letter and eight digits, such as E06000035",
            ))
        }
    }

    /// England's code.
    pub fn england() -> Self {
        Self(CompactString::from(Self::ENGLAND))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for OnsCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Self::parse(s)
    }
}

impl AsRef<str> for OnsCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OnsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_with_a_list_separator_is_refused() {
        assert!(PersonId::parse("P1;P2").is_err());
        assert!(PersonId::parse(" P1").is_err());
        assert!(PersonId::parse("").is_err());
        assert!(PersonId::parse("P-000123").is_ok());
    }

    #[test]
    fn the_one_pass_id_check_agrees_with_the_rule() {
        let cases = [
            "",
            " ",
            "P1",
            "E06000001-PE000001",
            "1-10041249501",
            "RT242",
            " P1",
            "P1 ",
            "P 1",
            "P1;",
            ";",
            "P\t1",
            "\tP1",
            "P1\n",
            "P\u{7f}1",
            "P\u{0}1",
            "\u{b}P1",
            "Zoë-7",
            "\u{a0}P1",
            "P1\u{a0}",
            "P\u{a0}1",
            "P1\u{3000}",
            "P\u{85}1",
            "\u{2028}",
            "名前",
            "a",
            "~",
            "P1\r",
        ];
        for case in cases {
            assert_eq!(is_id(case), follows_id_rule(case), "{case:?}");
        }
        assert!(is_id("Zoë-7") && !is_id("\u{a0}P1") && !is_id("P\u{7f}1"));
    }

    #[test]
    fn ons_codes_have_a_letter_and_eight_digits() {
        assert!(OnsCode::parse("E06000035").is_ok());
        assert!(OnsCode::parse("E0600003").is_err());
        assert!(OnsCode::parse("[z]").is_err());
    }
}
