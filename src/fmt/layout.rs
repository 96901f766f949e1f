//! The layout tree: what the formatter prints, before alignment and comments.
//!
//! Each statement becomes a [`Row`] of cells (aligned with the rows of the same kind around
//! it) and an optional tail (scope options, key formats, a long reason) that stays on the
//! row's line when it fits and otherwise gets one continuation line per piece. Blocks
//! (`api`, `group`, `test`, `keys`, `errors`, `policy`, endpoints with a body) hold rows.
//! Every row keeps the byte range of its tokens, which is how comments find their place.

use crate::diagnostic::Span;

/// Which rows align with each other: consecutive rows of one kind, with no blank line
/// between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Meta,
    Scope,
    Alias,
    Bundle,
    Endpoint,
    Case,
    ErrorBody,
    /// Never aligned.
    Alone,
}

/// One statement: aligned cells, then an optional tail.
#[derive(Debug)]
pub(super) struct Row {
    pub kind: Kind,
    /// The aligned parts; an empty cell is a gap (padded when a later cell is not empty).
    pub cells: Vec<String>,
    /// Parts that follow the cells: on the line when it fits, else one line each.
    pub tail: Vec<Piece>,
    /// Printed after every tail piece but the last (`,` between key formats).
    pub tail_sep: &'static str,
    /// Where the row's tokens start.
    pub start: usize,
    /// Where the cells' tokens end (the tail's pieces have their own spans).
    pub head_end: usize,
}

impl Row {
    pub fn new(kind: Kind, cells: Vec<String>, span: Span) -> Row {
        Row { kind, cells, tail: Vec::new(), tail_sep: "", start: span.start, head_end: span.end }
    }

    /// Where the row's tokens end, tail included.
    pub fn end(&self) -> usize {
        self.tail.last().map_or(self.head_end, |p| p.span.end.max(self.head_end))
    }
}

/// A part of a row's tail, with the span of its tokens.
#[derive(Debug)]
pub(super) struct Piece {
    pub text: String,
    pub span: Span,
}

/// A row followed by a braced body.
#[derive(Debug)]
pub(super) struct Block {
    /// The header; its range ends after the `{`.
    pub head: Row,
    pub body: Vec<Node>,
    /// The offset of the closing `}`.
    pub close: usize,
}

#[derive(Debug)]
pub(super) enum Node {
    Row(Row),
    Block(Block),
}

impl Node {
    pub fn start(&self) -> usize {
        match self {
            Node::Row(r) => r.start,
            Node::Block(b) => b.head.start,
        }
    }

    pub fn end(&self) -> usize {
        match self {
            Node::Row(r) => r.end(),
            Node::Block(b) => b.close + 1,
        }
    }
}
