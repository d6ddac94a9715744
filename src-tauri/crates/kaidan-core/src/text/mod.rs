//! The catalogue: every word and message Kaidan's Rust side shows a person, in zh-CN and English,
//! in one place with one wording — errors ([`problems`]), the shop's vocabulary that the window
//! and the documents share ([`vocab`]).

pub mod problems;
pub mod vocab;

pub use vocab::{capitalized, Word};
