//! LSP positions (line, UTF-16 code unit) and byte offsets, both ways.
//!
//! Clients count columns in UTF-16 code units (the protocol's default encoding); scopec's
//! spans are byte offsets. A position past the end of its line is the line's end; a line
//! past the end of the text is the text's end; an offset inside a character is that
//! character's start. No conversion fails.

use lsp_types::{Position, Range};

use crate::diagnostic::Span;

/// The start of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// The index of `text`: lines end at `\n`, `\r\n` or a lone `\r` (the protocol's
    /// line terminators; scopec's grammar reads a lone `\r` as a line break too).
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex { starts, len: text.len() }
    }

    /// The byte offset of an LSP position in `text` (the text this index was built from).
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.len;
        };
        let end = self.starts.get(position.line as usize + 1).map_or(self.len, |next| next - 1);
        let line = text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.strip_suffix('\n').unwrap_or(line);
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        start + line.len()
    }

    /// The LSP position of a byte offset in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len);
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = text.get(start..offset).map_or(0, |s| s.chars().map(char::len_utf16).sum::<usize>());
        Position { line: line as u32, character: character as u32 }
    }

    /// The LSP range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range { start: self.position(text, span.start), end: self.position(text, span.end.max(span.start)) }
    }

    /// The span of an LSP range.
    pub fn span(&self, text: &str, range: Range) -> Span {
        let (a, b) = (self.offset(text, range.start), self.offset(text, range.end));
        Span::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_columns_and_clamping() {
        // "é" is one UTF-16 unit and two bytes; "𝄞" is two units and four bytes.
        let text = "ab\r\né𝄞x\nlast";
        let ix = LineIndex::new(text);
        assert_eq!(ix.offset(text, pos(1, 0)), 4);
        assert_eq!(ix.offset(text, pos(1, 1)), 6);
        assert_eq!(ix.offset(text, pos(1, 3)), 10);
        assert_eq!(ix.offset(text, pos(1, 2)), 10, "inside a surrogate pair: the character's end");
        assert_eq!(ix.offset(text, pos(0, 99)), 2, "past the line's end (before its CR)");
        assert_eq!(ix.offset(text, pos(9, 0)), text.len(), "past the last line");
        assert_eq!(ix.position(text, 10), pos(1, 3));
        assert_eq!(ix.position(text, 5), pos(1, 0), "inside a character: its start");
        assert_eq!(ix.position(text, 999), pos(2, 4));
        for offset in [0, 4, 6, 10, 11, 12, text.len()] {
            assert_eq!(ix.offset(text, ix.position(text, offset)), offset);
        }
        // A lone CR ends a line, as the protocol says.
        let text = "a\rbc\r\nd";
        let ix = LineIndex::new(text);
        assert_eq!((ix.position(text, 2), ix.position(text, 6)), (pos(1, 0), pos(2, 0)));
        assert_eq!((ix.offset(text, pos(0, 5)), ix.offset(text, pos(1, 9))), (1, 4));
    }
}
