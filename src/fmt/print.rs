//! Printing the layout tree: alignment runs, line breaking of tails, blank lines and
//! comments.
//!
//! Comments are placed while printing, in one forward pass over them: before each printed
//! line go the comments that precede its last token (own-line comments stay where they
//! were; a comment that sat between tokens the formatter joins onto one line moves just
//! above that line, where a suppression in it still applies to the same tokens); after it,
//! a comment that followed its last token on the same source line stays there.

use super::layout::{Block, Kind, Node, Row};
use super::text::Src;
use crate::syntax::ast::Comment;

/// The width a row's tail may fill before it breaks onto continuation lines.
pub(super) const WIDTH: usize = 100;

const INDENT: &str = "    ";

/// Whether a blank line goes before the next thing printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Blank {
    /// As in the source (at most one).
    Source,
    Always,
    Never,
}

struct Printer<'s, 'c> {
    src: &'s Src<'s>,
    comments: &'c [Comment],
    /// The first comment not printed yet.
    next: usize,
    out: String,
    /// What the structure says about a blank line before the next thing printed.
    pending: Blank,
}

/// Prints a file's top-level nodes and its comments.
pub(super) fn file(src: &Src<'_>, nodes: &[Node], comments: &[Comment]) -> String {
    let mut p = Printer { src, comments, next: 0, out: String::new(), pending: Blank::Never };
    p.nodes(nodes, 0, true);
    // Comments after the last item.
    if nodes.last().is_some_and(|n| matches!(n, Node::Block(_))) {
        p.pending = Blank::Always;
    }
    while p.next < comments.len() {
        p.comment(0, true);
    }
    p.out
}

/// Whether the source between two offsets holds a blank line.
fn has_blank_line(between: &str) -> bool {
    let mut lines = between.split('\n');
    lines.next();
    let mut rest: Vec<&str> = lines.collect();
    rest.pop();
    rest.iter().any(|l| l.trim().is_empty())
}

impl Printer<'_, '_> {
    /// Whether the source has a blank line right before `at` (between it and the token or
    /// comment before it).
    fn source_blank(&self, at: usize) -> bool {
        let before = self.src.text.get(..at).unwrap_or("");
        let gap = &before[before.trim_end().len()..];
        gap.matches('\n').count() >= 2
    }

    /// Takes the structure's word on the blank line before the next thing printed.
    fn blank_before(&mut self, source: bool) {
        let blank = match std::mem::replace(&mut self.pending, Blank::Source) {
            Blank::Always => true,
            Blank::Never => false,
            Blank::Source => source,
        };
        if blank && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str(INDENT);
        }
    }

    /// Prints the next comment on its own line.
    fn comment(&mut self, level: usize, own_blank: bool) {
        let Some(c) = self.comments.get(self.next) else { return };
        self.next += 1;
        let source = own_blank && self.source_blank(c.span.start);
        self.blank_before(source);
        self.indent(level);
        self.out.push_str(c.text.trim_end());
        self.out.push('\n');
    }

    /// Prints one line whose tokens span `start..end`, with the comments that belong
    /// before and after it.
    fn line(&mut self, level: usize, comment_level: usize, text: &str, start: usize, end: usize) {
        let end = self.src.token_end(end).max(start);
        // Never a blank line before a closing brace.
        let own_blank = text != "}" && self.source_blank(start);
        while self.comments.get(self.next).is_some_and(|c| c.span.start < start) {
            self.comment(comment_level, true);
        }
        // The line's own blank line goes above the comments moved out of it.
        if text == "}" && self.pending == Blank::Source {
            self.pending = Blank::Never;
        }
        self.blank_before(own_blank);
        while self.comments.get(self.next).is_some_and(|c| c.span.start < end) {
            self.comment(comment_level, false);
        }
        self.indent(level);
        self.out.push_str(text.trim_end());
        if let Some(k) = self.trailing_comment(end) {
            self.out.push(' ');
            self.out.push_str(self.comments[k].text.trim_end());
            self.next = k + 1;
        }
        self.out.push('\n');
    }

    /// The comment that follows the token ending at `end` on the same source line, if any.
    fn trailing_comment(&self, end: usize) -> Option<usize> {
        let end = self.src.token_end(end);
        let k = self.next + self.comments[self.next.min(self.comments.len())..].partition_point(|c| c.span.start < end);
        let c = self.comments.get(k)?;
        let gap = self.src.text.get(end..c.span.start)?;
        gap.bytes().all(|b| b == b' ' || b == b'\t').then_some(k)
    }

    /// Prints a list of nodes at one level: rows in alignment runs, blocks with their bodies.
    fn nodes(&mut self, nodes: &[Node], level: usize, top: bool) {
        let mut i = 0;
        while i < nodes.len() {
            if top && i > 0 && (matches!(nodes[i], Node::Block(_)) || matches!(nodes[i - 1], Node::Block(_))) {
                self.pending = Blank::Always;
            }
            match &nodes[i] {
                Node::Block(b) => {
                    self.block(b, level);
                    i += 1;
                }
                Node::Row(first) => {
                    let mut j = i + 1;
                    while let Some(Node::Row(r)) = nodes.get(j) {
                        let gap = self.src.text.get(self.src.token_end(nodes[j - 1].end())..r.start).unwrap_or("");
                        if r.kind != first.kind || first.kind == Kind::Alone || has_blank_line(gap) {
                            break;
                        }
                        j += 1;
                    }
                    let run: Vec<&Row> =
                        nodes[i..j].iter().filter_map(|n| if let Node::Row(r) = n { Some(r) } else { None }).collect();
                    let widths = widths(&run);
                    for row in run {
                        self.row(row, &widths, level);
                    }
                    i = j;
                }
            }
        }
    }

    fn block(&mut self, b: &Block, level: usize) {
        self.row(&b.head, &[], level);
        self.pending = Blank::Never;
        self.nodes(&b.body, level + 1, false);
        self.pending = Blank::Never;
        self.line(level, level + 1, "}", b.close, b.close + 1);
    }

    /// Prints a row: its cells padded to the run's widths, then its tail on the same line
    /// when the line fits in [`WIDTH`], else one piece per continuation line.
    fn row(&mut self, row: &Row, widths: &[usize], level: usize) {
        let head = cells(row, widths);
        if row.tail.is_empty() {
            self.line(level, level, &head, row.start, row.head_end);
            return;
        }
        let pieces: Vec<&str> = row.tail.iter().map(|p| p.text.as_str()).collect();
        let joined = format!("{head} {}", pieces.join(&format!("{} ", row.tail_sep)));
        // A comment after the row's last token stays at the end of the row's one line (a
        // suppression there applies to the whole row, as in the source).
        if level * INDENT.len() + joined.chars().count() <= WIDTH || self.trailing_comment(row.end()).is_some() {
            self.line(level, level, &joined, row.start, row.end());
            return;
        }
        self.line(level, level, &head, row.start, row.head_end);
        let last = row.tail.len() - 1;
        for (k, piece) in row.tail.iter().enumerate() {
            let sep = if k < last { row.tail_sep } else { "" };
            self.line(level + 1, level + 1, &format!("{}{sep}", piece.text), piece.span.start, piece.span.end);
        }
    }
}

/// The width of each column in a run: the widest cell among the rows that have something
/// after it (a row's last cell is never padded).
fn widths(run: &[&Row]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in run {
        let Some(last) = row.cells.iter().rposition(|c| !c.is_empty()) else { continue };
        for (k, cell) in row.cells[..last].iter().enumerate() {
            if widths.len() <= k {
                widths.resize(k + 1, 0);
            }
            widths[k] = widths[k].max(cell.chars().count());
        }
    }
    widths
}

/// A row's cells joined by single spaces, each padded to its column's width; columns
/// empty in the whole run take no room.
fn cells(row: &Row, widths: &[usize]) -> String {
    let Some(last) = row.cells.iter().rposition(|c| !c.is_empty()) else { return String::new() };
    let mut out = String::new();
    for (k, cell) in row.cells[..=last].iter().enumerate() {
        let width = if k < last { widths.get(k).copied().unwrap_or(0) } else { 0 };
        if k < last && width == 0 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(cell);
        if k < last {
            out.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.chars().count())));
        }
    }
    out
}
