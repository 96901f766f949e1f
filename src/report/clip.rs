//! The source as codespan-reporting sees it for one diagnostic: long lines clipped to a
//! window around the diagnostic's labels, so that a report costs the size of what it
//! points at, not of the line (a 10,000-operand requirement on one line, with an error
//! at every operand, would otherwise print the whole line 10,000 times). Line and column
//! numbers are those of the whole line.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Lines longer than this (in bytes) are clipped.
const LONG_LINE: usize = 240;
/// Bytes kept on each side of the labels of a clipped line.
const MARGIN: usize = 80;

/// A file's line starts, computed once per file.
pub struct Lines<'a> {
    name: &'a str,
    source: &'a str,
    starts: Vec<usize>,
    /// Whether each line is ASCII, so that a column is a byte difference (counting the
    /// characters before a label at every diagnostic of a long line was quadratic).
    ascii: Vec<bool>,
}

impl<'a> Lines<'a> {
    pub fn new(name: &'a str, source: &'a str) -> Self {
        let starts: Vec<usize> = codespan_reporting::files::line_starts(source).collect();
        let ascii = (0..starts.len())
            .map(|i| source[starts[i]..starts.get(i + 1).copied().unwrap_or(source.len())].is_ascii())
            .collect();
        Lines { name, source, starts, ascii }
    }

    fn index(&self, byte: usize) -> usize {
        self.starts.binary_search(&byte).unwrap_or_else(|next| next.saturating_sub(1))
    }

    fn full(&self, line: usize) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.source.len());
        let end = self.starts.get(line + 1).copied().unwrap_or(self.source.len());
        // Without the line break.
        let text = &self.source[start..end];
        start..start + text.trim_end_matches(['\n', '\r']).len()
    }

    /// The view of the file for a diagnostic whose labels cover `ranges`.
    pub fn clipped(&'a self, ranges: &[Range<usize>]) -> Clipped<'a> {
        let mut windows: Vec<(usize, Range<usize>)> = Vec::new();
        for r in ranges {
            for (line, at) in [(self.index(r.start), r.start), (self.index(r.end), r.end)] {
                let full = self.full(line);
                if full.len() <= LONG_LINE {
                    continue;
                }
                // The part of the label on this line, with margins.
                let lo = if self.index(r.start) == line { r.start } else { full.start };
                let hi = if self.index(r.end) == line { r.end.max(at) } else { full.end };
                let w = self.snap(lo.saturating_sub(MARGIN).max(full.start))..self.snap((hi + MARGIN).min(full.end));
                match windows.iter_mut().find(|(l, _)| *l == line) {
                    Some((_, old)) => *old = old.start.min(w.start)..old.end.max(w.end),
                    None => windows.push((line, w)),
                }
            }
        }
        Clipped { lines: self, windows }
    }

    fn snap(&self, mut i: usize) -> usize {
        while i > 0 && !self.source.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// One diagnostic's view of a file.
pub struct Clipped<'a> {
    lines: &'a Lines<'a>,
    windows: Vec<(usize, Range<usize>)>,
}

impl<'a> Files<'a> for Clipped<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.lines.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.lines.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.lines.index(byte_index))
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let full = self.lines.full(line_index);
        if self.lines.ascii.get(line_index).copied().unwrap_or(false) {
            return Ok(byte_index.clamp(full.start, full.end) - full.start + 1);
        }
        Ok(codespan_reporting::files::column_index(self.lines.source, full, byte_index) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        if line_index >= self.lines.starts.len() {
            return Err(Error::LineTooLarge { given: line_index, max: self.lines.starts.len().saturating_sub(1) });
        }
        let full = self.lines.full(line_index);
        Ok(match self.windows.iter().find(|(l, _)| *l == line_index) {
            Some((_, w)) => w.clone(),
            None if full.len() > LONG_LINE => {
                // A context line of no label: its start only.
                full.start..self.lines.snap(full.start + LONG_LINE)
            }
            None => full.start..self.lines.starts.get(line_index + 1).copied().unwrap_or(self.lines.source.len()),
        })
    }
}
