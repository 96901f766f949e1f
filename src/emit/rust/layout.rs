//! Laying the module out with prettyplease a bounded piece at a time. A table with a row
//! per scope or endpoint is one item the size of the policy; as one syntax tree it held
//! gigabytes of tokens at 100,000 rows, and the time went to the memory. A [`List`] is laid
//! out as its item with a few rows at a time between two marker rows, and the rows' lines
//! are spliced into the item's frame: prettyplease lays out a broken list one row per
//! line, each row by itself, so the text is the same as the whole item's.

use proc_macro2::{Ident, TokenStream};

use super::EmitError;
use crate::diagnostic::Span;

/// Rows laid out at once.
const CHUNK: usize = 256;

/// One piece of a section: items as tokens, or an item with a row per element.
pub enum Part<'a> {
    Items(TokenStream),
    List(List<'a>),
}

impl From<TokenStream> for Part<'_> {
    fn from(tokens: TokenStream) -> Self {
        Part::Items(tokens)
    }
}

/// The kind of row a list holds: what a marker row looks like.
#[derive(Clone, Copy)]
pub enum Row {
    /// An array element or an enum variant (`NAME,`).
    Element,
    /// A match arm (`NAME => 0,`).
    Arm,
}

/// Builds an item from its laid-out rows.
type ItemFn<'a> = Box<dyn Fn(&[TokenStream]) -> TokenStream + 'a>;

/// An item with a list of rows (array elements, enum variants or match arms), each row on
/// its own line in the item's layout.
pub struct List<'a> {
    /// The item, given its rows.
    item: ItemFn<'a>,
    rows: Box<dyn Iterator<Item = TokenStream> + 'a>,
    row: Row,
}

impl<'a> List<'a> {
    pub fn new(
        row: Row,
        rows: impl Iterator<Item = TokenStream> + 'a,
        item: impl Fn(&[TokenStream]) -> TokenStream + 'a,
    ) -> Self {
        List { item: Box::new(item), rows: Box::new(rows), row }
    }
}

fn internal(message: String) -> EmitError {
    EmitError { message: format!("internal: {message}"), span: Span::new(0, 0) }
}

/// Lays out tokens holding whole items, one item at a time (so that they are separated by
/// one blank line each, `first` telling whether one goes before the first).
pub fn items(tokens: TokenStream, first: &mut bool, text: &mut String) -> Result<(), EmitError> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| internal(format!("generated code does not parse: {e}")))?;
    for item in std::mem::take(&mut file.items) {
        if !*first {
            text.push('\n');
        }
        *first = false;
        file.items = vec![item];
        text.push_str(&prettyplease::unparse(&file));
    }
    Ok(())
}

/// The marker rows and the lines they are laid out as (trimmed). A policy's text reaches
/// the layout only inside literals and doc comments, so no other line is one of these.
fn markers(row: Row) -> [(TokenStream, String); 2] {
    // An element longer than a line, so that a list holding only the markers is broken
    // into lines; an arm short enough to stay on its line (arms are always broken).
    let pad = match row {
        Row::Element => 80,
        Row::Arm => 0,
    };
    let name = |end: &str| format!("__scopec_layout_{end}_{}", "x".repeat(pad));
    [name("begin"), name("end")].map(|name| {
        let ident = Ident::new(&name, proc_macro2::Span::call_site());
        match row {
            Row::Element => (quote::quote!(#ident), format!("{name},")),
            Row::Arm => (quote::quote!(#ident => 0), format!("{name} => 0,")),
        }
    })
}

/// The lines of `text` strictly between the lines that are `begin` and `end`, and the
/// text before and after those two lines.
fn split<'t>(text: &'t str, begin: &str, end: &str) -> Result<(&'t str, &'t str, &'t str), EmitError> {
    let mut offset = 0;
    let (mut start, mut stop) = (None, None);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if start.is_none() && trimmed == begin {
            start = Some((offset, offset + line.len()));
        } else if start.is_some() && trimmed == end {
            stop = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    match (start, stop) {
        (Some((b0, b1)), Some((e0, e1))) => Ok((&text[..b0], &text[b1..e0], &text[e1..])),
        _ => Err(internal("a table's marker rows are not laid out one per line".to_string())),
    }
}

fn unparse(tokens: TokenStream) -> Result<String, EmitError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| internal(format!("generated code does not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

/// Lays out a list item: whole when its rows fit one chunk, else row chunk by row chunk
/// in the frame of the item laid out with the marker rows alone.
pub fn list(mut list: List<'_>, first: &mut bool, text: &mut String) -> Result<(), EmitError> {
    if !*first {
        text.push('\n');
    }
    *first = false;
    let mut chunk: Vec<TokenStream> = list.rows.by_ref().take(CHUNK + 1).collect();
    if chunk.len() <= CHUNK {
        text.push_str(&unparse((list.item)(&chunk))?);
        return Ok(());
    }
    let [(begin, begin_line), (end, end_line)] = markers(list.row);
    let frame = unparse((list.item)(&[begin.clone(), end.clone()]))?;
    let (before, _, after) = split(&frame, &begin_line, &end_line)?;
    text.push_str(before);
    while !chunk.is_empty() {
        let mut rows = Vec::with_capacity(chunk.len() + 2);
        rows.push(begin.clone());
        rows.append(&mut chunk);
        rows.push(end.clone());
        let laid = unparse((list.item)(&rows))?;
        drop(rows);
        text.push_str(split(&laid, &begin_line, &end_line)?.1);
        chunk = list.rows.by_ref().take(CHUNK).collect();
    }
    text.push_str(after);
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn whole(tokens: TokenStream) -> String {
        let mut text = String::new();
        items(tokens, &mut true, &mut text).map(|()| text).unwrap_or_default()
    }

    fn chunked(list: List<'_>) -> String {
        let mut text = String::new();
        super::list(list, &mut true, &mut text).map(|()| text).unwrap_or_default()
    }

    #[test]
    fn a_chunked_array_is_laid_out_as_the_whole_one() {
        let n = 3 * CHUNK + 7;
        let rows = || {
            (0..n).map(|i| {
                let s = format!("{i} {}", "y".repeat(i % 120));
                quote!(Row { name: #s, more: &[1, 2, 3] })
            })
        };
        let all: Vec<TokenStream> = rows().collect();
        let expected = whole(quote!(static T: [Row; 1] = [#(#all),*];));
        let got = chunked(List::new(Row::Element, rows(), |rows| quote!(static T: [Row; 1] = [#(#rows),*];)));
        assert!(expected.lines().count() > n);
        assert_eq!(got, expected);
    }

    #[test]
    fn chunked_arms_and_variants_are_laid_out_as_the_whole_ones() {
        let n = 2 * CHUNK + 1;
        let arms = || {
            (0..n).map(|i| {
                let s = format!("s{i}");
                quote!(#s => Some(#i))
            })
        };
        let all: Vec<TokenStream> = arms().collect();
        let expected = whole(quote!(fn f(n: &str) -> Option<usize> { match n { #(#all,)* _ => None, } }));
        let got = chunked(List::new(
            Row::Arm,
            arms(),
            |rows| quote!(fn f(n: &str) -> Option<usize> { match n { #(#rows,)* _ => None, } }),
        ));
        assert_eq!(got, expected);
        let variants = || {
            (0..n).map(|i| {
                let v = Ident::new(&format!("V{i}"), proc_macro2::Span::call_site());
                let d = format!(" `v{i}`");
                quote!(#[doc = #d] #v)
            })
        };
        let all: Vec<TokenStream> = variants().collect();
        let expected = whole(quote!(pub enum E { #(#all,)* }));
        let got = chunked(List::new(Row::Element, variants(), |rows| quote!(pub enum E { #(#rows,)* })));
        assert_eq!(got, expected);
    }

    #[test]
    fn a_short_list_is_laid_out_whole() {
        let got = chunked(List::new(
            Row::Element,
            (0..3u8).map(|i| quote!(#i)),
            |rows| quote!(const A: [u8; 3] = [#(#rows),*];),
        ));
        assert_eq!(got, "const A: [u8; 3] = [0u8, 1u8, 2u8];\n");
    }
}
