//! The catalogue: every word and message Kaidan's Rust side shows a person, in zh-CN and English,
//! in one place with one wording — errors ([`problems`]), the command line's words ([`cli`]), the shop's vocabulary that the window
//! and the documents share ([`vocab`]), the printed documents' words ([`documents`]).

/// Methods on a words struct (`struct X { lang }`), one per word: `name: "中文", "English";`.
macro_rules! words {
    ($ty:ident { $($name:ident: $zh:expr, $en:expr;)* }) => {
        impl $ty {
            $(pub fn $name(&self) -> &'static str {
                match self.lang {
                    crate::Lang::ZhCn => $zh,
                    crate::Lang::En => $en,
                }
            })*
        }
    };
}
pub(crate) use words;

pub mod cli;
pub mod documents;
pub mod problems;
pub mod sheet;
pub mod vocab;

pub use vocab::{capitalized, Word};
