//! The text of a statement's parts: tokens as written (strings keep their escapes, scope
//! names their quotes), with one space between them and canonical parentheses.

use crate::diagnostic::Span;
use crate::syntax::ast::{Expr, Requirement, Scheme, ScopeName, Text, Word};

/// The source being formatted.
pub(super) struct Src<'a> {
    pub text: &'a str,
    /// The comments' spans, in source order.
    pub comments: Vec<Span>,
}

impl<'a> Src<'a> {
    /// The source of a span (a single token, so no comment can be inside it).
    pub fn of(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    pub fn text(&self, t: &Text) -> &'a str {
        self.of(t.span)
    }

    pub fn word(&self, w: &Word) -> &'a str {
        self.of(w.span)
    }

    pub fn scope(&self, s: &ScopeName) -> &'a str {
        self.of(s.span)
    }

    /// `a, b, c`
    pub fn scopes(&self, names: &[ScopeName]) -> String {
        names.iter().map(|n| self.scope(n)).collect::<Vec<_>>().join(", ")
    }

    /// `a, b, c`
    pub fn words(&self, words: &[Word]) -> String {
        words.iter().map(|w| self.word(w)).collect::<Vec<_>>().join(", ")
    }

    /// `public`, `authenticated` or an expression.
    pub fn requirement(&self, r: &Requirement) -> String {
        match r {
            Requirement::Public(_) => "public".to_string(),
            Requirement::Authenticated(_) => "authenticated".to_string(),
            Requirement::Expr(e) => self.expr(e),
        }
    }

    /// A scope expression. An `&` chain inside a `|` chain is always parenthesized (it
    /// binds tighter anyway; the parentheses say so); other parentheses are kept exactly
    /// where the tree needs them, so the expression reads back as the same tree.
    pub fn expr(&self, e: &Expr) -> String {
        let mut out = String::new();
        self.expr_into(e, None, true, &mut out);
        out
    }

    fn expr_into(&self, e: &Expr, parent_or: Option<bool>, first: bool, out: &mut String) {
        let (xs, or) = match e {
            Expr::Scope(s) => {
                out.push_str(self.scope(s));
                return;
            }
            Expr::Kind(w) => {
                out.push_str("kind ");
                out.push_str(&w.text);
                return;
            }
            Expr::Or(xs, _) => (xs, true),
            Expr::And(xs, _) => (xs, false),
        };
        // Under the other operator: always; under the same one: unless first (the parser
        // folds a leading chain of the same operator into its parent).
        let parens = parent_or.is_some_and(|p| p != or || !first);
        if parens {
            out.push('(');
        }
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                out.push_str(if or { " | " } else { " & " });
            }
            self.expr_into(x, Some(or), i == 0, out);
        }
        if parens {
            out.push(')');
        }
    }

    /// `bearer`, `header "X-API-Key"` or `query "api_key"`.
    pub fn scheme(&self, s: &Scheme) -> String {
        match s {
            Scheme::Bearer => "bearer".to_string(),
            Scheme::Header(t) => format!("header {}", self.text(t)),
            Scheme::Query(t) => format!("query {}", self.text(t)),
        }
    }

    /// Joins the non-empty parts with single spaces.
    pub fn spaced(parts: &[&str]) -> String {
        parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ")
    }

    /// The end of the last token at or before `end`, past whitespace and comments (some
    /// tree spans run on over the comments after a statement).
    pub fn token_end(&self, end: usize) -> usize {
        self.back_over_trivia(end)
    }

    /// Moves back from `at` over whitespace and whole comments.
    fn back_over_trivia(&self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = at;
        loop {
            while i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_whitespace) {
                i -= 1;
            }
            match self.comments.binary_search_by_key(&i, |c| c.end) {
                Ok(k) if i > 0 => i = self.comments[k].start,
                _ => return i,
            }
        }
    }

    /// Where the keyword before a value starts (the tree keeps only the value's span for
    /// `note`, `version`, `trace` and the like), looking back past whitespace and comments.
    pub fn keyword_start(&self, value_start: usize, keyword: &str) -> usize {
        let i = self.back_over_trivia(value_start);
        match self.text.get(..i) {
            Some(before) if before.ends_with(keyword) => i - keyword.len(),
            _ => value_start,
        }
    }

    /// The offset just after the `{` that opens a block, searching from `from` past
    /// whitespace, closing parentheses and comments; `from` itself when there is none (the caller's row then
    /// simply ends there).
    pub fn open_brace(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = from;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'{' => return i + 1,
                // `)` closes a requirement whose tree span ends inside the parentheses.
                b' ' | b'\t' | b'\r' | b'\n' | b')' => i += 1,
                b'#' => {
                    while bytes.get(i).is_some_and(|&c| c != b'\n') {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        from
    }
}
