//! Stage 3: the validated model to files.

pub mod rust;
