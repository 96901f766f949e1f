//! Path patterns: literal segments, `{param}` segments and a trailing `{rest*}`.

use std::fmt;

/// One segment of a path pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// Matches exactly this text.
    Literal(String),
    /// Matches any one non-empty segment.
    Param(String),
    /// Matches one or more segments, slashes included; always last.
    CatchAll(String),
}

/// A full path pattern (api base included).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pattern {
    pub segments: Vec<Segment>,
    /// `/pharmacy_orders/`: the pattern ends with a slash and matches only paths that do.
    pub trailing_slash: bool,
}

impl Pattern {
    /// The names of the pattern's parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(n) | Segment::CatchAll(n) => Some(n.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// The pattern with parameter names erased: two patterns with the same shape match
    /// exactly the same paths with the same precedence.
    pub fn shape(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            out.push('/');
            match s {
                Segment::Literal(l) => out.push_str(l),
                Segment::Param(_) => out.push_str("{}"),
                Segment::CatchAll(_) => out.push_str("{*}"),
            }
        }
        if self.trailing_slash || self.segments.is_empty() {
            out.push('/');
        }
        out
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.segments {
            match s {
                Segment::Literal(l) => write!(f, "/{l}")?,
                Segment::Param(n) => write!(f, "/{{{n}}}")?,
                Segment::CatchAll(n) => write!(f, "/{{{n}*}}")?,
            }
        }
        if self.trailing_slash || self.segments.is_empty() {
            write!(f, "/")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_round_trips_the_written_form() {
        let p = Pattern {
            segments: vec![
                Segment::Literal("v1".into()),
                Segment::Param("uid".into()),
                Segment::CatchAll("rest".into()),
            ],
            trailing_slash: false,
        };
        assert_eq!(p.to_string(), "/v1/{uid}/{rest*}");
        assert_eq!(p.shape(), "/v1/{}/{*}");
        assert_eq!(Pattern::default().to_string(), "/");
    }
}
