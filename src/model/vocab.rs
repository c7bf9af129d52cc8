//! The crate's vocabulary: every named value (criterion values, criteria, service lines,
//! verdicts, …) is declared once with [`vocabulary!`], which derives from that one list the
//! `ALL` and `NAMES` tables, `name`, `Display`, `FromStr` and serde.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Visitor};

use crate::error::{Detail, Error, ErrorKind};

/// Declares a public enum of named values.
///
/// ```text
/// vocabulary! {
///     /// Docs of the enum.
///     pub enum Office as "office" {
///         /// Docs of the variant.
///         Front = "front",
///         Back = "back",
///     }
/// }
/// ```
///
/// `as "office"` names the vocabulary in error messages (`office: unknown value "x" (…)`).
/// With `as "kind" with labels`, each variant is written `Variant = "name", "label";` and the
/// enum also gets `LABELS` and `label`.
///
/// The enum gets `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`, `PartialOrd`, `Ord`;
/// the inherent `ALL`, `NAMES` and `name`; `Display` (the name, padded); `FromStr` (the
/// exact name, else an [`Error`] of kind [`Profile`](ErrorKind::Profile) with a suggestion
/// and the accepted names); and serde as the name string.
macro_rules! vocabulary {
    (
        $(#[$attr:meta])*
        pub enum $ty:ident as $kind:literal with labels {
            $( $(#[$vattr:meta])* $variant:ident = $name:literal, $label:literal; )+
        }
    ) => {
        $crate::model::vocab::vocabulary! {
            $(#[$attr])*
            pub enum $ty as $kind {
                $( $(#[$vattr])* $variant = $name, )+
            }
        }

        impl $ty {
            /// The human labels of [`Self::ALL`], in the same order.
            pub const LABELS: [&'static str; Self::ALL.len()] = [$($label),+];

            /// A short human label.
            #[must_use]
            pub const fn label(self) -> &'static str {
                Self::LABELS[self as usize]
            }
        }
    };
    (
        $(#[$attr:meta])*
        pub enum $ty:ident as $kind:literal {
            $( $(#[$vattr:meta])* $variant:ident = $name:literal, )+
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $ty {
            $( $(#[$vattr])* $variant, )+
        }

        impl $ty {
            /// What the values are values of, in error messages: the field name for the
            /// values of a profile field.
            pub(crate) const KIND: &'static str = $kind;

            /// Every value, in order.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The names of [`Self::ALL`], in the same order, as in JSON and TOML.
            pub const NAMES: [&'static str; Self::ALL.len()] = [$($name),+];

            /// The name, as in JSON and TOML (snake_case).
            #[must_use]
            pub const fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }
        }

        $crate::model::vocab::named_traits!($ty);
    };
}

/// Implements `Display`, `FromStr` and serde for a type with inherent `ALL`, `NAMES`, `KIND`
/// and `name`.
macro_rules! named_traits {
    ($ty:ty) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.name())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::Error;

            fn from_str(text: &str) -> ::std::result::Result<Self, $crate::Error> {
                $crate::model::vocab::parse(text, <$ty>::KIND, &<$ty>::ALL, &<$ty>::NAMES)
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                deserializer.deserialize_str($crate::model::vocab::NameVisitor::new(&<$ty>::NAMES))
            }
        }
    };
}

pub(crate) use {named_traits, vocabulary};

/// The value named `found`, or an error naming the vocabulary and listing the names.
pub(crate) fn parse<T: Copy>(
    found: &str,
    kind: &'static str,
    all: &[T],
    names: &[&'static str],
) -> Result<T, Error> {
    names
        .iter()
        .position(|name| *name == found)
        .and_then(|i| all.get(i).copied())
        .ok_or_else(|| unknown_value(kind, found, names))
}

/// `kind: unknown value "found" (expected one of: …)`, with a suggestion for a likely typo.
pub(crate) fn unknown_value(kind: &str, found: &str, expected: &[&'static str]) -> Error {
    Error::new(
        ErrorKind::Profile,
        Detail::Unknown {
            what: "value".into(),
            found: found.to_owned(),
            expected: expected.to_vec(),
        },
    )
    .context(kind)
}

/// Deserializes a named value from a string through its `FromStr`.
pub(crate) struct NameVisitor<T> {
    names: &'static [&'static str],
    value: PhantomData<T>,
}

impl<T> NameVisitor<T> {
    pub(crate) fn new(names: &'static [&'static str]) -> Self {
        NameVisitor {
            names,
            value: PhantomData,
        }
    }
}

impl<T: FromStr<Err = Error>> Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of: {}", self.names.join(", "))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}
