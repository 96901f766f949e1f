//! Stage 3: the validated model to files.

pub mod markdown;
pub mod openapi;
pub mod rust;
