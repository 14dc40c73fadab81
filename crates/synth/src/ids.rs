//! Identifiers: council-scoped sequential IDs and CQC-style location and
//! provider IDs.
//!
//! IDs are written into a small stack buffer and handed to the domain's parser,
//! so no `String` is formatted per row. Council-scoped IDs start with the
//! council's ONS code (`E06099999-PE000123`), which makes them unique across a
//! national bundle without any coordination between threads.
//!
//! CQC-style IDs look like CQC's (`1-` and eleven digits) but sit in a range CQC
//! has not reached (`1-9…` for locations, `1-8…` for providers, eleven digits),
//! so generated locations never collide with the real CQC data the demo loads
//! beside them. The digits are a scrambled counter: unique by construction.

use std::str::FromStr;

use continuum_domain::ParseError;

use crate::SynthError;

const CAP: usize = 24;

/// Builds IDs `prefix` + a zero-padded number.
#[derive(Debug, Clone)]
pub(crate) struct Seq {
    buf: [u8; CAP],
    len: usize,
    next: u64,
}

impl Seq {
    /// A sequence starting at 1. The prefix is cut to 14 bytes.
    pub(crate) fn new(prefix: &str) -> Self {
        let mut buf = [0u8; CAP];
        let len = prefix.len().min(14);
        buf[..len].copy_from_slice(&prefix.as_bytes()[..len]);
        Self { buf, len, next: 1 }
    }

    /// The next ID in the sequence.
    pub(crate) fn next<T: FromStr<Err = ParseError>>(&mut self) -> Result<T, SynthError> {
        let n = self.next;
        self.next += 1;
        let mut buf = self.buf;
        let end = write_digits(&mut buf, self.len, n, 6);
        parse_ascii(&buf[..end])
    }
}

/// Writes `n` at `at`, zero-padded to `width`, and returns the new end.
fn write_digits(buf: &mut [u8; CAP], at: usize, mut n: u64, width: usize) -> usize {
    let mut tmp = [0u8; 20];
    let mut k = 0;
    while n > 0 || k < width {
        tmp[k] = b'0' + (n % 10) as u8;
        n /= 10;
        k += 1;
        if k == tmp.len() {
            break;
        }
    }
    let end = (at + k).min(CAP);
    for (i, slot) in buf[at..end].iter_mut().enumerate() {
        *slot = tmp[k - 1 - i];
    }
    end
}

fn parse_ascii<T: FromStr<Err = ParseError>>(bytes: &[u8]) -> Result<T, SynthError> {
    let s = std::str::from_utf8(bytes).map_err(|_| ParseError::expected("an ASCII identifier"))?;
    Ok(T::from_str(s)?)
}

const TEN_DIGITS: u64 = 10_000_000_000;

/// A CQC-style ID: `1-`, the `lead` digit and ten scrambled digits of `n`.
///
/// `n ↦ (n·a + offset) mod 10¹⁰` is a bijection because `a` is prime to 10, so
/// different `n` always give different IDs.
pub(crate) fn cqc_style<T: FromStr<Err = ParseError>>(
    lead: u8,
    n: u64,
    seed: u64,
) -> Result<T, SynthError> {
    let a: u128 = 7_777_777_777;
    let offset = u128::from(crate::rng::splitmix(seed) % TEN_DIGITS);
    let x = ((u128::from(n % TEN_DIGITS) * a + offset) % u128::from(TEN_DIGITS)) as u64;
    let mut buf = [0u8; CAP];
    buf[..3].copy_from_slice(&[b'1', b'-', b'0' + lead.min(9)]);
    let end = write_digits(&mut buf, 3, x, 10);
    parse_ascii(&buf[..end])
}

/// A location ID: `1-9` and ten digits.
pub(crate) fn location_id<T: FromStr<Err = ParseError>>(
    n: u64,
    seed: u64,
) -> Result<T, SynthError> {
    cqc_style(9, n, seed)
}

/// A provider ID: `1-8` and ten digits.
pub(crate) fn provider_id<T: FromStr<Err = ParseError>>(
    n: u64,
    seed: u64,
) -> Result<T, SynthError> {
    cqc_style(8, n, seed ^ 0x5eed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use continuum_domain::{LocationId, PersonId};

    #[test]
    fn sequences_pad_their_numbers() {
        let mut s = Seq::new("E06099999-PE");
        let a: PersonId = s.next().unwrap_or_else(|e| panic!("{e}"));
        let b: PersonId = s.next().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.as_str(), "E06099999-PE000001");
        assert_eq!(b.as_str(), "E06099999-PE000002");
    }

    #[test]
    fn cqc_style_ids_look_like_cqc_ones_and_do_not_repeat() {
        let mut seen = std::collections::BTreeSet::new();
        for n in 0..5_000 {
            let id: LocationId = location_id(n, 42).unwrap_or_else(|e| panic!("{e}"));
            let s = id.as_str();
            assert!(s.starts_with("1-9") && s.len() == 13, "{s}");
            assert!(s[2..].bytes().all(|b| b.is_ascii_digit()), "{s}");
            assert!(seen.insert(s.to_string()));
        }
    }
}
