//! The four largest tables of a council (people, requests, placements and
//! reviews) written field by field, without the table codec.
//!
//! Through the codec a placement costs about 3,000 instructions to decode:
//! each of its cells goes through a generic reader, every vocabulary word is
//! matched as text and every date rebuilt. Written field by field, a word is
//! its position in its vocabulary, a date its day number, and a placement
//! costs a fifth of that. These four tables are five in six of a council's
//! rows, so they alone are written this way; the rest go through the codec.
//!
//! Each struct's fields are listed once ([`packed!`]); reading one back
//! builds the struct with every field named, so a field added to the domain
//! type and not here does not compile. [`Packed::shape`] names every field
//! and its type, and goes into the read model's fingerprint, so a read model
//! written before a field's type changed is not read.

use chrono::{Datelike, NaiveDate};
use continuum_domain::*;

use crate::schema::DecodeError;

/// Where a table's fields are written: its text end to end, and everything
/// else.
#[derive(Debug, Default)]
pub(super) struct Writer {
    pub text: Vec<u8>,
    pub bytes: Vec<u8>,
}

/// A table's fields being read back.
#[derive(Debug)]
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    text: &'a str,
    text_at: usize,
}

fn ended() -> DecodeError {
    DecodeError("the read model ends inside a row".into())
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], text: &'a str) -> Self {
        Self {
            bytes,
            at: 0,
            text,
            text_at: 0,
        }
    }

    /// Whether every byte and all the text were read.
    pub fn done(&self) -> bool {
        self.at == self.bytes.len() && self.text_at == self.text.len()
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let b = self.bytes.get(self.at..self.at + N).ok_or_else(ended)?;
        self.at += N;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.at).ok_or_else(ended)?;
        self.at += 1;
        Ok(b)
    }

    fn str(&mut self) -> Result<&'a str, DecodeError> {
        let n = match self.byte()? {
            LONG => u32::from_le_bytes(self.array()?) as usize,
            n => n as usize,
        };
        let end = self.text_at.checked_add(n).ok_or_else(ended)?;
        let s = self
            .text
            .get(self.text_at..end)
            .ok_or_else(|| DecodeError("a text field runs past its table's text".into()))?;
        self.text_at += n;
        Ok(s)
    }
}

/// A text length of this or more is written as this byte and four bytes.
const LONG: u8 = u8::MAX;

impl Writer {
    fn str(&mut self, s: &str) {
        match u8::try_from(s.len()) {
            Ok(n) if n < LONG => self.bytes.push(n),
            _ => {
                self.bytes.push(LONG);
                let n = u32::try_from(s.len()).unwrap_or(u32::MAX);
                self.bytes.extend_from_slice(&n.to_le_bytes());
            }
        }
        self.text.extend_from_slice(s.as_bytes());
    }
}

/// One field's value, written and read back.
pub(super) trait Field: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

/// A record written field by field.
pub(super) trait Packed: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
    /// Every field's name and type, in order.
    fn shape() -> String;
}

/// IDs are read back through their own check, as from a table.
macro_rules! ids {
    ($($t:ty),* $(,)?) => { $(
        impl Field for $t {
            fn put(&self, w: &mut Writer) {
                w.str(self.as_str());
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                let s = r.str()?;
                <$t>::parse(s).map_err(|e| DecodeError(format!("{s}: {e}")))
            }
        }
    )* };
}
ids!(
    LaName,
    LocationId,
    LocalityId,
    PersonId,
    RequestId,
    PlacementId,
    ReviewId
);

/// A vocabulary word is its position in the vocabulary's list, which the
/// vocabulary macro writes in the order of the enum's variants.
/// [`vocabularies`] lists every word in that order for the fingerprint, so
/// a word added or moved makes the read models written before it stale.
macro_rules! words {
    ($($t:ty),* $(,)?) => {
        /// Every vocabulary written by position, with its words in order.
        pub(super) fn vocabularies() -> String {
            let mut out = String::new();
            $(
                out.push_str(<$t>::LABEL);
                for w in <$t>::ALL {
                    out.push(' ');
                    out.push_str(w.as_str());
                }
                out.push('\n');
            )*
            out
        }
        $(
        impl Field for $t {
            fn put(&self, w: &mut Writer) {
                w.bytes.push(*self as u8);
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                let i = r.byte()?;
                <$t>::ALL.get(usize::from(i)).copied().ok_or_else(|| {
                    DecodeError(format!("word {i} of {} is not known", <$t>::LABEL))
                })
            }
        }
    )* };
}
words!(
    Gender,
    ClientType,
    PrimarySupportReason,
    ServiceType,
    Specialism,
    Route,
    RequestOutcome,
    DelayReason,
    EndReason,
    Delivery,
    OoaReason,
    ReviewKind,
);

macro_rules! numbers {
    ($($t:ty),* $(,)?) => { $(
        impl Field for $t {
            fn put(&self, w: &mut Writer) {
                w.bytes.extend_from_slice(&self.to_le_bytes());
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok(<$t>::from_le_bytes(r.array()?))
            }
        }
    )* };
}
numbers!(u8, i32, f64);

impl Field for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(DecodeError(format!("{b} is not a flag"))),
        }
    }
}

impl Field for NaiveDate {
    fn put(&self, w: &mut Writer) {
        w.bytes
            .extend_from_slice(&self.num_days_from_ce().to_le_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let days = i32::from_le_bytes(r.array()?);
        NaiveDate::from_num_days_from_ce_opt(days)
            .ok_or_else(|| DecodeError(format!("day {days} is not a date")))
    }
}

impl Field for String {
    fn put(&self, w: &mut Writer) {
        w.str(self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(r.str()?.to_string())
    }
}

impl<T: Field> Field for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.bytes.push(0),
            Some(v) => {
                w.bytes.push(1);
                v.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.byte()? {
            0 => Ok(None),
            1 => T::take(r).map(Some),
            b => Err(DecodeError(format!("{b} is not an option's tag"))),
        }
    }
}

impl<T: Field> Field for Vec<T> {
    fn put(&self, w: &mut Writer) {
        let n = u32::try_from(self.len()).unwrap_or(u32::MAX);
        w.bytes.extend_from_slice(&n.to_le_bytes());
        for v in self {
            v.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let n = u32::from_le_bytes(r.array()?) as usize;
        // Each item takes at least a byte: a count beyond what is left is
        // a damaged read model, not a reason to allocate.
        if n > r.bytes.len() - r.at {
            return Err(ended());
        }
        (0..n).map(|_| T::take(r)).collect()
    }
}

/// The name of a field's type, for [`Packed::shape`].
fn type_of<S, T>(_: fn(&S) -> &T) -> &'static str {
    std::any::type_name::<T>()
}

/// Writes [`Packed`] for a struct from the list of its fields.
macro_rules! packed {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Packed for $t {
            fn put(&self, w: &mut Writer) {
                $( Field::put(&self.$f, w); )*
            }
            fn take(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok($t { $( $f: Field::take(r)?, )* })
            }
            fn shape() -> String {
                let fields: &[String] = &[$(
                    format!("{}: {}", stringify!($f), type_of(|s: &$t| &s.$f))
                ),*];
                format!("{} {{ {} }}", stringify!($t), fields.join(", "))
            }
        }
    };
}

packed!(Person {
    person_id,
    la,
    birth_year,
    sex,
    ethnicity,
    locality_id,
    client_type,
    primary_support_reason,
    has_unpaid_carer,
    cares_for,
});

packed!(Request {
    request_id,
    person_id,
    service_type,
    needs,
    hours_per_week,
    route,
    discharge_pathway,
    received_on,
    medically_fit_on,
    closed_on,
    outcome,
    delay_reasons,
    preferred_locations,
});

packed!(Placement {
    placement_id,
    person_id,
    request_id,
    location_id,
    service_type,
    start_date,
    end_date,
    end_reason,
    weekly_cost,
    hours_per_week,
    delivery,
    interim,
    ooa_reason,
});

packed!(Review {
    review_id,
    person_id,
    placement_id,
    date,
    kind,
});

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A word is written as its variant's number and read back as the word
    /// at that place in the vocabulary's list: the two must agree for every
    /// word of every vocabulary written.
    #[test]
    fn every_word_reads_back_as_itself() {
        fn each<T: Field + Copy + PartialEq + std::fmt::Debug>(all: &[T]) {
            for &w in all {
                let mut out = Writer::default();
                w.put(&mut out);
                let mut r = Reader::new(&out.bytes, "");
                assert_eq!(T::take(&mut r).unwrap(), w);
                assert!(r.done());
            }
        }
        each(Gender::ALL);
        each(ClientType::ALL);
        each(PrimarySupportReason::ALL);
        each(ServiceType::ALL);
        each(Specialism::ALL);
        each(Route::ALL);
        each(RequestOutcome::ALL);
        each(DelayReason::ALL);
        each(EndReason::ALL);
        each(Delivery::ALL);
        each(OoaReason::ALL);
        each(ReviewKind::ALL);
    }

    #[test]
    fn an_unknown_word_is_an_error() {
        let mut r = Reader::new(&[200], "");
        let e = Delivery::take(&mut r).unwrap_err();
        assert!(e.0.contains("word 200"), "{e:?}");
    }

    #[test]
    fn long_text_and_a_bad_id_read_back_as_a_table_would() {
        let mut w = Writer::default();
        let long = "é".repeat(200);
        long.put(&mut w);
        "has;semicolon".to_string().put(&mut w);
        let text = std::str::from_utf8(&w.text).unwrap();
        let mut r = Reader::new(&w.bytes, text);
        assert_eq!(String::take(&mut r).unwrap(), long);
        // An ID is checked as when it is read from a table.
        assert!(PersonId::take(&mut r).is_err());
    }

    #[test]
    fn a_shape_names_each_field_and_its_type() {
        let shape = Placement::shape();
        assert!(shape.starts_with("Placement { placement_id: "), "{shape}");
        assert!(
            shape.contains("end_date: core::option::Option<chrono::naive::date::NaiveDate>"),
            "{shape}"
        );
        assert!(shape.contains("interim: bool"), "{shape}");
    }
}
