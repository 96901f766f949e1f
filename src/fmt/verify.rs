//! The formatter's guard: the formatted text must read back as the same tree, with the same
//! comments, before it is handed out.

use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::ast::File;

/// Checks that `formatted` parses to `original`'s tree (spans aside) and comments.
pub(super) fn same(original: &File, formatted: &str) -> Result<(), Box<Diagnostic>> {
    let fail = |what: &str| {
        Box::new(Diagnostic::internal(
            Span::new(0, 0),
            format!("the formatter would change {what}; the file is left as it is (please report this)"),
        ))
    };
    let parsed = crate::syntax::parse(formatted);
    let Some(file) = parsed.file.filter(|_| parsed.diagnostics.is_empty()) else {
        return Err(fail("the file into one that does not parse"));
    };
    if shape(original) != shape(&file) {
        return Err(fail("the meaning of the file"));
    }
    let texts = |f: &File| f.comments.iter().map(|c| c.text.trim_end().to_string()).collect::<Vec<_>>();
    if texts(original) != texts(&file) {
        return Err(fail("its comments"));
    }
    Ok(())
}

/// The tree's debug text with every span blanked out.
fn shape(file: &File) -> String {
    let text = format!("{:?}", file.items);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.find('}') {
            Some(close) => {
                out.push('_');
                rest = &rest[close + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}
