//! Inline suppressions, read from the comments: `# scopec: allow(L0007, mixed-naming) the
//! reason`. A comment on its own line applies to the next line of code; a comment after
//! code applies to its own line. What a suppression names is checked by validation
//! (`E0501`); the lint stage applies the valid ones.

use super::ast::{Comment, Malformed, Suppression};
use crate::diagnostic::position::LineIndex;

const MARKER: &str = "scopec:";

/// Every comment that is a suppression (well-formed or not), in source order.
pub(crate) fn suppressions(comments: &[Comment], source: &str) -> Vec<Suppression> {
    let index = LineIndex::new(source);
    let mut out = Vec::new();
    let mut next_code = NextCodeLine::new(source);
    for c in comments {
        let body = c.text.trim_start_matches('#').trim_start();
        let Some(rest) = body.strip_prefix(MARKER) else { continue };
        let (line, _) = index.line_col(c.span.start);
        let line_start = source.get(..c.span.start).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let own_line = source.get(line_start..c.span.start).is_some_and(|s| s.trim().is_empty());
        let applies_to = if own_line { next_code.after(line) } else { line };
        let mut s =
            Suppression { span: c.span, rules: Vec::new(), reason: String::new(), line: applies_to, malformed: None };
        match rest.trim_start().strip_prefix("allow(") {
            None => s.malformed = Some(Malformed::NotAllow),
            Some(args) => match args.find(')') {
                None => s.malformed = Some(Malformed::Unclosed),
                Some(close) => {
                    s.rules =
                        args[..close].split(',').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect();
                    s.reason = args[close + 1..].trim().to_string();
                }
            },
        }
        out.push(s);
    }
    out
}

/// The first line after a given one that holds something other than a comment, found
/// in one forward pass over the source for all suppressions (they come in source order).
struct NextCodeLine<'a> {
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    /// The last code line found and the line it was found after.
    found: Option<(usize, usize)>,
}

impl<'a> NextCodeLine<'a> {
    fn new(source: &'a str) -> Self {
        NextCodeLine { lines: source.lines().enumerate(), found: None }
    }

    fn after(&mut self, line: usize) -> usize {
        if let Some((code, _)) = self.found.filter(|(code, _)| *code > line) {
            return code;
        }
        for (i, text) in self.lines.by_ref() {
            let t = text.trim();
            if i + 1 > line && !t.is_empty() && !t.starts_with('#') {
                self.found = Some((i + 1, line));
                return i + 1;
            }
        }
        line + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn comments(source: &str) -> Vec<Comment> {
        source
            .match_indices('#')
            .map(|(i, _)| {
                let end = source[i..].find('\n').map_or(source.len(), |n| i + n);
                Comment { text: source[i..end].to_string(), span: Span::new(i, end) }
            })
            .collect()
    }

    #[test]
    fn lines_reasons_and_shapes() {
        let src = "# scopec: allow(L0007, mixed-naming) fine\n\n# other\nGET / x # scopec: allow(L0001) here\n# scopec: nope\n# scopec: allow(L1\n";
        let s = suppressions(&comments(src), src);
        assert_eq!(s.len(), 4);
        assert_eq!(
            (s[0].line, s[0].rules.clone(), s[0].reason.as_str()),
            (4, vec!["L0007".into(), "mixed-naming".into()], "fine")
        );
        assert_eq!((s[1].line, s[1].reason.as_str()), (4, "here"));
        assert_eq!(s[2].malformed, Some(Malformed::NotAllow));
        assert_eq!(s[3].malformed, Some(Malformed::Unclosed));
    }
}
