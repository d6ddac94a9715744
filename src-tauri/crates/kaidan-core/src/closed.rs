//! Closed types: enums with one text form per value, the same in SQLite, JSON and TypeScript
//! (ts-rs reads the serde names). Text from the database that is none of them is an error
//! (`Problem::UnknownStored`, reported by the command that reads it and by `kaidan check`),
//! never a default.

/// A closed set of values, each with one text form.
pub trait Closed: Sized + Copy + Eq + 'static {
    /// Where the values are stored (`table.column`): names the column in a refusal and in
    /// `kaidan check`'s report.
    const STORED_IN: &'static str;
    /// Every value, in the order a list shows them.
    fn all() -> &'static [Self];
    /// The one text form: stored, printed in JSON, typed in TypeScript.
    fn as_str(self) -> &'static str;
    /// The value whose text form is exactly `text`.
    fn from_stored(text: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.as_str() == text)
    }
    /// The value stored as `text`, or the refusal that names the column and the text.
    fn read_stored(text: &str) -> Result<Self, crate::Problem> {
        Self::from_stored(text).ok_or_else(|| crate::Problem::UnknownStored { column: Self::STORED_IN.into(), value: text.into() })
    }
}

/// Declares a closed enum: `closed_enum! { /// doc  pub enum Name in "table.column" { A = "a", B = "b" } }`
/// gives the enum (serde and ts-rs use the texts), `ALL`, `as_str`, `Display` and [`Closed`].
#[macro_export]
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $stored:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in the order a list shows them.
            pub const ALL: [Self; [$($text),+].len()] = [$(Self::$variant),+];

            /// The one text form: stored, printed in JSON, typed in TypeScript.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl $crate::closed::Closed for $name {
            const STORED_IN: &'static str = $stored;
            fn all() -> &'static [Self] {
                &Self::ALL
            }
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        /// A value equals its text form (`status == "draft"`).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Closed;

    closed_enum! {
        /// A test enum.
        pub enum Fruit in "basket.fruit" {
            Apple = "apple",
            /// Doc on a variant.
            RedPear = "red_pear",
        }
    }

    #[test]
    fn one_text_each_way() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::RedPear]);
        for f in Fruit::ALL {
            assert_eq!(Fruit::from_stored(f.as_str()), Some(f));
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{f}\""));
        }
        assert_eq!(Fruit::from_stored("Apple"), None);
        assert_eq!(
            Fruit::read_stored("pear").unwrap_err(),
            crate::Problem::UnknownStored { column: "basket.fruit".into(), value: "pear".into() }
        );
    }
}
